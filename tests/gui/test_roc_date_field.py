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


def test_tab_skips_the_calendar_buttons_and_alt_down_opens_the_calendar(qtbot, data_dir):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.domain.report import Report
    from desktop.storage import close_database
    from tests.gui.editor_helpers import make_window
    from tests.gui.typing import type_text

    window = make_window(qtbot, data_dir)
    window.open_draft(window.services.repo.create(Report.new("日期")))
    editor = window.editor_page
    start, end = editor.field("start_date"), editor.field("end_date")
    type_text(qtbot, start, "107/07/08")
    qtbot.keyClick(start, Qt.Key_Tab)
    assert QApplication.focusWidget() is end  # not the 月曆 button between them
    type_text(qtbot, QApplication.focusWidget(), "107/07/10")
    assert end.text() == "107/07/10"
    assert start.text() == "107/07/08"

    field = end.parent()
    qtbot.keyClick(end, Qt.Key_Down, Qt.AltModifier)
    qtbot.waitUntil(field.menu.isVisible)
    assert field.calendar.selectedDate() == QDate(2018, 7, 10)
    qtbot.keyClick(field.calendar.focusWidget() or field.calendar, Qt.Key_Right)
    qtbot.keyClick(field.calendar.focusWidget() or field.calendar, Qt.Key_Return)
    qtbot.waitUntil(lambda: not field.menu.isVisible())
    assert end.text() == "107/07/11"
    assert editor.report.end_date == date(2018, 7, 11)
    window.close()
    close_database()


def test_the_empty_field_shows_todays_date_as_its_example(qtbot):
    from desktop.domain.roc_date import roc_slash

    field = RocDateField("出國日期")
    qtbot.addWidget(field)
    assert field.edit.placeholderText() == f"例：{roc_slash(date.today())}"
    assert roc_slash(date.today()) in field.edit.toolTip()
