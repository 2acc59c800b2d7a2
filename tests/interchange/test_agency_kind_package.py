"""A draft of an agency's own kind (a folder under <data>/kinds/) travels in a package: on a
computer without that kind it opens with the central form and a notice, nothing lost, and back
home it is of its own kind again — through the command line and through the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from desktop.cli import main
from desktop.domain.kinds import use_registry
from desktop.storage import close_database
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


@pytest.fixture
def homes(tmp_path):
    """Data folder A has the agency's kind and a draft of it with text in every chapter; B has not."""
    home, away = tmp_path / "A", tmp_path / "B"
    add_harbour_kind(home)
    try:
        from desktop.services import open_services

        assert main(["new", "港務考察", "--kind", "harbour", "--data-dir", str(home)]) == 0
        repo = open_services(home).repo
        report = repo.load(1)
        assert [c.heading for c in report.chapters] == HEADINGS
        for chapter in report.chapters:
            chapter.set_text(f"{chapter.heading}的內文")
        repo.save(report)
        close_database()
        yield home, away
    finally:
        close_database()
        use_registry(None)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def stored(data_dir: Path, draft_id: int):
    from desktop.services import open_services

    report = open_services(data_dir).repo.load(draft_id)
    close_database()
    return report


def test_pack_and_unpack_keep_the_agency_kind(homes, tmp_path, capsys):
    home, away = homes
    package = tmp_path / "港務.tripreport"
    assert run(capsys, "pack", 1, "-o", package, "--data-dir", home)[0] == 0

    code, out, err = run(capsys, "unpack", package, "--data-dir", away)
    assert code == 0
    away_id = int(out.strip())  # the id alone on stdout, for scripts
    assert "「harbour」目前無法使用" in err  # said at once, not only when the draft is next opened
    code, out, _ = run(capsys, "show", away_id, "--data-dir", away)
    assert "出國報告（中央：行政院格式）" in out
    assert "「harbour」目前無法使用" in out
    report = stored(away, away_id)
    assert report.kind == "harbour"  # kept for the way back
    assert [(c.heading, c.text) for c in report.chapters] == [(h, f"{h}的內文") for h in HEADINGS]
    target = tmp_path / "在外.docx"
    assert run(capsys, "export", away_id, "-o", target, "--data-dir", away)[0] == 0
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "參、港埠觀察\n港埠觀察的內文" in text  # the central template, every chapter printed
    assert "港務局專用範本" not in text

    back = tmp_path / "帶回.tripreport"
    assert run(capsys, "pack", away_id, "-o", back, "--data-dir", away)[0] == 0
    code, out, err = run(capsys, "unpack", back, "--replace", "--data-dir", home)
    assert (code, out.strip(), err) == (0, "1", "")
    code, out, _ = run(capsys, "show", 1, "--data-dir", home)
    assert "出國報告（範例港務局）" in out
    target = tmp_path / "回家.docx"
    assert run(capsys, "export", 1, "-o", target, "--data-dir", home)[0] == 0
    assert "港務局專用範本：港務考察" in "\n".join(p.text for p in Document(str(target)).paragraphs)


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
