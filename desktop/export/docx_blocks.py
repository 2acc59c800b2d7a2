"""A section's blocks in the .docx: paragraphs with their emphasis, lists with hanging indents and
the official numbers, tables with 表N captions above and their note below, photos at their place.

The body builder owns the document; this writer is handed what it needs (how to append XML, the
template's style ids, the next table number, how to print a group of photos), so tables are
numbered once through the whole report — the traveller and itinerary tables included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.blocks import (
    Block,
    ListBlock,
    Paragraph,
    PhotoBlock,
    Run,
    Table,
    caption_text,
    list_markers,
)
from desktop.export.docx_xml import (
    CELL_FONT_HALF_POINTS,
    GridCell,
    content_widths,
    list_item_xml,
    paragraph_xml,
    run_xml,
    scaled_widths,
    table_xml,
)

TEXT_WIDTH_TWIPS = 9072  # 16 cm: A4 with 2.5 cm margins
FIRST_LINE = '<w:ind w:firstLine="560" w:firstLineChars="200"/>'  # two characters, as typed in Word


def runs_xml(runs: list[Run]) -> str:
    return "".join(run_xml(r.text, bold=r.bold, italic=r.italic, underline=r.underline) for r in runs)


@dataclass
class BodyParts:
    """What the writer needs from the body builder."""

    append: Callable[[str], None]  # one element's XML, appended to the body in order
    style: Callable[..., str | None]  # the template's id of the first of these style names it has
    next_table_number: Callable[[], int]
    photos: Callable[[list[str]], None]  # print these photos (ids, in order) as a group here
    table_style: str | None = None  # the template's "Table Grid", when it has one


class BlockWriter:
    def __init__(self, parts: BodyParts):
        self.parts = parts

    def paragraph(self, runs: list[Run]) -> None:
        style = self.parts.style("Body Text", "Normal")
        self.parts.append(paragraph_xml(runs_xml(runs), style_id=style, ppr=FIRST_LINE))

    def list_block(self, block: ListBlock, section_level: int) -> None:
        style = self.parts.style("Body Text", "Normal")
        for item, marker in zip(block.items, list_markers(block, section_level), strict=True):
            self.parts.append(list_item_xml(marker, runs_xml(item.runs), item.level, style))

    def caption(self, text: str) -> None:
        """表N：text, centred above its table and kept with it."""
        number = self.parts.next_table_number()
        text = caption_text(text)
        style = self.parts.style("Table Title", "Caption", "Normal")
        self.parts.append(paragraph_xml(run_xml(f"表{number}：{text}" if text else f"表{number}"), style_id=style,
                                        ppr='<w:keepNext/><w:spacing w:before="120" w:after="60"/>'
                                            '<w:jc w:val="center"/>'))

    def table(self, table: Table) -> None:
        self.caption(table.caption)
        texts = table.cell_texts()
        if table.widths:
            widths = scaled_widths(table.widths, TEXT_WIDTH_TWIPS)
        else:
            widths = content_widths(texts, TEXT_WIDTH_TWIPS)
        rows = [[GridCell(c.text, c.rowspan, c.colspan, middle=c.rowspan > 1) if c is not None else None
                 for c in row] for row in table.rows]
        self.parts.append(table_xml(rows, widths, header_rows=table.header_rows,
                                    style_id=self.parts.table_style))
        if table.note:
            self.parts.append(paragraph_xml(run_xml(table.note, size=CELL_FONT_HALF_POINTS),
                                            style_id=self.parts.style("Normal"),
                                            ppr='<w:spacing w:before="60" w:after="120"/>'))
        else:
            self.parts.append(paragraph_xml("", style_id=self.parts.style("Normal"), ppr='<w:spacing w:after="0"/>'))

    def write(self, blocks: list[Block], section_level: int) -> None:
        """Every block in order; consecutive photos print together (two a row where the template
        says so)."""
        group: list[str] = []
        for block in blocks:
            if isinstance(block, PhotoBlock):
                group.append(block.photo_id)
                continue
            if group:
                self.parts.photos(group)
                group = []
            if isinstance(block, Paragraph):
                self.paragraph(block.runs)
            elif isinstance(block, ListBlock):
                self.list_block(block, section_level)
            elif isinstance(block, Table):
                self.table(block)
        if group:
            self.parts.photos(group)
