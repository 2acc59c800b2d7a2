"""Every shipped kind end to end: a new draft of the kind, filled in, exported, and its pages read as
a signer would (PDF through LibreOffice). Plus the published Taichung report and press release
exported in their own formats, and an agency's kind added from a folder with no code change."""

import json
import subprocess

import pytest
from docx import Document

from desktop.domain.checks import blocking, run_checks
from desktop.domain.kinds import registry
from desktop.domain.report import FollowUp, Photo, Report
from desktop.export.render import export_docx, export_report, run_export
from tests.conftest import REPO_ROOT
from tests.domain.complete_report import complete_report
from tests.export.published_examples import press_release_report, taichung_report
from tests.export.test_render_libreoffice import in_order, needs_lo, pdf_text, squeeze

PHOTOS = sorted((REPO_ROOT / "docs" / "example-photos").glob("*.jpg"))


def filled(kind_id: str) -> Report:
    """A new draft of the kind, filled in as its user would (every rule met)."""
    report = complete_report(kind_id)
    report.traveller_line = "王小明科長等2人"
    report.photos = [Photo(file=str(p), caption=f"活動照片第{i}張") for i, p in enumerate(PHOTOS[:2], 1)]
    for chapter in report.chapters:
        chapter.set_text(f"{chapter.heading}的內容。")
    if report.recommendations:
        report.recommendations[0].follow_ups = [FollowUp("研考會", "已採行", "115年", "無"),
                                                FollowUp("教育局", "研議中", "116年", "100萬元")]
    return report


def export_pdf(report, tmp_path, template=None) -> list[str]:
    out = tmp_path / f"{report.kind}.pdf"
    run_export(export_report(report, out, "pdf", template))
    return [squeeze(page) for page in pdf_text(out).split("\f") if page.strip()]


@pytest.mark.parametrize("kind_id", sorted(registry().kinds))
def test_a_filled_draft_of_every_kind_passes_its_review_and_exports(kind_id, tmp_path):
    report = filled(kind_id)
    assert blocking(run_checks(report)) == []
    out = tmp_path / "out.docx"
    run_export(export_docx(report, out))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "{{" not in text
    assert "{%" not in text


@pytest.mark.render
@needs_lo
def test_central_pages(tmp_path):
    pages = export_pdf(filled("central"), tmp_path)
    assert in_order("".join(pages), ["出國報告（出國類別：考察）", "姓名職稱：王小明科長等2人", "出國報告提要", "摘要", "目次",
                                     "壹、目的", "貳、過程", "表1：出國人員名單", "表2：行程表", "參、心得", "肆、建議",
                                     "附錄", "圖1：活動照片第1張"]) == []


def page_sizes(pdf) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
    return [tuple(float(x) for x in line.split(":")[1].split("pts")[0].split(" x ")) for line in info.splitlines()
            if line.startswith("Page") and "size" in line]


@pytest.mark.render
@needs_lo
def test_taipei_pages_end_with_the_follow_up_table_on_landscape_pages(tmp_path):
    report = filled("taipei")
    report.recommendations += [report.recommendations[0]] * 3  # five recommendations, the first ones with two agencies
    pages = export_pdf(report, tmp_path)
    assert in_order("".join(pages), ["壹、緣起與目的", "貳、過程", "參、心得及建議", "一、建議0"]) == []
    follow = [i for i, page in enumerate(pages) if "建議事項採行情形追蹤表" in page]
    assert follow
    assert in_order("".join(pages[follow[0]:]), [
        "編號", "建議事項", "主(協)辦機關", "採行情形", "辦理期程", "經費需求", "建議0", "研考會", "已採行", "教育局", "研議中",
        "建議1", "建議2"]) == []
    # five recommendations (eight agency rows) fit on one landscape page, not twelve portrait ones
    assert len(pages) - follow[0] == 1
    width, height = page_sizes(tmp_path / "taipei.pdf")[follow[0]]
    assert width > height


@pytest.mark.render
@needs_lo
def test_new_taipei_pages_number_chapters_and_collect_photos_in_the_appendix(tmp_path):
    pages = export_pdf(filled("new-taipei"), tmp_path)
    assert in_order(pages[0], ["類別：考察", "地區：新加坡", "出席亞太智慧城市論壇", "出國報告", "主辦機關"]) == []
    body = "".join(pages[1:])
    assert in_order(body, ["摘要", "目次", "第一章目的", "第二章過程", "第三章心得", "第四章建議", "附錄", "照片",
                           "照片1：活動照片第1張", "照片2：活動照片第2張"]) == []
    assert "圖1" not in body
    assert "表1：出國人員名單" not in body


@pytest.mark.render
@needs_lo
def test_summary_only_is_one_page(tmp_path):
    pages = export_pdf(filled("summary-only"), tmp_path)
    assert len(pages) == 1
    assert in_order(pages[0], ["出國報告提要", "出席亞太智慧城市論壇", "內容摘要"]) == []
    assert "／／" not in pages[0]


