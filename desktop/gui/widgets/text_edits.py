"""Text fields that keep what the user typed and drop what Word or a web page smuggles in."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.domain.text import clean_line, clean_text


class CleanPlainTextEdit(QPlainTextEdit):
    """Pasted text keeps its paragraphs but loses foreign formatting and control characters."""

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        if source.hasText():
            self.insertPlainText(clean_text(source.text()))

    def text(self) -> str:
        return clean_text(self.toPlainText())


class CleanLineEdit(QLineEdit):
    def text(self) -> str:  # type: ignore[override]
        return clean_line(super().text())
