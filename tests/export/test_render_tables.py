"""A long table of the body as a signer sees it, rendered by LibreOffice: caption above, full
borders drawn, the header row again at the top of the next page, the note under the table.

Marked `render`: skipped with a reason where LibreOffice or poppler is missing (CI installs both)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.domain.blocks import ListBlock, ListItem, Run, paragraph, table_from_texts
from desktop.domain.report import Report
from desktop.export.render import export_report, run_export
from tests.export.test_render_libreoffice import pdf_text, squeeze

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                              reason="LibreOffice (soffice) 或 poppler-utils 未安裝")
ROWS = 60


@pytest.fixture(scope="module")
def table_pdf(tmp_path_factory):
    report = Report.new("表格排版")
    process = report.chapter("process")
    body = [[f"{8 + r // 6:02d}:{(r % 6) * 10:02d}", f"第{r + 1}項議程：參訪與座談"] for r in range(ROWS)]
    process.blocks = [paragraph("本日行程如下表。"),
                      table_from_texts([["時間", "議程"], *body], caption="論壇議程", note="資料來源：主辦單位"),
                      ListBlock([ListItem([Run("第一點")]), ListItem([Run("第二點")])], ordered=True)]
    out = tmp_path_factory.mktemp("tables") / "tables.pdf"
    run_export(export_report(report, out, "pdf"))
    return out


def page_with(pdf, text: str) -> int:
    pages = [squeeze(p) for p in pdf_text(pdf).split("\f")]
    return next(n for n, page in enumerate(pages, start=1) if text in page)


def dark_lines(png_path, *, horizontal: bool, min_fraction: float) -> int:
    """How many separate straight lines of dark pixels run across at least `min_fraction` of the page."""
    from PIL import Image

    with Image.open(png_path) as im:
        gray = im.convert("L")
        width, height = gray.size
        pixels = gray.load()
        outer, inner = (height, width) if horizontal else (width, height)
        found, previous = 0, False
        for a in range(outer):
            dark = sum(1 for b in range(0, inner, 2)
                       if (pixels[b, a] if horizontal else pixels[a, b]) < 110)
            is_line = dark * 2 >= min_fraction * inner
            found += is_line and not previous
            previous = is_line
    return found


@pytest.mark.render
@needs_lo
def test_a_long_table_keeps_its_caption_borders_and_header_on_every_page(table_pdf, tmp_path):
    first, last = page_with(table_pdf, "表1：論壇議程"), page_with(table_pdf, f"第{ROWS}項議程")
    assert last > first  # the table runs over pages
    first_text = squeeze(pdf_text(table_pdf, first, first))
    assert first_text.index("表1：論壇議程") < first_text.index("時間議程") < first_text.index("08:00第1項議程")
    for page in range(first + 1, last + 1):  # the header row again at the top of every later page
        text = squeeze(pdf_text(table_pdf, page, page))
        assert text.count("時間議程") == 1
        assert text.index("時間議程") < text.index("項議程：")
    last_text = squeeze(pdf_text(table_pdf, last, last))
    assert last_text.index(f"第{ROWS}項議程") < last_text.index("資料來源：主辦單位") < last_text.index("一、第一點")

    subprocess.run(["pdftoppm", "-r", "60", "-f", str(first), "-l", str(first), "-png", str(table_pdf),
                    str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    # every row has its ruled line across the table (the table fills most of the text width), and
    # the two columns stand between three vertical rules
    rows_on_page = first_text.count("項議程")
    assert dark_lines(png, horizontal=True, min_fraction=0.6) >= rows_on_page + 1
    assert dark_lines(png, horizontal=False, min_fraction=0.4) == 3