@pytest.mark.render
@needs_lo
def test_empty_summary_sheet_fields_print_empty(tmp_path):
    report = Report.new("", "summary-only")
    report.travellers = [__import__("desktop.domain.report", fromlist=["Traveller"]).Traveller(name="王小明")]
    pages = export_pdf(report, tmp_path)
    assert "／" not in pages[0].replace("（姓名／服務機關／單位／職稱／官職等）", "").replace("聯絡人／電話", "")


@pytest.mark.render
@needs_lo
def test_the_published_taichung_report_exports_in_taichungs_format(tmp_path):
    report = taichung_report()
    if report is None:
        pytest.skip("共用範例資料夾（shared/examples）不在旁邊")
    results = run_checks(report)
    assert next(r for r in results if r.code == "summary.length").ok  # 內容摘要 500 字以上
    docx = tmp_path / "taichung.docx"
    run_export(export_docx(report, docx))
    sheet = {r.cells[0].text: r.cells[1].text for r in Document(str(docx)).tables[0].rows}
    assert list(sheet) == ["類別", "出國報告提要名稱", "含附件", "出國計畫主辦機關", "聯絡人",
                           "出國人員姓名/服務機關/單位/職稱", "出國類別", "出國期間", "出國地區", "報告日期"]
    assert sheet["類別"] == "其他"
    assert sheet["出國報告提要名稱"] == "臺中市政府出席新加坡「2018世界城市峰會市長論壇」(新南向)"
    assert sheet["含附件"] == "☐是　☑否"
    assert sheet["聯絡人"] == "任珮諤　電話：04-22289111分機11414"
    assert sheet["出國人員姓名/服務機關/單位/職稱"].split("\n") == [
        "林依瑩/臺中市政府/府本部/副市長", "任珮諤/臺中市政府秘書處/國際事務科/科員"]
    assert "☑其他" in sheet["出國類別"]
    assert "☐國際會議" in sheet["出國類別"]
    assert (sheet["出國期間"], sheet["出國地區"], sheet["報告日期"]) == ("107年7月7日至107年7月11日", "新加坡", "107年9月26日")
    pages = export_pdf(report, tmp_path)
    assert in_order(pages[0], ["臺中市政府公務出國或赴大陸地區報告提要", "內容摘要：（500字以上）", "壹、摘要",
                               "本府應新加坡國家發展部部長黃循財"]) == []
    assert in_order("".join(pages), ["壹、摘要", "貳、出國人員名單", "編號", "單位", "職稱", "姓名", "參、目的", "肆、過程",
                                     "一、行程表", "日期", "二、會議活動內容", "（一）2018世界城市峰會市長論壇",
                                     "三、參與會外相關活動及達成效益", "伍、心得", "陸、建議", "一、積極參加"]) == []
    assert "目次" not in "".join(pages)


@pytest.mark.render
@needs_lo
def test_the_published_press_release_exports_on_one_or_two_pages(tmp_path):
    report = press_release_report()
    if report is None:
        pytest.skip("共用範例資料夾（shared/examples）不在旁邊")
    report.photos = [Photo(file=str(p), caption=f"高峰會現場{i}") for i, p in enumerate(PHOTOS[:2], 1)]
    assert blocking(run_checks(report)) == []
    pages = export_pdf(report, tmp_path)
    assert 1 <= len(pages) <= 2
    assert in_order("".join(pages), ["臺北市政府資訊局新聞稿", "發布機關:臺北市政府資訊局", "張貼日:110/03/28",
                                     "聯絡人:綜合企劃組", "聯絡資訊:02-27208889", "智慧城市首長高峰會圓滿落幕",
                                     "2021智慧城市首長高峰會議已於24日圓滿落幕", "圖1：高峰會現場1", "圖2：高峰會現場2"]) == []
    assert "新聞內容" not in "".join(pages)  # the chapter's name is not printed


