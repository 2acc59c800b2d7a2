"""No typed date is lost: text that is not a date (明天, 114/13/40), typed in 基本資料 or in the
itinerary, is saved with the draft, comes back red after a restart, and the review lists it and
jumps to it."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.report import Report
from desktop.storage import close_database
from tests.gui.editor_helpers import click, click_review_item, make_window, review_texts, show, type_cell
from tests.gui.typing import type_text


def _review_items(editor, code_text: str):
    """The review page and the texts of its items that hold `code_text`."""
    review = show(editor, "review")
    return review, [text for text in review_texts(review) if code_text in text]


def test_unreadable_dates_survive_a_restart_and_the_review_jumps_to_them(qtbot, data_dir):
    window = make_window(qtbot, data_dir)
    report = Report.new("東京參訪")
    report.start_date = date(2025, 10, 14)
    draft_id = window.services.repo.create(report)
    window.open_draft(draft_id)
    editor = window.editor_page
    start = editor.field("start_date")
    start.setFocus()
    qtbot.keyClick(start, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, start, "114/13/40")
    type_text(qtbot, editor.field("end_date"), "明天")
    process = show(editor, "process")
    click(qtbot, process.itinerary.add_day_button)  # 114/10/14, from the trip's first day
    type_cell(qtbot, process.itinerary.table, 0, 2, "上午")
    click(qtbot, process.itinerary.add_day_button)
    type_cell(qtbot, process.itinerary.table, 1, 0, "後天")
    type_cell(qtbot, process.itinerary.table, 1, 4, "拜會市府")
    with qtbot.waitSignal(editor.saved, timeout=3000):
        pass
    window.close()
    close_database()

    window = make_window(qtbot, data_dir)
    window.open_draft(draft_id)
    editor = window.editor_page
    start_field = editor.page("basic").bindings["start_date"].widget
    assert start_field.text() == "114/13/40"
    assert "c62828" in start_field.edit.styleSheet()  # still red
    assert start_field.problem.isVisible()
    assert "不存在" in start_field.problem.text()
    assert start_field.date() == date(2025, 10, 14)  # the last good date is kept meanwhile
    assert editor.field("end_date").text() == "明天"
    table = editor.page("process").itinerary.table
    assert table.item(1, 0).text() == "後天"
    assert "看不懂的日期「後天」" in table.item(1, 0).toolTip()  # the reason, on the red cell
    assert table.item(1, 4).text() == "拜會市府"

    review, items = _review_items(editor, "日期要看得懂")
    assert len(items) == 3
    texts = "\n".join(items)
    assert "114/13/40" in texts
    assert "明天" in texts
    assert "行程表第 2 天" in texts
    click_review_item(qtbot, review, "行程表第 2 天")
    assert editor.stack.currentWidget() is editor.page("process")
    assert (table.currentRow(), table.currentColumn()) == (1, 0)
    review = show(editor, "review")
    click_review_item(qtbot, review, "「明天」")
    assert QApplication.focusWidget() is editor.field("end_date")

    # correcting the date clears the problem, and the correction is what is stored
    end = editor.field("end_date")
    qtbot.keyClick(end, Qt.Key_A, Qt.ControlModifier)
    type_text(qtbot, end, "114/10/18")
    with qtbot.waitSignal(editor.saved, timeout=3000):
        pass
    stored = window.services.repo.load(draft_id)
    assert stored.end_date == date(2025, 10, 18)
    assert "end_date" not in stored.pending_inputs
    assert set(stored.pending_inputs) == {"start_date", "itinerary[1].date"}
    _review, items = _review_items(editor, "日期要看得懂")
    assert len(items) == 2
    window.close()
    close_database()
