"""Kinds in the window: 新增草稿 asks for one, the kind can be changed after a preview, the step marks
say what the review says, and a recommendation takes several agencies' follow-ups."""

import os
from datetime import date

from PySide6.QtCore import Qt

from desktop.domain.blocks import blocks_from_text
from desktop.domain.kinds import get_kind, registry
from desktop.domain.report import ItineraryDay, ItineraryRow, Report, Section
from desktop.gui import kind_dialogs
from tests.gui.editor_helpers import click, show, type_cell
from tests.gui.typing import type_text

SHOTS = os.environ.get("TRIPREPORT_SCREENSHOTS")  # a folder: save the screens to look at


def shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def mark_of(editor, page) -> str:
    return editor.step_list.item(editor.pages.index(page)).text()[0]


def review_mark(editor, code: str) -> str:
    review = show(editor, "review")
    result = next(r for r in review.results if r.code == code)
    item = next(review.list.item(i) for i in range(review.list.count())
                if review.list.item(i).text().startswith(("✔", "✖", "⚠")) and result.title in review.list.item(i).text())
    return item.text()[0]


def test_new_draft_asks_for_the_kind_and_takes_its_chapters_and_rules(qtbot, window, monkeypatch):
    monkeypatch.setattr(kind_dialogs, "ask_kind", lambda *a, **k: get_kind("taichung"))
    click(qtbot, window.list_page.new_button)
    editor = window.editor_page
    assert editor.report.kind == "taichung"
    summary = show(editor, "summary")
    type_text(qtbot, summary.edit, "摘要" * 10)
    assert "規定 500 字以上" in summary.count_label.text()
    assert editor.page("basic").bindings["kind"].name_label.text() == "出國報告（臺中市）"


def test_the_kind_dialog_lists_every_kind_and_why_a_broken_one_cannot_be_used(qtbot, data_dir):
    from desktop.export.kind_templates import load_kinds

    (data_dir / "kinds" / "broken").mkdir(parents=True)
    (data_dir / "kinds" / "broken" / "kind.json").write_text("{", encoding="utf-8")
    load_kinds(data_dir)
    try:
        dialog = kind_dialogs.KindDialog(None, current="taipei")
        qtbot.addWidget(dialog)
        texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert [t.split("\n")[0] for t in texts[:len(registry().kinds)]] == [k.name for k in registry().ordered()]
        assert texts[-1].startswith("broken（無法使用）\n「kind.json」不是有效的 JSON")
        assert not dialog.list.item(dialog.list.count() - 1).flags() & Qt.ItemIsEnabled
        assert dialog.chosen().id == "taipei"
        dialog.resize(620, 460)
        shot(dialog, "new-draft-kind.png")
    finally:
        load_kinds(None)


def test_changing_the_kind_shows_what_moves_keeps_the_text_and_can_be_undone(qtbot, window, monkeypatch):
    report = Report.new("首爾考察")
    report.chapter("insights").set_text("心得的內容。")
    window.open_draft(window.services.repo.create(report))
    editor = window.editor_page
    seen = []
    monkeypatch.setattr(kind_dialogs, "ask_kind", lambda *a, **k: get_kind("taipei"))
    monkeypatch.setattr(kind_dialogs, "confirm_kind_change",
                        lambda _p, _old, _new, change: seen.append(change.summary) or True)
    click(qtbot, editor.page("basic").bindings["kind"].change_button)
    assert "新增空白章節「心得及建議」" in seen[0]
    assert editor.report.kind == "taipei"
    headings = [c.heading for c in editor.report.chapters]
    assert headings == ["緣起與目的", "過程", "心得", "建議", "心得及建議"]
    assert editor.report.chapters[2].text == "心得的內容。"
    assert editor.page("basic").bindings["kind"].name_label.text() == "出國報告（臺北市）"
    assert window.statusBar().currentMessage().endswith("可按 Ctrl+Z（「編輯 → 復原」）改回。")
    editor.undo_stack.undo()
    assert editor.report.kind == "central"
    assert [c.heading for c in editor.report.chapters] == ["目的", "過程", "心得", "建議"]


def test_a_declined_change_changes_nothing(qtbot, window, monkeypatch):
    window.open_draft(window.services.repo.create(Report.new("首爾考察")))
    editor = window.editor_page
    monkeypatch.setattr(kind_dialogs, "ask_kind", lambda *a, **k: get_kind("press-release"))
    monkeypatch.setattr(kind_dialogs, "confirm_kind_change", lambda *a: False)
    editor.request_kind_change()
    assert editor.report.kind == "central"
    assert not editor.can_undo()


def test_a_press_release_draft_shows_its_own_steps(window):
    window.open_draft(window.services.repo.create(Report.new("新聞稿", "press-release")))
    editor = window.editor_page
    assert [editor.step_title(p) for p in editor.pages] == ["發布資料", "壹、新聞內容", "照片", "檢查與匯出"]


