"""What a signer sees: the example exported to PDF and ODT through LibreOffice.

Marked `render`: skipped with a reason where LibreOffice or poppler is missing (CI installs both)."""

import re
import shutil
import subprocess
import zipfile

import pytest

from desktop.export.render import ExportError, export_report, run_export

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                              reason="LibreOffice (soffice) 或 poppler-utils 未安裝")


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory):
    from desktop.interchange.draft_json import read_draft_file
    from tests.conftest import EXAMPLE_DRAFT

    out = tmp_path_factory.mktemp("pdf") / "example.pdf"
    run_export(export_report(read_draft_file(EXAMPLE_DRAFT), out, "pdf"))
    return out


def pdf_text(pdf, *pages) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(pages[0]), "-l", str(pages[1])] if pages else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)  # pdftotext puts spaces between digits and Chinese


def in_order(text: str, items: list[str]) -> list[str]:
    """The items not found after the one before them."""
    cursor, lost = 0, []
    for item in items:
        at = text.find(item, cursor)
        if at < 0:
            lost.append(item)
        else:
            cursor = at + len(item)
    return lost


@pytest.mark.render
@needs_lo
def test_pdf_reads_in_order_cover_to_appendix(example_pdf):
    pages = [squeeze(p) for p in pdf_text(example_pdf).split("\f")]
    front = "".join(pages[:4])  # cover, 提要, 摘要, 目次
    body = "".join(pages[4:])

    assert in_order(front, ["出國報告（出國類別：開會、考察）", "出席「2025亞太城市韌性論壇」暨參訪日本福岡市防災設施",
                            "出國期間：民國114年10月14日至114年10月16日", "報告日期：民國114年12月5日",
                            "出國報告提要", "114年12月5日", "摘要", "目次", "壹、目的"]) == []
    assert in_order(body, ["壹、目的", "貳、過程", "表1：出國人員名單", "表2：行程表", "114年10月14日（星期二）",
                           # the body's own table, numbered on from the two before it, its note under it
                           "表3：亞太城市韌性論壇議程（10月14日）", "時間議程", "13:30-14:00開幕式（福岡市長致詞）",
                           "資料來源：論壇主辦單位會議手冊",
                           "圖1：王副局長於論壇分組會議報告本市智慧水情監測成果",
                           # a photo between two paragraphs
                           "上午參訪福岡市民防災中心", "圖2：參觀福岡市民防災中心的濃煙避難體驗區", "下午由福岡市道路下水道局",
                           "參、心得", "肆、建議", "一、規劃設置市民防災體驗館", "伍、後續推動規劃",
                           # the numbered list, numbered below 伍、: 一、 then （一）
                           "一、115年第1季", "二、115年第2季", "（一）邀請管理單位", "三、115年下半年", "附錄",
                           "圖3：福岡市消防局指揮管制中心的災情影像牆"]) == []


