"""After an export: a message with 開啟檔案 and 開啟資料夾; the next export of the same draft starts
in the folder it went to."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from desktop.gui.export_dialog import export_current
from tests.gui.editor_helpers import open_report


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(Path(url.toLocalFile())) or True)
    return urls


def _click_when_shown(label_start: str, seen: list) -> None:
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append((box.text(), box.informativeText(), [b.text() for b in box.findChildren(QPushButton)]))
        next(b for b in box.findChildren(QPushButton) if b.text().startswith(label_start)).click()

    QTimer.singleShot(0, click)


def _save_to(monkeypatch, target: Path, asked: list) -> None:
    def fake(parent, caption, start, filters):
        asked.append(Path(start))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def test_open_the_file_or_its_folder_after_an_export(qtbot, window, monkeypatch, tmp_path, opened, example_report):
    open_report(window, example_report)
    folder = tmp_path / "公文"
    folder.mkdir()
    asked, seen = [], []
    _save_to(monkeypatch, folder / "報告.docx", asked)
    _click_when_shown("開啟檔案", seen)
    assert export_current(window, "docx") == folder / "報告.docx"
    text, where, buttons = seen[0]
    assert "報告.docx" in text
    assert str(folder) in where
    assert {"開啟檔案(&O)", "開啟資料夾(&F)", "關閉"} <= set(buttons)
    assert opened == [folder / "報告.docx"]

    _click_when_shown("開啟資料夾", seen)
    export_current(window, "docx")
    assert opened[-1] == folder
    assert asked[1].parent == folder  # the second export started where the first went


def test_each_draft_remembers_its_own_export_folder(qtbot, window, monkeypatch, tmp_path, opened, example_report):
    first, second = tmp_path / "甲", tmp_path / "乙"
    first.mkdir()
    second.mkdir()
    asked, seen = [], []
    open_report(window, example_report)
    _save_to(monkeypatch, first / "a.docx", asked)
    _click_when_shown("關閉", seen)
    export_current(window, "docx")
    other = window.services.repo.create(example_report.__class__.new("另一份"))
    window.open_draft(other)
    _save_to(monkeypatch, second / "b.docx", asked)
    _click_when_shown("關閉", seen)
    export_current(window, "docx")
    assert opened == []  # 關閉 opens nothing

    window.open_draft(window.memory.settings.recent_drafts()[1])  # back to the first draft
    _click_when_shown("關閉", seen)
    export_current(window, "docx")
    assert asked[2].parent == first
