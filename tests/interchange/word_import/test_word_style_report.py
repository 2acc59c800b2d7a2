"""A report typed in Word (made here with python-docx) comes in with every part in its place."""

from datetime import date

import pytest

from desktop.domain.report import APPENDIX
from desktop.interchange.word_import.importer import import_report
from desktop.photos.store import PhotoStore
from tests.interchange.word_import.word_documents import word_style_report


@pytest.fixture
def imported(tmp_path):
    path = word_style_report(tmp_path / "舊報告.docx")
    return import_report(path, PhotoStore(tmp_path / "data"))


def test_cover_and_summary_sheet_fill_the_fields(imported):
    r = imported.report
    assert r.kind == "central"
    assert r.title == "出席2025亞太城市韌性論壇"
    assert r.categories == ["開會"]  # the cover's line, in its order, wins over the ticks
    assert (r.agency, r.host_agency, r.system_id) == ("臺南市政府消防局", "臺南市政府消防局", "C11400321")
    assert (r.start_date, r.end_date, r.report_date) == (date(2025, 10, 14), date(2025, 10, 16), date(2025, 12, 5))
    assert (r.countries, r.cities) == (["日本"], ["福岡市"])
    assert (r.contact_name, r.contact_phone) == ("陳美玲", "06-2975119分機1203")
    assert r.keywords == ["城市韌性", "防災教育"]
    assert [(t.name, t.agency, t.unit, t.title, t.rank) for t in r.travellers] == [
        ("王大明", "臺南市政府消防局", "局本部", "副局長", "簡任第十一職等"),
        ("陳美玲", "臺南市政府消防局", "災害管理科", "科長", "薦任第九職等")]
    assert r.traveller_line == ""  # 「王大明 副局長 等2人」 is what the list prints anyway
    assert r.summary == "本局應日本福岡市消防局邀請出席論壇，並參訪當地防災設施。"
    assert r.mainland is False


def test_headings_become_chapters_and_sections_by_their_numbers(imported):
    r = imported.report
    assert [(c.key, c.heading) for c in r.chapters] == [
        ("purpose", "目的"), ("process", "過程"), ("insights", "心得"), ("recommendations", "建議")]
    process = r.chapter("process")
    assert [s.heading for s in process.sections] == ["出席論壇", "參訪防災中心"]  # 一、行程表 became the itinerary
    assert [s.heading for s in process.sections[0].sections] == ["分組會議", "閉幕式"]
    assert process.sections[0].text == "上午抵達福岡後隨即前往會場。"
    assert r.chapter("purpose").text == "近年極端降雨頻率升高，本市多處低窪地區淹水。"
    assert "壹、目的" not in r.chapter("purpose").text  # the 目次 lines were skipped


def test_itinerary_columns_in_another_order_with_merged_days(imported):
    days = imported.report.itinerary
    assert [d.date for d in days] == [date(2025, 10, 14), date(2025, 10, 15), date(2025, 10, 16)]
    assert [[(row.time, row.place, row.activity) for row in d.rows] for d in days] == [
        [("上午", "臺南→福岡", "搭機前往福岡"), ("下午", "福岡國際會議中心", "出席論壇開幕式")],
        [("全日", "福岡市民防災中心", "參訪防災中心")],
        [("上午", "福岡市消防局", "參訪指揮中心"), ("下午", "福岡→臺南", "搭機返國")]]
    assert imported.report.pending_inputs == {}


def test_pictures_keep_their_captions_and_places(imported):
    r = imported.report
    process = r.chapter("process")
    talk, centre = process.sections[0].sections[0], process.sections[1]
    assert [(p.caption, p.placement) for p in r.photos] == [("王副局長於分組會議報告", talk.id),
                                                           ("參觀濃煙避難體驗區", centre.id)]
    assert all(p.placement != APPENDIX for p in r.photos)
    assert all(p.width == 640 and p.height == 480 for p in r.photos)


def test_list_table_and_emphasis_in_a_chapter_are_kept_as_such(imported):
    from desktop.domain.blocks import ListBlock, Paragraph, PhotoBlock, Run, Table

    talk, closing = imported.report.chapter("process").sections[0].sections
    assert talk.blocks[0] == Paragraph([Run("本局於分組會議報告"), Run("智慧水情監測", bold=True), Run("成果。")])
    assert talk.blocks[1:] == [PhotoBlock(imported.report.photos[0].id)]  # where the picture was
    intro, bullets, table = closing.blocks
    assert intro == Paragraph([Run("論壇重點如下：")])
    assert isinstance(bullets, ListBlock)
    assert not bullets.ordered
    assert [(i.text, i.level) for i in bullets.items] == [("預警到行動的時間差", 0), ("社區參與", 0), ("跨機關指揮", 0)]
    assert isinstance(table, Table)
    assert table.caption == "與會城市"  # 表1： is numbered by the export
    assert table.header_rows == 1
    assert table.cell_texts() == [["城市", "國家", "代表"], ["福岡", "日本", "市長"], ["釜山", "韓國", "副市長"]]
    assert imported.notes.of("plain") == []  # nothing of it was kept as plain text


def test_recommendations_are_the_numbered_items_under_the_chapter(imported):
    recs = imported.report.recommendations
    assert [(x.title, x.text) for x in recs] == [("規劃設置市民防災體驗館", "建議分期設置體驗設施。"),
                                                 ("強化地下空間淹水應變演練", "建議每年汛期前辦理演練。")]
    assert imported.report.chapter("recommendations").sections == []


def test_the_import_report_lists_what_was_recognised(imported):
    lines = imported.notes.lines()
    assert lines[0].startswith("報告種類：出國報告（中央")
    assert "已辨識：行程表：3 天、5 列。" in lines
    assert "已辨識：建議事項：2 項。" in lines
    assert any(line.startswith("已辨識：照片：2 張") for line in lines)
