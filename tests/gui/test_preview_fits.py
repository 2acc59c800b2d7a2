"""With 檢視 → 頁面預覽 open every step still fits a 1366×768 laptop; on a screen too narrow for the
editor and the pane side by side, the pane floats in its own window instead of widening the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea

from desktop.export import libreoffice
from desktop.gui.preview import pane as preview_pane
from tests.gui.editor_helpers import show
from tests.gui.test_photo_step import LAPTOP_CLIENT_HEIGHT, every_step_with_a_photo_selected, open_example

LAPTOP_WIDTH = 1366


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch):
    """The pane's size is the point here, not its pages: no LibreOffice run in the background."""
    monkeypatch.setattr(libreoffice, "available", lambda: False)


def test_every_step_fits_a_laptop_screen_with_the_preview_open(qtbot, app_font, window, monkeypatch):
    monkeypatch.setattr(preview_pane, "screen_width", lambda _widget: LAPTOP_WIDTH, raising=False)
    editor = open_example(window)
    window.resize(LAPTOP_WIDTH, LAPTOP_CLIENT_HEIGHT)
    window.preview_action.trigger()
    assert window.preview.isVisible()
    assert not window.preview.isFloating()  # the laptop has the room
    for step in every_step_with_a_photo_selected(qtbot, editor):
        hint = window.minimumSizeHint()
        assert hint.width() <= LAPTOP_WIDTH, (step, hint)
        assert hint.height() <= LAPTOP_CLIENT_HEIGHT, (step, hint)
        assert window.width() == LAPTOP_WIDTH, step  # nothing grew the window
        assert window.height() == LAPTOP_CLIENT_HEIGHT, step
        assert window.preview.width() >= window.preview.minimumWidth()
    pane = window.preview.pane
    pane._show_pages_ui(True)  # as when its pages arrive: the page buttons and the zoom join the bar
    assert pane.minimumSizeHint().width() <= window.preview.minimumWidth()
    assert window.minimumSizeHint().width() <= LAPTOP_WIDTH


def test_on_a_screen_too_narrow_for_both_the_preview_floats(qtbot, app_font, window, monkeypatch):
    editor = open_example(window)
    alone = window.centralWidget().minimumSizeHint().width()
    narrow = alone + 100  # the editor fits, the editor and the pane side by side do not
    monkeypatch.setattr(preview_pane, "screen_width", lambda _widget: narrow, raising=False)
    window.resize(narrow, LAPTOP_CLIENT_HEIGHT)
    window.preview_action.trigger()
    assert window.preview.isVisible()
    assert window.preview.isFloating()
    assert window.minimumSizeHint().width() <= narrow  # the window did not grow past the screen
    assert "獨立的預覽視窗" in window.statusBar().currentMessage()
    show(editor, "recommendations")
    # the floating pane still works: here it says what it needs
    qtbot.waitUntil(lambda: window.preview.pane.status.text().startswith("找不到 LibreOffice"))


def test_opened_the_first_time_the_preview_leaves_the_forms_their_width(qtbot, app_font, window, monkeypatch):
    monkeypatch.setattr(preview_pane, "screen_width", lambda _widget: LAPTOP_WIDTH, raising=False)
    editor = open_example(window)
    window.resize(LAPTOP_WIDTH, LAPTOP_CLIENT_HEIGHT)
    basic = show(editor, "basic")
    window.preview_action.trigger()
    qtbot.wait(50)
    assert window.preview.minimumWidth() <= window.preview.width() <= 340  # not the pane's wide size hint
    form = basic.findChild(QScrollArea)
    assert form.horizontalScrollBar().maximum() == 0  # the whole form shows, no sideways scrolling
