"""The built-in templates: each renders the example draft into what its form promises."""

import json

from docx import Document
from docx.oxml.ns import qn

from desktop.export.render import builtin_templates, export_docx, resolve_template, run_export
from desktop.paths import templates_dir


def _table_rows(table) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in table.rows]


def test_every_manifest_names_an_existing_template():
    # the generic ones are offered by name; a kind's own report and sheets come with the kind
    assert {i.path.name for i in builtin_templates()} == {"full-report.docx", "summary-sheet.docx", "review-sheet.docx"}
    for manifest in templates_dir().glob("*.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        # the 審核表's manifest also holds its items and signatures (review_sheet.py)
        assert set(data) == {"name", "file", "form", "role", "listed"} | ({"review_sheet"} if data["role"] == "review_sheet" else set())
        assert (templates_dir() / data["file"]).is_file()


def test_taipei_draft_gets_the_follow_up_table_one_row_per_agency(example_report, tmp_path):
    from desktop.domain.report import FollowUp
    from tests.export.test_golden import as_kind

    report = as_kind(example_report, "taipei")
    assert resolve_template(None, report).path.name == "taipei-full-report.docx"
    assert resolve_template("summary-sheet.docx", report).path.name == "summary-sheet.docx"
    report.recommendations[0].follow_ups = [FollowUp("消防局", "已編列預算", "115年", "3,000萬元"),
                                            FollowUp("教育局", "研議中", "116年", "")]
    out = tmp_path / "t.docx"
    run_export(export_docx(report, out))
    doc = Document(str(out))
    follow = next(t for t in doc.tables if len(t.columns) == 6 and t.rows[0].cells[1].text == "建議事項")
    rows = _table_rows(follow)
    assert rows[0] == ["編號", "建議事項", "主(協)辦機關", "採行情形", "辦理期程", "經費需求"]
    assert len(rows) == 5  # header + one row per recommendation and agency
    assert rows[1][0] == rows[2][0] == "1"  # merged over its two agencies
    assert rows[1][1].startswith("規劃設置市民防災體驗館：建議結合")
    assert [rows[1][2], rows[2][2]] == ["消防局", "教育局"]
    assert rows[3][3] == "已採行"
    assert rows[4][5] == "約新臺幣800萬元"
    # the header repeats on every page, and the table sits in a landscape section
    assert follow.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    last = doc.sections[-1]
    assert last.page_width > last.page_height


def test_summary_sheet_ticks_the_categories(example_report, tmp_path):
    out = tmp_path / "s.docx"
    run_export(export_docx(example_report, out, "summary-sheet.docx"))
    doc = Document(str(out))
    rows = dict((r[0], r[1]) for r in _table_rows(doc.tables[0]))
    assert rows["系統識別號"] == "C11400321"
    assert "☑考察" in rows["出國類別"]
    assert "☑開會" in rows["出國類別"]
    assert "☐進修" in rows["出國類別"]
    assert rows["出國期間"] == "114年10月14日至114年10月16日"
    assert rows["含附件"] == "☑是　☐否"
    people = [k for k in rows if k.startswith("出國人員")][0]
    assert rows[people].split("\n")[0] == "王大明／臺南市政府消防局／局本部／副局長／簡任第十一職等"
    assert len(doc.tables) == 1


def test_review_sheet_has_ten_items_and_three_signatures(example_report, tmp_path):
    out = tmp_path / "v.docx"
    run_export(export_docx(example_report, out, "review-sheet.docx"))
    doc = Document(str(out))
    header = dict((r[0], r[1]) for r in _table_rows(doc.tables[0]))
    assert header["出國人姓名"] == "王大明、陳美玲、李志豪"
    assert header["報告繳交日期"] == "114年12月5日"
    items = _table_rows(doc.tables[1])[2:]
    assert [r[0] for r in items] == [str(n) for n in range(1, 11)]
    # on time (returned 10/16, handed in 12/5) and format complete: ticked 是 by the machine
    assert items[0][2:] == ["☑", "☐", "☐", "☐"]
    assert items[1][2:] == ["☑", "☐", "☐", "☐"]
    assert items[2][2:] == ["☐", "☐", "☐", "☐"]
    assert _table_rows(doc.tables[2])[0] == ["出國人", "一級單位主管", "機關首長或授權人員"]


def test_late_report_is_ticked_no(example_report, tmp_path):
    from datetime import date

    example_report.report_date = date(2026, 2, 1)
    out = tmp_path / "late.docx"
    run_export(export_docx(example_report, out, "review-sheet.docx"))
    items = _table_rows(Document(str(out)).tables[1])[2:]
    assert items[0][2:4] == ["☐", "☑"]


def test_docs_list_every_tag_a_template_may_use():
    import re

    from desktop.export.template_check import known_fields
    from tests.conftest import REPO_ROOT

    doc = (REPO_ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"\{\{p? (\w+) \}\}", doc)) | set(re.findall(r"^\| `(\w+)` \|", doc, re.M))
    assert known_fields() - documented == set()
    assert documented - known_fields() == set()
