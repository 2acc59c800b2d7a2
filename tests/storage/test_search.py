from desktop.domain.report import Photo, Recommendation, Report
from desktop.storage.search import SearchIndex


def _draft(repo, title, body, caption="", rec=""):
    report = Report.new(title)
    report.chapters[1].text = body
    if caption:
        report.photos = [Photo(file="ab/x.jpg", caption=caption)]
    if rec:
        report.recommendations = [Recommendation("建議一", rec)]
    repo.create(report)
    return report


def test_chinese_search_finds_chapter_with_excerpt(repo):
    a = _draft(repo, "東京考察", "第一天參觀臨海防災公園，了解韌性城市的規劃。")
    _draft(repo, "首爾考察", "參觀智慧路燈。")
    hits = SearchIndex().search("防災公園")
    assert [(h.draft_id, h.field, h.section_id) for h in hits] == [(a.id, "section", a.chapters[1].id)]
    hit = hits[0]
    assert hit.excerpt[hit.match_start:hit.match_start + hit.match_length] == "防災公園"
    assert hit.heading == "過程"


def test_one_and_two_character_searches_work(repo):
    a = _draft(repo, "東京考察", "參觀防災設施。")
    b = _draft(repo, "首爾考察", "參觀智慧路燈。")
    assert {h.draft_id for h in SearchIndex().search("燈")} == {b.id}
    assert {h.draft_id for h in SearchIndex().search("防災")} == {a.id}
    assert {h.draft_id for h in SearchIndex().search("參觀")} == {a.id, b.id}
    assert SearchIndex().search("100%") == []


def test_search_covers_titles_recommendations_and_captions(repo):
    a = _draft(repo, "亞太城市論壇", "", caption="與會代表合影於會場", rec="建議設置體驗館")
    index = SearchIndex()
    assert [h.field for h in index.search("城市論壇")] == ["title"]
    assert [(h.field, h.ref) for h in index.search("合影於")] == [("caption", a.photos[0].id)]
    assert [h.field for h in index.search("體驗館")] == ["recommendation"]


def test_index_follows_edits_and_deletes(repo):
    a = _draft(repo, "報告", "舊的內容文字")
    index = SearchIndex()
    assert index.search("舊的內容")
    a.chapters[1].text = "新的內容文字"
    repo.save(a)
    assert index.pending() == 1  # the save only noted the change
    assert index.search("舊的內容") == []
    assert [h.draft_id for h in index.search("新的內容")] == [a.id]
    repo.save_section_text(a.id, a.chapters[0].id, "快速儲存的目的")
    assert index.search("快速儲存")
    repo.delete(a.id)
    assert index.search("新的內容") == []


def test_quotes_and_operators_are_plain_text(repo):
    _draft(repo, "報告", 'He said "AND OR" NEAR(x)')
    assert len(SearchIndex().search('"AND OR"')) == 1
    assert SearchIndex().search("NEAR(") != []
