"""A ROC date field with a calendar button; the calendar's year button reads 民國107年.

The button is for the mouse: Tab skips it (a focused button silently drops typed text, and the next
fields' values land one field off); from the keyboard Alt+Down opens the calendar, as in a date
box, where the arrows pick a day and Enter takes it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop.domain.roc_date import ROC_OFFSET
from desktop.gui import colours
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
    """dateChanged(date | None) when the date changes; inputChanged() on every edit, also one
    that leaves unreadable text (pending_text), which is shown red with the reason under it."""

    dateChanged = Signal(object)
    inputChanged = Signal()

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.edit = RocDateEdit()
        self.edit.setAccessibleName(name)
        self.edit.dateChanged.connect(self.dateChanged)
        self.edit.textEdited.connect(lambda _t: self._after_input())
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {colours.css(colours.meaning('problem', self.palette()))};")
        self.problem.setAccessibleName(f"{name}：錯誤")
        self.problem.hide()
        self.button = QToolButton()
        self.button.setText("月曆")
        self.button.setAccessibleName(f"{name}：開啟月曆")
        self.button.setToolTip("從月曆選日期（在日期欄按 Alt+↓ 也可開啟）")
        self.button.setFocusPolicy(Qt.NoFocus)
        self.button.setPopupMode(QToolButton.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.menu = menu = QMenu(self.button)
        self.calendar = RocCalendar()
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare)
        self.calendar.clicked.connect(lambda qd: (self._picked(qd), menu.close()))
        self.calendar.activated.connect(lambda qd: (self._picked(qd), menu.close()))  # Enter
        self.button.setMenu(menu)
        opener = QShortcut(QKeySequence("Alt+Down"), self.edit)
        opener.setContext(Qt.WidgetShortcut)
        opener.activated.connect(self.open_calendar)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.edit)

    def date(self) -> date | None:
        return self.edit.date()

    def set_date(self, value: date | None) -> None:
        self.edit.set_date(value)
        self._show_problem()

    def pending_text(self) -> str:
        return self.edit.pending_text()

    def set_pending(self, text: str) -> None:
        self.edit.set_pending(text)
        self._show_problem()

    def text(self) -> str:
        return self.edit.text()

    def _after_input(self) -> None:
        self._show_problem()
        self.inputChanged.emit()

    def _show_problem(self) -> None:
        error = self.edit.error()
        self.problem.setText(f"{error}（原文已保留）" if error else "")
        self.problem.setVisible(bool(error))

    def open_calendar(self) -> None:
        """The calendar under the field, with the keyboard in it."""
        self.menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.setFocus(Qt.PopupFocusReason)

    def _prepare(self) -> None:
        d = self.edit.date() or date.today()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))

    def _picked(self, qd: QDate) -> None:
        value = date(qd.year(), qd.month(), qd.day())
        self.set_date(value)
        self.dateChanged.emit(value)
        self.inputChanged.emit()
