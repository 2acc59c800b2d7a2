"""Unreadable dates the user typed are kept with the draft, listed by the review and survive
every way a draft travels (database, draft JSON)."""

from datetime import date

import pytest

from desktop.domain.checks import pending_dates, run_checks
from desktop.domain.report import ItineraryDay, ItineraryRow, Report
from desktop.interchange.draft_json import DraftFormatError, dumps, loads


def _unread(report):
    return [r for r in run_checks(report, today=date(2025, 1, 1)) if r.code == "dates.unread"]


def test_an_unreadable_start_date_is_a_problem_instead_of_an_empty_one():
    report = Report.new("報告")
    report.pending_inputs = {"start_date": "明天"}
    results = run_checks(report, today=date(2025, 1, 1))
    unread = [r for r in results if r.code == "dates.unread"]
    assert len(unread) == 1
    assert not unread[0].ok
    assert unread[0].target == "field:start_date"
    assert "出國日期" in unread[0].message
    assert "明天" in unread[0].message
    # not also "please fill in": the user did fill it in
    assert not any(r.code == "required.start_date" for r in results)
    assert any(r.code == "required.end_date" and not r.ok for r in results)


def test_a_kept_earlier_date_is_named():
    report = Report.new("報告")
    report.start_date = date(2025, 10, 14)
    report.pending_inputs = {"start_date": "114/13/40"}
    (result,) = _unread(report)
    assert "不存在" in result.message
    assert "114年10月14日" in result.message


def test_itinerary_entries_point_at_their_day_and_stale_ones_are_ignored():
    report = Report.new("報告")
    report.itinerary = [ItineraryDay(date(2025, 10, 14), [ItineraryRow("上午", "機場", "出發")]),
                        ItineraryDay(None, [ItineraryRow("晚上", "", "晚宴")])]
    report.pending_inputs = {"itinerary[1].date": "後天",
                             "itinerary[0].date": "舊的",  # that day has a date now
                             "itinerary[7].date": "不見了"}  # no such day
    assert [(p.key, p.text, p.target) for p in pending_dates(report)] == [
        ("itinerary[1].date", "後天", "itinerary:1")]
    (result,) = _unread(report)
    assert "行程表第 2 天" in result.message


def test_no_pending_text_no_problem():
    assert _unread(Report.new("報告")) == []


def test_draft_json_carries_pending_text_and_leaves_it_out_when_none():
    report = Report.new("報告")
    assert "pending_inputs" not in dumps(report)
    report.itinerary = [ItineraryDay(None, [ItineraryRow("晚上", "", "晚宴")])]
    report.pending_inputs = {"end_date": "下週三", "itinerary[0].date": "114/13/40"}
    assert loads(dumps(report)).pending_inputs == report.pending_inputs


def test_draft_json_refuses_an_unknown_pending_place():
    text = dumps(Report.new("報告")).replace('"format"', '"pending_inputs": {"title": "x"}, "format"', 1)
    with pytest.raises(DraftFormatError, match="pending_inputs"):
        loads(text)


def test_database_keeps_pending_text(repo):
    report = Report.new("報告")
    report.pending_inputs = {"report_date": "月底"}
    draft_id = repo.create(report)
    assert repo.load(draft_id).pending_inputs == {"report_date": "月底"}
    report.pending_inputs = {}
    repo.save(report)
    assert repo.load(draft_id).pending_inputs == {}


def test_an_unread_itinerary_date_names_its_day_and_its_table_row():
    from desktop.domain.report import ItineraryDay, ItineraryRow, itinerary_date_key

    report = Report.new("報告")
    report.start_date = date(2025, 10, 14)
    report.itinerary = [ItineraryDay(date(2025, 10, 14), [ItineraryRow("上午"), ItineraryRow("下午")]),
                        ItineraryDay(None, [ItineraryRow("上午")])]
    report.pending_inputs[itinerary_date_key(1)] = "後天"
    [result] = _unread(report)
    # day 2 starts on the table's third row (day 1 has two)
    assert "行程表第 2 天（表格第 3 列）的日期" in result.message
    # the sample date is the trip's own, not a fixed one
    assert "請寫成 114/10/14 或 114年10月14日" in result.message
    assert "108/07/03" not in result.message
