"""A section's imported body items as the draft's blocks, and as plain lines where only text goes.

A section's body keeps paragraphs with their bold, italic and underline, lists (numbered or
bulleted, their levels from Word's list level or from how far in the items stand), tables with
their merged cells, caption and note, and each imported picture where it stood (a photo block,
when the photo belongs to this section). A recommendation holds plain text only (`body_text`):
lists keep their numbers or bullets and tables their rows (cells joined by ｜), so no word is lost.
"""

from __future__ import annotations

from desktop.domain import blocks as b
from desktop.domain.text import clean_line
from desktop.interchange.word_import.plan import BodyItem

CELL_SEPARATOR = b.CELL_SEPARATOR


def body_blocks(items: list[BodyItem], placed_here: set[str]) -> list[b.Block]:
    """The blocks of a section from its items; `placed_here` are the ids of the photos whose
    placement is this section (the others print in the appendix, so they get no block)."""
    out: list[b.Block] = []
    run: list[BodyItem] = []  # consecutive list items, made one list (or more) when they end
    for item in [*items, BodyItem("end")]:
        if item.kind == "list":
            run.append(item)
            continue
        if run:
            out += _lists(run)
            run = []
        if item.kind == "para":
            out += [b.Paragraph(runs) for runs in _lines(item.runs)]
        elif item.kind == "table" and item.table is not None:
            out.append(_table(item))
        elif item.kind == "photo" and item.photo is not None:
            if item.photo.photo_id in placed_here:
                out.append(b.PhotoBlock(item.photo.photo_id))
            elif not item.photo.photo_id:
                out.append(b.paragraph(refused_line(item.photo)))
    return b.normalize_blocks(out)


def _lines(runs) -> list[list[b.Run]]:
    """A paragraph's runs cut at its line breaks, each line a paragraph, emphasis kept."""
    lines: list[list[b.Run]] = [[]]
    for run in runs:
        for n, piece in enumerate(run.text.split("\n")):
            if n:
                lines.append([])
            if piece:
                lines[-1].append(b.Run(piece, run.bold, run.italic, run.underline))
    for line in lines:
        if line:
            line[0].text = line[0].text.lstrip()
            line[-1].text = line[-1].text.rstrip()
    return [line for line in lines if "".join(r.text for r in line).strip()]


def _lists(items: list[BodyItem]) -> list[b.ListBlock]:
    """Consecutive list items as lists: a new list where a top-level item turns from numbered to
    bulleted or back. An item's level is Word's, or how far in it stands among its neighbours."""
    indents = sorted({i.indent for i in items})
    out: list[b.ListBlock] = []
    for item in items:
        level = min(max(item.level, indents.index(item.indent)), b.MAX_LIST_LEVELS - 1)
        if not out or level == 0 and out[-1].ordered != item.ordered:
            out.append(b.ListBlock([], item.ordered))
        runs = [b.Run(r.text, r.bold, r.italic, r.underline) for r in item.runs]
        out[-1].items.append(b.ListItem(runs, level))
    return out


def _table(item: BodyItem) -> b.Table:
    """Word's table with its merged cells; a table with no row marked as its header takes its
    first row as one, as every table of a report prints."""
    rows = [[b.Cell(c.text, c.rowspan, c.colspan) if c is not None else None for c in row]
            for row in item.table.rows]
    table = b.Table(rows, item.table.header_rows or 1, caption=b.caption_text(item.text), note=item.note)
    return b.normalize_table(table)


def body_text(items: list[BodyItem]) -> str:
    lines: list[str] = []
    for item in items:
        if item.kind == "para":
            lines += [clean_line(x) for x in item.text.split("\n") if x.strip()]
        elif item.kind == "list":
            lines.append(clean_line(f"{item.marker}{item.text}"))
        elif item.kind == "photo" and item.photo is not None and not item.photo.photo_id:
            lines.append(refused_line(item.photo))
        elif item.kind == "table" and item.table is not None:
            if item.text.strip():
                lines.append(clean_line(item.text))
            for row in item.table.texts():
                lines.append(CELL_SEPARATOR.join(clean_line(t) for t in row))
            if item.note:
                lines.append(clean_line(item.note))
    return "\n".join(line for line in lines if line)


def refused_line(photo) -> str:
    """Where a picture could not be imported: why, and its caption, so no words are lost."""
    return clean_line(f"〔圖片未匯入：{photo.problem or '無法讀取'}〕{photo.caption}")
