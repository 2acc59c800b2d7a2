"""When a report is due, counted on the government's working calendar.

Central rule: "within N months of the return date" — the return day itself is not counted (民法
§120), so a return on 7月11日 gives 10月11日. Some agencies count from the day after return,
and when that day is not a working day, from the next working day; a period counted from a start
day ends on the day before the same date N months later (民法 §121), e.g. start 7月15日 → 10月14日.

Working days: Monday to Friday, less Taiwan's public holidays as the `holidays` package knows them
(春節, 端午, 中秋 and their 補假 included), plus a small data file of what the government announces
later — make-up workdays (補行上班) and adjusted or emergency days off (颱風停班). The shipped file is
forms/calendar/working-days.json; a copy named working-days.json in the data folder replaces it, so
a user can add this year's announcements without a new version.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from desktop.domain.json_file import JsonFileError, read_json_object
from desktop.paths import forms_dir

DEADLINE_MONTHS = 3
CALENDAR_FILE = "working-days.json"


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (11/30 + 3 → 2/28)."""
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


@dataclass
class WorkCalendar:
    """Which days are working days, and the name of each day off that is not a weekend."""

    extra_holidays: dict[date, str] = field(default_factory=dict)
    make_up_workdays: dict[date, str] = field(default_factory=dict)
    source: Path | None = None
    use_package: bool = True

    def holiday_name(self, d: date) -> str:
        """The holiday's name ("" on an ordinary weekday or a plain weekend)."""
        if d in self.make_up_workdays:
            return ""
        if d in self.extra_holidays:
            return self.extra_holidays[d]
        if self.use_package:
            name = _package_holidays(d.year).get(d)
            if name:
                return name.split(";")[0].strip()
        return ""

    def is_working_day(self, d: date) -> bool:
        if d in self.make_up_workdays:
            return True
        if d.weekday() >= 5:
            return False
        return not self.holiday_name(d)


@cache
def _package_holidays(year: int) -> dict[date, str]:
    import holidays

    return dict(holidays.country_holidays("TW", years=year, language="zh_TW"))


def _dates(entries, where: Path) -> dict[date, str]:
    out = {}
    for entry in entries or []:
        try:
            out[date.fromisoformat(entry["date"])] = str(entry.get("name", ""))
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"「{where.name}」有看不懂的日期：{entry!r}") from err
    return out


def read_calendar(path: Path) -> WorkCalendar:
    """The calendar described by a working-days.json file; ValueError (in Chinese) when it is broken."""
    try:
        data = read_json_object(path)
    except JsonFileError as err:
        raise ValueError(f"無法讀取上班日資料「{path}」：{err}") from err
    return WorkCalendar(_dates(data.get("holidays"), Path(path)), _dates(data.get("make_up_workdays"), Path(path)),
                        Path(path))


_calendar: WorkCalendar | None = None
_data_dir: Path | None = None
calendar_notice = ""  # why the data folder's copy was not used, for the window and the command line


def use_data_folder(data_dir: Path | None) -> None:
    """Use the data folder's working-days.json when it has one (and it reads), else the shipped one;
    read when a deadline is first counted."""
    global _calendar, _data_dir
    _calendar, _data_dir = None, data_dir


def _load_calendar(data_dir: Path | None) -> None:
    global _calendar, calendar_notice
    calendar_notice = ""
    shipped = forms_dir() / "calendar" / CALENDAR_FILE
    own = Path(data_dir) / CALENDAR_FILE if data_dir else None
    if own is not None and own.is_file():
        try:
            _calendar = read_calendar(own)
            return
        except ValueError as err:
            calendar_notice = f"{err}；改用程式內附的上班日資料。"
    _calendar = read_calendar(shipped)


def work_calendar() -> WorkCalendar:
    if _calendar is None:
        _load_calendar(_data_dir)
    return _calendar


def is_working_day(d: date, holidays: Iterable[date] = ()) -> bool:
    return d not in set(holidays) and work_calendar().is_working_day(d)


def next_working_day(d: date, holidays: Iterable[date] = ()) -> date:
    """`d` itself when it is a working day, otherwise the first working day after it."""
    extra = set(holidays)
    while not is_working_day(d, extra):
        d += timedelta(days=1)
    return d


@dataclass(frozen=True)
class Deadline:
    due: date
    counted_from: date  # the return day (not counted) or the first working day after it
    skipped: tuple[tuple[date, str], ...] = ()  # named days off passed over before counting began

    def explain(self) -> str:
        """（自返國翌日起算，遇假日順延：略過 2月16日農曆除夕、…）or "" for the plain rule."""
        if not self.skipped:
            return ""
        named = [f"{d.month}月{d.day}日{name}" for d, name in self.skipped if name]
        return "、".join(named)


def compute_deadline(return_date: date | None, months: int = DEADLINE_MONTHS,
                     from_next_working_day: bool = False) -> Deadline | None:
    """The last day the report may be handed in; None when the return date is unknown."""
    if return_date is None:
        return None
    if not from_next_working_day:
        return Deadline(add_months(return_date, months), return_date)
    cal = work_calendar()
    start = return_date + timedelta(days=1)
    skipped = []
    while not cal.is_working_day(start):
        skipped.append((start, cal.holiday_name(start)))
        start += timedelta(days=1)
    return Deadline(add_months(start, months) - timedelta(days=1), start, tuple(skipped))


def report_deadline(return_date: date | None, *, from_next_working_day: bool = False,
                    holidays: Iterable[date] = (), months: int = DEADLINE_MONTHS) -> date | None:
    """The due date alone (see compute_deadline); `holidays` adds days off for this call."""
    if return_date is None:
        return None
    if not from_next_working_day:
        return add_months(return_date, months)
    start = next_working_day(return_date + timedelta(days=1), holidays)
    return add_months(start, months) - timedelta(days=1)


def days_left(deadline: date | None, today: date) -> int | None:
    """Days until the deadline (0 on the day itself, negative once it has passed)."""
    if deadline is None:
        return None
    return (deadline - today).days
