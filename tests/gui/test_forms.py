"""The form file and the registries that turn it into pages agree."""

import dataclasses
import json

import pytest

from desktop.domain.forms import load_form, step_for_chapter
from desktop.domain.report import DEFAULT_CHAPTERS, Report
from desktop.gui.steps import page_classes
from desktop.gui.widgets.fields import DISPLAY_ONLY, FIELD_TYPES


def test_every_step_and_field_of_the_full_report_is_known():
    form = load_form("full-report")
    report_fields = {f.name for f in dataclasses.fields(Report)}
    for step in [*form["steps"], form["extra_chapter"]]:
        assert step["page"] in page_classes()
        assert step["hint"].strip()
        for spec in step.get("fields", []):
            assert spec["type"] in FIELD_TYPES
            assert spec["key"] in report_fields or spec["type"] in DISPLAY_ONLY


def test_every_required_chapter_has_its_step():
    form = load_form("full-report")
    for key, _name in DEFAULT_CHAPTERS:
        assert step_for_chapter(form, key) is not None


def test_duplicate_step_ids_are_refused(tmp_path):
    (tmp_path / "bad.json").write_text(json.dumps({"steps": [{"id": "a"}, {"id": "a"}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="重複"):
        load_form("bad", tmp_path)


def test_a_smaller_form_builds_a_smaller_editor(qtbot, services, tmp_path, monkeypatch):
    import desktop.domain.forms as forms
    from desktop.gui.editor_page import EditorPage

    form = {"id": "brief", "steps": [
        {"id": "basic", "title": "基本資料", "page": "fields", "hint": "只填名稱",
         "fields": [{"key": "title", "type": "line", "label": "報告名稱", "required": True}]},
        {"id": "purpose", "title": "目的", "page": "chapter", "chapter": "purpose", "hint": "寫目的"},
        {"id": "review", "title": "檢查", "page": "review", "hint": "檢查"}],
        "extra_chapter": {"page": "chapter", "hint": "自訂章節"}}
    (tmp_path / "brief.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(forms, "forms_dir", lambda: tmp_path)
    forms.load_form.cache_clear()
    try:
        editor = EditorPage(services, "brief")
        qtbot.addWidget(editor)
        report = Report.new("短報告")
        editor.load(services.repo.create(report))
        # chapters without a step of their own in this form get the plain chapter page
        assert [editor.step_title(p) for p in editor.pages] == [
            "基本資料", "壹、目的", "貳、過程", "參、心得", "肆、建議", "檢查"]
        assert editor.page("purpose").hint_label.text() == "寫目的"
        assert editor.pages[2].hint_label.text() == "自訂章節"
        assert editor.field("title").text() == "短報告"
    finally:
        forms.load_form.cache_clear()
