"""Search across every draft: the hits and excerpts a user sees for queries of any length."""

import sqlite3
import threading
import time

import pytest

from desktop.domain.blocks import blocks_from_text
from desktop.domain.report import Photo, Recommendation, Report, Section
from desktop.storage.search import LIVE_DRAFTS, BackgroundIndexer, SearchIndex, fold
from tests.engines import sqlite_only

# Chinese prose with no spaces, full-width and ASCII punctuation, Latin words in both cases,
# full-width Latin, digits and symbols: what real reports mix.
TEXTS = (
    "本府應新加坡國家發展部邀請，出席「2018世界城市峰會」(World Cities Summit)；討論智慧城市與韌性。",
    "參觀臨海防災公園，了解防災教育與AI影像辨識的應用，成效達95%以上。",
    "與會代表來自176個城市。建議：設置防災體驗館，並導入5G與ＡＩ技術。",
    'He said "smart city" is A&B, not a/b.\n第二段：市長論壇(Mayors Forum)。',
)


def _draft(repo, title, body, caption="", rec="", summary=""):
    report = Report.new(title)
    report.summary = summary
    report.chapters[1].set_text(body)
    if caption:
        report.photos = [Photo(file="ab/x.jpg", caption=caption)]
    if rec:
        report.recommendations = [Recommendation("建議一", rec)]
    repo.create(report)
    return report


def _documents(report):
    """(draft id, field, ref, text) of every searchable text, as a user would read them."""
    docs = [(report.id, "title", "", report.title), (report.id, "summary", "", report.summary)]
    for _level, section in report.all_sections():
        docs.append((report.id, "section", section.id, f"{section.heading}\n{section.text}"))
    for rec in report.recommendations:
        docs.append((report.id, "recommendation", rec.id, f"{rec.title}\n{rec.text}"))
    for photo in report.photos:
        docs.append((report.id, "caption", photo.id, photo.caption))
    return docs


def _expected(reports, query):
    needle = fold(" ".join(query.split()))
    return {(d, f, r) for report in reports for d, f, r, text in _documents(report) if needle in fold(text)}


def _found(hits):
    return {(h.draft_id, h.field, h.ref) for h in hits}


def _corpus(repo):
    return [
        _draft(repo, "東京考察", TEXTS[0], caption="與會代表合影於會場", summary="摘要：城市韌性。"),
        _draft(repo, "首爾考察", TEXTS[1], rec="建議設置體驗館，導入AI。"),
        _draft(repo, "Smart City 論壇", TEXTS[2]),
        _draft(repo, "", TEXTS[3]),
    ]


def _shown(hits):
    return sorted((h.draft_id, h.field, h.ref, h.excerpt, h.match_start, h.match_length) for h in hits)


def test_every_one_two_and_three_character_query_finds_exactly_the_texts_that_hold_it(repo):
    reports = _corpus(repo)
    index = SearchIndex()
    queries = {text[i:i + n] for text in TEXTS for n in (1, 2, 3) for i in range(len(text) - n + 1)}
    queries = {q for q in queries if q.strip() == q and "\n" not in q}
    queries |= {"ai", "Ai", "ａｉ", "SMART", "City", "市長", "韌", "，", "。」", "%", "(", '"', "a/", "&B", "防災館", "無此字"}
    assert len(queries) > 300
    read_from_tables = {q: _shown(index.search(q, limit=100)) for q in queries}  # nothing indexed yet
    index.catch_up()
    for query in sorted(queries):
        hits = index.search(query, limit=100)
        assert _found(hits) == _expected(reports, query), query
        assert not hits.more
        for hit in hits:
            shown = hit.excerpt[hit.match_start:hit.match_start + hit.match_length]
            assert fold(shown) == fold(query), (query, hit.excerpt)
        assert _shown(hits) == read_from_tables[query], query  # the same excerpts either way


def test_latin_text_matches_in_either_case_and_the_excerpt_keeps_the_original(repo):
    _corpus(repo)
    index = SearchIndex()
    hits = index.search("SMART CITY")
    assert sorted(h.excerpt[h.match_start:h.match_start + 10] for h in hits) == ["Smart City", "smart city"]
    assert {h.excerpt[h.match_start:h.match_start + 2] for h in index.search("ai")} == {"AI", "ai"}  # AI, said
    fullwidth = index.search("ａｉ")
    assert [h.excerpt[h.match_start:h.match_start + 2] for h in fullwidth] == ["ＡＩ"]
    assert sorted(h.where for h in index.search("smart c")) == ["報告名稱", "章節「過程」"]


