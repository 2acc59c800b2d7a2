"""編輯 → 尋找與取代 in the open draft: the matches listed, one or all replaced, undone in one step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.gui.find_replace import FindReplaceDialog
from tests.gui.editor_helpers import open_report, show
from tests.gui.typing import type_text


def _dialog(qtbot, window, needle: str) -> FindReplaceDialog:
    window.replace_action.trigger()
    dialog = window.findChild(FindReplaceDialog, "find-replace")
    assert dialog.isVisible()
    type_text(qtbot, dialog.find_edit, needle)
    return dialog


def test_replace_all_everywhere_and_undo_it(qtbot, window, example_report):
    editor = open_report(window, example_report)
    total = example_report.summary.count("福岡") + sum(s.text.count("福岡") + s.heading.count("福岡")
                                                     for _, s in example_report.all_sections())
    dialog = _dialog(qtbot, window, "福岡")
    assert len(dialog.matches) >= total > 0
    assert dialog.results.count() == len(dialog.matches)
    dialog.replace_edit.setText("Fukuoka")
    qtbot.mouseClick(dialog.replace_all_button, Qt.LeftButton)

    assert dialog.matches == []
    assert "福岡" not in editor.report.summary
    assert "Fukuoka" in show(editor, "summary").edit.toPlainText()  # the page shows it
    qtbot.waitUntil(lambda: "Fukuoka" in window.services.repo.load(editor.report.id).summary, timeout=5000)

    window.undo_action.trigger()  # 編輯 → 復原: every replacement at once
    assert editor.report.summary == example_report.summary
    assert show(editor, "summary").edit.toPlainText() == example_report.summary


def test_replace_one_and_show_where_it_is(qtbot, window, example_report):
    editor = open_report(window, example_report)
    dialog = _dialog(qtbot, window, "福岡")
    before = len(dialog.matches)
    chapter_row = next(i for i, m in enumerate(dialog.matches) if m.place.kind == "text")
    dialog.results.setCurrentRow(chapter_row)
    target = dialog.matches[chapter_row].place.target
    qtbot.mouseClick(dialog.show_button, Qt.LeftButton)
    assert editor.stack.currentWidget().owns(target)

    dialog.replace_edit.setText("博多")
    qtbot.mouseClick(dialog.replace_button, Qt.LeftButton)
    assert len(dialog.matches) == before - 1
    section = editor.report.find_section(target[8:])
    assert "博多" in section.text


def test_only_while_a_draft_is_open(qtbot, window):
    assert not window.replace_action.isEnabled()
