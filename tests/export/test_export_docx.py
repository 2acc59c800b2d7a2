import zipfile

import pytest
from docx import Document

from desktop.domain.report import Report
from desktop.export.render import ExportError, export_docx, run_export


def document_text(path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for p in doc.paragraphs)


def test_example_exports_cover_and_body(example_report, tmp_path):
    out = tmp_path / "report.docx"
    run_export(export_docx(example_report, out))
    text = document_text(out)
    assert "出國報告（出國類別：開會、考察）" in text
    assert example_report.title in text
    assert "服務機關：臺南市政府消防局" in text
    assert "姓名職稱：王大明 副局長 等3人" in text
    assert "出國期間：民國114年10月14日至114年10月16日" in text
    assert "報告日期：民國114年12月5日" in text
    assert "壹、目的" in text
    assert "貳、過程" in text
    assert "一、114年10月14日（星期二）出席亞太城市韌性論壇" in text
    assert "福岡市民防災中心以體驗為主軸" not in text  # not in the example; guards against fake text
    assert "上午參訪福岡市民防災中心。" in text


def test_special_characters_print_as_typed(tmp_path):
    report = Report.new("A & B <c>")
    report.chapters[0].text = "第一段 A & B <c>\x0b第二段\x00 結束"
    out = tmp_path / "x.docx"
    run_export(export_docx(report, out))
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert any("A & B <c>" == p.strip() for p in paragraphs)
    assert "第一段 A & B <c>" in paragraphs
    assert "第二段 結束" in paragraphs


def test_dates_on_the_cover_in_roc_calendar(example_report, tmp_path):
    example_report.mainland = True
    out = tmp_path / "m.docx"
    run_export(export_docx(example_report, out))
    text = document_text(out)
    assert "赴大陸地區報告" in text
    assert "赴大陸地區期間：民國114年10月14日" in text


def test_template_cannot_reach_python_internals(tmp_path):
    from docx import Document as NewDocument

    evil = tmp_path / "evil.docx"
    doc = NewDocument()
    doc.add_paragraph("{{ title.__class__.__mro__[1].__subclasses__() }}")
    doc.save(str(evil))
    with pytest.raises(ExportError):
        run_export(export_docx(Report.new("x"), tmp_path / "out.docx", evil))
    assert not (tmp_path / "out.docx").exists()


def test_unknown_tag_is_an_error_not_blank(tmp_path):
    from docx import Document as NewDocument

    tpl = tmp_path / "typo.docx"
    doc = NewDocument()
    doc.add_paragraph("{{ titel }}")
    doc.save(str(tpl))
    with pytest.raises(ExportError, match="titel"):
        run_export(export_docx(Report.new("x"), tmp_path / "out.docx", tpl))


def test_cancelled_export_leaves_no_file(example_report, tmp_path):
    out = tmp_path / "cancel.docx"
    steps = export_docx(example_report, out)
    next(steps)
    next(steps)
    steps.close()
    assert list(tmp_path.iterdir()) == []


def test_output_is_a_valid_zip_with_east_asian_font(example_report, tmp_path):
    out = tmp_path / "f.docx"
    run_export(export_docx(example_report, out))
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        styles = z.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="標楷體"' in styles


def test_unwritable_target_gives_clear_message(example_report, tmp_path):
    from desktop.fileio import FileWriteError

    with pytest.raises(FileWriteError, match="找不到資料夾|無法寫入"):
        run_export(export_docx(example_report, tmp_path / "missing" / "x.docx"))
