"""檢視 → 頁面預覽: the example draft's real pages, drawn off the GUI thread, made again as the user
edits, with page navigation and zoom; without LibreOffice it says so."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import Qt

from desktop.export.page_images import page_text
from tests.gui.editor_helpers import open_report, replace_text

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安裝")
WAIT_MS = 120_000  # LibreOffice lays the example out in a few seconds; a loaded CI machine is slower


def _shown(pane) -> bool:
    pixmap = pane.shown_pixmap()
    return pane.page_count() > 0 and pixmap is not None and not pixmap.isNull()


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)  # the cover breaks the title over lines


def _ink(pixmap) -> int:
    """How many sampled pixels are not paper-white: printed text and lines."""
    image = pixmap.toImage()
    return sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 160)


@pytest.fixture
def preview(qtbot, window, example_report):
    open_report(window, example_report)
    window.preview_action.trigger()
    pane = window.preview.pane
    qtbot.waitUntil(lambda: _shown(pane), timeout=WAIT_MS)
    return pane


@pytest.mark.render
@needs_lo
def test_the_preview_shows_the_pages_of_the_example(qtbot, window, preview, example_report):
    assert window.preview.isVisible()
    assert window.preview_action.isChecked()
    assert preview.page_count() >= 6  # cover, 提要, 目次, 摘要, body, photos
    assert _squeezed(example_report.title) in _squeezed(page_text(preview.pdf, 0))  # the cover
    first = preview.shown_pixmap()
    assert _ink(first) > 50  # a drawn page, not a blank rectangle
    width_pt, height_pt = preview.sizes[0]
    size = first.deviceIndependentSize()
    assert abs(size.height() / size.width() - height_pt / width_pt) < 0.02  # the page's own proportions
    assert size.width() <= preview.scroll.viewport().width()  # 符合寬度


@pytest.mark.render
@needs_lo
def test_page_navigation_and_zoom(qtbot, preview):
    first = preview.shown_pixmap().toImage()
    qtbot.mouseClick(preview.next_button, Qt.LeftButton)
    assert preview.page_spin.value() == 2
    qtbot.waitUntil(lambda: preview.shown_pixmap().toImage() != first, timeout=10_000)
    preview.page_spin.setValue(preview.page_count())  # the last page
    assert not preview.next_button.isEnabled()
    qtbot.keyClick(preview.scroll, Qt.Key_PageUp)
    assert preview.page_spin.value() == preview.page_count() - 1

    preview.set_zoom(100)
    qtbot.waitUntil(lambda: abs(preview.shown_pixmap().deviceIndependentSize().width() - 794) < 3, timeout=10_000)
    preview.set_zoom(200)  # twice as wide, drawn again (sharp), not stretched
    qtbot.waitUntil(lambda: abs(preview.shown_pixmap().deviceIndependentSize().width() - 1588) < 5, timeout=10_000)
    assert preview.shown_pixmap().width() >= 1588 * preview.devicePixelRatioF() - 5
    assert preview.settings.get("preview/zoom") == 200


@pytest.mark.render
@needs_lo
def test_the_preview_follows_the_edits(qtbot, window, preview):
    preview.wait_timer.setInterval(50)
    made = preview.generation
    replace_text(qtbot, window.editor_page.field("title"), "預覽跟著改的新名稱")
    qtbot.waitUntil(lambda: preview.generation > made and _shown(preview)
                    and "預覽跟著改的新名稱" in _squeezed(page_text(preview.pdf, 0)), timeout=WAIT_MS)


@pytest.mark.render
@needs_lo
def test_an_edit_while_the_pdf_is_made_starts_it_again(qtbot, window, preview):
    preview.refresh()
    running = preview.maker
    assert running is not None
    assert running.isRunning()
    preview.refresh()  # an edit arrives: the running one is given up
    assert running.cancelled()
    qtbot.waitUntil(lambda: preview.maker is not None and preview.maker is not running, timeout=WAIT_MS)
    latest = preview.generation
    qtbot.waitUntil(lambda: preview.maker is None and preview.pdf is not None, timeout=WAIT_MS)
    assert preview.generation == latest


def test_without_libreoffice_it_says_so_and_what_still_works(qtbot, window, monkeypatch, example_report):
    monkeypatch.setenv("TRIPREPORT_SOFFICE", "/沒有/soffice")
    open_report(window, example_report)
    window.preview_action.trigger()
    pane = window.preview.pane
    qtbot.waitUntil(lambda: "找不到 LibreOffice" in pane.status.text(), timeout=5000)
    assert "匯出 .docx" in pane.status.text()
    assert pane.maker is None
    assert not pane.scroll.isVisible()


def test_the_preview_pane_can_be_closed_and_reopened(qtbot, window, monkeypatch):
    monkeypatch.setenv("TRIPREPORT_SOFFICE", "/沒有/soffice")
    window.preview_action.trigger()
    assert window.preview.isVisible()
    assert "開啟一份草稿" in window.preview.pane.status.text()
    window.preview.close()  # the pane's own close button
    assert not window.preview_action.isChecked()


def test_an_open_preview_is_open_again_after_a_restart(qtbot, data_dir, monkeypatch):
    from desktop.gui.main_window import MainWindow
    from desktop.services import open_services
    from desktop.storage import close_database

    monkeypatch.setenv("TRIPREPORT_SOFFICE", "/沒有/soffice")
    first = MainWindow(open_services(data_dir))
    qtbot.addWidget(first)
    first.show()
    first.preview_action.trigger()
    first.close()
    close_database()
    second = MainWindow(None, data_dir=data_dir)
    qtbot.addWidget(second)
    second.show()
    second.attach_services(open_services(data_dir))  # as the start does after the first paint
    assert second.preview is not None
    assert second.preview.isVisible()
    assert second.preview_action.isChecked()
    second.preview.close()
    second.close()
    close_database()
    third = MainWindow(open_services(data_dir))
    qtbot.addWidget(third)
    assert third.preview is None  # closed last time: stays closed
    third.close()
    close_database()


@pytest.mark.render
@needs_lo
def test_edits_made_while_the_preview_was_hidden_show_when_it_is_shown(qtbot, window, preview):
    made = preview.generation
    window.preview.hide()
    window.editor_page.saved.emit()  # an autosave while hidden
    assert preview.generation == made  # no work for a hidden pane
    window.preview.show()
    qtbot.waitUntil(lambda: preview.generation > made, timeout=5000)
