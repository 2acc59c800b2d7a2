"""The deadline board: each report's deadline by its own kind's rule, days left, overdue marks,
the status history, filters and sorting."""

from datetime import date

import pytest

from desktop.domain.board import BoardEntry, BoardFilter, board_rows, filter_rows, sort_rows
from desktop.domain.report import StatusChange

TODAY = date(2026, 3, 1)


def _entry(i, kind="central", end=date(2025, 10, 16), status="草稿", unit="資訊科", names=("王大明",)):
    return BoardEntry(i, f"報告{i}", status, kind, None, end, list(names), unit,
                      history=[StatusChange("草稿", "2025-10-20T09:00:00", "wang"),
                               StatusChange(status, "2025-11-02T10:00:00", "chen")])


def test_each_report_gets_its_kinds_deadline():
    # Returned Friday 2026-01-30. Central: three months from the return day (民法 §120) → 4/30.
    # 臺北市: from the next working day, Monday 2/2 → the day before 5/2 → 5/1.
    central, taipei, release = board_rows(
        [_entry(1, "central", date(2026, 1, 30)), _entry(2, "taipei", date(2026, 1, 30)),
         _entry(3, "press-release", date(2026, 1, 30))], TODAY)
    assert central.deadline == date(2026, 4, 30)
    assert taipei.deadline == date(2026, 5, 1)
    assert release.deadline is None  # a press release has no deadline
    assert (central.days_left, taipei.days_left, release.days_left) == (60, 61, None)
    assert release.days_left_text == "—"


def test_overdue_is_marked_and_finished_reports_have_no_days_left():
    late, approved = board_rows([_entry(1), _entry(2, status="已核定")], TODAY)
    assert late.deadline == date(2026, 1, 16)
    assert late.overdue
    assert late.days_left_text == "逾期 44 天"
    assert approved.days_left is None
    assert not approved.overdue


def test_history_says_who_changed_the_status_and_when():
    row = board_rows([_entry(1, status="送審中")], TODAY)[0]
    assert (row.status_at, row.status_by) == ("2025-11-02T10:00:00", "chen")
    assert row.history_text == "草稿 114/10/20 wang → 送審中 114/11/02 chen"


def test_filters_by_words_status_unit_and_overdue():
    rows = board_rows([_entry(1, unit="資訊科", names=("王大明",)), _entry(2, unit="人事室", names=("陳美玲",)),
                       _entry(3, status="已上傳", unit="資訊科", names=("李志豪",))], TODAY)
    assert [r.id for r in filter_rows(rows, BoardFilter(unit="資訊科"))] == [1, 3]
    assert [r.id for r in filter_rows(rows, BoardFilter(words="美玲"))] == [2]
    assert [r.id for r in filter_rows(rows, BoardFilter(status="已上傳"))] == [3]
    assert [r.id for r in filter_rows(rows, BoardFilter(overdue_only=True))] == [1, 2]


def test_sorting_puts_the_most_overdue_first_and_undated_last():
    rows = board_rows([_entry(1, end=date(2026, 1, 30)), _entry(2, end=date(2025, 6, 1)),
                       _entry(3, end=None), _entry(4, end=date(2025, 12, 1))], TODAY)
    assert [r.id for r in sort_rows(rows)] == [2, 4, 1, 3]
    assert [r.id for r in sort_rows(rows, "deadline", descending=True)] == [3, 1, 4, 2]
    with pytest.raises(ValueError, match="不認得"):
        sort_rows(rows, "nonsense")