def test_chinese_search_finds_chapter_with_excerpt(repo):
    a = _draft(repo, "東京考察", "第一天參觀臨海防災公園，了解韌性城市的規劃。")
    _draft(repo, "首爾考察", "參觀智慧路燈。")
    hits = SearchIndex().search("防災公園")
    assert [(h.draft_id, h.field, h.section_id) for h in hits] == [(a.id, "section", a.chapters[1].id)]
    hit = hits[0]
    assert hit.excerpt[hit.match_start:hit.match_start + hit.match_length] == "防災公園"
    assert hit.heading == "過程"


def test_excerpt_is_cut_around_the_match_with_ellipses(repo):
    body = "甲" * 100 + "\n" + "乙" * 100 + "目標字" + "丙" * 100
    _draft(repo, "長文", body)
    _draft(repo, "短文", "目標字在開頭")
    for indexed in (False, True):
        if indexed:
            SearchIndex().catch_up()
        for query in ("目標字", "目標", "標"):
            short, hit = SearchIndex().search(query)  # newest first
            assert short.excerpt == "目標字在開頭"
            assert short.match_start == "目標字在開頭".index(query)
            assert hit.excerpt.startswith("…乙")
            assert hit.excerpt.endswith("丙…")
            assert hit.excerpt[hit.match_start:hit.match_start + len(query)] == query
            assert len(hit.excerpt) == 2 + 24 + len(query) + 24


def test_a_match_in_a_chapter_heading_shows_the_heading(repo):
    report = Report.new("報告")
    report.chapters[1].sections = [Section(heading="第一天：抵達東京", blocks=blocks_from_text("參加開幕式。"))]
    repo.create(report)
    for indexed in (False, True):
        if indexed:
            SearchIndex().catch_up()
        [hit] = SearchIndex().search("東京")
        assert hit.excerpt == "第一天：抵達東京"
        assert hit.where == "章節「第一天：抵達東京」"
        assert hit.section_id == report.chapters[1].sections[0].id


def test_one_and_two_character_searches_work(repo):
    a = _draft(repo, "東京考察", "參觀防災設施。")
    b = _draft(repo, "首爾考察", "參觀智慧路燈。")
    assert {h.draft_id for h in SearchIndex().search("燈")} == {b.id}
    assert {h.draft_id for h in SearchIndex().search("防災")} == {a.id}
    assert {h.draft_id for h in SearchIndex().search("參觀")} == {a.id, b.id}
    assert SearchIndex().search("100%") == []


def test_a_frequent_word_returns_one_page_newest_text_first_and_says_there_is_more(repo):
    reports = [_draft(repo, f"報告{i}", "城市的發展與城市的治理。\n" * 3) for i in range(30)]
    index = SearchIndex()
    index.catch_up()
    for query in ("治", "城市", "城市的"):
        hits = index.search(query, limit=10)
        assert len(hits) == 10
        assert hits.more
        assert [h.draft_id for h in hits] == [r.id for r in reversed(reports)][:10]
    everything = index.search("城市", limit=1000)
    assert len(everything) == 30
    assert not everything.more
    older = reports[3]
    older.chapters[1].set_text("城市的新內容")
    repo.save(older)
    index.catch_up()
    assert index.search("城市", limit=1)[0].draft_id == older.id  # just edited: first


def test_a_rare_word_among_frequent_ones_is_found(repo):
    for i in range(20):
        _draft(repo, f"報告{i}", "城市的發展與城市的治理。" * 20)
    rare = _draft(repo, "報告X", "城市的發展與城市的治理。" * 10 + "鯨豚保育" + "城市的治理。")
    for i in range(20):
        _draft(repo, f"報告{i + 20}", "城市的發展與城市的治理。" * 20)
    index = SearchIndex()
    index.catch_up()
    for query in ("鯨", "鯨豚", "鯨豚保", "豚保育"):
        assert [h.draft_id for h in index.search(query)] == [rare.id], query


def test_search_covers_titles_recommendations_and_captions(repo):
    a = _draft(repo, "亞太城市論壇", "", caption="與會代表合影於會場", rec="建議設置體驗館")
    index = SearchIndex()
    assert [h.field for h in index.search("城市論壇")] == ["title"]
    assert [(h.field, h.ref) for h in index.search("合影於")] == [("caption", a.photos[0].id)]
    assert [h.field for h in index.search("體驗館")] == ["recommendation"]
    assert [h.field for h in index.search("館")] == ["recommendation"]


