"""A draft of an agency's own kind (a folder under <data>/kinds/)."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document

from desktop.domain.kinds import use_registry
from tests.conftest import REPO_ROOT

HEADINGS = ["緣起", "考察經過", "港埠觀察", "心得及建議"]  # 港埠觀察: a chapter the central kind has not


def add_harbour_kind(data_dir: Path) -> None:
    folder = data_dir / "kinds" / "harbour"
    folder.mkdir(parents=True)
    template = Document(str(REPO_ROOT / "templates" / "full-report.docx"))
    template.add_paragraph("港務局專用範本：{{ title }}")
    template.save(str(folder / "harbour-report.docx"))
    (folder / "kind.json").write_text(json.dumps({
        "extends": "central", "name": "出國報告（範例港務局）",
        "chapters": [{"key": "purpose", "title": "緣起", "holds": ["text"]},
                     {"key": "process", "title": "考察經過", "holds": ["itinerary", "text"]},
                     {"key": "harbour_notes", "title": "港埠觀察", "holds": ["text"]},
                     {"key": "insights_recommendations", "title": "心得及建議", "holds": ["text", "recommendations"]}],
        "templates": {"report": "harbour-report.docx"}}, ensure_ascii=False), encoding="utf-8")


def test_reading_an_agency_kind_checks_its_template_once(data_dir):
    # Every command and every window start reads the kinds: with one agency kind this took 5 s.
    from desktop.domain import kinds
    from desktop.export.kind_templates import template_problems

    add_harbour_kind(data_dir)
    checked = []
    kinds.use_data_folder(data_dir, lambda path: checked.append(path.name) or template_problems(path))
    try:
        assert kinds.registry().get("harbour").name == "出國報告（範例港務局）"
        assert checked == ["harbour-report.docx"]
    finally:
        use_registry(None)
