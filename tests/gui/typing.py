"""Typing Chinese into widgets as a person does: through the input method.

QTest.keyClicks only knows ASCII (Qt asserts on other characters), and Chinese is never typed key
by key anyway: the IME commits each word. We send the same QInputMethodEvent a real IME sends.
"""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str, chunk: int = 4) -> None:
    widget.setFocus()
    for start in range(0, len(text), chunk):
        piece = text[start:start + chunk]
        if piece.isascii():
            qtbot.keyClicks(widget, piece)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(piece)
            QApplication.sendEvent(widget, event)
