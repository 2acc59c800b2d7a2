"""One undo stack for the editor's structure, on the standard keys, with a banner after deletions."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.domain.blocks import blocks_from_text
from desktop.domain.report import Report, Section
from tests.gui.editor_helpers import click, open_report, replace_text, select_section, show
from tests.gui.typing import type_text


def press(qtbot, keys: str) -> None:
    """A key chord on whatever has the keyboard, as a person presses it."""
    sequence = QKeySequence(keys)[0]
    qtbot.keyClick(QApplication.focusWidget(), sequence.key(), sequence.keyboardModifiers())


def headings(editor) -> list[str]:
    return [c.heading for c in editor.report.chapters]


def test_a_deleted_chapter_comes_back_with_ctrl_z_or_the_banner(qtbot, window):
    editor = open_report(window, Report.new("刪除章節"))
    insights = show(editor, "insights")
    click(qtbot, insights.chapter_editor.add_chapter_button)
    extra = editor.stack.currentWidget()
    replace_text(qtbot, extra.chapter_editor.chapter_heading, "拜會紀要")
    type_text(qtbot, extra.chapter_editor.text_edit, "拜會內容。")

    click(qtbot, extra.chapter_editor.delete_chapter_button)
    assert headings(editor) == ["目的", "過程", "心得", "建議"]
    assert editor.undo_banner.isVisible()
    assert editor.undo_banner.label.text() == "已刪除章節「拜會紀要」。"
    # the keyboard is in the next step, in a field with nothing of its own to undo
    assert editor.stack.currentWidget().isAncestorOf(QApplication.focusWidget())

    press(qtbot, "Ctrl+Z")
    assert headings(editor) == ["目的", "過程", "心得", "拜會紀要", "建議"]
    assert editor.report.chapters[3].text == "拜會內容。"
    assert editor.stack.currentWidget() is extra  # shown where it was
    assert not editor.undo_banner.isVisible()

    for redo in ("Ctrl+Y", "Ctrl+Shift+Z"):
        press(qtbot, redo)
        assert headings(editor) == ["目的", "過程", "心得", "建議"]
        press(qtbot, "Ctrl+Z")
        assert headings(editor) == ["目的", "過程", "心得", "拜會紀要", "建議"]

    click(qtbot, extra.chapter_editor.delete_chapter_button)
    click(qtbot, editor.undo_banner.undo_button)  # 「已刪除…　復原」
    assert headings(editor) == ["目的", "過程", "心得", "拜會紀要", "建議"]
    assert not editor.undo_banner.isVisible()
    assert window.undo_action.text() == "復原：新增章節(&U)"  # what comes next to undo
    assert window.redo_action.isEnabled()


def test_typing_keeps_its_own_undo_before_the_structure_is_undone(qtbot, window):
    editor = open_report(window, Report.new("打字的復原"))
    purpose = show(editor, "purpose")
    chapter = purpose.chapter_editor
    click(qtbot, chapter.add_sub_button)
    replace_text(qtbot, chapter.section_heading, "緣起")
    select_section(qtbot, chapter, "目的")
    chapter.text_edit.setFocus()
    qtbot.keyClicks(chapter.text_edit, "abc")
    press(qtbot, "Ctrl+Z")
    assert chapter.text_edit.toPlainText() == ""  # the typing went, the sub-section stayed
    assert [s.heading for s in editor.report.chapter("purpose").sections] == ["緣起"]
    press(qtbot, "Ctrl+Z")  # nothing left to undo in the box: the structure's turn
    assert editor.report.chapter("purpose").sections == []


def test_undoing_a_deletion_keeps_what_was_typed_elsewhere_since(qtbot, window):
    report = Report.new("之後打的字")
    report.chapter("purpose").sections = [Section("緣起", blocks_from_text("緣起內容。")), Section("目標")]
    editor = open_report(window, report)
    purpose = show(editor, "purpose")
    select_section(qtbot, purpose.chapter_editor, "緣起")
    click(qtbot, purpose.chapter_editor.delete_sub_button)
    assert editor.undo_banner.label.text() == "已刪除小節「緣起」。"
    insights = show(editor, "insights")
    type_text(qtbot, insights.chapter_editor.text_edit, "之後寫的心得。")

    window.undo_action.trigger()
    assert [s.heading for s in editor.report.chapter("purpose").sections] == ["緣起", "目標"]
    assert editor.report.chapter("purpose").sections[0].text == "緣起內容。"
    assert editor.stack.currentWidget() is purpose
    assert editor.report.chapter("insights").text == "之後寫的心得。"
    assert editor.page("insights").chapter_editor.text_edit.toPlainText() == "之後寫的心得。"


def test_the_edit_menu_names_the_standard_keys(window):
    editor = open_report(window, Report.new("按鍵"))
    assert QKeySequence("Ctrl+Z") in window.undo_action.shortcuts()
    assert {QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")} <= set(window.redo_action.shortcuts())
    show(editor, "travellers").rows.paste_text("甲\t\t\t科長\n")
    assert window.undo_action.text() == "復原：貼上 1 列(&U)"


def test_moving_to_another_step_hides_the_banner(qtbot, window):
    editor = open_report(window, Report.new("通知"))
    travellers = show(editor, "travellers")
    travellers.rows.paste_text("甲\t\t\t科長\n乙\t\t\t技正\n")
    travellers.rows.table.setCurrentCell(0, 0)
    click(qtbot, travellers.rows.remove_button)
    assert editor.undo_banner.isVisible()
    show(editor, "summary")
    assert not editor.undo_banner.isVisible()
    window.undo_action.trigger()  # still undoable after the banner went, and shown where it was
    assert editor.stack.currentWidget() is travellers
    assert [r[0] for r in travellers.rows.rows()] == ["甲", "乙"]


def test_a_recommendation_added_and_removed_is_undone_and_redone(qtbot, window):
    editor = open_report(window, Report.new("建議"))
    recs = show(editor, "recommendations")
    click(qtbot, recs.add_button)
    type_text(qtbot, recs.title_edit, "建置平臺")
    click(qtbot, recs.remove_button)
    assert editor.report.recommendations == []
    show(editor, "summary")
    type_text(qtbot, editor.page("summary").edit, "之後寫的摘要")
    window.undo_action.trigger()  # the removal: back with its title, the summary kept
    assert [r.title for r in editor.report.recommendations] == ["建置平臺"]
    assert editor.stack.currentWidget() is recs
    assert editor.report.summary == "之後寫的摘要"
    window.redo_action.trigger()
    assert editor.report.recommendations == []
    assert editor.report.summary == "之後寫的摘要"


def test_edits_made_before_a_kind_change_are_undone_after_it(qtbot, window, monkeypatch):
    # A kind with other steps builds other pages; the undo stack's earlier edits name the widgets
    # of the pages they were made on, which must still be there when the kind change is undone.
    from desktop.domain.kinds import get_kind
    from desktop.gui import kind_dialogs

    editor = open_report(window, Report.new("變更種類"))
    travellers = show(editor, "travellers")
    travellers.rows.paste_text("甲\t\t\t科長\n乙\t\t\t技正\n")
    travellers.rows.table.setCurrentCell(0, 0)
    click(qtbot, travellers.rows.remove_button)
    monkeypatch.setattr(kind_dialogs, "ask_kind", lambda *a, **k: get_kind("press-release"))
    monkeypatch.setattr(kind_dialogs, "confirm_kind_change", lambda *a: True)
    editor.request_kind_change()
    assert [editor.step_title(p) for p in editor.pages][0] == "發布資料"
    qtbot.wait(10)  # the press release's pages replace the report's (deleteLater)

    window.undo_action.trigger()
    assert editor.report.kind == "central"
    window.undo_action.trigger()
    assert [t.name for t in editor.report.travellers] == ["甲", "乙"]
    assert editor.stack.currentWidget() is editor.page("travellers")
    assert [r[0] for r in editor.page("travellers").rows.rows()] == ["甲", "乙"]
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert editor.report.kind == "press-release"


def test_pages_of_a_draft_of_another_kind_leave_the_undo_stack_alone(qtbot, window):
    # Opening a draft of another kind deletes the pages made for the previous one; none of them
    # may still listen to the editor's undo stack.
    open_report(window, Report.new("報告"))
    editor = open_report(window, Report.new("新聞稿", "press-release"))
    qtbot.wait(10)  # the report's pages are deleted (deleteLater)
    show(editor, "photos")
    editor.record("一個編輯", lambda: None, lambda: None)
    window.undo_action.trigger()
    assert window.redo_action.isEnabled()


def recommendations(editor) -> list[tuple[str, list[str]]]:
    return [(r.title, [f.agency for f in r.follow_ups]) for r in editor.report.recommendations]


def test_a_deleted_recommendation_comes_back_from_the_banner_keeping_later_typing(qtbot, window):
    from desktop.domain.report import FollowUp, Recommendation

    report = Report.new("建議")
    report.recommendations = [Recommendation("建置平臺", "說明一。"), Recommendation("交換數據", "說明二。",
                                                                           [FollowUp("資訊局")])]
    editor = open_report(window, report)
    recs = show(editor, "recommendations")
    recs.list.setCurrentRow(1)
    click(qtbot, recs.remove_button)
    assert recommendations(editor) == [("建置平臺", [])]
    assert editor.undo_banner.isVisible()
    assert editor.undo_banner.label.text() == "已刪除建議「交換數據」。"
    assert "Ctrl+Alt+Z" not in window.statusBar().currentMessage()
    type_text(qtbot, recs.title_edit, "與分享")  # typed in the other recommendation since

    click(qtbot, editor.undo_banner.undo_button)
    assert recommendations(editor) == [("建置平臺與分享", []), ("交換數據", ["資訊局"])]
    assert recs.list.currentRow() == 1
    assert recs.list.item(0).text() == "1. 建置平臺與分享"
    window.redo_action.trigger()
    assert recommendations(editor) == [("建置平臺與分享", [])]
    press(qtbot, "Ctrl+Z")
    assert recommendations(editor) == [("建置平臺與分享", []), ("交換數據", ["資訊局"])]


def test_agency_rows_are_undone_on_their_own_recommendation_and_moves_are_undone(qtbot, window):
    from desktop.domain.report import FollowUp, Recommendation

    report = Report.new("建議")
    report.recommendations = [Recommendation("甲", "一。", [FollowUp("消防局")]), Recommendation("乙", "二。")]
    editor = open_report(window, report)
    recs = show(editor, "recommendations")
    recs.list.setCurrentRow(0)
    click(qtbot, recs.follow_rows.add_button)  # a second agency row for 甲, left blank
    qtbot.keyClick(recs.follow_rows.table, Qt.Key_Escape)
    recs.follow_rows.table.setCurrentCell(0, 0)
    click(qtbot, recs.follow_rows.remove_button)  # and 消防局 deleted
    assert editor.undo_banner.label.text() == "已刪除採行情形的一列。"
    assert recommendations(editor) == [("甲", []), ("乙", [])]
    recs.list.setCurrentRow(1)  # 乙 is shown when 消防局 comes back

    window.undo_action.trigger()
    assert recommendations(editor) == [("甲", ["消防局"]), ("乙", [])]
    assert recs.list.currentRow() == 0  # shown on the recommendation it belongs to
    assert [r[0] for r in recs.follow_rows.rows()] == ["消防局", ""]
    window.undo_action.trigger()  # the blank row added before
    assert [r[0] for r in recs.follow_rows.rows()] == ["消防局"]
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert recommendations(editor) == [("甲", []), ("乙", [])]
    assert [r[0] for r in recs.follow_rows.rows()] == [""]

    click(qtbot, recs.down_button)
    assert recommendations(editor) == [("乙", []), ("甲", [])]
    assert window.undo_action.text() == "復原：移動建議(&U)"
    window.undo_action.trigger()
    assert recommendations(editor) == [("甲", []), ("乙", [])]
