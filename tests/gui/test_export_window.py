"""Exporting from the window: one place to choose, the draft left as it was, work off the GUI thread
with a bar that follows it, and a window that can still be closed meanwhile."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QToolBar

from desktop.domain.report import Report
from desktop.export import libreoffice, render
from desktop.export.render import Progress
from desktop.gui import export_dialog
from desktop.gui.export_dialog import ExportChoiceDialog, export_current
from desktop.storage import close_database
from tests.conftest import REPO_ROOT
from tests.gui.editor_helpers import click, make_window, show


@pytest.fixture
def window(qtbot, data_dir):
    win = make_window(qtbot, data_dir)
    export_dialog.install(win)
    win.open_draft(win.services.repo.create(Report.new("匯出測試")))
    yield win
    win.close()
    close_database()


def save_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(export_dialog, "tell_exported", lambda *a: "")  # test_after_export.py tests it


def test_toolbar_menu_and_review_step_open_the_same_export_choices(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(ExportChoiceDialog, "exec", lambda self: opened.append(self.chosen_key()) or QDialog.Rejected)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert window.export_action in toolbar.actions()
    file_texts = [a.text() for a in window.file_menu.actions()]
    assert window.export_action in window.file_menu.actions()
    assert not [t for t in file_texts if any(w in t for w in ("PDF", "ODT", "機關範本", "審核表", "提要"))]

    window.export_action.trigger()  # the toolbar's and the File menu's action
    review = show(window.editor_page, "review")
    click(qtbot, review.export_button)
    assert opened == ["docx", "docx"]

    choices = {key for key, *_rest in export_dialog.export_choices()}
    assert {"docx", "pdf", "odt", "agency", "summary-sheet.docx", "review-sheet.docx"} <= choices


def test_exporting_a_sheet_leaves_the_draft_on_its_step_with_its_undo(qtbot, window, monkeypatch, tmp_path):
    editor = window.editor_page
    travellers = show(editor, "travellers")
    travellers.rows.paste_text("王小明\t臺中市政府\t經發局\t科長\t\n")
    assert editor.undo_stack.count() == 1
    save_as(monkeypatch, tmp_path / "提要.docx")
    monkeypatch.setattr(ExportChoiceDialog, "exec", lambda self: self.choose("summary-sheet.docx") or QDialog.Accepted)
    window.export_action.trigger()
    assert Document(str(tmp_path / "提要.docx")).tables  # the sheet was written
    assert editor.stack.currentWidget() is travellers  # not sent back to 基本資料
    assert editor.undo_stack.count() == 1
    window.undo_action.trigger()  # the history is intact
    assert travellers.rows.rows() == []


def test_the_export_runs_off_the_gui_thread_and_the_bar_follows_the_work(qtbot, window, monkeypatch, tmp_path):
    shown = {1: threading.Event(), 2: threading.Event(), 3: threading.Event(), "busy": threading.Event()}
    threads = []

    def export(report, target, fmt, template, photos):
        threads.append(threading.current_thread())
        for k in (1, 2, 3):
            yield Progress(k, 5, f"第 {k} 步")
            assert shown[k].wait(5), f"step {k} never reached the bar"
        for _ in range(500):  # LibreOffice at work: the same step over and over
            yield Progress(4, 5, "以 LibreOffice 轉成 PDF")
            if shown["busy"].is_set():
                break
            time.sleep(0.01)
        Path(target).write_bytes(b"%PDF-1.4")
        yield Progress(5, 5, "完成")

    monkeypatch.setattr(render, "export_report", export)
    monkeypatch.setattr(libreoffice, "available", lambda: True)
    save_as(monkeypatch, tmp_path / "報告.pdf")
    states = []

    def watch():
        dialog = window.findChild(QProgressDialog)
        if dialog is None or window.active_export is None:
            return
        states.append((dialog.value(), dialog.maximum(), dialog.labelText(), dialog.windowModality()))
        for k in (1, 2, 3):
            if dialog.labelText() == f"第 {k} 步" and dialog.value() == k - 1 and dialog.maximum() == 5:
                shown[k].set()
        if dialog.maximum() == 0 and "以 LibreOffice 轉成 PDF…　已 0 秒" in dialog.labelText():
            shown["busy"].set()

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    written = export_current(window, "pdf")
    timer.stop()
    assert written == tmp_path / "報告.pdf"
    assert threads[0] is not threading.main_thread()
    assert all(event.is_set() for event in shown.values())
    assert {state[3] for state in states} == {Qt.NonModal}  # the window's close button still answers
    assert window.editor_page.isEnabled()  # given back after the export


def test_closing_the_window_during_an_export_asks_and_cancels_it(qtbot, window, monkeypatch, tmp_path):
    stopped = threading.Event()

    def export(report, target, fmt, template, photos):
        try:
            while True:
                yield Progress(4, 5, "以 LibreOffice 轉成 PDF")
                time.sleep(0.01)
        finally:
            stopped.set()  # what closing the generator does: LibreOffice killed, temporary files gone

    monkeypatch.setattr(render, "export_report", export)
    monkeypatch.setattr(libreoffice, "available", lambda: True)
    target = tmp_path / "報告.pdf"
    save_as(monkeypatch, target)
    asked = []
    answers = iter([QMessageBox.No, QMessageBox.Yes])
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda _p, _title, text, *a, **k: asked.append(text) or next(answers)))
    after_no = []

    def close_twice():
        if window.active_export is None:
            return
        timer.stop()
        window.close()  # 否: the window stays, the export goes on
        after_no.append((window.isVisible(), window.active_export is not None, stopped.is_set()))
        window.close()  # 是: cancelled, then closed

    timer = QTimer()
    timer.timeout.connect(close_twice)
    timer.start(20)
    assert export_current(window, "pdf") is None
    assert len(asked) == 2
    assert "匯出" in asked[0]
    assert after_no == [(True, True, False)]
    assert stopped.is_set()
    assert not window.isVisible()
    assert not target.exists()


def test_the_window_never_spins_process_events():
    offenders = [str(p.relative_to(REPO_ROOT)) for p in (REPO_ROOT / "desktop" / "gui").rglob("*.py")
                 if "processEvents(" in p.read_text(encoding="utf-8")]
    assert offenders == []