def test_index_follows_edits_and_deletes(repo, engine):
    a = _draft(repo, "報告", "舊的內容文字")
    index = SearchIndex()
    assert index.search("舊的內容")
    index.catch_up()
    a.chapters[1].set_text("新的內容文字")
    repo.save(a)
    # SQLite: the save only noted the change; a server indexes rows as they are written
    pending = 1 if engine == "sqlite" else 0
    assert index.pending() == pending
    for old, new in (("舊的內容", "新的內容"), ("舊的", "新的"), ("舊", "新")):
        assert index.search(old) == []
        assert [h.draft_id for h in index.search(new)] == [a.id]
    assert index.pending() == pending  # and searching did not index
    a.chapters[0].set_text("快速儲存的目的")
    repo.save_section(a.id, a.chapters[0])
    assert index.search("快速儲存")
    index.catch_up()
    assert index.pending() == 0
    assert [h.field for h in index.search("快速")] == ["section"]
    assert index.search("舊") == []
    repo.delete(a.id)
    assert index.search("新的內容") == []
    assert index.search("新") == []
    index.catch_up()
    assert index.search("新") == []
    if engine == "sqlite":
        assert repo.db.execute_sql("SELECT count(*) FROM search_doc").fetchone()[0] == 0


def test_quotes_and_operators_are_plain_text(repo):
    _draft(repo, "報告", 'He said "AND OR" NEAR(x) a*b')
    assert len(SearchIndex().search('"AND OR"')) == 1
    assert SearchIndex().search("NEAR(") != []
    for query in ('"', "(", "*", "R(", "a*", "OR", "AND"):
        assert len(SearchIndex().search(query)) == 1, query
    assert SearchIndex().search("*c") == []


@sqlite_only  # SQLite's lazy index; a server indexes rows as they are written
def test_changed_drafts_beyond_the_few_read_directly_are_reported_as_pending(repo):
    reports = [_draft(repo, f"報告{i}", f"第{i}份的共同內容") for i in range(LIVE_DRAFTS + 5)]
    index = SearchIndex()
    hits = index.search("共同內容", limit=100)
    assert hits.pending == 5
    # the newest drafts are read straight from their tables, none of the others is half-shown
    assert {h.draft_id for h in hits} == {r.id for r in reports[-LIVE_DRAFTS:]}
    index.catch_up()
    hits = index.search("共同內容", limit=100)
    assert hits.pending == 0
    assert len(hits) == LIVE_DRAFTS + 5


@sqlite_only  # SQLite's lazy index; a server indexes rows as they are written
def test_the_index_catches_up_on_its_own_thread_while_searches_go_on(repo):
    reports = [_draft(repo, f"報告{i}", "城市的發展。" * 200 + f"編號{i:03d}號") for i in range(60)]
    index = SearchIndex()
    assert index.pending() == 60
    indexer = BackgroundIndexer.for_database(repo.db)
    indexer.nudge()
    seen_pending = []
    try:
        while not indexer.wait(0):
            hits = index.search("城市", limit=200)
            seen_pending.append(hits.pending)
            ids = [h.draft_id for h in hits]
            assert len(ids) == len(set(ids))  # never one draft twice, from the index and from its tables
            assert len(ids) + hits.pending == 60  # every draft either found or reported pending
            assert [h.draft_id for h in index.search("編號007號")] in ([reports[7].id], [])
    finally:
        indexer.stop()
    assert indexer.last_error is None
    assert index.pending() == 0
    assert len(index.search("城市", limit=200)) == 60
    assert [h.draft_id for h in index.search("編號007號")] == [reports[7].id]
    assert [h.draft_id for h in index.search("號", limit=200)] == [r.id for r in reversed(reports)]
    assert seen_pending[0] > 0  # the searches did run while the index was still behind


