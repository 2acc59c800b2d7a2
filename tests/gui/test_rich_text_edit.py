"""The body text box used from the keyboard: emphasis, lists and levels, tables, paste, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QToolBar, QVBoxLayout, QWidget

from desktop.domain.blocks import (
    Cell,
    ListBlock,
    ListItem,
    Paragraph,
    PhotoBlock,
    Run,
    Table,
    table_from_texts,
)
from desktop.gui.widgets.rich_actions import RichActions
from desktop.gui.widgets.rich_text_edit import BLOCKS_MIME, RichTextEdit
from tests.gui.typing import type_text

CLIPBOARD = Path(__file__).resolve().parent.parent / "fixtures" / "clipboard"


@pytest.fixture
def box(qtbot):
    holder = QWidget()
    layout = QVBoxLayout(holder)
    edit = RichTextEdit()
    actions = RichActions(edit)
    layout.addWidget(actions.toolbar())
    layout.addWidget(edit)
    after = QLineEdit()  # where Tab goes when it leaves the box
    layout.addWidget(after)
    qtbot.addWidget(holder)
    holder.show()
    holder.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=3000)
    edit.actions_, edit.after = actions, after
    yield edit
    holder.close()


def keys(qtbot, edit, sequence: str) -> None:
    from PySide6.QtGui import QKeySequence

    combination = QKeySequence(sequence)[0]
    qtbot.keyClick(edit, combination.key(), combination.keyboardModifiers())


def test_ctrl_b_i_u_mark_what_is_typed_next(qtbot, box):
    type_text(qtbot, box, "一般")
    keys(qtbot, box, "Ctrl+B")
    type_text(qtbot, box, "粗")
    keys(qtbot, box, "Ctrl+B")
    keys(qtbot, box, "Ctrl+I")
    type_text(qtbot, box, "斜")
    keys(qtbot, box, "Ctrl+I")
    keys(qtbot, box, "Ctrl+U")
    type_text(qtbot, box, "底")
    assert box.blocks() == [Paragraph([Run("一般"), Run("粗", bold=True), Run("斜", italic=True),
                                       Run("底", underline=True)])]


def test_ctrl_i_in_the_box_is_italic_even_where_the_window_uses_it(qtbot, box):
    from PySide6.QtGui import QAction, QKeySequence

    window_action = QAction(box.window())
    window_action.setShortcut(QKeySequence("Ctrl+I"))
    fired = []
    window_action.triggered.connect(lambda: fired.append(True))
    box.window().addAction(window_action)
    keys(qtbot, box, "Ctrl+I")
    type_text(qtbot, box, "斜")
    assert box.blocks() == [Paragraph([Run("斜", italic=True)])]
    assert fired == []


def test_lists_and_levels_from_the_keyboard(qtbot, box):
    keys(qtbot, box, "Ctrl+Shift+N")
    type_text(qtbot, box, "甲")
    qtbot.keyClick(box, Qt.Key_Return)
    keys(qtbot, box, "Ctrl+]")
    type_text(qtbot, box, "甲之一")
    qtbot.keyClick(box, Qt.Key_Return)
    type_text(qtbot, box, "甲之二")
    qtbot.keyClick(box, Qt.Key_Return)
    keys(qtbot, box, "Ctrl+[")
    type_text(qtbot, box, "乙")
    assert box.blocks() == [ListBlock([ListItem([Run("甲")]), ListItem([Run("甲之一")], 1),
                                       ListItem([Run("甲之二")], 1), ListItem([Run("乙")])], ordered=True)]
    # the two sub-items are one list in the box too: the second shows （2）, not （1） again
    document = box.document()
    second = document.findBlockByNumber(2)
    assert second.textList().itemNumber(second) == 1


def test_the_list_button_again_turns_items_back_into_paragraphs(qtbot, box):
    keys(qtbot, box, "Ctrl+Shift+L")
    type_text(qtbot, box, "項目")
    keys(qtbot, box, "Ctrl+Shift+L")
    assert box.blocks() == [Paragraph([Run("項目")])]


def test_insert_a_table_type_in_its_cells_with_tab_and_add_a_row_from_the_last_cell(qtbot, box, monkeypatch):
    from desktop.gui.widgets import rich_actions

    def accept(dialog):
        dialog.rows.setValue(2)
        dialog.columns.setValue(2)
        dialog.caption.setText("議程")
        return rich_actions.QDialog.Accepted

    monkeypatch.setattr(rich_actions.InsertTableDialog, "exec", accept)
    type_text(qtbot, box, "前文")
    keys(qtbot, box, "Ctrl+Shift+T")
    for text in ("時間", "議程", "09:00", "開幕"):
        type_text(qtbot, box, text)
        qtbot.keyClick(box, Qt.Key_Tab)
    type_text(qtbot, box, "10:00")
    assert box.hasFocus()
    assert box.blocks() == [Paragraph([Run("前文")]),
                            table_from_texts([["時間", "議程"], ["09:00", "開幕"], ["10:00", ""]], caption="議程")]


def test_tab_outside_a_table_leaves_the_box_and_ctrl_tab_leaves_a_table(qtbot, box):
    box.set_blocks([table_from_texts([["a", "b"]])])
    box.setTextCursor(_cell_cursor(box, 0, 0))
    qtbot.keyClick(box, Qt.Key_Tab, Qt.ControlModifier)
    assert box.after.hasFocus()
    box.set_blocks([Paragraph([Run("文字")])])
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Tab)
    assert box.after.hasFocus()


def _cell_cursor(box, row, column):
    from PySide6.QtGui import QTextCursor

    block = box.document().begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            return table.cellAt(row, column).firstCursorPosition()
        block = block.next()
    raise AssertionError("no table")


def test_rows_and_columns_are_added_and_removed_from_the_table_menu(qtbot, box):
    box.set_blocks([table_from_texts([["時間", "議程"], ["09:00", "開幕"]])])
    box.setTextCursor(_cell_cursor(box, 1, 0))
    actions = box.actions_
    actions.row_below.trigger()
    type_text(qtbot, box, "10:00")
    actions.column_right.trigger()
    type_text(qtbot, box, "備註")
    assert box.blocks()[0].cell_texts() == [["時間", "", "議程"], ["09:00", "", "開幕"], ["10:00", "備註", ""]]
    box.setTextCursor(_cell_cursor(box, 0, 1))
    actions.delete_columns.trigger()
    box.setTextCursor(_cell_cursor(box, 1, 0))
    actions.delete_rows.trigger()
    assert box.blocks()[0].cell_texts() == [["時間", "議程"], ["10:00", ""]]


def test_merge_cells_and_toggle_the_header_row(qtbot, box):
    from PySide6.QtGui import QTextCursor

    box.set_blocks([table_from_texts([["年度", "指標"], ["2016", "經濟"], ["", "環境"]])])
    cursor = _cell_cursor(box, 1, 0)
    cursor.setPosition(_cell_cursor(box, 2, 0).position(), QTextCursor.KeepAnchor)
    box.setTextCursor(cursor)
    assert box.actions_.merge.isEnabled()
    box.actions_.merge.trigger()
    box.setTextCursor(_cell_cursor(box, 0, 0))
    box.actions_.header_row.trigger()
    (table,) = box.blocks()
    assert table.rows[1][0] == Cell("2016", rowspan=2)
    assert table.rows[2][0] is None
    assert table.header_rows == 0


def test_caption_and_note_are_typed_around_the_table(qtbot, box):
    box.set_blocks([table_from_texts([["a", "b"]])])
    box.setTextCursor(_cell_cursor(box, 0, 0))
    box.actions_.caption.trigger()
    type_text(qtbot, box, "評比")
    qtbot.keyClick(box, Qt.Key_Return)  # Enter in the caption goes into the table
    box.actions_.note.trigger()
    type_text(qtbot, box, "資料來源：EIU")
    qtbot.keyClick(box, Qt.Key_Return)
    type_text(qtbot, box, "後文")
    table, after = box.blocks()
    assert (table.caption, table.note) == ("評比", "資料來源：EIU")
    assert after == Paragraph([Run("後文")])


def test_a_word_paste_is_kept_and_one_ctrl_z_takes_it_back(qtbot, box):
    type_text(qtbot, box, "原文")
    mime = QMimeData()
    mime.setHtml((CLIPBOARD / "word-2016-zh-tw.html").read_text(encoding="utf-8"))
    mime.setText("純文字版本")
    offered = []
    box.imagesOffered.connect(offered.append)
    box.insertFromMimeData(mime)
    kinds = [type(b).__name__ for b in box.blocks()]
    assert kinds == ["Paragraph", "Paragraph", "ListBlock", "Table", "ListBlock"]
    assert box.blocks()[0] == Paragraph([Run("原文")])  # what was there stays a paragraph of its own
    (((image, position),),) = offered
    assert image.src.endswith("clip_image002.jpg")
    assert position == box.document().characterCount() - 1  # after the last list, where Word had it
    keys(qtbot, box, "Ctrl+Z")
    assert box.blocks() == [Paragraph([Run("原文")])]


def test_copy_and_paste_inside_the_box_keeps_the_caption_and_the_photo(qtbot, box):
    blocks = [Paragraph([Run("前")]), table_from_texts([["a", "b"], ["c", "d"]], caption="議程", note="資料來源：x"),
              PhotoBlock("p1")]
    box.set_blocks(blocks)
    box.selectAll()
    mime = box.createMimeDataFromSelection()
    assert mime.hasFormat(BLOCKS_MIME)
    box.set_blocks([])
    box.insertFromMimeData(mime)
    assert box.blocks() == blocks


def test_a_plain_text_paste_makes_paragraphs(qtbot, box):
    mime = QMimeData()
    mime.setText("第一段\r\n\r\n第二段\x0b第三段")
    box.insertFromMimeData(mime)
    assert [b.text for b in box.blocks()] == ["第一段", "第二段", "第三段"]


def test_a_pasted_table_of_300_rows_and_a_bad_paste_are_explained(qtbot, box):
    notices = []
    box.notice.connect(notices.append)
    html = "<table>" + "".join(f"<tr><td>{r}</td><td>x</td><td>y</td><td>z</td></tr>" for r in range(300)) + "</table>"
    mime = QMimeData()
    mime.setHtml(html)
    box.insertFromMimeData(mime)
    (table,) = box.blocks()
    assert len(table.rows) == 300
    assert notices == [""]
    wide = QMimeData()
    wide.setHtml("<table><tr>" + "".join(f"<td>{c}</td>" for c in range(45)) + "</tr></table>")
    box.insertFromMimeData(wide)
    assert notices[-1] == "貼上的內容中，45 欄的表格超過每個表格 20 欄的上限，已依序分成 3 個表格。"
    assert sum(isinstance(b, Table) for b in box.blocks()) == 4


def test_actions_that_do_not_apply_are_disabled(qtbot, box):
    actions = box.actions_
    assert not actions.row_below.isEnabled()
    assert not actions.indent.isEnabled()
    box.set_blocks([table_from_texts([["a"]])])
    box.setTextCursor(_cell_cursor(box, 0, 0))
    assert actions.row_below.isEnabled()
    assert not actions.insert_table.isEnabled()  # no table inside a table
    assert QApplication.focusWidget() is box


def test_everything_on_the_toolbar_is_reachable_from_the_keyboard(qtbot, box):
    """Each action has its keys, or is in the menu Shift+F10 opens (with the cursor in a table,
    where the table's own actions apply); that menu speaks Chinese."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolButton

    box.set_blocks([table_from_texts([["a", "b"]])])
    box.setTextCursor(_cell_cursor(box, 0, 0))
    menu = box.actions_.context_menu(QPoint(5, 5))
    in_menu = set()

    def collect(m):
        for action in m.actions():
            in_menu.add(action)
            if action.menu() is not None:
                collect(action.menu())

    collect(menu)
    bar = box.parent().findChild(QToolBar)
    on_bar = [a for a in bar.actions() if not a.isSeparator()]
    table_button = next(w for w in bar.findChildren(QToolButton) if w.menu() is not None)
    on_bar += table_button.menu().actions()
    unreachable = [a.text() for a in on_bar if a.text() and a.shortcut().isEmpty() and a not in in_menu]
    assert unreachable == []
    texts = [a.text() for a in in_menu if a.text()]
    assert any(t.startswith("複製") for t in texts)
    assert not [t for t in texts if t.split("\t")[0].replace("&", "").isascii()]
