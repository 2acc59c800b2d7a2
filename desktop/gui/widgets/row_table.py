"""A table of plain-text rows with add / remove / move buttons and paste from Excel.

Travellers, itinerary rows and attachments are all "a list of rows of short texts"; this widget
edits such a list. Excel and Word put tab-separated lines on the clipboard, which Ctrl+V turns
into rows at the cursor. Removing rows goes through `before_change` so the editor can undo it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text import clean_line, clean_text


def parse_tsv(text: str, columns: int, shape=None) -> list[list[str]]:
    """Rows of a tab-separated paste, cut or padded to `columns` cells; blank lines dropped.
    `shape(cells)` may first rearrange each row's cells (to skip a computed column)."""
    rows = []
    for line in clean_text(text).split("\n"):
        if not line.strip():
            continue
        cells = [clean_line(c) for c in line.split("\t")]
        cells = (shape(cells) if shape else cells)[:columns]
        rows.append(cells + [""] * (columns - len(cells)))
    return rows


class RowTable(QWidget):
    """Emits `edited` after any change; `rows()` gives the cells, `set_rows()` shows them."""

    edited = Signal()

    def __init__(self, name: str, headers: list[str], before_change: Callable[[str], None] | None = None,
                 parent=None):
        super().__init__(parent)
        self.before_change = before_change or (lambda _label: None)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button = self._button("新增一列(&A)", self.add_row, f"在{name}新增一列")
        self.remove_button = self._button("刪除此列", self.remove_row, f"刪除{name}目前這列")
        self.up_button = self._button("上移", lambda: self.move_row(-1), f"{name}目前這列上移")
        self.down_button = self._button("下移", lambda: self.move_row(1), f"{name}目前這列下移")
        self.paste_button = self._button("從 Excel 貼上", self.paste, f"把剪貼簿的表格貼到{name}")
        self.buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button, self.paste_button):
            self.buttons.addWidget(b)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        self._loading = False
        # Ctrl+V on the table itself (not inside a cell being edited) pastes whole rows.
        paste = QShortcut(QKeySequence.Paste, self.table)
        paste.setContext(Qt.WidgetShortcut)
        paste.activated.connect(self.paste)

    def _button(self, text: str, slot, accessible: str) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(accessible)
        b.clicked.connect(slot)
        return b

    # ---- data ---------------------------------------------------------------------------------
    def set_rows(self, rows: list[list[str]]) -> None:
        self._loading = True
        self.table.setUpdatesEnabled(False)
        try:
            self.table.setRowCount(len(rows))
            for r, cells in enumerate(rows):
                for c in range(self.table.columnCount()):
                    self.table.setItem(r, c, self._item(cells[c] if c < len(cells) else ""))
        finally:
            self.table.setUpdatesEnabled(True)
            self._loading = False
        self.rows_loaded()

    def rows(self) -> list[list[str]]:
        return [[clean_line(self.table.item(r, c).text()) if self.table.item(r, c) else ""
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]

    def _item(self, text: str) -> QTableWidgetItem:
        return QTableWidgetItem(text)

    def shape_pasted(self, cells: list[str]) -> list[str]:
        """Hook: rearrange one pasted row's cells to this table's columns."""
        return cells

    def rows_loaded(self) -> None:
        """Hook for subclasses that decorate rows (weekday column, validation colours)."""

    def _item_changed(self, _item) -> None:
        if not self._loading:
            self.edited.emit()

    # ---- editing ------------------------------------------------------------------------------
    def insert_rows(self, at: int, rows: list[list[str]]) -> None:
        self._loading = True
        try:
            for offset, cells in enumerate(rows):
                self.table.insertRow(at + offset)
                for c in range(self.table.columnCount()):
                    self.table.setItem(at + offset, c, self._item(cells[c] if c < len(cells) else ""))
        finally:
            self._loading = False
        self.rows_loaded()
        self.edited.emit()

    def new_row(self, at: int) -> list[str]:
        """The cells of a row added at `at` (subclasses prefill, e.g. the next day's date)."""
        return [""] * self.table.columnCount()

    def add_row(self) -> None:
        at = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self.insert_rows(at, [self.new_row(at)])
        self.table.setCurrentCell(at, 0)
        self.table.setFocus()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.before_change("刪除一列")
        self.table.removeRow(row)
        self.rows_loaded()
        self.edited.emit()

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not (0 <= target < self.table.rowCount()):
            return
        rows = self.rows()
        rows[row], rows[target] = rows[target], rows[row]
        column = max(self.table.currentColumn(), 0)
        self.set_rows(rows)
        self.table.setCurrentCell(target, column)
        self.edited.emit()

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        self.paste_text(text)

    def paste_text(self, text: str) -> int:
        """Insert the tab-separated `text` as rows after the current row; returns how many."""
        rows = parse_tsv(text, self.table.columnCount(), self.shape_pasted)
        if not rows:
            return 0
        at = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self.insert_rows(at, rows)
        return len(rows)
