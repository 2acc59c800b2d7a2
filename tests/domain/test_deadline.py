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


def test_taipei_counts_from_the_next_day_when_it_is_a_working_day():
    # return Wednesday 2018-07-11; Thursday 7/12 is the first day counted; the period ends 10/11
    assert report_deadline(date(2018, 7, 11), from_next_working_day=True) == date(2018, 10, 11)


def test_taipei_skips_a_weekend_after_return():
    # return Friday 2018-07-13: Saturday and Sunday are skipped, counting starts Monday 7/16
    assert report_deadline(date(2018, 7, 13), from_next_working_day=True) == date(2018, 10, 15)
    assert report_deadline(date(2018, 7, 13)) == date(2018, 10, 13)


def test_taipei_skips_national_day_and_given_holidays():
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
