"""Typing in the window is saved within a second and survives a restart."""

from PySide6.QtCore import Qt

from desktop.domain.report import Report
from desktop.gui.main_window import MainWindow
from desktop.services import open_services
from desktop.storage import close_database
from tests.gui.typing import type_text


def make_window(qtbot, data_dir) -> MainWindow:
    window = MainWindow(open_services(data_dir))
    qtbot.addWidget(window)
    window.show()
    return window


def test_typed_text_survives_restart(qtbot, data_dir):
    window = make_window(qtbot, data_dir)
    qtbot.mouseClick(window.list_page.new_button, Qt.LeftButton)
    editor = window.editor_page
    assert window.stack.currentWidget() is editor
    type_text(qtbot, editor.field("title"), "出席東京智慧城市博覽會")
    type_text(qtbot, editor.field("agency"), "臺北市政府")
    type_text(qtbot, editor.field("start_date"), "114/03/02")
    editor.show_step(editor.pages.index(editor.page("purpose")))
    type_text(qtbot, editor.page("purpose").chapter_editor.text_edit, "本次目的為考察智慧路燈。")
    with qtbot.waitSignal(editor.saved, timeout=1000):
        pass
    window.close()
    close_database()

    window = make_window(qtbot, data_dir)
    titles = window.list_page.visible_titles()
    assert titles == ["出席東京智慧城市博覽會"]
    window.list_page.table.selectRow(0)
    qtbot.mouseClick(window.list_page.open_button, Qt.LeftButton)
    editor = window.editor_page
    assert editor.field("title").text() == "出席東京智慧城市博覽會"
    assert editor.field("agency").text() == "臺北市政府"
    assert editor.field("start_date").text() == "114/03/02"
    assert editor.page("purpose").chapter_editor.text_edit.toPlainText() == "本次目的為考察智慧路燈。"
    window.close()
    close_database()


def test_closing_the_window_saves_pending_edits(qtbot, data_dir):
    window = make_window(qtbot, data_dir)
    window.new_draft()
    type_text(qtbot, window.editor_page.field("title"), "關窗前最後一字")
    window.close()  # before the autosave timer fires
    close_database()
    services = open_services(data_dir)
    assert services.repo.list_drafts()[0].title == "關窗前最後一字"
    close_database()


def test_pasted_control_characters_are_dropped(qtbot, data_dir):
    from PySide6.QtCore import QMimeData

    window = make_window(qtbot, data_dir)
    window.new_draft()
    mime = QMimeData()
    mime.setText("第一段\x0b第二段\x07")
    text_edit = window.editor_page.page("purpose").chapter_editor.text_edit
    text_edit.insertFromMimeData(mime)
    assert text_edit.toPlainText() == "第一段\n第二段"
    window.close()
    close_database()


def test_delete_asks_first(qtbot, data_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = make_window(qtbot, data_dir)
    window.services.repo.create(Report.new("留著"))
    window.list_page.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    window.list_page.delete_button.click()
    assert window.list_page.table.model().rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    window.list_page.delete_button.click()
    assert window.list_page.table.model().rowCount() == 0
    window.close()
    close_database()