@pytest.mark.render
@needs_lo
def test_pdf_toc_has_real_page_numbers_and_pages_as_expected(example_pdf):
    info = subprocess.run(["pdfinfo", str(example_pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages == 10  # cover, 提要, 摘要, 目次, 5 body pages, appendix
    assert f"頁數{pages}" in squeeze(pdf_text(example_pdf, 2, 2))  # the 提要's page count is real
    toc = squeeze(pdf_text(example_pdf, 4, 4))
    entries = dict(re.findall(r"([壹貳參肆伍])、[^.]*?\.{3,}(\d+)", toc))
    assert entries["壹"] == "5"
    assert list(entries) == ["壹", "貳", "參", "肆", "伍"]
    assert [int(v) for v in entries.values()] == sorted(int(v) for v in entries.values())
    assert "壹、目的" in squeeze(pdf_text(example_pdf, int(entries["壹"]), int(entries["壹"])))


@pytest.mark.render
@needs_lo
def test_pdf_embeds_a_chinese_font(example_pdf):
    fonts = subprocess.run(["pdffonts", str(example_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"(Kai|CJK|Ming|Hei|DFKai|標楷)", fonts)


@pytest.mark.render
@needs_lo
def test_odt_is_an_open_document_with_the_toc(example_report, tmp_path):
    out = tmp_path / "r.odt"
    run_export(export_report(example_report, out, "odt"))
    with zipfile.ZipFile(out) as z:
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = z.read("content.xml").decode()
    toc = content[content.find("<text:table-of-content"):content.find("</text:table-of-content>")]
    assert "貳、過程" in toc
    assert "目次於開啟檔案時更新" not in toc


def test_missing_libreoffice_says_what_to_install(example_report, tmp_path, monkeypatch):
    monkeypatch.setenv("TRIPREPORT_SOFFICE", str(tmp_path / "no-soffice"))
    with pytest.raises(ExportError, match="請安裝免費的 LibreOffice"):
        run_export(export_report(example_report, tmp_path / "x.pdf", "pdf"))
    assert list(tmp_path.iterdir()) == []


def _converter_processes(marker: str) -> list[str]:
    """Command lines of LibreOffice converters whose profile lies under `marker` (this test's own
    temporary folder), so another export running on the same machine is not counted."""
    from pathlib import Path

    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if "UserInstallation" in text and marker in text:
            found.append(text)
    return found


@pytest.mark.render
@needs_lo
@pytest.mark.skipif(not __import__("os").path.isdir("/proc"), reason="needs /proc to list processes")
def test_cancel_during_conversion_stops_libreoffice_and_leaves_nothing(example_report, tmp_path, monkeypatch):
    import tempfile
    import time

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # the converter's work folder goes here
    monkeypatch.setenv("TRIPREPORT_LO_PROFILES", str(scratch / "profiles"))  # and its profile here
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "r.pdf"
    steps = export_report(example_report, target, "pdf")
    for step in steps:
        if "LibreOffice" in step.message:
            time.sleep(1.0)  # let soffice start
            break
    assert _converter_processes(str(scratch)) != []  # the marker finds them while they run
    steps.close()
    time.sleep(0.5)
    assert list(out_dir.iterdir()) == []
    assert _converter_processes(str(scratch)) == []
    assert (scratch / "profiles").is_dir()  # the profile it used, kept for the next export
    leftovers = [p.name for p in scratch.iterdir() if p.name.startswith(("tripreport-lo-", "tripreport-export-"))]
    assert leftovers == []  # no profile or half-converted file left behind


@pytest.mark.render
@needs_lo
@pytest.mark.parametrize("template", ["review-sheet", "summary-sheet"])
def test_one_page_sheets_fit_on_one_page(example_report, tmp_path, template):
    """The 審核表 goes round for three signatures and the 提要 is one page by rule: a second page
    with only the signature boxes or a footnote is what a careful clerk would fix by hand."""
    out = tmp_path / f"{template}.pdf"
    run_export(export_report(example_report, out, "pdf", template))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == 1
    text = squeeze(pdf_text(out))
    assert example_report.title.replace(" ", "") in text
    if template == "review-sheet":
        assert "機關首長或授權人員" in text


@pytest.mark.render
@needs_lo
def test_itinerary_dates_and_times_each_stay_on_one_line(example_pdf):
    # A date broken as 「114年10月14」 over 「日」, or a time as 「13:30-」 over 「17:30」, reads as a
    # mistake on a signed report: the columns are wide enough for both.
    lines = [squeeze(line) for line in pdf_text(example_pdf).splitlines()]
    start = next(i for i, line in enumerate(lines) if "表2：行程表" in line)
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith("表3"))
    lines = lines[start:end]  # the table only: the chapter's headings repeat the dates whole
    for whole in ("114年10月14日", "114年10月15日", "114年10月16日", "13:30-17:30", "09:30-12:00", "14:00-16:30"):
        assert any(whole in line for line in lines), f"「{whole}」 is broken over two lines"
