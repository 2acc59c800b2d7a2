"""檔案 → 從 Word 報告匯入…: the import runs off the window's thread, opens the new draft, and its
page of results jumps to what needs a look."""

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.gui.word_import_dialog import install
from tests.interchange.word_import.taichung_like import build
from tests.interchange.word_import.word_documents import word_style_report

SHOTS = os.environ.get("TRIPREPORT_SHOTS")  # a folder to keep screenshots in, for a person to look at


def run_import(qtbot, window, path: Path):
    feature = install(window)
    assert feature.action in window.file_menu.actions()
    feature.start(path)
    qtbot.waitUntil(lambda: feature.thread is None and feature.report_dialog is not None, timeout=60000)
    return feature


def test_menu_entry_sits_under_the_json_import(window):
    feature = install(window)
    actions = window.file_menu.actions()
    assert actions.index(feature.action) == actions.index(window.import_action) + 1
    assert feature.action.text() == "從 Word 報告匯入(&W)…"


def test_a_word_report_opens_as_a_draft_and_its_notes_jump(qtbot, window, tmp_path):
    path = word_style_report(tmp_path / "舊報告.docx")
    feature = run_import(qtbot, window, path)
    editor = window.editor_page
    assert window.stack.currentWidget() is editor
    assert editor.report.title == "出席2025亞太城市韌性論壇"
    assert window.services.repo.load(editor.report.id).chapter("process").sections[0].heading == "出席論壇"
    dialog = feature.report_dialog
    items = [dialog.list.item(i) for i in range(dialog.list.count())]
    # (the 閉幕式 sub-section's list and table once came with a note; they now come in as such)
    process = next(i for i in items if "「過程」一章" in i.text())
    target = f"section:{editor.report.chapter('process').id}"
    assert not editor.stack.currentWidget().owns(target)
    dialog.list.itemClicked.emit(process)
    assert editor.stack.currentWidget().owns(target)


def test_a_file_that_is_not_a_report_says_why(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "表格.docx"
    path.write_bytes("不是 Word".encode())
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: said.append((title, text)))
    feature = install(window)
    feature.start(path)
    qtbot.waitUntil(lambda: feature.thread is None, timeout=30000)
    assert said == [("無法匯入", "「表格.docx」不是 Word 檔（.docx、.doc）或 ODF 文字文件（.odt），無法匯入。")]
    assert window.stack.currentWidget() is window.list_page


def test_the_taichung_shaped_report_in_the_window(qtbot, window, tmp_path, app_font):
    path = build(tmp_path / "taichung-like.docx")
    if path is None:
        pytest.skip("the shared examples folder is not beside this checkout")
    feature = run_import(qtbot, window, path)
    editor = window.editor_page
    assert editor.report.kind == "taichung"
    dialog = feature.report_dialog
    qtbot.wait(50)
    if SHOTS:
        folder = Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(folder / "word-import-draft.png"))
        dialog.grab().save(str(folder / "word-import-report.png"))
        editor.goto(f"section:{editor.report.chapter('process').sections[0].sections[0].id}")
        window.grab().save(str(folder / "word-import-process.png"))
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0].startswith("⚠ 請確認：")  # what to check comes first
    assert any("照片：14 張" in t for t in texts)
