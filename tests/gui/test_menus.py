"""The menus in the usual order with plain words and the platform's keys; 編輯's 剪下/複製/貼上/全選
act on the widget that has the keyboard, while the keys themselves stay with that widget."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.gui import export_dialog
from desktop.gui.safety_features import install as install_safety
from tests.gui.editor_helpers import open_report, show


def _texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def test_menus_in_the_usual_order_with_quit_last(qtbot, window):
    export_dialog.install(window)
    install_safety(window)  # feature modules add their items after the window is built
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["檔案(&F)", "編輯(&E)", "檢視(&V)", "工具(&T)", "說明(&H)"]
    file_items = _texts(window.file_menu)
    assert file_items[-1] == "結束(&X)"
    assert not [t for t in file_items if "JSON" in t]  # plain words, not a format's name
    assert "開啟草稿檔(&O)…" in file_items
    assert _texts(window.help_menu) == ["使用說明(&G)", "關於出國報告編輯器(&A)"]
    assert window.guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.import_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    edit = _texts(window.edit_menu)
    assert edit[:6] == ["復原(&U)", "重做(&R)", "剪下(&T)", "複製(&C)", "貼上(&P)", "全選(&A)"]
    assert "尋找與取代(&H)…" in edit


def test_cut_copy_paste_and_select_all_from_the_menu(qtbot, window, example_report):
    editor = open_report(window, example_report)
    title = editor.field("title")
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    actions = window.edit_actions.actions
    actions["selectAll"].trigger()
    assert title.selectedText() == example_report.title
    window.edit_menu.aboutToShow.emit()
    assert actions["copy"].isEnabled()
    assert actions["cut"].isEnabled()
    actions["copy"].trigger()
    assert QApplication.clipboard().text() == example_report.title
    actions["cut"].trigger()
    assert title.text() == ""
    window.edit_menu.aboutToShow.emit()  # the menu opened again: now there is something to paste
    actions["paste"].trigger()
    assert title.text() == example_report.title
    assert title.hasFocus()  # the keys go back where they were


def test_the_keys_stay_with_the_table_that_pastes_rows(qtbot, window, example_report):
    """Ctrl+V on the travellers table pastes whole rows (the table's own key), not menu text."""
    editor = open_report(window, example_report)
    page = show(editor, "travellers")
    table = page.rows.table
    rows = table.rowCount()
    QApplication.clipboard().setText("林小華\t臺南市政府\t秘書處\t科員\t\n")
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keySequence(table, QKeySequence.StandardKey.Paste)
    assert table.rowCount() == rows + 1
    window.edit_menu.aboutToShow.emit()
    window.edit_actions.actions["paste"].trigger()  # the menu does what the key does there
    assert table.rowCount() == rows + 2


def test_preview_toolbar_and_reopen_setting_are_in_view_and_tools(qtbot, window):
    view = _texts(window.view_menu)
    assert "頁面預覽(&P)" in view
    assert "回到草稿清單(&L)" in view
    assert window.reopen_action in window.tools_menu.actions()
