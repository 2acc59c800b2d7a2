"""Clipboard HTML from Word, Excel, LibreOffice, web pages and Google Docs read into blocks: what a
report can hold is kept, the rest dropped, and what could not be kept as it was is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.blocks import MAX_COLUMNS, Cell, ListBlock, ListItem, Paragraph, Run, Table, plain_text
from desktop.gui.widgets.html_blocks import read_html

CLIPBOARD = Path(__file__).resolve().parent.parent / "fixtures" / "clipboard"


def fixture(name: str) -> str:
    return (CLIPBOARD / name).read_text(encoding="utf-8")


def test_word_keeps_emphasis_lists_the_table_with_its_caption_and_note_and_offers_the_picture():
    pasted = read_html(fixture("word-2016-zh-tw.html"))
    intro, bullets, table, numbered = pasted.blocks
    # Word wraps its HTML source inside Chinese text: no stray space where it wrapped
    assert intro.text == "本次論壇由新加坡市區重建局主辦，與會城市就智慧號誌、路燈整合與資料治理交換經驗，並安排實地參訪。"
    assert [r for r in intro.runs if r.bold] == [Run("路燈整合", bold=True)]
    assert Run("並", italic=True) in intro.runs
    assert Run("安排", underline=True) in intro.runs
    assert bullets == ListBlock([ListItem([Run("號誌時制依車流即時調整")]), ListItem([Run("尖峰時段延長綠燈")], 1),
                                 ListItem([Run("路燈", bold=True), Run("改用LED並遠端監控")])], ordered=False)
    assert table.caption == "論壇議程"
    assert table.note == "資料來源：論壇主辦單位"
    assert table.header_rows == 1
    assert table.rows[1][0] == Cell("09:00-12:00", rowspan=2)
    assert table.rows[2][0] is None
    assert table.rows[2][1].text == "專題演講：智慧城市\n（新加坡市區重建局）"
    assert table.widths == [25.0, 75.0]
    assert numbered.ordered
    assert [i.text for i in numbered.items] == ["建置號誌資料平臺", "試辦路燈遠端監控"]
    (image,) = pasted.images
    assert image.src.endswith("clip_image002.jpg")
    assert image.after == 4
    assert pasted.notes == []


def test_excel_bold_comes_from_its_style_sheet_and_cells_keep_line_breaks_and_spans():
    (table,) = read_html(fixture("excel-2016.html")).blocks
    assert table.cell_texts()[0] == ["年度", "指標", "臺北市名次"]
    assert table.rows[1][0] == Cell("2016.9", rowspan=3)
    assert table.rows[3][1].text == "施政力\n（含財政）"
    assert table.rows[4][1] == Cell("總排名第一", colspan=2)
    assert [round(w) for w in table.widths] == [23, 54, 23]


def test_libreoffice_nested_numbered_list_and_header_row():
    paragraph, numbered, table = read_html(fixture("libreoffice-writer-7.4.html")).blocks
    assert [r.text for r in paragraph.runs if r.bold] == ["檢討預警"]
    assert numbered.ordered
    assert [(i.level, i.text) for i in numbered.items] == [
        (0, "建立預警機制"), (1, "雨量站資料即時上傳"), (0, "演練疏散路線")]
    assert table.header_rows == 1
    assert table.cell_texts()[0] == ["日期", "內容"]
    assert table.widths == [25.0, 75.0]


def test_a_web_page_keeps_structure_drops_links_scripts_and_styles_and_offers_its_image():
    pasted = read_html(fixture("chrome-web-page.html"))
    heading, text, bullets, table = pasted.blocks
    assert heading == Paragraph([Run("智慧城市展重點", bold=True)])
    assert text.text == "今年展覽以淨零轉型為主軸，共有 450 家廠商參展。"
    assert [(i.level, i.text) for i in bullets.items] == [(0, "智慧交通"), (0, "智慧醫療"), (1, "遠距看診"), (0, "淨零建築")]
    assert table.cell_texts() == [["展區", "攤位數"], ["南港一館", "1,200"], ["南港二館", ""]]
    assert [(i.src, i.alt) for i in pasted.images] == [("https://example.org/images/expo-hall.jpg", "展場入口")]
    assert "track" not in plain_text(pasted.blocks)
    assert pasted.notes == ["標題已改為粗體段落"]


def test_google_docs_normal_weight_wrapper_is_not_bold():
    paragraph, numbered = read_html(fixture("google-docs.html")).blocks
    assert paragraph.runs == [Run("會議結論："), Run("同意試辦", bold=True), Run("一年", italic=True, underline=True)]
    assert numbered.ordered
    assert [(i.level, i.text) for i in numbered.items] == [
        (0, "交通局提出計畫"), (1, "三個月內"), (0, "研考會追蹤")]


# ---- bad input: kept as far as the model holds it, the rest named ---------------------------------

def table_html(rows: int, columns: int) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{r}-{c}</td>" for c in range(columns)) + "</tr>"
                               for r in range(rows)) + "</table>"


def test_two_hundred_columns_are_split_into_tables_a_page_can_hold_with_every_cell_kept():
    pasted = read_html(table_html(3, 200))
    assert [t.columns for t in pasted.blocks] == [MAX_COLUMNS] * 10
    assert sum((t.cell_texts()[2] for t in pasted.blocks), []) == [f"2-{c}" for c in range(200)]
    assert pasted.notes == ["200 欄的表格超過每個表格 20 欄的上限，已依序分成 10 個表格"]


def test_ten_thousand_rows_are_all_kept():
    (table,) = read_html(table_html(10_000, 3)).blocks
    assert len(table.rows) == 10_000
    assert table.rows[-1][-1].text == "9999-2"


def test_a_nested_table_becomes_text_in_its_cell_and_an_image_in_a_cell_follows_the_table():
    pasted = read_html("<table><tr><th>項目</th><th>說明</th></tr>"
                       "<tr><td>外<table><tr><td>內1</td><td>內2</td></tr></table></td>"
                       "<td><img src='file:///tmp/map.png' alt='地圖'>見附圖</td></tr></table>")
    (table,) = pasted.blocks
    assert table.rows[1][0].text == "外\n內1｜內2"
    assert table.rows[1][1].text == "見附圖"
    (image,) = pasted.images
    assert image.in_cell
    assert image.after == 1
    assert image.alt == "地圖"
    assert pasted.notes == ["表格中的表格已改為文字（以｜分隔）", "儲存格中的圖片無法放在格子裡，會放在表格之後"]


def test_spans_past_the_table_and_overlapping_spans_lose_no_text():
    (table,) = read_html("<table><tr><td rowspan=99>大</td><td colspan=99>右</td></tr>"
                         "<tr><td>下</td><td></td></tr><tr><td colspan='abc'>壞</td></tr></table>").blocks
    assert table.rows[0][0] == Cell("大", rowspan=3)
    assert table.rows[0][1] == Cell("右", colspan=2)
    words = plain_text([table])
    assert all(w in words for w in ("大", "右", "下", "壞"))


def test_empty_cells_and_ragged_rows_are_padded():
    (table,) = read_html("<table><tr><td>a</td><td></td><td>c</td></tr><tr><td></td></tr></table>").blocks
    assert table.cell_texts() == [["a", "", "c"], ["", "", ""]]


def test_lists_deeper_than_three_levels_are_kept_at_the_third():
    pasted = read_html("<ul><li>1<ul><li>2<ul><li>3<ul><li>4</li></ul></li></ul></li></ul></li></ul>")
    (block,) = pasted.blocks
    assert [(i.level, i.text) for i in block.items] == [(0, "1"), (1, "2"), (2, "3"), (2, "4")]
    assert pasted.notes == ["超過 3 層的清單項目已放在第 3 層"]


@pytest.mark.parametrize("html", ["", "<", "<table><tr><td>", "</p></table></li>", "<![if !vml]><p>x",
                                  "<div>" * 3000 + "深" + "</div>" * 3000, "\x00<p>\ud800</p>",
                                  "Version:0.9\r\nStartHTML:1\r\n<html><body><p>頭</p></body></html>"])
def test_broken_markup_never_raises(html):
    blocks = read_html(html).blocks
    assert all(isinstance(b, Paragraph | ListBlock | Table) for b in blocks)


def test_the_windows_clipboard_header_is_not_pasted():
    assert plain_text(read_html("Version:0.9\r\nStartHTML:0000000105\r\n<html><body><p>內容</p></body></html>")
                      .blocks) == "內容"
