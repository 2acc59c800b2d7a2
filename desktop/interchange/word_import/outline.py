"""The document as the importer sees it: paragraphs, tables and pictures in reading order.

The walker fills this from WordprocessingML; the recognisers only read it. Text is what the
document shows: tracked insertions in, deletions out, field results rather than their codes, Word's
automatic numbers written out in `label`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.blocks import Run  # a stretch of text with one emphasis, as a body block holds it


@dataclass
class Picture:
    """A picture anchored in a paragraph. `part` names the media part inside the package
    ("word/media/image1.jpeg"), "" when the picture is linked to an outside file or is a chart."""

    part: str = ""
    description: str = ""  # the alt text Word keeps (docPr descr)
    problem: str = ""  # why it cannot be imported (a chart, a linked file), "" when it can


@dataclass
class Para:
    runs: list[Run] = field(default_factory=list)
    style: str = ""  # the paragraph style's name ("Heading 1", "標題 1", "Caption", …)
    heading_level: int = 0  # from the style or the outline level; 0 = not a heading style
    label: str = ""  # Word's automatic number or bullet, written out ("一、", "（二）", "●")
    list_level: int = -1  # Word list level (ilvl) when automatically numbered; -1 = not in a list
    ordered: bool = False  # numbered (True) or bulleted (False), for list paragraphs
    pictures: list[Picture] = field(default_factory=list)
    in_text_box: bool = False
    in_toc: bool = False  # inside a 目次 field or a table-of-contents control
    centered: bool = False
    indent: int = 0  # where the text starts, in twips (left indent less the hanging part)
    hanging: int = 0  # a hanging indent: the first line (a list marker) sticks out by this much
    index: int = 0  # position among the document's top-level items, for notes and jumps

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def shown(self) -> str:
        """The text as printed, with its automatic number."""
        return self.label + self.text

    @property
    def all_bold(self) -> bool:
        visible = [r for r in self.runs if r.text.strip()]
        return bool(visible) and all(r.bold for r in visible)


@dataclass
class Cell:
    paras: list[Para] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return "\n".join(p.shown for p in self.paras if p.shown.strip()).strip()

    @property
    def pictures(self) -> list[Picture]:
        return [pic for p in self.paras for pic in p.pictures]


@dataclass
class Table:
    """Rows of cells; a position covered by a merged cell above or to the left holds None."""

    rows: list[list[Cell | None]] = field(default_factory=list)
    index: int = 0
    header_rows: int = 0  # leading rows Word repeats on each page (tblHeader)

    def texts(self) -> list[list[str]]:
        """Every position's text; a covered position repeats its owner's text (a merged date
        cell reads as that date on each of its rows)."""
        owner: dict[tuple[int, int], str] = {}
        out = []
        for r, row in enumerate(self.rows):
            line = []
            for c, cell in enumerate(row):
                if cell is not None:
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            owner[(r + dr, c + dc)] = cell.text
                line.append(owner.get((r, c), ""))
            out.append(line)
        return out

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def pictures(self) -> list[Picture]:
        return [pic for row in self.rows for cell in row if cell is not None for pic in cell.pictures]


Item = Para | Table


@dataclass
class Outline:
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the walker changed or could not read
    tracked_changes: int = 0  # insertions and deletions resolved as shown
    text_boxes: int = 0
    fields: int = 0
    footnotes: list[str] = field(default_factory=list)
