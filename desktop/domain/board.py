"""The deadline board: every report a reviewer may see, with its traveller, trip, deadline by its
kind's rule, days left, status and the history of its status.

Plain data in, plain rows out: the repository gives `BoardEntry`s (one query, on either engine),
this module asks the kind's rule for each deadline (checks.due_date — never computed here), and
the window, the command line and the CSV/.xlsx export all read the same `BoardRow`s, filtered and
sorted by the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from desktop.domain.report import FINISHED_STATUSES, STATUSES, StatusChange
from desktop.domain.roc_date import roc_period, roc_slash


@dataclass
class BoardEntry:
    """What the board needs of one draft, as storage reads it."""

    id: int
    title: str
    status: str
    kind: str
    start_date: date | None
    end_date: date | None
    travellers: list[str] = field(default_factory=list)  # names, in the report's order
    unit: str = ""  # the first traveller's unit, else the report's
    owner: str = ""
    history: list[StatusChange] = field(default_factory=list)
    checked_out: str = ""  # who took it out as a package ("" when it is on the server)


@dataclass
class BoardRow:
    id: int
    title: str
    traveller: str
    unit: str
    kind_name: str
    start_date: date | None
    end_date: date | None
    deadline: date | None
    days_left: int | None  # None: no deadline, or the report is finished
    status: str
    status_at: str  # when the status last changed (ISO), "" when never recorded
    status_by: str
    history: list[StatusChange]
    owner: str
    checked_out: str

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def trip(self) -> str:
        return roc_period(self.start_date, self.end_date)

    @property
    def deadline_text(self) -> str:
        return roc_slash(self.deadline) if self.deadline else "—"

    @property
    def days_left_text(self) -> str:
        if self.days_left is None:
            return "—"
        if self.days_left < 0:
            return f"逾期 {-self.days_left} 天"
        return f"{self.days_left} 天"

    @property
    def history_text(self) -> str:
        """草稿 2025/10/20 王小明 → 送審中 2025/11/02 研考科 …"""
        return " → ".join(f"{h.status} {_day(h.at)}{f' {h.who}' if h.who else ''}" for h in self.history)


def _day(at: str) -> str:
    try:
        return roc_slash(date.fromisoformat(at[:10]))
    except ValueError:
        return at


@lru_cache(maxsize=4096)
def _deadline(kind_id: str, end: date | None) -> date | None:
    from desktop.domain.checks import due_date

    return due_date(kind_id, end)


@lru_cache(maxsize=256)
def _kind_name(kind_id: str) -> str:
    from desktop.domain.kinds import get_kind

    return get_kind(kind_id).name


def board_rows(entries: Iterable[BoardEntry], today: date) -> list[BoardRow]:
    _deadline.cache_clear()  # a new board reads the kinds and the calendar as they are now
    _kind_name.cache_clear()
    rows = []
    for e in entries:
        deadline = _deadline(e.kind, e.end_date)
        left = None if e.status in FINISHED_STATUSES or deadline is None else (deadline - today).days
        last = e.history[-1] if e.history else None
        rows.append(BoardRow(
            id=e.id, title=e.title, traveller="、".join(n for n in e.travellers if n), unit=e.unit,
            kind_name=_kind_name(e.kind), start_date=e.start_date, end_date=e.end_date, deadline=deadline,
            days_left=left, status=e.status, status_at=last.at if last else "", status_by=last.who if last else "",
            history=list(e.history), owner=e.owner, checked_out=e.checked_out,
        ))
    return rows


@dataclass
class BoardFilter:
    words: str = ""  # in the title, a traveller's name or the unit
    status: str = ""  # "" for every status
    unit: str = ""  # "" for every unit
    overdue_only: bool = False

    def accepts(self, row: BoardRow) -> bool:
        if self.status and row.status != self.status:
            return False
        if self.unit and row.unit != self.unit:
            return False
        if self.overdue_only and not row.overdue:
            return False
        words = self.words.strip().lower()
        return not words or any(words in text.lower() for text in (row.title, row.traveller, row.unit, row.owner))


def filter_rows(rows: Iterable[BoardRow], board_filter: BoardFilter) -> list[BoardRow]:
    return [r for r in rows if board_filter.accepts(r)]


# The board's columns: (key, heading). The window, the command line and the exports use these.
COLUMNS = (
    ("title", "報告名稱"), ("traveller", "出國人員"), ("unit", "單位"), ("kind", "報告種類"),
    ("trip", "出國期間"), ("deadline", "繳交期限"), ("days_left", "剩餘天數"), ("status", "狀態"),
    ("status_at", "狀態變更"), ("history", "狀態紀錄"),
)
SORT_KEYS = {
    "title": lambda r: r.title,
    "traveller": lambda r: r.traveller,
    "unit": lambda r: r.unit,
    "kind": lambda r: r.kind_name,
    "trip": lambda r: r.start_date or date.max,
    "deadline": lambda r: r.deadline or date.max,
    # overdue first, most overdue first; finished and undated last
    "days_left": lambda r: r.days_left if r.days_left is not None else 10**6,
    "status": lambda r: STATUSES.index(r.status) if r.status in STATUSES else len(STATUSES),
    "status_at": lambda r: r.status_at,
    "history": lambda r: len(r.history),
}


def sort_rows(rows: Iterable[BoardRow], key: str = "days_left", descending: bool = False) -> list[BoardRow]:
    if key not in SORT_KEYS:
        raise ValueError(f"不認得的排序欄位「{key}」，可用的有：{'、'.join(SORT_KEYS)}")
    return sorted(rows, key=lambda r: (SORT_KEYS[key](r), r.id), reverse=descending)


def when_text(at: str) -> str:
    """115/11/30 06:04: a recorded time (ISO) in the ROC form every date of the board takes."""
    try:
        return f"{roc_slash(date.fromisoformat(at[:10]))} {at[11:16]}".strip()
    except ValueError:
        return at


def shown(row: BoardRow, key: str) -> str:
    """The text of one column as a person reads it, in the window and on the command line."""
    return {
        "title": row.title or "（未命名）", "traveller": row.traveller or "—", "unit": row.unit or "—",
        "kind": row.kind_name, "trip": row.trip or "—", "deadline": row.deadline_text,
        "days_left": row.days_left_text,
        "status": row.status + (f"（帶出中：{row.checked_out}）" if row.checked_out else ""),
        "status_at": when_text(row.status_at) + (f" {row.status_by}" if row.status_by else ""),
        "history": row.history_text,
    }[key]


def cells(row: BoardRow) -> list[str | int]:
    """The row as the exports write it: the dates in the ROC form the board shows, days left as
    a number (so a spreadsheet can sort it), empty cells where there is nothing."""
    return [row.title, row.traveller, row.unit, row.kind_name, row.trip, roc_slash(row.deadline),
            row.days_left if row.days_left is not None else "", row.status,
            when_text(row.status_at), row.history_text]
