from datetime import date

import pytest

from desktop.domain.deadline import add_months, days_left, is_working_day, next_working_day, report_deadline


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2018, 7, 11), 3, date(2018, 10, 11)),
    (date(2018, 11, 30), 3, date(2019, 2, 28)),
    (date(2019, 11, 30), 3, date(2020, 2, 29)),
    (date(2018, 10, 31), 3, date(2019, 1, 31)),
    (date(2018, 12, 15), 1, date(2019, 1, 15)),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(start, months, expected):
    assert add_months(start, months) == expected


def test_central_deadline_is_three_months_after_return():
    assert report_deadline(date(2018, 7, 11)) == date(2018, 10, 11)


def test_next_working_day_rule_counts_from_the_next_day_when_it_is_a_working_day():
    # return Wednesday 2018-07-11; Thursday 7/12 is the first day counted; the period ends 10/11
    assert report_deadline(date(2018, 7, 11), from_next_working_day=True) == date(2018, 10, 11)


def test_next_working_day_rule_skips_a_weekend_after_return():
    # return Friday 2018-07-13: Saturday and Sunday are skipped, counting starts Monday 7/16
    assert report_deadline(date(2018, 7, 13), from_next_working_day=True) == date(2018, 10, 15)
    assert report_deadline(date(2018, 7, 13)) == date(2018, 10, 13)


def test_next_working_day_rule_skips_national_day_and_given_holidays():
    # return Tuesday 2018-10-09: 10/10 is 國慶日, so counting starts 10/11
    assert report_deadline(date(2018, 10, 9), from_next_working_day=True) == date(2019, 1, 10)
    # a lunar holiday passed in by the caller is skipped too
    assert report_deadline(date(2018, 10, 10), from_next_working_day=True,
                           holidays=[date(2018, 10, 11)]) == date(2019, 1, 11)


def test_working_days():
    assert is_working_day(date(2018, 7, 12))
    assert not is_working_day(date(2018, 7, 14))  # Saturday
    assert not is_working_day(date(2019, 1, 1))
    assert next_working_day(date(2018, 2, 28)) == date(2018, 3, 1)


def test_no_return_date_means_no_deadline():
    assert report_deadline(None) is None
    assert days_left(None, date(2018, 1, 1)) is None


def test_days_left_counts_down_and_goes_negative():
    deadline = date(2018, 10, 11)
    assert days_left(deadline, date(2018, 10, 1)) == 10
    assert days_left(deadline, deadline) == 0
    assert days_left(deadline, date(2018, 10, 13)) == -2


def test_lunar_new_year_2026_is_skipped_and_named():
    from desktop.domain.deadline import compute_deadline

    # return Friday 2026-02-13: the weekend, 除夕 and 春節 (2/16–2/20) and the next weekend pass;
    # counting starts Monday 2/23, so the three months end 5/22
    deadline = compute_deadline(date(2026, 2, 13), 3, from_next_working_day=True)
    assert deadline.counted_from == date(2026, 2, 23)
    assert deadline.due == date(2026, 5, 22)
    assert "2月17日春節" in deadline.explain()
    assert "2月16日農曆除夕" in deadline.explain()
    assert not is_working_day(date(2026, 2, 18))


def test_a_make_up_workday_on_a_saturday_counts_as_a_working_day():
    # 2025-02-08 was a Saturday worked in exchange for 1/27: a return on Friday 2/7 starts counting 2/8
    assert is_working_day(date(2025, 2, 8))
    assert not is_working_day(date(2025, 1, 27))
    assert report_deadline(date(2025, 2, 7), from_next_working_day=True) == date(2025, 5, 7)


def test_the_data_folders_calendar_adds_announced_days(tmp_path):
    import json

    from desktop.domain import deadline

    (tmp_path / "working-days.json").write_text(json.dumps({
        "holidays": [{"date": "2026-07-08", "name": "颱風停班"}],
        "make_up_workdays": [{"date": "2026-07-11", "name": "補行上班"}]}, ensure_ascii=False), encoding="utf-8")
    deadline.use_data_folder(tmp_path)
    try:
        # return Tuesday 7/7: 7/8 is a typhoon day off, counting starts Thursday 7/9
        found = deadline.compute_deadline(date(2026, 7, 7), 3, from_next_working_day=True)
        assert found.counted_from == date(2026, 7, 9)
        assert "7月8日颱風停班" in found.explain()
        assert is_working_day(date(2026, 7, 11))  # a Saturday made a workday
    finally:
        deadline.use_data_folder(None)
    assert is_working_day(date(2026, 7, 8))


def test_a_broken_calendar_file_falls_back_with_a_notice(tmp_path):
    from desktop.domain import deadline

    (tmp_path / "working-days.json").write_text("{ broken", encoding="utf-8")
    deadline.use_data_folder(tmp_path)
    try:
        assert not is_working_day(date(2026, 2, 17))  # the shipped calendar and the package still hold
        assert "改用程式內附的上班日資料" in deadline.calendar_notice
        # where the mistake is and what it likely is, in Chinese (not Python's "Expecting property name")
        assert "不是有效的 JSON（第 1 行第 3 欄" in deadline.calendar_notice
        assert "Expecting" not in deadline.calendar_notice
    finally:
        deadline.use_data_folder(None)
