"""Every kind's form and the registries that turn it into pages agree."""

import dataclasses
import json

import pytest

from desktop.domain.forms import step_for_chapter
from desktop.domain.kinds import registry
from desktop.domain.report import Report
from desktop.gui.steps import page_classes
from desktop.gui.widgets.fields import DISPLAY_ONLY, FIELD_TYPES

KINDS = [k.id for k in registry().ordered()]


@pytest.mark.parametrize("kind_id", KINDS)
def test_every_step_and_field_of_every_kind_is_known(kind_id):
    form = registry().get(kind_id).form
    report_fields = {f.name for f in dataclasses.fields(Report)}
    for step in [*form["steps"], form["extra_chapter"]]:
        assert step["page"] in page_classes()
        assert step["hint"].strip()
        for spec in step.get("fields", []):
            assert spec["type"] in FIELD_TYPES
            assert spec["key"] in report_fields or spec["type"] in DISPLAY_ONLY


@pytest.mark.parametrize("kind_id", KINDS)
def test_every_default_chapter_has_a_step(kind_id):
    kind = registry().get(kind_id)
    for chapter in kind.chapters:
        step = step_for_chapter(kind.form, chapter.key)
        assert step is not None
        if "recommendations" in chapter.holds:
            assert step["page"] == "recommendations"


def test_a_kind_from_the_data_folder_builds_a_smaller_editor(qtbot, data_dir, tmp_path):
    from desktop.export.kind_templates import load_kinds
    from desktop.gui.editor_page import EditorPage
    from desktop.services import open_services
    from desktop.storage import close_database

    folder = data_dir / "kinds" / "brief"
    folder.mkdir(parents=True)
    kind = {"name": "簡短報告", "steps": [
        {"id": "basic", "title": "基本資料", "page": "fields", "hint": "只填名稱",
         "fields": [{"key": "title", "type": "line", "label": "報告名稱", "required": True}]},
        {"id": "purpose", "title": "目的", "page": "chapter", "chapter": "purpose", "hint": "寫目的"},
        {"id": "review", "title": "檢查", "page": "review", "hint": "檢查"}],
        "chapters": [{"key": "purpose", "title": "目的"}, {"key": "notes", "title": "附記"}],
        "templates": {"report": "full-report.docx"}}
    (folder / "kind.json").write_text(json.dumps(kind, ensure_ascii=False), encoding="utf-8")
    services = open_services(data_dir)
    try:
        assert registry().get("brief") is not None
        editor = EditorPage(services)
        qtbot.addWidget(editor)
        editor.load(services.repo.create(Report.new("短報告", "brief")))
        # a chapter without a step of its own in this kind gets the plain chapter page
        assert [editor.step_title(p) for p in editor.pages] == ["基本資料", "壹、目的", "貳、附記", "檢查"]
        assert editor.page("purpose").hint_label.text() == "寫目的"
        assert editor.pages[2].hint_label.text() == kind_defaults_hint()
        assert editor.field("title").text() == "短報告"
        # a draft of another kind shows that kind's steps in the same editor
        editor.load(services.repo.create(Report.new("完整報告", "central")))
        assert editor.step_title(editor.pages[1]) == "出國人員"
    finally:
        close_database()
        load_kinds(None)


def kind_defaults_hint():
    from desktop.domain.kinds import DEFAULTS

    return DEFAULTS["extra_chapter"]["hint"]