@sqlite_only  # SQLite's lazy index; a server indexes rows as they are written
def test_a_save_waits_for_the_indexer_instead_of_failing(repo):
    report = _draft(repo, "報告", "內容")
    other = sqlite3.connect(repo.db.database, isolation_level=None, timeout=5, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # what the background indexer holds while it writes one draft
    other.execute("DELETE FROM search_dirty")
    released = threading.Timer(0.2, other.execute, ("COMMIT",))
    released.start()
    try:
        report.summary = "在索引寫入時儲存"
        started = time.perf_counter()
        repo.save(report)  # read, then write: it must wait for the lock, not fail on a stale read
        assert time.perf_counter() - started >= 0.15
    finally:
        released.join()
        other.close()
    assert repo.load(report.id).summary == "在索引寫入時儲存"
    assert SearchIndex().pending() == 1  # the save marked the draft again after the indexer's commit


@sqlite_only  # SQLite's lazy index; a server indexes rows as they are written
def test_the_indexer_stops_when_asked_and_resumes_on_the_next_nudge(repo):
    for i in range(40):
        _draft(repo, f"報告{i}", "內容" * 2000)
    indexer = BackgroundIndexer.for_database(repo.db)
    indexer.pause_s = 0.02
    indexer.nudge()
    time.sleep(0.05)
    indexer.stop()
    assert indexer.wait(0)
    left = SearchIndex().pending()
    assert 0 < left < 40
    indexer.nudge()
    assert indexer.wait(30)
    assert SearchIndex().pending() == 0


@sqlite_only  # SQLite's lazy index; a server indexes rows as they are written
def test_the_indexer_waits_while_a_search_runs_and_goes_on_after(repo, monkeypatch):
    """A search on the window's thread is not kept waiting by the indexer: while it runs, the
    indexer starts no statement and tokenizes nothing (it would hold the interpreter); without
    that, these five small drafts would be indexed long before the search ends."""
    from desktop.storage import search

    for i in range(5):
        _draft(repo, f"報告{i}", "城市的發展。" * 500)
    monkeypatch.setattr(search, "YIELD_AT_MOST_S", 30.0)
    in_search, release = threading.Event(), threading.Event()
    real_titles = SearchIndex._titles

    def held_titles(self, draft_ids):  # the search stops half-way until the test releases it
        in_search.set()
        release.wait(10)
        return real_titles(self, draft_ids)

    monkeypatch.setattr(SearchIndex, "_titles", held_titles)
    found = []
    searching = threading.Thread(target=lambda: found.append(SearchIndex().search("城市")))
    searching.start()
    indexer = BackgroundIndexer.for_database(repo.db)
    try:
        assert in_search.wait(10)
        indexer.nudge()
        time.sleep(0.5)
        assert SearchIndex().pending() == 5
        release.set()
        searching.join(10)
        assert indexer.wait(30)
    finally:
        release.set()
        indexer.stop()
    assert indexer.last_error is None
    assert SearchIndex().pending() == 0
    assert len(found[0]) == 5


@pytest.mark.parametrize(("query", "fields"), [
    ("防", {"summary", "section", "recommendation"}),
    ("防災", {"summary", "section", "recommendation"}),
    ("防災經", {"section"}),
    ("場", {"caption"}),
])
def test_an_upgraded_database_answers_short_queries_once_indexed(tmp_path, query, fields):
    import shutil
    from pathlib import Path

    from desktop.storage import close_database, open_repository
    from desktop.storage.database import DB_FILENAME

    data = tmp_path / "data"
    data.mkdir()
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "schema-v2.db"
    shutil.copyfile(fixture, data / DB_FILENAME)
    open_repository(data)
    try:
        index = SearchIndex()
        assert index.pending() == 2
        index.catch_up()
        assert {h.field for h in index.search(query)} == fields
    finally:
        close_database()


def test_a_read_only_database_is_searched_as_it_is(tmp_path):
    from tests.conftest import EXAMPLE_DRAFT
    from tests.hostile.conditions import cli, digest, make_read_only

    data = tmp_path / "data"
    assert cli(data, "import", str(EXAMPLE_DRAFT)).code == 0  # imported, not indexed yet
    db = data / "tripreport.db"
    undo = make_read_only(db)
    if undo is None:
        pytest.skip("cannot make a file read-only here")
    before = digest(db)
    try:
        for query in ("防災", "防", "防災設施"):
            run = cli(data, "search", query)
            run.assert_no_traceback()
            assert run.code == 0, run.text
            assert "防災" in run.out  # read from the draft's tables: the index could not be written
    finally:
        undo()
    assert digest(db) == before


def test_table_cells_and_list_items_are_searched_and_the_hit_opens_their_section(repo, engine):
    from desktop.domain.blocks import ListBlock, ListItem, Run, paragraph, table_from_texts

    report = Report.new("議程")
    day = report.chapters[1]
    day.blocks = [paragraph("當日議程如下。"), table_from_texts([["時間", "議程"], ["09:00", "韌性城市專題演講"]],
                                                            caption="論壇議程", note="資料來源：主辦單位")]
    day.sections = [Section(heading="交通", blocks=[ListBlock([ListItem([Run("搭乘"), Run("捷運", bold=True)]),
                                                             ListItem([Run("步行至會場")], level=1)], ordered=True)])]
    repo.create(report)
    index = SearchIndex()
    if engine == "sqlite":
        index.catch_up()  # from the index as well as straight from the tables
    (hit,) = index.search("專題演講")
    assert (hit.field, hit.section_id) == ("section", day.id)
    assert "09:00｜韌性城市專題演講" in hit.excerpt
    assert [h.section_id for h in index.search("主辦單位")] == [day.id]  # the note too
    assert [h.section_id for h in index.search("演")] == [day.id]  # a one-character query
    assert [h.section_id for h in index.search("搭乘捷運")] == [day.sections[0].id]  # across emphasis
    assert [h.section_id for h in index.search("步行")] == [day.sections[0].id]  # a nested item
