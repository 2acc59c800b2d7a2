"""A value typed in a table cell that is still being edited (no Enter, no Tab yet) is saved by
every save: the autosave, an export, opening another draft, closing the window."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop.domain.report import ItineraryDay, ItineraryRow, Report, Traveller
from desktop.storage import close_database
from tests.gui.editor_helpers import make_window, open_report, show, start_typing


def traveller_report() -> Report:
    report = Report.new("表格")
    report.travellers = [Traveller("王小明", "臺中市政府", "經發局", "科長")]
    report.itinerary = [ItineraryDay(date(2025, 10, 14), [ItineraryRow("上午", "東京都廳", "")])]
    return report


def test_the_autosave_takes_a_cell_being_edited(qtbot, window):
    editor = open_report(window, traveller_report())
    travellers = show(editor, "travellers")
    start_typing(qtbot, travellers.rows.table, 0, 4, "薦任八職等")
    assert travellers.rows.table.state() == QAbstractItemView.EditingState
    with qtbot.waitSignal(editor.saved, timeout=3000):
        pass
    assert window.services.repo.load(editor.report.id).travellers[0].rank == "薦任八職等"
    assert travellers.rows.table.state() == QAbstractItemView.EditingState  # the user goes on typing
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)  # Escape takes the typing back
    with qtbot.waitSignal(editor.saved, timeout=3000):
        pass
    assert window.services.repo.load(editor.report.id).travellers[0].rank == ""


@pytest.mark.parametrize("how", ["export", "another draft", "the list", "close"])
def test_every_save_takes_a_cell_being_edited(qtbot, data_dir, how):
    window = make_window(qtbot, data_dir)
    editor = open_report(window, traveller_report())
    draft_id = editor.report.id
    other = window.services.repo.create(Report.new("另一份"))
    process = show(editor, "process")
    start_typing(qtbot, process.itinerary.table, 0, 4, "拜會")
    assert process.itinerary.table.state() == QAbstractItemView.EditingState
    if how == "export":  # what 匯出… does before it exports (export_dialog.export_current)
        assert window.save_pending_edits()
        assert editor.report.itinerary[0].rows[0].activity == "拜會"
    elif how == "another draft":
        window.open_draft(other)
    elif how == "the list":
        window.back_action.trigger()
    else:
        window.close()
    stored = window.services.repo.load(draft_id)
    window.close()
    close_database()
    assert stored.itinerary[0].rows[0].activity == "拜會"
