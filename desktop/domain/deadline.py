"""When a trip report is due: three months after the return date.

Central rule: "within 3 months of the return date" — the return day itself is not counted (民法
§120), so a return on 7月11日 gives 10月11日. Taipei counts from the day after return, and when that
day is not a working day, from the next working day; a period counted from a start day ends on the
day before the same date three months later (民法 §121), e.g. start 7月15日 → 10月14日.

Working days skip Saturdays, Sundays and the fixed-date national holidays below. Holidays on the
lunar calendar and make-up days move every year; callers can pass them in `holidays`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

DEADLINE_MONTHS = 3

# (month, day) of the national holidays that fall on the same Gregorian date every year.
FIXED_HOLIDAYS = ((1, 1), (2, 28), (4, 4), (4, 5), (10, 10))


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (11/30 + 3 → 2/28)."""
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def is_working_day(d: date, holidays: Iterable[date] = ()) -> bool:
    if d.weekday() >= 5:
        return False
    return (d.month, d.day) not in FIXED_HOLIDAYS and d not in set(holidays)


def next_working_day(d: date, holidays: Iterable[date] = ()) -> date:
    """`d` itself when it is a working day, otherwise the first working day after it."""
    extra = set(holidays)
    while not is_working_day(d, extra):
        d += timedelta(days=1)
    return d


def report_deadline(return_date: date | None, *, from_next_working_day: bool = False,
                    holidays: Iterable[date] = ()) -> date | None:
    """The last day the report may be handed in; None when the return date is unknown."""
    if return_date is None:
        return None
    if not from_next_working_day:
        return add_months(return_date, DEADLINE_MONTHS)
    start = next_working_day(return_date + timedelta(days=1), holidays)
    return add_months(start, DEADLINE_MONTHS) - timedelta(days=1)


def days_left(deadline: date | None, today: date) -> int | None:
    """Days until the deadline (0 on the day itself, negative once it has passed)."""
    if deadline is None:
        return None
    return (deadline - today).days
