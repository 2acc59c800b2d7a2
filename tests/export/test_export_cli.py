"""`tripreport export --format` and `tripreport templates` from the command line."""

from docx import Document

from desktop.cli import main
from tests.conftest import EXAMPLE_DRAFT


def test_export_with_a_builtin_template_by_name(tmp_path, capsys):
    out = tmp_path / "提要.docx"
    assert main(["export", str(EXAMPLE_DRAFT), "-o", str(out), "--template", "summary-sheet"]) == 0
    assert "已匯出" in capsys.readouterr().out
    assert Document(str(out)).tables[0].rows[0].cells[1].text == "C11400321"


def test_format_and_suffix_must_agree(tmp_path, capsys):
    assert main(["export", str(EXAMPLE_DRAFT), "-o", str(tmp_path / "r.docx"), "--format", "pdf"]) == 1
    assert "副檔名" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_pdf_without_libreoffice(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRIPREPORT_SOFFICE", str(tmp_path / "none"))
    assert main(["export", str(EXAMPLE_DRAFT), "-o", str(tmp_path / "r.pdf")]) == 1
    assert "LibreOffice" in capsys.readouterr().err


def test_templates_are_listed(capsys):
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    assert "review-sheet.docx\t出國報告審核表" in out
    assert "full-report.docx\t完整出國報告（中央通用格式）" in out


def test_export_from_the_database_uses_the_photo_store(data_dir, tmp_path, capsys):
    assert main(["import", str(EXAMPLE_DRAFT)]) == 0
    draft_id = capsys.readouterr().out.strip()
    out = tmp_path / "r.docx"
    assert main(["export", draft_id, "-o", str(out)]) == 0
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "附錄" in texts
