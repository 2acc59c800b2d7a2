"""The PDF benchmark stays runnable: one interleaved round on the example report gives its three rows."""

import shutil

import pytest

from bench import bench_pdf
from desktop.export.render import export_docx, run_export
from desktop.interchange.draft_json import read_draft_file
from tests.conftest import EXAMPLE_DRAFT


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                    reason="LibreOffice (soffice) 或 poppler-utils 未安裝")
def test_one_round_gives_both_sides_and_the_ratio(tmp_path):
    docx = tmp_path / "example.docx"
    run_export(export_docx(read_draft_file(EXAMPLE_DRAFT), docx))
    rows = bench_pdf.compare("text-heavy", bench_pdf._soffice(), docx, tmp_path, runs=1)
    assert [r["unit"] for r in rows] == ["s", "s", "%"]
    assert rows[0]["value"] > 0
    assert rows[1]["value"] > 0
    assert rows[2]["goal"] == "≤ +10 %"
    assert (tmp_path / "ours.pdf").stat().st_size > 0
    assert (tmp_path / "bare" / "example.pdf").stat().st_size > 0
