"""WordprocessingML written as strings: paragraphs with emphasis, list items with hanging indents,
and tables — the traveller list, the itinerary and every table of the body — in the official style.

python-docx builds a table cell by cell through its element API, which costs about 10 ms a row
and grows with the table (a 10,000-row itinerary took minutes); one string parsed once is linear
and well under a millisecond a row. The functions here only make text; docx_body puts it into the
document.

The official table style: 標楷體 (Latin in Times New Roman), full single borders, the header rows
bold, centred and repeated at the top of every page, rows that never break across a page, widths
from the content unless given.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ATTR = {'"': "&quot;"}
TWIPS_PER_CM = 567
CHAR_TWIPS = 280  # one character of 14 pt body text
CELL_FONT_HALF_POINTS = 24  # 12 pt in tables
FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="標楷體"/>'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
_BORDER = '<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
BORDERS = "<w:tblBorders>" + "".join(_BORDER.format(edge=e) for e in
                                      ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"


def attr(value: str) -> str:
    return escape(value, _ATTR)


def text_xml(text: str) -> str:
    """<w:t> content for `text`; tabs become <w:tab/> (a tab is an element in WordprocessingML)."""
    return escape(text).replace("\t", _TAB)


def run_xml(text: str, *, bold: bool = False, italic: bool = False, underline: bool = False,
            size: int | None = None, fonts: bool = False) -> str:
    props = []
    if fonts:
        props.append(FONTS)
    if bold:
        props.append("<w:b/><w:bCs/>")
    if italic:
        props.append("<w:i/><w:iCs/>")
    if size:
        props.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if underline:  # after the size: the schema orders run properties
        props.append('<w:u w:val="single"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text_xml(text)}</w:t></w:r>'


def paragraph_xml(runs: str, *, style_id: str | None = None, ppr: str = "") -> str:
    """A paragraph of ready-made runs; `ppr` holds further paragraph properties in schema order
    after the style (keepNext, spacing, ind, jc …)."""
    style = f'<w:pStyle w:val="{attr(style_id)}"/>' if style_id else ""
    return f"<w:p {W_NS}><w:pPr>{style}{ppr}</w:pPr>{runs}</w:p>"


def hanging_indent(level: int, marker: str) -> str:
    """The indent of a list item: each level two characters further in, the marker hanging in
    front of the text so wrapped lines start under the text, not under the marker."""
    start = 2 * CHAR_TWIPS * (level + 1)
    hang = max(2 * CHAR_TWIPS, int(display_width(marker) / 2 * CHAR_TWIPS) + CHAR_TWIPS // 2)
    return f'<w:ind w:left="{start + hang}" w:hanging="{hang}"/>'


def list_item_xml(marker: str, runs: str, level: int, style_id: str | None) -> str:
    body = f'<w:r><w:t xml:space="preserve">{escape(marker)}</w:t></w:r><w:r><w:tab/></w:r>{runs}'
    return paragraph_xml(body, style_id=style_id, ppr='<w:spacing w:after="0"/>' + hanging_indent(level, marker))


# ---- tables ---------------------------------------------------------------------------------

@dataclass
class GridCell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    center: bool = False
    middle: bool = False  # centred vertically (a date spanning a day's rows)


def display_width(text: str) -> int:
    """Columns the text takes: two for a Chinese (wide) character, one for the rest."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def content_widths(rows: list[list[str]], total_twips: int, *, least: int = 4, most: int = 40) -> list[int]:
    """Column widths from what the columns hold: each column's longest line (in half-characters),
    kept between `least` and `most`, then scaled to fill the text width."""
    columns = max((len(r) for r in rows), default=0)
    need = [least] * columns
    for row in rows:
        for c, text in enumerate(row):
            longest = max((display_width(line) for line in text.split("\n")), default=0)
            need[c] = max(need[c], min(most, longest + 1))
    total = sum(need) or 1
    widths = [max(1, total_twips * n // total) for n in need]
    widths[-1] += total_twips - sum(widths) if widths else 0
    return widths


def scaled_widths(relative: list[float], total_twips: int) -> list[int]:
    total = sum(relative) or 1
    widths = [max(1, int(total_twips * w / total)) for w in relative]
    widths[-1] += total_twips - sum(widths)
    return widths


_CELL_PPR = ('<w:spacing w:before="40" w:after="40" w:line="276" w:lineRule="auto"/>'
             '<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>')


def _cell_paragraphs(text: str, *, bold: bool, center: bool) -> str:
    jc = '<w:jc w:val="center"/>' if center else ""
    ppr = f"<w:pPr>{_CELL_PPR}{jc}</w:pPr>"
    rpr = f'<w:rPr>{FONTS}{"<w:b/><w:bCs/>" if bold else ""}<w:sz w:val="{CELL_FONT_HALF_POINTS}"/>' \
          f'<w:szCs w:val="{CELL_FONT_HALF_POINTS}"/></w:rPr>'
    out = []
    for line in (text.split("\n") if text else [""]):
        run = f'<w:r>{rpr}<w:t xml:space="preserve">{text_xml(line)}</w:t></w:r>' if line else ""
        out.append(f"<w:p>{ppr}{run}</w:p>")
    return "".join(out)


def table_xml(rows: list[list[GridCell | None]], widths_twips: list[int], *, header_rows: int = 1,
              style_id: str | None = None, rows_can_split: bool = False) -> str:
    """A whole table. `rows` is a rectangular grid where None marks a position a spanning cell
    covers (a rowspan continues down as Word's vMerge, a colspan is one cell with gridSpan). Rows
    are kept whole on a page unless `rows_can_split` (for rows that may be longer than a page)."""
    columns = len(widths_twips)
    style = f'<w:tblStyle w:val="{attr(style_id)}"/>' if style_id else ""
    out = [f"<w:tbl {W_NS}><w:tblPr>{style}<w:tblW w:w=\"{sum(widths_twips)}\" w:type=\"dxa\"/>"
           f'<w:jc w:val="center"/>{BORDERS}<w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out.extend(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    out.append("</w:tblGrid>")
    # where a rowspan continues: (row, column) → (colspan, owner cell)
    continues: dict[tuple[int, int], tuple[int, GridCell]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is not None and cell.rowspan > 1:
                for dr in range(1, cell.rowspan):
                    continues[(r + dr, c)] = (cell.colspan, cell)
    for r, row in enumerate(rows):
        header = r < header_rows
        trpr = ("" if rows_can_split else "<w:cantSplit/>") + ("<w:tblHeader/>" if header else "")
        out.append(f"<w:tr><w:trPr>{trpr}</w:trPr>" if trpr else "<w:tr>")
        c = 0
        while c < columns:
            cell = row[c] if c < len(row) else GridCell()
            follow = continues.get((r, c))
            if cell is None and follow is None:
                c += 1  # covered by a colspan to the left: Word has no cell here
                continue
            if cell is None:
                span, owner = follow
                out.append(_tc(sum(widths_twips[c:c + span]), span, "<w:vMerge/>", owner.middle,
                               _cell_paragraphs("", bold=False, center=False)))
                c += span
                continue
            span = max(1, min(cell.colspan, columns - c))
            merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
            out.append(_tc(sum(widths_twips[c:c + span]), span, merge, cell.middle,
                           _cell_paragraphs(cell.text, bold=header, center=header or cell.center)))
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tc(width: int, span: int, merge: str, middle: bool, paragraphs: str) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    valign = '<w:vAlign w:val="center"/>' if middle else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{merge}{valign}</w:tcPr>{paragraphs}</w:tc>'
