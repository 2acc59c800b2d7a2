"""The step editor's behaviour, one feature at a time."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from desktop.domain.blocks import blocks_from_text
from desktop.domain.report import Report, Section
from desktop.gui.steps.itinerary_step import rows_to_days, valid_time
from desktop.gui.widgets.row_table import parse_tsv
from desktop.storage import close_database
from tests.gui.editor_helpers import click, click_review_item, make_window, next_step, replace_text, show
from tests.gui.typing import type_text

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-draft.json"


@pytest.fixture
def window(qtbot, data_dir):
    win = make_window(qtbot, data_dir)
    yield win
    win.close()
    close_database()


def open_new(window, report: Report | None = None):
    draft_id = window.services.repo.create(report or Report.new("測試報告"))
    window.open_draft(draft_id)
    return window.editor_page


def test_ctrl_page_down_and_up_walk_through_every_step_with_a_hint(qtbot, window):
    editor = open_new(window)
    seen = []
    for _ in range(len(editor.pages)):
        page = editor.stack.currentWidget()
        seen.append(page.step["id"] if page.step.get("id") else page.chapter.heading)
        assert page.hint_label.text().strip(), f"no hint on {seen[-1]}"
        assert editor.step_list.currentRow() == editor.pages.index(page)
        next_step(qtbot, editor)
    assert seen == ["basic", "travellers", "summary", "purpose", "process", "insights", "recommendations",
                    "photos", "appendix", "review"]
    assert editor.stack.currentWidget() is editor.page("review")  # stays on the last step
    qtbot.keyClick(editor.stack.currentWidget(), Qt.Key_PageUp, Qt.ControlModifier)
    assert editor.stack.currentWidget() is editor.page("appendix")


def test_every_input_has_an_accessible_name(window):
    editor = open_new(window)
    missing = []
    for page in editor.pages:
        for widget in page.findChildren(QAbstractButton) + page.findChildren(QLineEdit) + \
                page.findChildren(QPlainTextEdit) + page.findChildren(QComboBox) + \
                page.findChildren(QAbstractItemView):
            inside_calendar = any(isinstance(p, QCalendarWidget) for p in _ancestors(widget))
            inside_combo = isinstance(widget.parent(), QComboBox) or isinstance(widget, QAbstractItemView) and \
                any(isinstance(p, QComboBox) for p in _ancestors(widget))
            if inside_calendar or inside_combo or widget.objectName().startswith("qt_") or \
                    isinstance(widget, QHeaderView):
                continue
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            if not name.strip():
                missing.append(f"{page.step.get('id')}: {type(widget).__name__}")
    assert missing == []


def _ancestors(widget):
    parent = widget.parent()
    while parent is not None:
        yield parent
        parent = parent.parent()


def test_summary_counts_chinese_characters_live(qtbot, window):
    editor = open_new(window)
    summary = show(editor, "summary")
    type_text(qtbot, summary.edit, "本次出國ABC，" * 10)
    assert "中文字數：40" in summary.count_label.text()
    assert "還差 160 字" in summary.count_label.text()


def test_travellers_paste_from_excel_and_cover_shorthand(qtbot, window):
    editor = open_new(window)
    page = show(editor, "travellers")
    page.rows.paste_text("林小華\t臺北市政府\t秘書處\t副市長\n\n張三\t臺北市政府\t秘書處\t專員\textra\tcells\n")
    assert page.rows.rows() == [["林小華", "臺北市政府", "秘書處", "副市長", ""],
                                ["張三", "臺北市政府", "秘書處", "專員", "extra"]]
    assert page.shorthand.text() == "封面顯示：林小華 副市長 等2人"


def test_removing_a_row_can_be_undone_from_the_edit_menu(qtbot, window):
    editor = open_new(window)
    page = show(editor, "travellers")
    page.rows.paste_text("甲\t\t\t科長\n乙\t\t\t技正\n")
    page.rows.table.setCurrentCell(0, 0)
    click(qtbot, page.rows.remove_button)
    assert [r[0] for r in page.rows.rows()] == ["乙"]
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    page = editor.page("travellers")
    assert [r[0] for r in page.rows.rows()] == ["甲", "乙"]
    window.redo_action.trigger()
    assert [r[0] for r in editor.page("travellers").rows.rows()] == ["乙"]


def test_chapters_can_be_added_renamed_moved_deleted_and_restored(qtbot, window):
    editor = open_new(window)
    insights = show(editor, "insights")
    assert not insights.chapter_editor.delete_chapter_button.isEnabled()  # required: rename only
    click(qtbot, insights.chapter_editor.add_chapter_button)
    extra = editor.stack.currentWidget()
    replace_text(qtbot, extra.chapter_editor.chapter_heading, "拜會紀要")
    type_text(qtbot, extra.chapter_editor.text_edit, "拜會內容。")
    labels = [editor.step_list.item(i).text()[3:] for i in range(editor.step_list.count())]
    assert labels[3:8] == ["壹、目的", "貳、過程（含行程）", "參、心得", "肆、拜會紀要", "伍、建議"]
    click(qtbot, extra.chapter_editor.up_button)
    assert [c.heading for c in editor.report.chapters] == ["目的", "過程", "拜會紀要", "心得", "建議"]
    assert extra.title_label.text() == "參、拜會紀要"
    click(qtbot, extra.chapter_editor.delete_chapter_button)
    assert [c.heading for c in editor.report.chapters] == ["目的", "過程", "心得", "建議"]
    window.undo_action.trigger()
    restored = editor.report.chapters[2]
    assert (restored.heading, restored.text) == ("拜會紀要", "拜會內容。")
    assert editor.stack.currentWidget().title_label.text() == "參、拜會紀要"


def test_heading_style_chapter_words(qtbot, window):
    editor = open_new(window)
    purpose = show(editor, "purpose")
    combo = purpose.chapter_editor.style_combo
    combo.setCurrentIndex(combo.findData("章"))
    combo.activated.emit(combo.currentIndex())
    assert editor.report.heading_style == "章"
    assert editor.step_list.item(3).text().endswith("第一章 目的")
    assert editor.page("insights").title_label.text() == "第三章 心得"


def test_sub_sections_are_numbered_and_reorderable(qtbot, window):
    editor = open_new(window)
    purpose = show(editor, "purpose")
    chapter = purpose.chapter_editor
    click(qtbot, chapter.add_sub_button)
    replace_text(qtbot, chapter.section_heading, "緣起")
    click(qtbot, chapter.add_sub_button)
    replace_text(qtbot, chapter.section_heading, "目標")
    click(qtbot, chapter.add_child_button)
    replace_text(qtbot, chapter.section_heading, "短期")
    root = chapter.tree.topLevelItem(0)
    assert [root.child(i).text(0) for i in range(root.childCount())] == ["一、緣起", "二、目標"]
    assert root.child(1).child(0).text(0) == "（一）短期"
    chapter.tree.setCurrentItem(root.child(1))
    click(qtbot, chapter.sub_up_button)
    assert [s.heading for s in editor.report.chapter("purpose").sections] == ["目標", "緣起"]
    assert chapter.tree.topLevelItem(0).child(0).text(0) == "一、目標"


def test_itinerary_day_sections_are_headed_with_the_roc_date_and_weekday(qtbot, window):
    report = Report.new("行程")
    report.start_date = date(2018, 7, 8)
    editor = open_new(window, report)
    process = show(editor, "process")
    for _ in range(2):
        click(qtbot, process.itinerary.add_day_button)
    click(qtbot, process.skeleton_button)
    assert [s.heading for s in editor.report.chapter("process").sections] == [
        "107年7月8日（星期日）", "107年7月9日（星期一）"]
    click(qtbot, process.skeleton_button)  # a second press adds nothing twice
    assert len(editor.report.chapter("process").sections) == 2


def test_itinerary_rows_group_into_days():
    rows = [["107/07/08", "", "上午", "機場", "出發"], ["", "", "下午", "會場", "開會"],
            ["107/07/09", "", "09:30-11:00", "市府", "拜會"], ["107/13/40", "", "晚上", "", "晚宴"]]
    days, bad = rows_to_days(rows)
    assert [(d.date, [r.activity for r in d.rows]) for d in days] == [
        (date(2018, 7, 8), ["出發", "開會"]), (date(2018, 7, 9), ["拜會"]), (None, ["晚宴"])]
    assert bad == {2: "107/13/40"}


@pytest.mark.parametrize(("text", "ok"), [("09:30", True), ("9:30-11:00", True), ("上午", True), ("晚上", True),
                                          ("", True), ("明天", False), ("25點", False)])
def test_time_column_accepts_clock_or_day_parts(text, ok):
    assert valid_time(text) is ok


def test_parse_tsv_drops_control_characters_and_blank_lines():
    assert parse_tsv("a\tb\x07\r\n\r\nc", 2) == [["a", "b"], ["c", ""]]


def test_review_problem_marks_the_step_and_jumps_to_the_field(qtbot, window):
    editor = open_new(window)
    type_text(qtbot, editor.field("start_date"), "107/07/10")
    type_text(qtbot, editor.field("end_date"), "107/07/08")
    review = show(editor, "review")
    assert review.state == "error"
    click_review_item(qtbot, review, "✖ 出國期間日期順序")
    assert editor.stack.currentWidget() is editor.page("basic")
    assert editor.field("end_date").hasFocus()
    assert editor.step_list.item(0).text().startswith("✖")  # the review's red item, the step's red mark
    # a problem is still saved: the dates stay as typed
    assert window.editor_page.close_draft()
    stored = window.services.repo.load(editor.report.id)
    assert (stored.start_date, stored.end_date) == (date(2018, 7, 10), date(2018, 7, 8))


def test_open_draft_with_a_section_shows_its_chapter(window):
    report = Report.new("章節")
    target = Section(heading="拜會市府", blocks=blocks_from_text("內容"))
    report.chapter("insights").sections.append(target)
    draft_id = window.services.repo.create(report)
    window.open_draft(draft_id, section_id=target.id)
    editor = window.editor_page
    assert editor.stack.currentWidget() is editor.page("insights")
    assert editor.page("insights").chapter_editor.section_heading.text() == "拜會市府"


def test_open_from_command_line_takes_an_id_or_a_draft_file(qtbot, window, monkeypatch):
    draft_id = window.services.repo.create(Report.new("用編號開啟"))
    window.open_from_command_line(str(draft_id), None)
    assert window.current_draft_id() == draft_id
    window.open_from_command_line(str(EXAMPLE), None)  # --open with a path
    assert window.editor_page.report.title.startswith("出席「2025亞太城市韌性論壇」")
    assert window.current_draft_id() != draft_id
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window.open_from_command_line("999", None)
    assert "999" in warnings[0]


def test_a_200000_character_paste_into_the_process_chapter_is_kept(qtbot, window):
    editor = open_new(window)
    process = show(editor, "process")
    text = ("第一段落文字。" * 40 + "\n") * 715  # about 200,000 characters in paragraphs
    mime = QMimeData()
    mime.setText(text)
    process.chapter_editor.text_edit.insertFromMimeData(mime)
    with qtbot.waitSignal(editor.saved, timeout=3000):
        pass
    stored = window.services.repo.load(editor.report.id)
    assert stored.chapter("process").text == text.rstrip("\n")  # 715 paragraphs, every character
    assert len(stored.chapter("process").blocks) == 715


def test_the_review_step_has_one_export_button_that_opens_the_export_dialog(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QDialog, QPushButton

    from desktop.gui.export_dialog import ExportChoiceDialog

    opened = []
    monkeypatch.setattr(ExportChoiceDialog, "exec", lambda self: opened.append(self.chosen_key()) or QDialog.Rejected)
    editor = open_new(window)
    review = show(editor, "review")
    assert [b.text() for b in review.findChildren(QPushButton) if b.isVisible()] == ["匯出…"]
    click(qtbot, review.export_button)
    assert opened == ["docx"]  # the dialog lists every format and sheet; Word is preselected


def test_opening_a_draft_does_not_count_as_an_edit(window):
    from desktop.interchange.draft_json import read_draft_file

    report = read_draft_file(EXAMPLE)
    report.photos = []
    editor = open_new(window, report)
    for i in range(len(editor.pages)):
        editor.show_step(i)
    assert not editor.autosaver.pending


def test_reload_after_a_restore_shows_the_stored_draft_on_the_same_step(qtbot, window):
    editor = open_new(window)
    show(editor, "summary")
    type_text(qtbot, editor.page("summary").edit, "還沒存的字")
    restored = window.services.repo.load(editor.report.id)
    restored.summary = "從快照還原的摘要"
    window.services.repo.save(restored)  # what a snapshot restore does to the stored draft
    window.reload_current_draft()
    assert editor.page("summary").edit.toPlainText() == "從快照還原的摘要"
    assert editor.stack.currentWidget() is editor.page("summary")
    assert window.editor_page.close_draft()
    assert window.services.repo.load(editor.report.id).summary == "從快照還原的摘要"


def test_a_missing_required_chapter_is_put_back_from_the_review(qtbot, window, monkeypatch):
    report = Report.new("少一章")
    report.chapters = [c for c in report.chapters if c.key != "insights"]
    editor = open_new(window, report)
    review = show(editor, "review")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    click_review_item(qtbot, review, "少了「心得」")
    assert [c.heading for c in editor.report.chapters] == ["目的", "過程", "心得", "建議"]
    assert editor.stack.currentWidget() is editor.page("insights")


def test_step_marks_follow_the_content(qtbot, window):
    editor = open_new(window)
    index = editor.pages.index(editor.page("travellers"))

    def mark():
        return editor.step_list.item(index).text()[0]

    assert mark() == "○"
    page = show(editor, "travellers")
    page.rows.paste_text("王小明\t臺中市政府\t\t\t\n")  # a name without a title
    with qtbot.waitSignal(editor.saved, timeout=2000):
        pass
    assert mark() == "◐"
    page.rows.paste_text("陳大文\t臺中市政府\t\t技正\t\n")
    page.rows.table.item(0, 3).setText("科長")
    with qtbot.waitSignal(editor.saved, timeout=2000):
        pass
    assert mark() == "●"
    page.rows.table.item(0, 0).setText("林○○")  # placeholder text left in
    with qtbot.waitSignal(editor.saved, timeout=2000):
        pass
    assert mark() == "✖"  # the review lists it as a red problem too


def test_itinerary_paste_from_excel_with_or_without_a_weekday_column(qtbot, window):
    editor = open_new(window)
    process = show(editor, "process")
    process.itinerary.paste_text("107/7/8\t上午\t桃園機場\t出發\n"
                                 "\t下午\t會場\t開會\n"
                                 "107/7/9（一）\t09:30\t市府\t拜會\n"
                                 "107/7/10\t星期二\t晚上\t機場\t返國\n")
    process.commit()
    assert [(d.date, [(r.time, r.activity) for r in d.rows]) for d in editor.report.itinerary] == [
        (date(2018, 7, 8), [("上午", "出發"), ("下午", "開會")]),
        (date(2018, 7, 9), [("09:30", "拜會")]),
        (date(2018, 7, 10), [("晚上", "返國")]),
    ]
    assert process.itinerary.table.item(2, 1).text() == "星期一"


def test_a_new_draft_starts_with_every_step_empty(window):
    editor = open_new(window, Report.new(""))
    marks = {editor.step_list.item(i).text()[0] for i in range(editor.step_list.count())}
    assert marks == {"○", "✖"}  # ✖ only on 檢查與匯出, which lists what is missing
    assert editor.step_list.item(editor.step_list.count() - 1).text().startswith("✖")


def test_cover_preview_follows_the_mainland_switch(qtbot, window):
    editor = open_new(window)
    preview = editor.page("basic").bindings["cover_preview"].widget
    assert preview.text().startswith("出國報告（出國類別：考察）")
    click(qtbot, editor.field("mainland"))
    assert preview.text().startswith("赴大陸地區報告（赴大陸地區類別：考察）")
    type_text(qtbot, editor.field("start_date"), "107/07/08")
    assert "民國107年7月8日" in preview.text()
