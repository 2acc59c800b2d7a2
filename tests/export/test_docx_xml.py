"""The table and paragraph writer: what Word reads back from the XML strings."""

from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from desktop.export.docx_xml import (
    GridCell,
    content_widths,
    display_width,
    list_item_xml,
    paragraph_xml,
    run_xml,
    table_xml,
)


def document_with(*xml: str, tmp_path):
    doc = Document()
    body = doc.element.body
    for part in xml:
        body.sectPr.addprevious(parse_xml(part))
    path = tmp_path / "t.docx"
    doc.save(str(path))
    return Document(str(path))


def agenda_rows():
    return [[GridCell("時間"), GridCell("議程")],
            [GridCell("09:00-12:00", rowspan=2, middle=True), GridCell("開幕致詞")],
            [None, GridCell("專題演講\n（智慧城市）")],
            [GridCell("合計", colspan=2, center=True), None]]


def test_a_table_reads_back_with_its_merged_cells_header_and_line_breaks(tmp_path):
    doc = document_with(table_xml(agenda_rows(), [2000, 7000]), tmp_path=tmp_path)
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["時間", "議程"]
    assert table.cell(1, 0)._tc is table.cell(2, 0)._tc  # one merged cell over two rows
    assert table.cell(1, 0).text == "09:00-12:00"
    assert [p.text for p in table.cell(2, 1).paragraphs] == ["專題演講", "（智慧城市）"]
    assert table.cell(3, 0)._tc is table.cell(3, 1)._tc
    assert table.cell(3, 0).text == "合計"


def test_the_header_row_is_bold_repeated_on_every_page_and_no_row_breaks_across_pages(tmp_path):
    doc = document_with(table_xml(agenda_rows(), [2000, 7000]), tmp_path=tmp_path)
    rows = doc.tables[0].rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    assert all(run.bold for p in rows[0].cells[0].paragraphs for run in p.runs)
    assert not any(run.bold for p in rows[1].cells[1].paragraphs for run in p.runs)


def test_cells_are_set_in_the_official_fonts_with_full_borders(tmp_path):
    doc = document_with(table_xml(agenda_rows(), [2000, 7000]), tmp_path=tmp_path)
    table = doc.tables[0]._tbl
    edges = table.tblPr.find(qn("w:tblBorders"))
    assert [e.get(qn("w:val")) for e in edges] == ["single"] * 6
    fonts = table.find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "標楷體"
    assert fonts.get(qn("w:ascii")) == "Times New Roman"


def test_widths_follow_the_content_and_fill_the_text_width():
    widths = content_widths([["編號", "單位", "職稱", "姓名"], ["1", "臺北市政府產業發展局商業處", "科長", "王小明"]], 9072)
    assert sum(widths) == 9072
    assert widths[1] == max(widths)  # the long unit name gets the room
    assert widths[0] < widths[3]


def test_display_width_counts_chinese_as_two():
    assert display_width("表A1") == 4


def test_emphasis_and_a_list_item_with_a_hanging_marker(tmp_path):
    runs = run_xml("重點", bold=True) + run_xml("斜", italic=True) + run_xml("底", underline=True, size=28)
    doc = document_with(paragraph_xml(runs), list_item_xml("一、", run_xml("第一項"), 0, None), tmp_path=tmp_path)
    first, item = doc.paragraphs[:2]
    assert [(r.text, r.bold, r.italic, r.underline) for r in first.runs] == [
        ("重點", True, None, None), ("斜", None, True, None), ("底", None, None, True)]
    assert item.text == "一、\t第一項"
    ind = item._p.pPr.find(qn("w:ind"))
    assert int(ind.get(qn("w:hanging"))) > 0


def test_text_that_looks_like_markup_stays_text(tmp_path):
    doc = document_with(table_xml([[GridCell("A & B <c> \"d\"")]], [5000], header_rows=0), tmp_path=tmp_path)
    assert doc.tables[0].cell(0, 0).text == 'A & B <c> "d"'
