"""The 審核表 prints the items and signature boxes its kind declares: the built-in ones from
templates/review-sheet.json, or an agency kind's own; a broken declaration is said in Chinese."""

import json
from datetime import date

import pytest
from docx import Document

from desktop.domain.kinds import registry, scan, use_registry
from desktop.export.render import export_docx, run_export
from tests.conftest import REPO_ROOT
from tests.domain.complete_report import complete_report

CHECKED, UNCHECKED = "☑", "☐"
BUILT_IN = json.loads((REPO_ROOT / "templates" / "review-sheet.json").read_text(encoding="utf-8"))["review_sheet"]
WITH_SHEET = sorted(k.id for k in registry().kinds.values() if k.template_name("review_sheet"))


def exported_sheet_and_text(report, tmp_path) -> tuple[list[list[str]], list[str], str]:
    """The exported 審核表's item rows (項次, 審核項目, 是, 否, 是, 否), signature boxes and paragraphs."""
    out = tmp_path / f"審核表-{report.kind}.docx"
    run_export(export_docx(report, out, "review-sheet.docx"))
    doc = Document(str(out))
    items = [[c.text for c in row.cells] for row in doc.tables[1].rows][2:]
    return items, [c.text for c in doc.tables[2].rows[0].cells], "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("kind_id", WITH_SHEET)
def test_every_kinds_review_sheet_prints_the_declared_items_and_signatures(kind_id, tmp_path):
    report = complete_report(kind_id)
    report.end_date, report.report_date = date(2025, 10, 16), date(2025, 12, 5)
    items, signatures, text = exported_sheet_and_text(report, tmp_path)
    assert BUILT_IN["note"] in text
    assert [row[1] for row in items] == [item["text"] for item in BUILT_IN["items"]]
    assert [row[0] for row in items] == [str(n) for n in range(1, len(BUILT_IN["items"]) + 1)]
    assert signatures == BUILT_IN["signatures"]
    assert items[0][2:4] == [CHECKED, UNCHECKED]  # 依限繳交: the item that names the deadline rule


def _agency_kind(data_dir, review_sheet: dict) -> None:
    folder = data_dir / "kinds" / "harbour"
    folder.mkdir(parents=True)
    (folder / "kind.json").write_text(json.dumps(
        {"extends": "central", "name": "出國報告（範例港務局）", "review_sheet": review_sheet},
        ensure_ascii=False), encoding="utf-8")


OWN_ITEMS = [{"text": "報告已送港務處彙整"}, {"text": "於返國後兩個月內繳交", "answer": "deadline"},
             {"text": "附有航港設施照片"}]


def test_an_agency_kind_prints_its_own_items_and_signers(data_dir, tmp_path):
    _agency_kind(data_dir, {"items": OWN_ITEMS, "signatures": ["出國人", "科長", "處長", "局長"],
                            "note": "說明：第2項由系統勾選。"})
    use_registry(scan(data_dir))
    try:
        report = complete_report("central")
        report.kind = "harbour"
        report.end_date, report.report_date = date(2025, 10, 16), date(2026, 3, 1)  # late
        items, signatures, text = exported_sheet_and_text(report, tmp_path)
    finally:
        use_registry(None)
    assert "說明：第2項由系統勾選。" in text
    assert BUILT_IN["note"] not in text
    assert [row[1] for row in items] == ["報告已送港務處彙整", "於返國後兩個月內繳交", "附有航港設施照片"]
    assert items[1][2:4] == [UNCHECKED, CHECKED]  # the deadline item is answered: handed in late
    assert items[0][2:4] == items[2][2:4] == [UNCHECKED, UNCHECKED]  # left for people
    assert signatures == ["出國人", "科長", "處長", "局長"]


def test_an_agency_kind_naming_only_its_items_keeps_the_built_in_signers(data_dir, tmp_path):
    _agency_kind(data_dir, {"items": OWN_ITEMS})
    use_registry(scan(data_dir))
    try:
        report = complete_report("central")
        report.kind = "harbour"
        items, signatures, text = exported_sheet_and_text(report, tmp_path)
    finally:
        use_registry(None)
    assert len(items) == 3
    assert signatures == BUILT_IN["signatures"]
    assert "依限繳交與格式完整" not in text  # the built-in note speaks of items this sheet lacks


@pytest.mark.parametrize(("review_sheet", "reason"), [
    ({"items": [{"text": "x", "answer": "magic"}]}, "「review_sheet.items[0].answer」的值「magic」不認得"),
    ({"items": []}, "「review_sheet.items」不能是空的"),
    ({"items": [{"answer": "deadline"}]}, "「review_sheet.items[0]」缺少必要的欄位「text」"),
    ({"signers": ["局長"]}, "「review_sheet」有不認得的欄位「signers」"),
])
def test_an_agency_kinds_broken_review_sheet_is_unusable_with_the_reason(data_dir, review_sheet, reason):
    _agency_kind(data_dir, review_sheet)
    found = scan(data_dir)
    assert "harbour" not in found.kinds
    assert reason in found.unusable[0].reason


def test_a_broken_built_in_review_sheet_file_is_said_in_chinese(tmp_path, monkeypatch):
    from desktop.domain import review_sheet

    (tmp_path / "review-sheet.json").write_text('{"name": "出國報告審核表",\n "review_sheet": {"items": []\n}',
                                                encoding="utf-8")
    monkeypatch.setattr(review_sheet, "templates_dir", lambda: tmp_path)
    found = scan()
    unusable = {u.id: u.reason for u in found.unusable}
    assert set(unusable) == set(WITH_SHEET)
    assert "審核表的項目檔有問題：「review-sheet.json」不是有效的 JSON（第 3 行第 2 欄" in unusable["central"]
    assert "Expecting" not in unusable["central"]
    assert "press-release" in found.kinds  # a kind without a 審核表 is not touched

    (tmp_path / "review-sheet.json").write_text('{"review_sheet": {"items": [{"text": "x"}]}}', encoding="utf-8")
    found = scan()
    assert "「review_sheet」缺少必要的欄位「signatures」" in {u.id: u.reason for u in found.unusable}["central"]