def test_marks_and_review_say_the_same_thing(qtbot, window):
    report = Report.new("東京考察")
    report.summary = "字" * 150  # outside 200–300: the review's orange reminder
    process = report.chapter("process")
    process.set_text("")
    process.sections = [Section(heading="參訪行程", sections=[Section(heading="東京都廳", blocks=blocks_from_text("拜會。"))])]
    report.itinerary = [ItineraryDay(date(2025, 10, 14), [ItineraryRow("上午", "東京都廳", "拜會")])]
    window.open_draft(window.services.repo.create(report))
    editor = window.editor_page
    assert review_mark(editor, "summary.length") == "⚠"
    assert mark_of(editor, editor.page("summary")) == "⚠"
    assert "有提醒" in editor.step_list.item(editor.pages.index(editor.page("summary"))).toolTip()
    # a grouping heading with no text of its own is normal: 過程 is done, as the review says
    assert review_mark(editor, "chapter.process") == "✔"
    assert mark_of(editor, editor.page("process")) == "●"
    # a heading with nothing under it is what the review and the mark both point out
    editor.report.chapter("process").sections[0].sections.append(Section(heading="空的小節"))
    editor.refresh_review()
    assert review_mark(editor, "sections.empty") == "⚠"
    assert mark_of(editor, editor.page("process")) == "⚠"
    # and so is an itinerary without rows
    editor.report.chapter("process").sections[0].sections.pop()
    editor.report.itinerary = []
    editor.page("process").load_chapter(editor.report, editor.report.chapter("process"))
    editor.refresh_review()
    assert review_mark(editor, "itinerary.rows") == "⚠"
    assert mark_of(editor, editor.page("process")) == "⚠"


def test_a_recommendation_takes_several_agencies(qtbot, window):
    window.open_draft(window.services.repo.create(Report.new("首爾考察", "taipei")))
    editor = window.editor_page
    page = editor.chapter_pages[editor.report.chapter("insights_recommendations").id]
    editor.show_step(editor.pages.index(page))
    click(qtbot, page.add_button)
    type_text(qtbot, page.title_edit, "設置防災體驗館")
    for row, (agency, status) in enumerate((("消防局", "已採行"), ("教育局", "研議中"))):
        click(qtbot, page.follow_rows.add_button)
        type_cell(qtbot, page.follow_rows.table, row, 0, agency)
        type_cell(qtbot, page.follow_rows.table, row, 1, status)
    page.title_edit.setFocus()  # leaving the table ends the last cell's edit, as a click elsewhere does
    rec = editor.report.recommendations[0]
    assert [(f.agency, f.status) for f in rec.follow_ups] == [("消防局", "已採行"), ("教育局", "研議中")]
    assert page.list.item(0).text() == "1. 設置防災體驗館　（消防局、教育局）"
    window.resize(1366, 768)
    shot(window, "step-recommendations-agencies.png")
    assert window.editor_page.close_draft()
    stored = window.services.repo.load(editor.report.id)
    assert [f.agency for f in stored.recommendations[0].follow_ups] == ["消防局", "教育局"]


def test_the_text_above_the_recommendations_is_named_as_the_kind_declares_it(window):
    """臺北市's 心得及建議 holds the 心得 above the list; the 建議 chapter of other kinds a preface."""
    window.open_draft(window.services.repo.create(Report.new("首爾考察", "taipei")))
    editor = window.editor_page
    page = editor.chapter_pages[editor.report.chapter("insights_recommendations").id]
    editor.show_step(editor.pages.index(page))
    assert page.chapter_editor.section_label.text() == "心得："
    assert "心得" in page.chapter_editor.text_edit.placeholderText()
    assert "前言" not in page.chapter_editor.text_edit.placeholderText()

    window.open_draft(window.services.repo.create(Report.new("東京考察", "central")))
    editor = window.editor_page
    page = editor.chapter_pages[editor.report.chapter("recommendations").id]
    editor.show_step(editor.pages.index(page))
    assert page.chapter_editor.section_label.text() == "本章前言（可留空）："


def test_the_deadline_in_the_review_names_the_holidays_it_skipped(window):
    report = Report.new("春節前返國", "taipei")
    report.end_date = date(2026, 2, 13)
    window.open_draft(window.services.repo.create(report))
    review = show(window.editor_page, "review")
    deadline = next(r for r in review.results if r.code == "dates.deadline_left")
    assert "115年5月22日" in deadline.message
    assert "2月17日春節" in deadline.message