def test_an_agency_kind_from_a_folder_exports_with_no_code_change(data_dir, tmp_path):
    from desktop.cli import main
    from desktop.domain.kinds import use_registry

    folder = data_dir / "kinds" / "harbour"
    folder.mkdir(parents=True)
    template = Document(str(REPO_ROOT / "templates" / "full-report.docx"))
    template.add_paragraph("港務局專用範本：{{ title }}")
    template.save(str(folder / "harbour-report.docx"))
    (folder / "kind.json").write_text(json.dumps({
        "extends": "central", "name": "出國報告（範例港務局）",
        "chapters": [{"key": "purpose", "title": "緣起", "holds": ["text"]},
                     {"key": "process", "title": "考察經過", "holds": ["itinerary", "text"]},
                     {"key": "insights_recommendations", "title": "心得及建議", "holds": ["text", "recommendations"]}],
        "tables": "section", "rules": {"min_recommendations": 2},
        "templates": {"report": "harbour-report.docx"}}, ensure_ascii=False), encoding="utf-8")
    try:
        assert main(["kinds"]) == 0
        draft = main(["new", "港務考察", "--kind", "harbour"])
        assert draft == 0
        report = filled("central")
        from desktop.services import open_services

        services = open_services(data_dir)
        new = Report.new("港務考察", "harbour")
        assert [c.heading for c in new.chapters] == ["緣起", "考察經過", "心得及建議"]
        for chapter in new.chapters:
            chapter.set_text("內容")
        for name in ("agency", "countries", "travellers", "start_date", "end_date", "report_date", "summary",
                     "recommendations", "itinerary"):
            setattr(new, name, getattr(report, name))
        draft_id = services.repo.create(new)
        out = tmp_path / "港務.docx"
        assert main(["export", str(draft_id), "-o", str(out)]) == 0
        doc = Document(str(out))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert "港務局專用範本：港務考察" in text
        assert "壹、緣起" in text
        assert "貳、考察經過" in text
        assert "一、行程表" in text
        assert "參、心得及建議" in text
    finally:
        from desktop.storage import close_database

        close_database()
        use_registry(None)


def test_the_worked_example_in_the_kinds_guide_loads_and_exports(data_dir, tmp_path):
    """docs/report-kinds.md's 範例港務局, copied as an agency's IT staff would."""
    from desktop.domain.kinds import scan

    guide = (REPO_ROOT / "docs" / "report-kinds.md").read_text(encoding="utf-8")
    example = guide.split("3. 建立 `kinds/harbour/kind.json`：")[1].split("```json")[1].split("```")[0]
    folder = data_dir / "kinds" / "harbour"
    folder.mkdir(parents=True)
    (folder / "kind.json").write_text(example, encoding="utf-8")
    (folder / "harbour-report.docx").write_bytes((REPO_ROOT / "templates" / "full-report.docx").read_bytes())
    registry = scan(data_dir)
    assert registry.unusable == []
    kind = registry.get("harbour")
    assert kind.deadline_rule.months == 2
    assert kind.rule("min_recommendations") == 2
    report = Report.new("港務考察", kind)
    assert [c.heading for c in report.chapters] == ["緣起", "考察經過", "心得及建議"]


def test_a_sheet_the_kind_does_not_have_is_refused_in_chinese(tmp_path):
    from desktop.export.render import ExportError

    report = filled("press-release")
    with pytest.raises(ExportError, match="「新聞稿」沒有提要表"):
        run_export(export_docx(report, tmp_path / "x.docx", "summary-sheet.docx"))
    assert not (tmp_path / "x.docx").exists()


def test_an_agency_kind_whose_template_fails_the_check_is_unusable_and_says_why(data_dir):
    from desktop.export.kind_templates import load_kinds

    folder = data_dir / "kinds" / "bad-template"
    folder.mkdir(parents=True)
    (folder / "mine.docx").write_bytes(b"this is not a Word file")
    (folder / "kind.json").write_text(json.dumps({"extends": "central", "name": "壞範本",
                                                  "templates": {"report": "mine.docx"}}), encoding="utf-8")
    try:
        registry = load_kinds(data_dir)
        [broken] = registry.unusable
        assert broken.id == "bad-template"
        assert "報告範本「mine.docx」有問題：「mine.docx」不是 Word（.docx）檔" in broken.reason
        assert registry.get("central") is not None
    finally:
        load_kinds(None)


def test_a_mainland_report_says_赴大陸地區_on_the_cover_and_every_summary_row_and_names_the_cities(tmp_path):
    from desktop.domain.report import Traveller

    report = filled("central")
    report.mainland = True
    report.countries, report.cities = ["中國大陸"], ["上海市"]
    report.traveller_line = "柯文哲市長等68人"
    report.travellers = [Traveller(name="王小明"), *report.travellers]  # a name alone: no empty ／ parts
    report.contact_phone = ""
    out = tmp_path / "m.docx"
    run_export(export_docx(report, out))
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "赴大陸地區報告（赴大陸地區類別：考察）" in text
    assert "姓名職稱：柯文哲市長等68人" in text
    assert "派赴國家/地區：中國大陸（上海市）" in text
    sheet = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert {"赴大陸地區類別", "赴大陸地區期間", "前往地區"} <= set(sheet)
    assert not any(label.startswith("出國") for label in sheet)
    people = next(v for k, v in sheet.items() if k.startswith("赴大陸地區人員"))
    assert people.split("\n")[0] == "王小明"
    assert sheet["聯絡人／電話"] == "王小明"
    assert "／／" not in "".join(sheet.values())
