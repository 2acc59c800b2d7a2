"""A date field that speaks the ROC calendar: type 108/07/03 or 108年7月3日."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from desktop.domain.roc_date import parse_roc, roc_slash


class RocDateEdit(QLineEdit):
    """Emits dateChanged(date | None) for valid input; invalid input stays visible, marked red,
    and the stored value does not change until it is valid."""

    dateChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("例：108/07/03")
        self._date: date | None = None
        self.textEdited.connect(self._on_edited)

    def date(self) -> date | None:
        return self._date

    def set_date(self, value: date | None) -> None:
        self._date = value
        self.setText(roc_slash(value))
        self._mark(None)

    def _on_edited(self, text: str) -> None:
        if not text.strip():
            self._date = None
            self._mark(None)
            self.dateChanged.emit(None)
            return
        try:
            value = parse_roc(text)
        except ValueError as err:
            self._mark(str(err))
            return
        self._date = value
        self._mark(None)
        self.dateChanged.emit(value)

    def _mark(self, error: str | None) -> None:
        self.setStyleSheet("border: 1px solid #c62828;" if error else "")
        self.setToolTip(error or "民國日期，例如 108/07/03 或 108年7月3日")