def test_a_draft_whose_kind_is_gone_opens_with_the_central_form_and_a_notice(qtbot, window):
    report = Report.new("港務考察")
    report.kind = "harbour"  # an agency kind whose folder was removed
    report.chapter("purpose").set_text("內容")
    draft_id = window.services.repo.create(report)
    with qtbot.waitSignal(window.editor_page.message, timeout=2000) as said:
        window.open_draft(draft_id)
    assert "「harbour」目前無法使用" in said.args[0]
    editor = window.editor_page
    assert editor.step_title(editor.pages[0]) == "基本資料"
    assert "（「harbour」無法使用，暫用此種類）" in editor.page("basic").bindings["kind"].name_label.text()
    assert editor.close_draft()
    stored = window.services.repo.load(draft_id)
    assert stored.kind == "harbour"
    assert stored.chapter("purpose").text == "內容"


def test_the_export_dialog_offers_only_the_sheets_of_the_drafts_kind(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QDialog, QGroupBox

    from desktop.gui.export_dialog import ExportChoiceDialog

    offered, titles = {}, []

    def look(dialog):
        offered[dialog.parent().editor_page.report.kind] = [b.text() for b in dialog.buttons.values()]
        titles.append(dialog.findChildren(QGroupBox)[0].title())
        shot(dialog, f"export-{dialog.parent().editor_page.report.kind}.png")
        return QDialog.Rejected

    monkeypatch.setattr(ExportChoiceDialog, "exec", look)
    for kind in ("press-release", "central", "taichung"):
        window.open_draft(window.services.repo.create(Report.new(kind=get_kind(kind))))
        window.export_action.trigger()

    def sheets(kind):
        return [t for t in offered[kind] if "提要" in t or "審核表" in t]

    assert sheets("press-release") == []  # a press release has neither: nothing to be refused afterwards
    assert sheets("central") == ["出國報告審核表（.docx）", "出國報告提要（單頁）（.docx）"]
    assert sheets("taichung") == ["出國報告審核表（.docx）", "臺中市政府公務出國或赴大陸地區報告提要（.docx）"]
    assert titles == ["新聞稿", "出國報告（中央：行政院格式）", "出國報告（臺中市）"]  # what is being exported


def test_a_package_of_an_agency_kind_opens_in_a_window_without_that_kind(qtbot, tmp_path, monkeypatch):
    """Made where the agency's kind lives (A), imported through the window where it does not (B):
    the central form and a notice, every chapter there, the kind kept for the way back."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.cli import main
    from desktop.domain.kinds import use_registry
    from desktop.gui import package_dialogs
    from desktop.interchange.package import read_package
    from desktop.storage import close_database
    from tests.gui.editor_helpers import make_window
    from tests.interchange.test_agency_kind_package import HEADINGS, add_harbour_kind

    home, away = tmp_path / "A", tmp_path / "B"
    add_harbour_kind(home)
    try:
        assert main(["new", "港務考察", "--kind", "harbour", "--data-dir", str(home)]) == 0
        assert main(["pack", "1", "-o", str(tmp_path / "港務.tripreport"), "--data-dir", str(home)]) == 0
        close_database()
        window = make_window(qtbot, away)
        draft_id = package_dialogs.unpack_with_dialog(window, tmp_path / "港務.tripreport")
        editor = window.editor_page
        assert window.current_draft_id() == draft_id
        qtbot.waitUntil(lambda: "「harbour」目前無法使用" in window.statusBar().currentMessage(), timeout=1000)
        assert editor.page("basic").bindings["kind"].name_label.text() == \
            "出國報告（中央：行政院格式）（「harbour」無法使用，暫用此種類）"
        chapters = [editor.step_title(p) for p in editor.pages if "、" in editor.step_title(p)]
        assert chapters == ["壹、緣起", "貳、考察經過（含行程）", "參、港埠觀察", "肆、心得及建議"]  # every one there
        notes = next(p for p in editor.pages if editor.step_title(p) == "參、港埠觀察")
        type_text(qtbot, notes.chapter_editor.text_edit, "在外地寫的觀察")
        with qtbot.waitSignal(editor.saved, timeout=3000):
            pass
        stored = window.services.repo.load(draft_id)
        assert stored.kind == "harbour"  # editing under the stand-in kind does not rewrite it
        assert stored.chapter("harbour_notes").text == "在外地寫的觀察"
        back = tmp_path / "帶回.tripreport"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(back), "")))
        assert package_dialogs.pack_with_dialog(window) == back
        window.close()
        close_database()
        contents = read_package(back)
        try:
            assert contents.report.kind == "harbour"
            assert [c.heading for c in contents.report.chapters] == HEADINGS
        finally:
            contents.cleanup()
        assert main(["unpack", str(back), "--replace", "--data-dir", str(home)]) == 0
        from desktop.services import open_services

        home_draft = open_services(home).repo.load(1)
        assert get_kind(home_draft.kind).name == "出國報告（範例港務局）"  # its own kind again
        assert home_draft.chapter("harbour_notes").text == "在外地寫的觀察"
    finally:
        close_database()
        use_registry(None)
