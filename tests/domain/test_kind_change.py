"""Changing a draft's kind: a preview of what moves, and no text lost."""

from desktop.domain.blocks import blocks_from_text
from desktop.domain.kind_change import change_kind
from desktop.domain.kinds import get_kind
from desktop.domain.report import Section
from tests.domain.complete_report import complete_report


def all_text(report):
    return sorted(s.text for _, s in report.all_sections() if s.text)


def test_central_to_taipei_keeps_every_chapter_and_says_what_moves():
    report = complete_report("central")
    mine = Section(heading="後續推動", blocks=blocks_from_text("自己加的章節。"))
    report.chapters.insert(3, mine)
    before = all_text(report)
    change = change_kind(report, get_kind("central"), get_kind("taipei"))
    after = change.report
    assert after.kind == "taipei"
    assert report.kind == "central"
    assert all_text(after) == before
    assert [c.heading for c in after.chapters] == ["緣起與目的", "過程", "心得", "後續推動", "建議", "心得及建議"]
    assert [c.key for c in after.chapters] == ["purpose", "process", "", "", "", "insights_recommendations"]
    assert "「心得」在出國報告（臺北市）中不是預設章節，保留為自訂章節（內容不變）。" in change.lines
    assert "新增空白章節「心得及建議」。" in change.lines
    assert "建議至少 3 項。" in change.lines
    assert after.recommendations == report.recommendations


def test_a_renamed_heading_is_kept_and_the_heading_style_follows_the_kind():
    report = complete_report("central")
    report.chapter("purpose").heading = "緣起"
    change = change_kind(report, get_kind("central"), get_kind("new-taipei"))
    assert change.report.chapter("purpose").heading == "緣起"
    assert change.report.heading_style == "章"
    assert "章節編號改為「第一章」式。" in change.lines


def test_to_a_press_release_and_back_loses_nothing():
    report = complete_report("central")
    before = all_text(report)
    there = change_kind(report, get_kind("central"), get_kind("press-release")).report
    back = change_kind(there, get_kind("press-release"), get_kind("central")).report
    assert all_text(back) == before
    assert back.photos == report.photos
    assert back.itinerary == report.itinerary
