"""The deadline board as a spreadsheet: CSV that Excel opens with its Chinese intact, and an .xlsx
read back part by part (cells, the frozen header with its filter, overdue rows in red)."""

import csv
import zipfile
from datetime import date
from xml.etree import ElementTree as ET

import pytest

from desktop.domain.board import COLUMNS, BoardEntry, board_rows
from desktop.domain.report import StatusChange
from desktop.export.board_export import export_board

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@pytest.fixture
def rows():
    entries = [BoardEntry(1, "逾期的報告 <A&B>", "送審中", "central", date(2025, 10, 10), date(2025, 10, 16),
                          ["王大明", "陳美玲"], "資訊科", history=[StatusChange("送審中", "2025-11-02T10:00:00", "chen")]),
               BoardEntry(2, "還有時間", "草稿", "central", date(2026, 2, 1), date(2026, 2, 5), ["李志豪"], "人事室")]
    return board_rows(entries, date(2026, 3, 1))


def test_csv_has_a_bom_the_headings_and_one_line_per_report(rows, tmp_path):
    target = export_board(rows, tmp_path / "期限.csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with it
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == [h for _k, h in COLUMNS]
    assert lines[1][:3] == ["逾期的報告 <A&B>", "王大明、陳美玲", "資訊科"]
    assert lines[1][4:9] == ["114年10月10日至114年10月16日", "115/01/16", "-44", "送審中", "114/11/02 10:00"]
    assert lines[2][6] == "65"  # back 2026-02-05, due 05-05


def _cells(sheet: ET.Element) -> dict[str, tuple[str, str]]:
    out = {}
    for c in sheet.iter(f"{{{NS['m']}}}c"):
        value = c.find("m:v", NS)
        text = value.text if value is not None else "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
        out[c.get("r")] = (text, c.get("s", "0"))
    return out


def test_xlsx_holds_the_rows_with_overdue_ones_in_red(rows, tmp_path):
    target = export_board(rows, tmp_path / "期限.xlsx")
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None
        sheet = ET.fromstring(zf.read("xl/worksheets/sheet1.xml"))
        styles = ET.fromstring(zf.read("xl/styles.xml"))
        assert "繳交期限" in zf.read("xl/workbook.xml").decode("utf-8")
    cells = _cells(sheet)
    assert cells["A1"] == ("報告名稱", "1")  # bold header
    assert cells["A2"] == ("逾期的報告 <A&B>", "2")  # escaped text, red
    assert cells["G2"] == ("-44", "2")  # days left as a number
    assert cells["A3"] == ("還有時間", "0")
    red_font = styles.findall("m:fonts/m:font", NS)[int(styles.findall("m:cellXfs/m:xf", NS)[2].get("fontId"))]
    assert red_font.find("m:color", NS).get("rgb") == "FFC62828"
    assert sheet.find("m:autoFilter", NS).get("ref") == "A1:J3"
    assert sheet.find("m:sheetViews/m:sheetView/m:pane", NS).get("state") == "frozen"


def test_another_suffix_is_refused_in_chinese(rows, tmp_path):
    with pytest.raises(ValueError, match=r"\.csv 或 \.xlsx"):
        export_board(rows, tmp_path / "期限.pdf")
