"""檔案 → 以此草稿為範本新增 and 複製草稿, from the open draft or the one selected in the list."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.gui.template_dialog import TemplateDialog
from tests.gui.editor_helpers import open_report


def _click_row_of(table, title: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if any(model.index(row, c).data() == title for c in range(model.columnCount())):
            table.selectRow(row)
            return
    raise AssertionError(f"{title} is not in the list")


def _answer(monkeypatch, title: str, texts: bool = False, photos: bool = False) -> list:
    seen = []

    def exec_(dialog):
        seen.append((dialog.title_edit.text(), dialog.texts_box.isChecked(), dialog.photos_box.isChecked()))
        dialog.title_edit.setText(title)
        dialog.texts_box.setChecked(texts)
        dialog.photos_box.setChecked(photos)
        return QDialog.Accepted

    monkeypatch.setattr(TemplateDialog, "exec", exec_)
    return seen


def test_new_from_template_gives_the_expected_draft(qtbot, window, monkeypatch, example_report):
    open_report(window, example_report)
    old_id = window.current_draft_id()
    seen = _answer(monkeypatch, "115年同一論壇")
    window.template_action.trigger()

    assert seen == [(example_report.title, False, False)]  # asks, starting from the old name
    new_id = window.current_draft_id()
    assert new_id not in (None, old_id)
    new = window.services.repo.load(new_id)
    assert new.title == "115年同一論壇"
    assert window.editor_page.field("title").text() == "115年同一論壇"
    assert (new.agency, new.unit) == (example_report.agency, example_report.unit)
    assert [t.name for t in new.travellers] == [t.name for t in example_report.travellers]
    assert [c.heading for c in new.chapters] == [c.heading for c in example_report.chapters]
    assert (new.start_date, new.end_date, new.summary, new.photos) == (None, None, "", [])
    assert all(not s.text for _, s in new.all_sections())
    # the earlier draft is as it was
    assert window.services.repo.load(old_id).summary == example_report.summary


def test_new_from_template_with_texts_from_the_list(qtbot, window, monkeypatch, example_report):
    draft_id = window.services.repo.create(example_report)
    window.list_page.refresh()
    _click_row_of(window.list_page.table, example_report.title)
    assert window.list_page.selected_id() == draft_id
    _answer(monkeypatch, "帶內文", texts=True, photos=True)
    window.template_action.trigger()
    new = window.services.repo.load(window.current_draft_id())
    assert new.summary == example_report.summary
    assert len(new.photos) == len(example_report.photos)
    assert new.start_date is None


def test_copy_of_the_open_draft(qtbot, window, example_report):
    open_report(window, example_report)
    old_id = window.current_draft_id()
    window.copy_action.trigger()
    new_id = window.current_draft_id()
    assert new_id != old_id
    copy = window.services.repo.load(new_id)
    assert copy.title == f"{example_report.title}（副本）"
    assert copy.summary == example_report.summary
    assert copy.start_date == example_report.start_date


def test_without_a_draft_it_says_what_to_do(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    window.template_action.trigger()
    assert said
    assert "先開啟一份草稿" in said[0]
