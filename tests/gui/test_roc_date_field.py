from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QToolButton

from desktop.gui.widgets.roc_date_field import RocDateField


def test_calendar_shows_the_roc_year_and_picking_a_day_fills_the_field(qtbot):
    field = RocDateField("出國日期")
    qtbot.addWidget(field)
    field.set_date(date(2018, 7, 8))
    field._prepare()  # what opening the calendar menu does
    year_button = field.calendar.findChild(QToolButton, "qt_calendar_yearbutton")
    assert year_button.text() == "民國107年"
    with qtbot.waitSignal(field.dateChanged) as signal:
        field.calendar.clicked.emit(QDate(2019, 1, 2))
    assert signal.args == [date(2019, 1, 2)]
    assert field.text() == "108/01/02"
    field.calendar.setCurrentPage(2020, 3)
    assert year_button.text() == "民國109年"
