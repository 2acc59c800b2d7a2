"""What the body text box can do, as actions with keys: emphasis, lists and their levels, tables
(insert, rows and columns, merge, header row, caption and note, delete) and photos. A small
toolbar shows the frequent ones; the 表格 button and the box's context menu (Shift+F10 or the Menu
key) hold all of them, so every one is reachable from the keyboard.

Each structural change is one step of the text box's own undo (Ctrl+Z in the box).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextLength
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolBar,
    QToolButton,
)

from desktop.domain.blocks import MAX_COLUMNS, MAX_LIST_LEVELS, Cell, Table
from desktop.domain.text import clean_line
from desktop.gui.widgets.block_document import (
    BULLET_STYLES,
    CAPTION,
    NOTE,
    block_role,
    char_format,
    list_format,
    paragraph_format,
    remove_table,
)


class InsertTableDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("插入表格")
        self.rows = QSpinBox()
        self.rows.setRange(1, 500)
        self.rows.setValue(3)
        self.rows.setAccessibleName("列數")
        self.columns = QSpinBox()
        self.columns.setRange(1, MAX_COLUMNS)
        self.columns.setValue(2)
        self.columns.setAccessibleName("欄數")
        self.header = QCheckBox("第一列是標題列（每頁重複、粗體）")
        self.header.setChecked(True)
        self.caption = QLineEdit()
        self.caption.setAccessibleName("表格標題")
        self.caption.setPlaceholderText("例如：論壇議程（匯出時自動加上「表N：」）")
        form = QFormLayout(self)
        form.addRow("列數：", self.rows)
        form.addRow("欄數：", self.columns)
        form.addRow("", self.header)
        form.addRow("表格標題：", self.caption)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("插入")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def table(self) -> Table:
        rows = [[Cell() for _ in range(self.columns.value())] for _ in range(self.rows.value())]
        return Table(rows, 1 if self.header.isChecked() else 0, caption=clean_line(self.caption.text()))


class RichActions(QObject):
    photoRequested = Signal()  # 插入照片…: the chapter editor asks which photo

    def __init__(self, edit):
        super().__init__(edit)
        self.edit = edit
        self.bold = self._action("粗體", "Ctrl+B", self.toggle_bold, checkable=True, tip="粗體 (Ctrl+B)")
        self.italic = self._action("斜體", "Ctrl+I", self.toggle_italic, checkable=True, tip="斜體 (Ctrl+I)")
        self.underline = self._action("底線", "Ctrl+U", self.toggle_underline, checkable=True, tip="底線 (Ctrl+U)")
        for action, style in ((self.bold, "font-weight: bold"), (self.italic, "font-style: italic"),
                              (self.underline, "text-decoration: underline")):
            action.setData(style)
        self.bullets = self._action("• 清單", "Ctrl+Shift+L", lambda: self.toggle_list(False), checkable=True,
                                    tip="項目符號清單 (Ctrl+Shift+L)")
        self.numbers = self._action("1. 編號", "Ctrl+Shift+N", lambda: self.toggle_list(True), checkable=True,
                                    tip="編號清單，匯出時依章節層級編為 一、（一）1. (Ctrl+Shift+N)")
        self.indent = self._action("→ 下一層", "Ctrl+]", lambda: self.change_level(1), tip="清單項目下移一層 (Ctrl+])")
        self.outdent = self._action("← 上一層", "Ctrl+[", lambda: self.change_level(-1), tip="清單項目上移一層 (Ctrl+[)")
        self.insert_table = self._action("插入表格…", "Ctrl+Shift+T", self.ask_table, tip="插入表格 (Ctrl+Shift+T)")
        self.row_above = self._action("在上方插入列", "", lambda: self.insert_row(0))
        self.row_below = self._action("在下方插入列", "Ctrl+Shift+Return", lambda: self.insert_row(1),
                                      tip="在下方插入列 (Ctrl+Shift+Enter；在最後一格按 Tab 也會新增一列)")
        self.delete_rows = self._action("刪除列", "", self.remove_rows)
        self.column_left = self._action("在左側插入欄", "", lambda: self.insert_column(0))
        self.column_right = self._action("在右側插入欄", "", lambda: self.insert_column(1))
        self.delete_columns = self._action("刪除欄", "", self.remove_columns)
        self.merge = self._action("合併儲存格", "", self.merge_cells, tip="先選取相鄰的儲存格")
        self.split = self._action("分割儲存格", "", self.split_cell)
        self.header_row = self._action("第一列是標題列", "", self.toggle_header, checkable=True)
        self.caption = self._action("表格標題", "", self.edit_caption, tip="表格上方的標題，匯出時編為「表N：」")
        self.note = self._action("資料來源／附註", "", self.edit_note, tip="表格下方的一行，例如「資料來源：…」")
        self.delete_table = self._action("刪除表格", "", self.remove_table)
        self.photo = self._action("插入照片…", "Ctrl+Shift+G", self.photoRequested.emit,
                                  tip="在游標處插入本報告的照片或新的照片檔 (Ctrl+Shift+G)")
        self.table_actions = [self.row_above, self.row_below, self.delete_rows, None, self.column_left,
                              self.column_right, self.delete_columns, None, self.merge, self.split, None,
                              self.header_row, self.caption, self.note, None, self.delete_table]
        edit.cursorPositionChanged.connect(self.update_state)
        edit.currentCharFormatChanged.connect(lambda _f: self.update_state())
        edit.selectionChanged.connect(self.update_state)
        edit.setContextMenuPolicy(Qt.CustomContextMenu)
        edit.customContextMenuRequested.connect(self._context_menu)
        self.update_state()

    def _action(self, text: str, keys: str, slot, *, checkable: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self.edit)
        action.setCheckable(checkable)
        if keys:
            # The box takes these keys itself while it has the focus (RichTextEdit.key_actions):
            # Ctrl+I is also the window's 匯入, and two shortcuts on one key cancel each other.
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.WidgetShortcut)
            self.edit.key_actions.append(action)
        action.setToolTip(tip or text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # ---- the toolbar and menus -----------------------------------------------------------------
    def toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setIconSize(QSize(16, 16))
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        bar.setAccessibleName("內文格式")
        for action in (self.bold, self.italic, self.underline):
            bar.addAction(action)
            button = bar.widgetForAction(action)
            button.setStyleSheet(f"QToolButton {{ {action.data()}; min-width: 28px; }}")
        bar.addSeparator()
        for action in (self.bullets, self.numbers, self.outdent, self.indent):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.insert_table)
        table_button = QToolButton()
        table_button.setText("表格 ▾")
        table_button.setAccessibleName("表格功能")
        table_button.setToolTip("列、欄、合併、標題列、表格標題與資料來源")
        table_button.setPopupMode(QToolButton.InstantPopup)
        table_button.setMenu(self.table_menu())
        self.table_button = table_button
        bar.addWidget(table_button)
        bar.addSeparator()
        bar.addAction(self.photo)
        return bar

    def table_menu(self, parent=None) -> QMenu:
        menu = QMenu("表格", parent or self.edit)
        for action in self.table_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _context_menu(self, pos) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.edit.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, pos) -> QMenu:
        """Qt's own entries (in Chinese) and every action of the box: what Shift+F10 or the Menu key
        opens, so nothing on the toolbar needs the mouse."""
        menu = self.edit.createStandardContextMenu(pos)
        for action in menu.actions():  # Qt's own entries are in English: name them in Chinese
            _translate(action)
        menu.addSeparator()
        for action in (self.bold, self.italic, self.underline, None, self.bullets, self.numbers, self.outdent,
                       self.indent, None, self.insert_table):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        if self.edit.textCursor().currentTable() is not None:
            menu.addMenu(self.table_menu(menu))
        menu.addAction(self.photo)
        return menu

    def update_state(self) -> None:
        cursor = self.edit.textCursor()
        fmt = cursor.charFormat()
        self.bold.setChecked(fmt.fontWeight() >= QFont.DemiBold)
        self.italic.setChecked(fmt.fontItalic())
        self.underline.setChecked(fmt.fontUnderline())
        text_list = cursor.currentList()
        in_table = cursor.currentTable() is not None
        ordered = text_list is not None and text_list.format().style() not in BULLET_STYLES
        self.bullets.setChecked(text_list is not None and not ordered)
        self.numbers.setChecked(ordered)
        for action in (self.bullets, self.numbers, self.insert_table, self.photo):
            action.setEnabled(not in_table)
        self.indent.setEnabled(text_list is not None and text_list.format().indent() < MAX_LIST_LEVELS)
        self.outdent.setEnabled(text_list is not None)
        for action in self.table_actions:
            if action is not None:
                action.setEnabled(in_table)
        if in_table:
            table = cursor.currentTable()
            self.header_row.setChecked(table.format().headerRowCount() > 0)
            self.merge.setEnabled(cursor.hasComplexSelection())
            cell = table.cellAt(cursor)
            self.split.setEnabled(cell.rowSpan() > 1 or cell.columnSpan() > 1)
            self.column_left.setEnabled(table.columns() < MAX_COLUMNS)
            self.column_right.setEnabled(table.columns() < MAX_COLUMNS)
        if hasattr(self, "table_button"):
            self.table_button.setEnabled(in_table)

    # ---- emphasis ------------------------------------------------------------------------------
    def _merge_char(self, fmt: QTextCharFormat) -> None:
        cursor = self.edit.textCursor()
        cursor.mergeCharFormat(fmt)  # the selection; with none, what is typed next (as in Word)
        self.edit.mergeCurrentCharFormat(fmt)
        self.update_state()

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Normal if self.edit.textCursor().charFormat().fontWeight() >= QFont.DemiBold
                          else QFont.Bold)
        self._merge_char(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.edit.textCursor().charFormat().fontItalic())
        self._merge_char(fmt)

    def toggle_underline(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(not self.edit.textCursor().charFormat().fontUnderline())
        self._merge_char(fmt)

    # ---- lists ---------------------------------------------------------------------------------
    def toggle_list(self, ordered: bool) -> None:
        cursor = self.edit.textCursor()
        if cursor.currentTable() is not None:
            return
        cursor.beginEditBlock()
        current = cursor.currentList()
        is_ordered = current is not None and current.format().style() not in BULLET_STYLES
        if current is not None and is_ordered == ordered:
            for block in _selected_blocks(cursor):  # the same button again: back to paragraphs
                if block.textList() is not None:
                    block.textList().remove(block)
                    QTextCursor(block).setBlockFormat(paragraph_format(block_role(block)))
        elif current is not None:
            # switch the whole list between bullets and numbers, each level keeping its place
            for block in _list_run(cursor.block()):
                lst = block.textList()
                lst.setFormat(list_format(ordered, lst.format().indent() - 1, self.edit.section_level))
        else:
            for block in _selected_blocks(cursor):
                if block_role(block):
                    QTextCursor(block).setBlockFormat(paragraph_format())
            cursor.createList(list_format(ordered, 0, self.edit.section_level))
        cursor.endEditBlock()
        self.update_state()

    def change_level(self, step: int) -> None:
        cursor = self.edit.textCursor()
        current = cursor.currentList()
        if current is None:
            return
        cursor.beginEditBlock()
        for block in _selected_blocks(cursor):
            lst = block.textList()
            if lst is None:
                continue
            fmt = lst.format()
            level = fmt.indent() - 1 + step
            ordered = fmt.style() not in BULLET_STYLES
            lst.remove(block)
            if level < 0:
                QTextCursor(block).setBlockFormat(paragraph_format())
                continue
            level = min(level, MAX_LIST_LEVELS - 1)
            joined = _list_to_join(block, level)
            if joined is not None:
                joined.add(block)
            else:
                QTextCursor(block).createList(list_format(ordered, level, self.edit.section_level))
        cursor.endEditBlock()
        self.update_state()

    # ---- tables --------------------------------------------------------------------------------
    def ask_table(self) -> None:
        dialog = InsertTableDialog(self.edit)
        if dialog.exec() == QDialog.Accepted:
            self.edit.paste_blocks([dialog.table()])
            cursor = self.edit.textCursor()
            # put the keys in the first cell of the table just made
            block = cursor.block()
            while block.isValid():
                table = QTextCursor(block).currentTable()
                if table is not None:
                    self.edit.setTextCursor(table.cellAt(0, 0).firstCursorPosition())
                    break
                block = block.previous()
            self.edit.setFocus()

    def _table(self):
        cursor = self.edit.textCursor()
        return cursor, cursor.currentTable()

    def insert_row(self, after: int) -> None:
        cursor, table = self._table()
        if table is None:
            return
        cell = table.cellAt(cursor)
        at = cell.row() + (cell.rowSpan() if after else 0)
        table.insertRows(at, 1)
        self.edit.setTextCursor(table.cellAt(at, cell.column()).firstCursorPosition())

    def remove_rows(self) -> None:
        cursor, table = self._table()
        if table is None:
            return
        first, count = _selected_span(cursor, table, rows=True)
        if count >= table.rows():
            remove_table(table, self.edit.document())
        else:
            table.removeRows(first, count)
        self.update_state()

    def insert_column(self, after: int) -> None:
        cursor, table = self._table()
        if table is None or table.columns() >= MAX_COLUMNS:
            return
        cell = table.cellAt(cursor)
        at = cell.column() + (cell.columnSpan() if after else 0)
        cursor.beginEditBlock()
        table.insertColumns(at, 1)
        _fix_widths(table, inserted=at)
        cursor.endEditBlock()
        self.edit.setTextCursor(table.cellAt(cell.row(), at).firstCursorPosition())

    def remove_columns(self) -> None:
        cursor, table = self._table()
        if table is None:
            return
        first, count = _selected_span(cursor, table, rows=False)
        if count >= table.columns():
            remove_table(table, self.edit.document())
        else:
            cursor.beginEditBlock()
            table.removeColumns(first, count)
            _fix_widths(table, removed=(first, count))
            cursor.endEditBlock()
        self.update_state()

    def merge_cells(self) -> None:
        cursor, table = self._table()
        if table is not None and cursor.hasComplexSelection():
            table.mergeCells(cursor)

    def split_cell(self) -> None:
        cursor, table = self._table()
        if table is None:
            return
        cell = table.cellAt(cursor)
        table.splitCell(cell.row(), cell.column(), 1, 1)
        self.update_state()

    def toggle_header(self) -> None:
        cursor, table = self._table()
        if table is None:
            return
        cursor.beginEditBlock()
        fmt = table.format()
        header = 0 if fmt.headerRowCount() > 0 else 1
        fmt.setHeaderRowCount(header)
        table.setFormat(fmt)
        bold = char_format(bold=bool(header))
        for column in range(table.columns()):
            cell = table.cellAt(0, column)
            c = cell.firstCursorPosition()
            c.setPosition(cell.lastPosition(), QTextCursor.KeepAnchor)
            c.mergeCharFormat(bold)
        cursor.endEditBlock()
        self.update_state()

    def _around(self, table, role: str):
        """The caption paragraph above (or the note paragraph under) the table, made if missing."""
        document = self.edit.document()
        if role == CAPTION:
            block = document.findBlock(table.firstPosition() - 1)
        else:
            block = document.findBlock(table.lastPosition() + 1)
        if block_role(block) == role:
            return block
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        if block.length() <= 1 and not block_role(block) and block.textList() is None:
            cursor.setBlockFormat(paragraph_format(role))
        elif role == CAPTION:
            cursor.movePosition(QTextCursor.EndOfBlock)
            cursor.insertBlock(paragraph_format(role), char_format())
        else:
            cursor.movePosition(QTextCursor.StartOfBlock)
            cursor.insertBlock()
            cursor.movePosition(QTextCursor.PreviousBlock)
            cursor.setBlockFormat(paragraph_format(role))
        cursor.endEditBlock()
        return cursor.block()

    def edit_caption(self) -> None:
        self._go_around(CAPTION)

    def edit_note(self) -> None:
        self._go_around(NOTE)

    def _go_around(self, role: str) -> None:
        _cursor, table = self._table()
        if table is None:
            return
        block = self._around(table, role)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.EndOfBlock)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def remove_table(self) -> None:
        _cursor, table = self._table()
        if table is not None:
            remove_table(table, self.edit.document())
            self.update_state()


def _selected_blocks(cursor: QTextCursor):
    document = cursor.document()
    block = document.findBlock(cursor.selectionStart())
    end = document.findBlock(cursor.selectionEnd())
    while block.isValid():
        yield block
        if block == end:
            break
        block = block.next()


def _list_run(block):
    """The list items around `block` that read as one list (contiguous list paragraphs)."""
    start = block
    while start.previous().isValid() and start.previous().textList() is not None:
        start = start.previous()
    while start.isValid() and start.textList() is not None:
        yield start
        start = start.next()


def _list_to_join(block, level: int):
    """The list an item moved to `level` continues: the nearest earlier item at that level, unless
    an item of a higher level stands between (then its numbering starts again)."""
    previous = block.previous()
    while previous.isValid() and previous.textList() is not None:
        indent = previous.textList().format().indent() - 1
        if indent == level:
            return previous.textList()
        if indent < level:
            return None
        previous = previous.previous()
    return None


def _selected_span(cursor: QTextCursor, table, *, rows: bool) -> tuple[int, int]:
    if cursor.hasComplexSelection():
        first_row, row_count, first_column, column_count = cursor.selectedTableCells()
        return (first_row, row_count) if rows else (first_column, column_count)
    cell = table.cellAt(cursor)
    return (cell.row(), cell.rowSpan()) if rows else (cell.column(), cell.columnSpan())


def _fix_widths(table, inserted: int | None = None, removed: tuple[int, int] | None = None) -> None:
    """Keep the column width constraints in step with the columns (Qt drops them otherwise)."""
    fmt = table.format()
    widths = [c.rawValue() for c in fmt.columnWidthConstraints()]
    if not widths:
        return
    if inserted is not None:
        widths.insert(inserted, sum(widths) / len(widths))
    if removed is not None:
        del widths[removed[0]:removed[0] + removed[1]]
    total = sum(widths) or 1
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.PercentageLength, 100 * w / total) for w in widths])
    table.setFormat(fmt)


_QT_WORDS = {"&Undo": "復原(&U)", "&Redo": "重做(&R)", "Cu&t": "剪下(&T)", "&Copy": "複製(&C)",
             "&Paste": "貼上(&P)", "Delete": "刪除", "Select All": "全選", "Copy &Link Location": "複製連結"}


def _translate(action) -> None:
    text = action.text().split("\t")[0]
    if text in _QT_WORDS:
        shortcut = action.text().partition("\t")[2]
        action.setText(_QT_WORDS[text] + (f"\t{shortcut}" if shortcut else ""))
