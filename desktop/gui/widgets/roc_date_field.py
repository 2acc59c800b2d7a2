"""A ROC date field with a calendar button; the calendar's year button reads 民國107年."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QMenu, QToolButton, QWidget, QWidgetAction

from desktop.domain.roc_date import ROC_OFFSET
from desktop.gui.widgets.roc_date_edit import RocDateEdit


class RocCalendar(QCalendarWidget):
    """Qt has no ROC calendar system, so the year button is relabelled on every page change."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setGridVisible(True)
        self.setLocale(QLocale(QLocale.Chinese, QLocale.Taiwan))  # 七月, 週一 … whatever the system locale
        self.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        self.currentPageChanged.connect(self._relabel)
        self._relabel(self.yearShown(), self.monthShown())

    def _relabel(self, year: int, _month: int) -> None:
        button = self.findChild(QToolButton, "qt_calendar_yearbutton")
        if button is not None:
            button.setText(f"民國{year - ROC_OFFSET}年")


class RocDateField(QWidget):
    dateChanged = Signal(object)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.edit = RocDateEdit()
        self.edit.setAccessibleName(name)
        self.edit.dateChanged.connect(self.dateChanged)
        self.button = QToolButton()
        self.button.setText("月曆")
        self.button.setAccessibleName(f"{name}：開啟月曆")
        self.button.setToolTip("從月曆選日期")
        self.button.setPopupMode(QToolButton.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        menu = QMenu(self.button)
        self.calendar = RocCalendar()
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare)
        self.calendar.clicked.connect(lambda qd: (self._picked(qd), menu.close()))
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def date(self) -> date | None:
        return self.edit.date()

    def set_date(self, value: date | None) -> None:
        self.edit.set_date(value)

    def text(self) -> str:
        return self.edit.text()

    def _prepare(self) -> None:
        d = self.edit.date() or date.today()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))

    def _picked(self, qd: QDate) -> None:
        value = date(qd.year(), qd.month(), qd.day())
        self.edit.set_date(value)
        self.dateChanged.emit(value)
