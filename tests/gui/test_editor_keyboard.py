"""The editor from the keyboard: where the keys land after a step change, a table that moves like
a spreadsheet, and text boxes that let Tab go."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox

from desktop.domain.report import Report
from desktop.gui.steps.itinerary_step import ACTIVITY, DATE, PLACE, TIME
from desktop.gui.widgets.text_edits import TitleLineEdit
from tests.gui.editor_helpers import click, next_step, open_report, show
from tests.gui.typing import type_text


def focused():
    return QApplication.focusWidget()


def tab(qtbot, backwards: bool = False) -> None:
    qtbot.keyClick(focused(), Qt.Key_Backtab if backwards else Qt.Key_Tab,
                   Qt.ShiftModifier if backwards else Qt.NoModifier)


def trip_with_itinerary(window):
    report = Report.new("行程")
    report.start_date = date(2018, 7, 8)
    editor = open_report(window, report)
    process = show(editor, "process")
    process.itinerary.paste_text("107/7/8\t上午\t機場\t出發\n\t下午\t會場\t開會\n107/7/9\t09:30\t市府\t拜會\n")
    return editor, process


def test_ctrl_page_down_puts_the_keys_in_the_chapter_text_not_its_name(qtbot, window):
    editor = open_report(window, Report.new("焦點"))
    show(editor, "summary")
    editor.page("summary").edit.setFocus()
    next_step(qtbot, editor)
    purpose = editor.page("purpose")
    assert editor.stack.currentWidget() is purpose
    assert focused() is purpose.chapter_editor.text_edit
    type_text(qtbot, focused(), "世界城市")
    assert purpose.chapter_editor.chapter_heading.text() == "目的"
    assert purpose.chapter_editor.text_edit.toPlainText() == "世界城市"


def test_walking_every_step_never_lands_on_a_heading_a_button_or_a_choice(qtbot, window):
    editor = open_report(window, Report.new("每一步"))
    editor.field("title").setFocus()
    for _ in range(len(editor.pages) - 1):
        next_step(qtbot, editor)
        step = editor.stack.currentWidget()
        assert step.isAncestorOf(focused()), step.step.get("id")
        assert not isinstance(focused(), (TitleLineEdit, QComboBox, QAbstractButton)), step.step.get("id")


def test_tab_out_of_the_itinerary_never_selects_the_chapter_name(qtbot, window):
    editor, process = trip_with_itinerary(window)
    table = process.itinerary.table
    heading = process.chapter_editor.chapter_heading
    table.setFocus()
    table.setCurrentCell(table.rowCount() - 1, ACTIVITY)
    for _ in range(20):  # through the buttons to the chapter's name
        tab(qtbot)
        if focused() is heading:
            break
    assert focused() is heading
    assert heading.selectedText() == ""
    type_text(qtbot, heading, "與行程")
    assert heading.text() == "過程與行程"  # added to, never silently replaced


def test_tab_shift_tab_and_enter_move_as_in_a_spreadsheet(qtbot, window):
    editor, process = trip_with_itinerary(window)
    table = process.itinerary.table
    table.setFocus()
    table.setCurrentCell(0, TIME)
    tab(qtbot)
    assert (table.currentRow(), table.currentColumn()) == (0, PLACE)
    tab(qtbot)
    tab(qtbot)  # past the row's end: the next row's date (the weekday column is computed, skipped)
    assert (table.currentRow(), table.currentColumn()) == (1, DATE)
    tab(qtbot, backwards=True)
    assert (table.currentRow(), table.currentColumn()) == (0, ACTIVITY)
    qtbot.keyClick(table, Qt.Key_Return)  # down, to the column where the Tabs started
    assert (table.currentRow(), table.currentColumn()) == (1, TIME)

    # editing a cell: type, Tab commits it and goes on
    qtbot.keyClick(table, Qt.Key_F2)
    editor_box = focused()
    assert editor_box is not table
    editor_box.selectAll()
    type_text(qtbot, editor_box, "14:00")
    qtbot.keyClick(editor_box, Qt.Key_Tab)
    qtbot.waitUntil(lambda: table.item(1, TIME).text() == "14:00")
    assert (table.currentRow(), table.currentColumn()) == (1, PLACE)

    table.setCurrentCell(table.rowCount() - 1, ACTIVITY)
    table.setFocus()
    tab(qtbot)  # the last cell: Tab leaves the table instead of going round inside it
    assert focused() is not table
    assert not table.isAncestorOf(focused())


def test_a_new_row_starts_where_the_user_types_next(qtbot, window):
    editor, process = trip_with_itinerary(window)
    itinerary = process.itinerary
    table = itinerary.table
    table.setCurrentCell(0, DATE)
    click(qtbot, itinerary.add_button)  # 同一天再加一列
    assert (table.currentRow(), table.currentColumn()) == (1, TIME)
    type_text(qtbot, focused(), "晚上")
    qtbot.keyClick(focused(), Qt.Key_Tab)
    type_text(qtbot, focused(), "飯店")
    qtbot.keyClick(focused(), Qt.Key_Return)
    qtbot.waitUntil(lambda: itinerary.rows()[1][PLACE] == "飯店")
    assert itinerary.rows()[1][DATE:ACTIVITY] == ["", "", "晚上", "飯店"]

    click(qtbot, itinerary.add_day_button)  # 新增一天: the date is filled in, the time is next
    last = table.rowCount() - 1
    assert itinerary.rows()[last][DATE] == "107/07/10"
    type_text(qtbot, focused(), "09:00")
    qtbot.keyClick(focused(), Qt.Key_Return)
    qtbot.waitUntil(lambda: itinerary.rows()[last][TIME] == "09:00")


def test_the_itinerary_table_uses_the_height_it_can(qtbot, app_font, window):
    window.resize(1366, 688)  # a laptop screen less the taskbar and the title bar
    editor, process = trip_with_itinerary(window)
    table = process.itinerary.table
    process.itinerary.paste_text("\n".join(f"\t{h:02d}:00\t地點{h}\t活動{h}" for h in range(9, 21)))
    qtbot.wait(1)
    visible = [r for r in range(table.rowCount())
               if table.viewport().rect().contains(table.visualRect(table.model().index(r, TIME)))]
    assert len(visible) >= 8  # 4 when the table kept a fixed share


def test_tab_in_a_chapter_text_goes_to_the_next_field(qtbot, window):
    editor = open_report(window, Report.new("Tab"))
    purpose = show(editor, "purpose")
    text = purpose.chapter_editor.text_edit
    type_text(qtbot, text, "第一段")
    qtbot.keyClick(text, Qt.Key_Tab)
    assert text.toPlainText() == "第一段"
    assert focused() is not text
