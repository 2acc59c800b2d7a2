"""A table of plain-text rows with add / remove / move buttons and paste from Excel.

Travellers, itinerary rows and attachments are all "a list of rows of short texts"; this widget
edits such a list, moving like a spreadsheet (SheetTable). Excel and Word put tab-separated lines
on the clipboard, which Ctrl+V turns into rows at the cursor. Adding, removing, moving and pasting
rows go through `record(label, apply, revert, banner=…)`, so the editor can undo them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
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


def _apply_now(_label: str, apply: Callable[[], None], _revert, banner: str = "") -> None:
    apply()


class _EnterAwareDelegate(QStyledItemDelegate):
    """Notes when Enter closes a cell editor: Qt gives the same hint when the editor closes because
    the current cell moved, and only Enter moves down a row. It also tells the table when the
    text in a cell editor is changed (cellTyped)."""

    def __init__(self, table):
        super().__init__(table)
        self.table = table

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt override)
        editor = super().createEditor(parent, option, index)
        if hasattr(editor, "textEdited"):
            editor.textEdited.connect(self.table.cellTyped)
        return editor

    def eventFilter(self, editor, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.table.enter_pressed = True
        return super().eventFilter(editor, event)


class SheetTable(QTableWidget):
    """Keys as in a spreadsheet, whether or not a cell is being edited: Tab and Shift+Tab go along
    the row to the next cell that can be typed in, wrapping to the next or previous row; Enter goes
    down a row, back to the column where a run of Tabs started. Past the last cell (or before the
    first) Tab leaves the table, so keyboard users are never caught in it.

    A cell being edited shows text its item does not hold yet: `typed_cell()` gives it, so a save
    stores what is on screen; cellTyped says it changed, cellReverted that Escape took it back."""

    cellTyped = Signal()
    cellReverted = Signal()

    def __init__(self, rows: int, columns: int, parent=None):
        super().__init__(rows, columns, parent)
        self.setTabKeyNavigation(True)
        self.setItemDelegate(_EnterAwareDelegate(self))
        self._tab_start: int | None = None
        self.enter_pressed = False

    def _editable(self, row: int, column: int) -> bool:
        item = self.item(row, column)
        return item is None or bool(item.flags() & Qt.ItemIsEditable)

    def neighbour(self, forward: bool) -> tuple[int, int] | None:
        """The next (or previous) cell that takes typing, in reading order; None past the ends."""
        columns = self.columnCount()
        row, column = max(self.currentRow(), 0), max(self.currentColumn(), 0)
        position = row * columns + column
        step = 1 if forward else -1
        for at in range(position + step, self.rowCount() * columns if forward else -1, step):
            if self._editable(*divmod(at, columns)):
                return divmod(at, columns)
        return None

    def _tab(self, forward: bool) -> bool:
        """Move one cell; False when there is no cell left that way."""
        target = self.neighbour(forward)
        if target is None or self.rowCount() == 0:
            return False
        if self._tab_start is None:
            self._tab_start = self.currentColumn()
        self.setCurrentCell(*target)
        return True

    def _leave(self, forward: bool) -> None:
        self._tab_start = None
        QWidget.focusNextPrevChild(self, forward)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt override)
        if self.state() != QAbstractItemView.EditingState and self.hasFocus() and self._tab(forward):
            return True
        self._leave(forward)
        return True

    def typed_cell(self) -> tuple[int, int, str] | None:
        """(row, column, text) of the cell being edited, as typed so far; None when none is."""
        if self.state() != QAbstractItemView.EditingState:
            return None
        index = self.currentIndex()
        editor = self.indexWidget(index) if index.isValid() else None
        if editor is None or not hasattr(editor, "text"):
            return None
        return index.row(), index.column(), editor.text()

    def closeEditor(self, editor, hint) -> None:  # noqa: N802 (Qt override)
        if hint == QAbstractItemDelegate.RevertModelCache:  # Escape: the cell shows its old text again
            super().closeEditor(editor, hint)
            self.enter_pressed = False
            self.cellReverted.emit()
            return
        if hint in (QAbstractItemDelegate.EditNextItem, QAbstractItemDelegate.EditPreviousItem):
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            forward = hint == QAbstractItemDelegate.EditNextItem
            if not self._tab(forward):
                self._leave(forward)
            return
        super().closeEditor(editor, hint)
        if self.enter_pressed and hint == QAbstractItemDelegate.SubmitModelCache:
            self._down()
        self.enter_pressed = False

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.state() != QAbstractItemView.EditingState:
            self._down()
            return
        if event.key() in (Qt.Key_Up, Qt.Key_Down, Qt.Key_Left, Qt.Key_Right, Qt.Key_Home, Qt.Key_End):
            self._tab_start = None
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._tab_start = None
        super().mousePressEvent(event)

    def inputMethodEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Chinese typed on a cell that is not being edited: Qt opens the cell's editor for it but
        drops the text (it forwards key presses only). Open the editor and hand the text over,
        replacing what the cell held, as typing over an Excel cell does."""
        index = self.currentIndex()
        if (self.state() == QAbstractItemView.EditingState or not event.commitString() or not index.isValid()
                or not self._editable(index.row(), index.column())):
            super().inputMethodEvent(event)
            return
        self.edit(index)
        box = QApplication.focusWidget()
        if box is None or box is self:
            super().inputMethodEvent(event)
            return
        if hasattr(box, "selectAll"):
            box.selectAll()
        typed = QInputMethodEvent("", [])
        typed.setCommitString(event.commitString())
        QApplication.sendEvent(box, typed)
        event.accept()

    def _down(self) -> None:
        column = self._tab_start if self._tab_start is not None else self.currentColumn()
        self._tab_start = None
        if self.currentRow() + 1 < self.rowCount():
            self.setCurrentCell(self.currentRow() + 1, max(column, 0))


