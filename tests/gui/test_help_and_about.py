"""說明 → 使用說明 (F1 opens the page of the step on screen) and 關於 (versions, the data folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.gui.about_dialog import LOOKING, AboutDialog
from desktop.gui.help_window import PAGES, HelpWindow, guide_dir
from tests.gui.editor_helpers import open_report, show


def test_every_guide_page_exists_and_its_images_and_links_too():
    for file, title in PAGES:
        page = guide_dir() / file
        assert page.is_file(), file
        text = page.read_text(encoding="utf-8")
        assert text.startswith(f"# {title}") or file == "index.md"
        for target in __import__("re").findall(r"\]\(([^)]+)\)", text):
            if not target.startswith("http"):
                assert (guide_dir() / target).is_file(), f"{file} → {target}"


def test_f1_opens_the_page_of_the_current_step(qtbot, window, example_report):
    editor = open_report(window, example_report)
    show(editor, "photos")
    window.guide_action.trigger()
    helper = window.findChild(HelpWindow, "help-window")
    assert helper.isVisible()
    assert helper.current == "photos.md"
    assert "照片說明" in helper.browser.toPlainText()
    assert helper.contents.currentItem().text() == "照片"

    show(editor, "purpose")
    window.guide_action.trigger()
    assert helper.current == "chapters.md"  # the same window, another page


def test_links_between_pages_work(qtbot, window):
    window.guide_action.trigger()
    helper = window.findChild(HelpWindow, "help-window")
    assert helper.current == "start.md"  # at the draft list: how to start
    helper.browser.anchorClicked.emit(QUrl("basic.md"))
    assert helper.current == "basic.md"
    assert "封面" in helper.browser.toPlainText()


def test_the_guide_has_its_screenshots():
    images = {p.name for p in (guide_dir() / "images").glob("*.png")}
    assert {"list.png", "basic.png", "preview.png", "review.png"} <= images


def test_about_shows_the_versions_and_opens_the_data_folder(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(type(dialog.libreoffice_label))]
    assert __version__ in " ".join(texts)
    assert str(window.data_dir) in texts
    qtbot.waitUntil(lambda: dialog.libreoffice_label.text() != LOOKING, timeout=30_000)
    assert "LibreOffice" in dialog.libreoffice_label.text() or "未安裝" in dialog.libreoffice_label.text()
    dialog.open_folder_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [window.data_dir]
    assert QApplication.instance() is not None
