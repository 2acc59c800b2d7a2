"""A section's blocks as Word reads them back: emphasis, numbered lists, tables with 表N, photos."""

from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml

from desktop.domain.blocks import (
    Cell,
    ListBlock,
    ListItem,
    Paragraph,
    PhotoBlock,
    Run,
    Table,
    normalize_table,
    table_from_texts,
)
from desktop.export.docx_blocks import BlockWriter, BodyParts


def write(blocks, tmp_path, section_level=1, first_table=0):
    doc = Document()
    body = doc.element.body
    numbers = iter(range(first_table + 1, 100))
    printed = []

    def append(xml):
        body.sectPr.addprevious(parse_xml(xml))

    def photos(ids):
        printed.append(list(ids))
        append(f'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:r><w:t>'
               f'[{",".join(ids)}]</w:t></w:r></w:p>')

    styles = {s.name: s.style_id for s in doc.styles}
    parts = BodyParts(append, lambda *names: next((styles[n] for n in names if n in styles), None),
                      lambda: next(numbers), photos, styles.get("Table Grid"))
    BlockWriter(parts).write(blocks, section_level)
    path = tmp_path / "blocks.docx"
    doc.save(str(path))
    return Document(str(path)), printed


def test_emphasis_lists_and_a_captioned_table_in_reading_order(tmp_path):
    blocks = [Paragraph([Run("本次"), Run("重點", bold=True), Run("如下")]),
              ListBlock([ListItem([Run("甲")]), ListItem([Run("甲之一")], 1), ListItem([Run("乙")])], ordered=True),
              table_from_texts([["時間", "議程"], ["09:00", "開幕"]], caption="表1：論壇議程", note="資料來源：主辦單位"),
              ListBlock([ListItem([Run("要點")])])]
    doc, _ = write(blocks, tmp_path, first_table=2)
    texts = [p.text for p in doc.paragraphs]
    assert texts[:4] == ["本次重點如下", "一、\t甲", "（一）\t甲之一", "二、\t乙"]
    assert "表3：論壇議程" in texts  # numbered on from the tables before it; the typed 表1 is dropped
    assert texts[texts.index("表3：論壇議程") + 1] == "資料來源：主辦單位"
    assert texts[-1] == "●\t要點"
    assert [r.bold for r in doc.paragraphs[0].runs] == [None, True, None]
    (table,) = doc.tables
    assert [c.text for c in table.rows[1].cells] == ["09:00", "開幕"]


def test_a_list_in_a_sub_section_counts_from_the_next_level(tmp_path):
    doc, _ = write([ListBlock([ListItem([Run("甲")]), ListItem([Run("乙")])], ordered=True)], tmp_path, section_level=2)
    assert [p.text for p in doc.paragraphs] == ["（一）\t甲", "（二）\t乙"]


def test_merged_cells_and_given_widths(tmp_path):
    table = normalize_table(Table([[Cell("年度", rowspan=2), Cell("名次", colspan=2), None],
                                   [None, Cell("臺北"), Cell("上海")]], header_rows=2, widths=[20, 40, 40]))
    doc, _ = write([table], tmp_path)
    (t,) = doc.tables
    assert t.cell(0, 0)._tc is t.cell(1, 0)._tc
    assert t.cell(0, 1)._tc is t.cell(0, 2)._tc
    grid = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for c in t._tbl.tblGrid]
    assert sum(grid) == 9072  # the text width
    assert [round(w / 9072 * 100) for w in grid] == [20, 40, 40]


def test_photos_print_where_they_stand_consecutive_ones_together(tmp_path):
    blocks = [Paragraph([Run("前")]), PhotoBlock("a"), PhotoBlock("b"), Paragraph([Run("中")]), PhotoBlock("c")]
    doc, printed = write(blocks, tmp_path)
    assert printed == [["a", "b"], ["c"]]
    assert [p.text for p in doc.paragraphs] == ["前", "[a,b]", "中", "[c]"]