class RowTable(QWidget):
    """Emits `edited` after any change; `rows()` gives the cells, `set_rows()` shows them."""

    edited = Signal()
    # The column a new row starts in: where the user types next.
    first_column = 0

    def __init__(self, name: str, headers: list[str], record=None, parent=None):
        super().__init__(parent)
        self.record = record or _apply_now
        self.name = name
        self.table = SheetTable(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.table.itemChanged.connect(self._item_changed)
        self.table.cellTyped.connect(self._cell_typed)
        self.table.cellReverted.connect(self._cell_typed)
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
        """The cells as shown, a cell being edited with what is typed in it so far."""
        rows = [[clean_line(self.table.item(r, c).text()) if self.table.item(r, c) else ""
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]
        typed = self.table.typed_cell()
        if typed is not None and typed[0] < len(rows):
            row, column, text = typed
            rows[row][column] = clean_line(text)
        return rows

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

    def _cell_typed(self) -> None:
        if not self._loading:
            self.edited.emit()  # the page saves the rows as shown (rows()), typed text included

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

    def take_rows(self, at: int, count: int) -> list[list[str]]:
        """Remove `count` rows from `at`; returns their cells (to put them back)."""
        taken = self.rows()[at:at + count]
        for _ in range(count):
            self.table.removeRow(at)
        self.rows_loaded()
        self.edited.emit()
        return taken

    def _undoable_insert(self, label: str, at: int, rows: list[list[str]], column: int | None = None) -> None:
        """Insert rows as one undoable edit; undo takes them out with what was typed in them since,
        and redo brings that back."""
        held = [rows]
        count = len(rows)

        def apply() -> None:
            self.insert_rows(at, held[0])
            if column is not None:
                self.table.setCurrentCell(at, column)

        def revert() -> None:
            held[0] = self.take_rows(at, count)

        self.record(label, apply, revert)

    def new_row(self, at: int) -> list[str]:
        """The cells of a row added at `at` (subclasses prefill, e.g. the next day's date)."""
        return [""] * self.table.columnCount()

    def add_row(self) -> None:
        at = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self.add_row_at(at, self.new_row(at), self.first_column)

    def add_row_at(self, at: int, cells: list[str], column: int) -> None:
        """Add a row and start typing in `column` of it, as a person continues a list."""
        self._undoable_insert("新增一列", at, [cells], column)
        self.table.setFocus()
        self.table.editItem(self.table.item(at, column))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        column = max(self.table.currentColumn(), 0)
        held: list[list[str]] = []

        def apply() -> None:
            held[:] = self.take_rows(row, 1)
            if self.table.rowCount():
                self.table.setCurrentCell(min(row, self.table.rowCount() - 1), column)

        def revert() -> None:
            self.insert_rows(row, held)
            self.table.setCurrentCell(row, column)

        self.record("刪除一列", apply, revert, banner=f"已刪除{self.name}的一列。")

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not (0 <= target < self.table.rowCount()):
            return
        column = max(self.table.currentColumn(), 0)

        def swap(a: int, b: int) -> None:
            rows = self.rows()
            rows[a], rows[b] = rows[b], rows[a]
            self.set_rows(rows)
            self.table.setCurrentCell(b, column)
            self.edited.emit()

        self.record("移動一列", lambda: swap(row, target), lambda: swap(target, row))

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        self.paste_text(text)

    def paste_text(self, text: str) -> int:
        """Insert the tab-separated `text` as rows after the current row; returns how many."""
        rows = parse_tsv(text, self.table.columnCount(), self.shape_pasted)
        if not rows:
            return 0
        at = self.table.currentRow() + 1 if self.table.currentRow() >= 0 else self.table.rowCount()
        self._undoable_insert(f"貼上 {len(rows)} 列", at, rows)
        return len(rows)
