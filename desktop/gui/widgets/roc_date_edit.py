"""A date field that speaks the ROC calendar: type 108/07/03 or 108年7月3日."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from desktop.domain.roc_date import parse_roc, roc_date, roc_slash
from desktop.gui import colours


def field_hint(today: date | None = None) -> str:
    """The tooltip: the two spellings shown with today's date, as the error messages show them."""
    today = today or date.today()
    return f"民國日期，例如 {roc_slash(today)} 或 {roc_date(today)}；Alt+↓ 開啟月曆"


class RocDateEdit(QLineEdit):
    """Emits dateChanged(date | None) for valid input; invalid input stays visible, marked red
    with the reason, and the date does not change until it is valid. The unreadable text itself
    is `pending_text()`, which the form keeps with the draft so it is never lost; `textEdited`
    reports every keystroke, valid or not."""

    dateChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(f"例：{roc_slash(date.today())}")
        self._date: date | None = None
        self._error: str | None = None
        self.textEdited.connect(self._on_edited)
        self._mark(None)

    def date(self) -> date | None:
        return self._date

    def set_date(self, value: date | None) -> None:
        self._date = value
        self.setText(roc_slash(value))
        self._mark(None)

    def pending_text(self) -> str:
        """The typed text when it is not a date (shown red), else ""."""
        return self.text().strip() if self._error else ""

    def error(self) -> str:
        return self._error or ""

    def set_pending(self, text: str) -> None:
        """Show text that was typed earlier and could not be read, marked as it was then; the
        date (an earlier valid one, or none) stays as set by set_date."""
        self.setText(text)
        self._check(text)

    def _on_edited(self, text: str) -> None:
        if self._check(text):
            self.dateChanged.emit(self._date)

    def _check(self, text: str) -> bool:
        """Read the text; True when it set the date (blank clears it)."""
        if not text.strip():
            self._date = None
            self._mark(None)
            return True
        try:
            value = parse_roc(text)
        except ValueError as err:
            self._mark(str(err))
            return False
        self._date = value
        self._mark(None)
        return True

    def _mark(self, error: str | None) -> None:
        self._error = error
        problem = colours.css(colours.meaning("problem", self.palette()))
        self.setStyleSheet(f"border: 1px solid {problem};" if error else "")
        self.setToolTip(f"{error}（原文已保留，改正後才會套用）" if error else field_hint())
