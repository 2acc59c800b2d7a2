"""The draft list's table model: one row per draft; what each column shows and sorts by is in COLUMNS.

Built for thousands of drafts: the view asks only for the cells it paints, a row's deadline and
days left are worked out the first time they are needed, filter and sort run over plain Python
rows (no per-comparison calls from Qt), and `set_drafts` after a refresh touches only the rows
whose draft changed — returning from the editor repaints one row, not the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop.domain.checks import due_date
from desktop.domain.deadline import days_left
from desktop.domain.report import FINISHED_STATUSES, STATUSES
from desktop.domain.roc_date import roc_period, roc_slash
from desktop.gui import colours
from desktop.gui.draft_list import HEADERS

if TYPE_CHECKING:
    from desktop.storage import DraftSummary

# Roles as plain ints: data() runs for every painted cell, and comparing ints is the cheapest test.
DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE = int(Qt.DisplayRole), int(Qt.ToolTipRole), int(Qt.ForegroundRole)
ID_ROLE = int(Qt.UserRole)  # the draft id, on every cell
SORT_ROLE = ID_ROLE + 1  # the value a column sorts by
URGENT_DAYS = 14
UNNAMED = "（未命名）"


def slash_at(stamp: str) -> str:
    """2026-01-05T10:00:00 → 115/01/05 10:00."""
    try:
        d = date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp
    return f"{roc_slash(d)} {stamp[11:16]}".strip()


class DraftRow:
    """One draft as the list shows it; what depends on today is computed on first use."""

    __slots__ = ("summary", "status_at", "_today", "_deadline", "_left")

    def __init__(self, summary: DraftSummary, status_at: str, today: date):
        self._today = today
        self.update(summary, status_at)

    def update(self, summary: DraftSummary, status_at: str) -> None:
        self.summary = summary
        self.status_at = status_at
        self._deadline: date | None | bool = False  # False: not computed yet

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def title(self) -> str:
        return self.summary.title or UNNAMED

    def _compute_deadline(self) -> None:
        s = self.summary
        self._deadline = due_date(s.kind, s.end_date)
        self._left = days_left(self._deadline, self._today) if s.status not in FINISHED_STATUSES else None

    @property
    def deadline(self) -> date | None:
        if self._deadline is False:
            self._compute_deadline()
        return self._deadline

    @property
    def days_left(self) -> int | None:
        if self._deadline is False:
            self._compute_deadline()
        return self._left

    @property
    def urgent(self) -> bool:
        return self.days_left is not None and self.days_left < URGENT_DAYS


def _days_left_text(row: DraftRow) -> str:
    left = row.days_left
    if left is None:
        return "—"
    return f"逾期 {-left} 天" if left < 0 else f"{left} 天"


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[DraftRow], str]
    key: Callable[[DraftRow], Any]  # sorts the column; values of one column compare with each other
    sample: str = ""  # the widest text usually shown, to size the column without reading every row


_FAR = 10**6
# One entry per column of draft_list.HEADERS (the titles live there: the list shows them before this
# module is loaded): what a cell shows, what it sorts by, and its usual widest text.
_CELLS = (
    (lambda r: r.title, lambda r: r.summary.title, ""),
    (lambda r: roc_period(r.summary.start_date, r.summary.end_date),
     lambda r: r.summary.start_date.isoformat() if r.summary.start_date else "", "115年12月28日至115年12月31日"),
    (lambda r: r.summary.status,
     lambda r: STATUSES.index(r.summary.status) if r.summary.status in STATUSES else len(STATUSES), "退回修正"),
    (lambda r: slash_at(r.status_at), lambda r: r.status_at, "115/12/31 23:59"),
    (lambda r: roc_slash(r.deadline), lambda r: r.deadline.isoformat() if r.deadline else "9999", "115/12/31"),
    (_days_left_text, lambda r: r.days_left if r.days_left is not None else _FAR, "逾期 999 天"),
    (lambda r: slash_at(r.summary.updated_at), lambda r: r.summary.updated_at, "115/12/31 23:59"),
)
COLUMNS = tuple(Column(header, *cell) for header, cell in zip(HEADERS, _CELLS, strict=True))
TITLE, PERIOD, STATUS, STATUS_AT, DEADLINE, DAYS_LEFT, UPDATED = range(len(COLUMNS))


class DraftTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: dict[int, DraftRow] = {}  # every draft, by id, in the order the repository gave
        self._shown: list[DraftRow] = []  # after the filter, in the sort order
        self._today: date | None = None
        self._words = ""
        self._status = ""
        self._sort_column = UPDATED
        self._descending = True

    # ---- Qt's side ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 (Qt override)
        if role == DISPLAY_ROLE and orientation == Qt.Horizontal:
            return COLUMNS[section].header
        return None

    def data(self, index, role=DISPLAY_ROLE):
        row = self._shown[index.row()]
        column = index.column()
        if role == DISPLAY_ROLE:
            return COLUMNS[column].text(row)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return COLUMNS[column].key(row)
        if column == DAYS_LEFT and (role == FOREGROUND_ROLE or role == TOOLTIP_ROLE) and row.urgent:
            return colours.meaning("problem") if role == FOREGROUND_ROLE else "離繳交期限不到兩週"
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self._sort_column = column
        self._descending = order == Qt.DescendingOrder
        self._relayout(self._arranged())

    # ---- our side -------------------------------------------------------------------------------
    def total(self) -> int:
        """Every draft, shown or filtered out."""
        return len(self._rows)

    def row(self, index_row: int) -> DraftRow:
        return self._shown[index_row]

    def shown_rows(self) -> list[DraftRow]:
        return list(self._shown)

    def position_of(self, draft_id: int) -> int | None:
        return next((n for n, row in enumerate(self._shown) if row.id == draft_id), None)

    def set_drafts(self, drafts: list[tuple[DraftSummary, str]], today: date) -> None:
        """The repository's current list (each draft with when its status last changed). Only rows
        whose draft changed are rebuilt and announced; a draft added or deleted resets the view."""
        if today != self._today:
            self._today = today
            self._rows = {}
        if self._rows.keys() != {s.id for s, _ in drafts}:
            self.beginResetModel()
            self._rows = {s.id: DraftRow(s, at, today) for s, at in drafts}
            self._shown = self._arranged()
            self.endResetModel()
            return
        changed = set()
        for summary, at in drafts:
            row = self._rows[summary.id]
            if row.summary != summary or row.status_at != at:
                row.update(summary, at)
                changed.add(row)
        if not changed:
            return
        self._rows = {s.id: self._rows[s.id] for s, _ in drafts}  # the repository's order: newest edit first
        arranged = self._arranged()
        if set(arranged) != set(self._shown):
            self.beginResetModel()  # a change moved a draft in or out of the filter
            self._shown = arranged
            self.endResetModel()
            return
        self._relayout(arranged)
        last = len(COLUMNS) - 1
        for n, row in enumerate(self._shown):
            if row in changed:
                self.dataChanged.emit(self.index(n, 0), self.index(n, last))

    def set_filter(self, words: str, status: str) -> None:
        """Show drafts whose title holds `words` (any case) and whose status is `status` ("" for all)."""
        words = words.strip().lower()
        if (words, status) == (self._words, self._status):
            return
        self._words, self._status = words, status
        self.beginResetModel()
        self._shown = self._arranged()
        self.endResetModel()

    def _arranged(self) -> list[DraftRow]:
        words, status = self._words, self._status
        rows = [r for r in self._rows.values()
                if (not words or words in r.title.lower()) and (not status or r.summary.status == status)]
        # a stable sort: drafts that tie stay newest edit first, as the repository gave them
        rows.sort(key=COLUMNS[self._sort_column].key, reverse=self._descending)
        return rows

    def _relayout(self, arranged: list[DraftRow]) -> None:
        """Reorder without a reset, so the selection and the current cell follow their drafts."""
        if arranged == self._shown:  # the same row objects in the same order
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        rows = [self._shown[i.row()] for i in old]
        self._shown = arranged
        where = {row: n for n, row in enumerate(arranged)}
        new = [self.index(where[row], i.column()) if row in where else QModelIndex()
               for row, i in zip(rows, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
