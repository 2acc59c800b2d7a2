"""Agency templates are checked before use, and each problem is named in plain Chinese."""

import pytest
from docx import Document

from desktop.cli import main
from desktop.domain.report import Report
from desktop.export.render import ExportError, export_docx, run_export
from desktop.export.template_check import check_template
from desktop.paths import templates_dir


def make_template(path, *paragraphs, runs=None):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if runs:
        p = doc.add_paragraph()
        for text in runs:
            p.add_run(text).bold = True
    doc.save(str(path))
    return path


def codes(problems):
    return {p.code for p in problems}


@pytest.mark.parametrize("name", ["full-report.docx", "taipei-full-report.docx", "summary-sheet.docx",
                                  "review-sheet.docx"])
def test_builtin_templates_pass(name):
    form = "full-report" if "full" in name else "other"
    assert [p for p in check_template(templates_dir() / name, form) if p.fatal] == []


def test_syntax_error_is_refused_with_a_plain_message(tmp_path):
    tpl = make_template(tmp_path / "broken.docx", "{{ title }}", "{% for p in summary_paragraphs %}", "{{ p }}",
                        "{{p body }}")
    problems = check_template(tpl)
    assert codes(problems) == {"syntax"}
    assert "沒有對應的 {% endfor %}" in problems[0].message
    with pytest.raises(ExportError, match="範本有問題，無法使用"):
        run_export(export_docx(Report.new("x"), tmp_path / "out.docx", tpl))
    assert not (tmp_path / "out.docx").exists()


def test_unknown_field_is_named(tmp_path):
    tpl = make_template(tmp_path / "typo.docx", "{{ titel }}", "{{p body }}")
    problems = check_template(tpl)
    assert [p.code for p in problems if p.fatal] == ["unknown-field"]
    assert "「titel」" in problems[0].message
    assert any(p.code == "missing-field" and "title" in p.message for p in problems)


def test_curly_quotes_from_autocorrect(tmp_path):
    tpl = make_template(tmp_path / "quotes.docx", "{{ title if title else “未命名” }}")
    problems = check_template(tpl)
    assert "curly-quotes" in codes(problems)
    assert "半形直引號" in next(p for p in problems if p.code == "curly-quotes").message


def test_tag_broken_over_two_paragraphs(tmp_path):
    tpl = make_template(tmp_path / "enter.docx", "{{ ti", "tle }}")
    problems = check_template(tpl)
    assert "split-paragraph" in codes(problems)
    assert "中間不要按 Enter" in problems[0].message


def test_tag_split_across_runs_is_a_warning_and_still_renders(tmp_path):
    tpl = make_template(tmp_path / "runs.docx", "{{p body }}", runs=["{{ ti", "tle }}"])
    problems = check_template(tpl)
    assert codes(problems) == {"split-runs"}
    assert not problems[0].fatal
    out = tmp_path / "out.docx"
    run_export(export_docx(Report.new("我的報告"), out, tpl))
    assert "我的報告" in [p.text for p in Document(str(out)).paragraphs]


def test_internals_are_refused(tmp_path):
    tpl = make_template(tmp_path / "evil.docx", "{{ title.__class__ }}")
    assert "internals" in codes(check_template(tpl))


def test_image_in_a_text_box_is_explained(tmp_path):
    from docx.oxml import parse_xml

    tpl = make_template(tmp_path / "box.docx", "{{ title }}", "{{p body }}")
    doc = Document(str(tpl))
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
        '<w:pict><v:shape><v:imagedata/></v:shape></w:pict></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
        '</w:pict></w:r>')
    doc.paragraphs[0]._p.append(box)
    doc.save(str(tpl))
    problems = check_template(tpl)
    assert [p.code for p in problems] == ["image-in-textbox"]
    assert "文字方塊" in problems[0].message
    assert not problems[0].fatal


def test_not_a_docx(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_text("hello")
    assert [p.code for p in check_template(bad)] == ["not-docx"]


def test_a_zip_python_docx_cannot_open_is_explained_in_chinese(tmp_path):
    """Safe XML, but not a Word package (no [Content_Types].xml): python-docx's English is not shown."""
    import zipfile

    bad = tmp_path / "odd.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                   'main"><w:body><w:p><w:r><w:t>{{ title }}</w:t></w:r></w:p></w:body></w:document>')
    [problem] = check_template(bad)
    assert problem.fatal
    assert "無法讀取範本「odd.docx」" in problem.message
    assert "另存新檔" in problem.message
    assert "There is no item" not in problem.message


def test_template_check_command(tmp_path, capsys):
    good = templates_dir() / "full-report.docx"
    assert main(["template-check", str(good)]) == 0
    assert "檢查通過" in capsys.readouterr().out
    bad = make_template(tmp_path / "b.docx", "{{ title }")
    assert main(["template-check", str(bad)]) == 1
    assert "錯誤：" in capsys.readouterr().out


def test_body_without_p_is_refused(tmp_path):
    tpl = make_template(tmp_path / "body.docx", "{{ title }}", "{{ body }}")
    problems = check_template(tpl)
    assert [p.code for p in problems if p.fatal] == ["body-tag"]
    assert "{{p body }}" in problems[0].message


def test_block_across_table_cells_is_explained_not_a_traceback(tmp_path):
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("{% if title %}甲")
    table.cell(0, 1).paragraphs[0].add_run("乙{% endif %}")
    doc.add_paragraph("{{p body }}")
    tpl = tmp_path / "cells.docx"
    doc.save(str(tpl))
    problems = check_template(tpl)
    assert [p.code for p in problems] == ["block-across-cells"]
    assert "{%tr for" in problems[0].message
    with pytest.raises(ExportError, match="同一個表格儲存格"):
        run_export(export_docx(Report.new(""), tmp_path / "out.docx", tpl))
    assert not (tmp_path / "out.docx").exists()
