"""The body of a chapter or section as a sequence of typed blocks.

A block is a paragraph (runs of text, each bold, italic or underlined or not — no fonts, no colours),
a list (bulleted or numbered, items nested up to three levels), a table (rows × columns of
plain-text cells, a header row, merged cells, column widths, a caption and a note under it such as
「資料來源：…」) or a photo of the draft at that point. Plain data: the editor converts its document
to and from blocks at one boundary, the export walks them, storage keeps one row per block, and
everything that only needs the words (search, checks, merge, history) reads `plain_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.numbering import heading_number
from desktop.domain.text import clean_line, clean_text

MAX_LIST_LEVELS = 3
# An A4 page in portrait holds about 20 columns of one or two characters each; wider tables are
# split into several tables of at most this many columns (see `fit_table`).
MAX_COLUMNS = 20
BULLETS = ("●", "○", "■")
CELL_SEPARATOR = "｜"


@dataclass
class Run:
    """A stretch of text with the same emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False

    def marks(self) -> tuple[bool, bool, bool]:
        return self.bold, self.italic, self.underline


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class ListItem:
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # 0 … MAX_LIST_LEVELS - 1

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class ListBlock:
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False


@dataclass
class Cell:
    """Plain text (line breaks allowed). A cell spanning several rows or columns covers the
    positions to its right and below, which hold None in `Table.rows`."""

    text: str = ""
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    rows: list[list[Cell | None]] = field(default_factory=list)
    header_rows: int = 1  # the first rows are the header, repeated on every printed page
    widths: list[float] = field(default_factory=list)  # relative column widths; empty: from the content
    caption: str = ""  # printed above the table as 表N：caption
    note: str = ""  # printed under it, e.g. 資料來源：…

    @property
    def columns(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def cell_texts(self) -> list[list[str]]:
        """Every position's text, "" where a merged cell covers it."""
        return [[c.text if c is not None else "" for c in row] for row in self.rows]


@dataclass
class PhotoBlock:
    """A photo of the draft (Report.photos, by id) printed at this point with its caption."""

    photo_id: str


Block = Paragraph | ListBlock | Table | PhotoBlock


# ---- making blocks ---------------------------------------------------------------------------

def paragraph(text: str, **marks: bool) -> Paragraph:
    return Paragraph([Run(text, **marks)] if text else [])


def blocks_from_text(text: str) -> list[Block]:
    """Plain text as the body used to be stored: one paragraph per non-empty line."""
    return [paragraph(line.strip()) for line in clean_text(text).split("\n") if line.strip()]


def table_from_texts(rows: list[list[str]], header_rows: int = 1, caption: str = "", note: str = "") -> Table:
    """A table of plain cells, padded to a rectangle."""
    table = Table([[Cell(t) for t in row] for row in rows], header_rows, caption=caption, note=note)
    return normalize_table(table)


# ---- keeping blocks well formed ---------------------------------------------------------------

def normalize_runs(runs: list[Run]) -> list[Run]:
    """Runs with their text cleaned, empty ones dropped and neighbours of the same emphasis joined."""
    out: list[Run] = []
    for run in runs:
        text = clean_text(run.text).replace("\n", " ")
        if not text:
            continue
        if out and out[-1].marks() == run.marks():
            out[-1] = Run(out[-1].text + text, *run.marks())
        else:
            out.append(Run(text, *run.marks()))
    return out


def normalize_table(table: Table) -> Table:
    """A rectangular grid whose spans stay inside it and cover exactly the positions marked None;
    a None no span covers becomes an empty cell, so nothing is lost or left dangling."""
    width = max((len(row) for row in table.rows), default=0)
    rows: list[list[Cell | None]] = [
        [Cell(c.text, c.rowspan, c.colspan) if c is not None else None for c in row]
        for row in table.rows]
    for row in rows:
        row.extend(Cell() for _ in range(width - len(row)))
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None or (r, c) in covered:
                continue
            cell.text = clean_text(cell.text)
            cell.rowspan = max(1, min(int(cell.rowspan), len(rows) - r))
            cell.colspan = max(1, min(int(cell.colspan), width - c))
            # a span stops where it would run into another cell's text
            for dc in range(1, cell.colspan):
                if row[c + dc] is not None or (r, c + dc) in covered:
                    cell.colspan = dc
                    break
            for dr in range(1, cell.rowspan):
                if any(rows[r + dr][c + dc] is not None or (r + dr, c + dc) in covered for dc in range(cell.colspan)):
                    cell.rowspan = dr
                    break
            covered.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
                           if dr or dc)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if (r, c) in covered:
                row[c] = None
            elif cell is None:
                row[c] = Cell()
    widths = [float(w) for w in table.widths] if len(table.widths) == width else []
    if widths and (any(w <= 0 for w in widths) or not sum(widths)):
        widths = []
    header = max(0, min(int(table.header_rows), len(rows)))
    return Table(rows, header, widths, clean_line(table.caption), clean_line(table.note))


def fit_table(table: Table) -> list[Table]:
    """The table as the model prints it: split into several of at most MAX_COLUMNS columns when it
    is wider (a span crossing a split is cut there, its text kept in the first part)."""
    table = normalize_table(table)
    if table.columns <= MAX_COLUMNS:
        return [table]
    parts = []
    for start in range(0, table.columns, MAX_COLUMNS):
        stop = min(start + MAX_COLUMNS, table.columns)
        rows = []
        for row in table.rows:
            part = []
            for c in range(start, stop):
                cell = row[c]
                if cell is None and c == start:
                    cell = Cell()  # the owner of this span lies in the previous part
                elif cell is not None:
                    cell = Cell(cell.text, cell.rowspan, min(cell.colspan, stop - c))
                part.append(cell)
            rows.append(part)
        caption = table.caption if not parts else (f"{table.caption}（續）" if table.caption else "")
        widths = table.widths[start:stop] if table.widths else []
        parts.append(normalize_table(Table(rows, table.header_rows, widths, caption,
                                           table.note if stop == table.columns else "")))
    return parts


def normalize_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks with clean text: empty paragraphs, lists and tables dropped, list levels in range."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            runs = normalize_runs(block.runs)
            if runs and "".join(r.text for r in runs).strip():
                out.append(Paragraph(runs))
        elif isinstance(block, ListBlock):
            items = [ListItem(normalize_runs(i.runs), max(0, min(int(i.level), MAX_LIST_LEVELS - 1)))
                     for i in block.items]
            items = [i for i in items if i.text.strip()]
            if items:
                out.append(ListBlock(items, bool(block.ordered)))
        elif isinstance(block, Table):
            if block.rows and any(block.rows):
                out.extend(fit_table(block))
        elif isinstance(block, PhotoBlock):
            if block.photo_id:
                out.append(PhotoBlock(block.photo_id))
    return out


# ---- numbering and captions -----------------------------------------------------------------

def list_markers(block: ListBlock, section_level: int) -> list[str]:
    """The marker of each item: numbered lists follow the official sequence below the section's own
    heading (a list in a 壹、 chapter counts 一、 → （一） → 1.), each level counting on from its
    previous item at that level; bulleted lists use ● ○ ■."""
    counters = [0] * MAX_LIST_LEVELS
    markers = []
    for item in block.items:
        level = item.level
        if block.ordered:
            counters[level] += 1
            for deeper in range(level + 1, MAX_LIST_LEVELS):
                counters[deeper] = 0
            markers.append(heading_number(section_level + 1 + level, counters[level]))
        else:
            markers.append(BULLETS[level])
    return markers


_CAPTION_NUMBER = re.compile(r"^\s*表\s*[0-9０-９一二三四五六七八九十百]+\s*[：:、.．\s]\s*")
_NOTE_START = re.compile(r"^\s*(資料來源|來源|註|說明|備註)\s*[：:]")


def caption_text(caption: str) -> str:
    """The caption without a number the user typed (表3：, 表一 …): the export numbers tables itself."""
    return _CAPTION_NUMBER.sub("", clean_line(caption), count=1).strip()


def looks_like_caption(text: str) -> bool:
    """A line such as 「表一 天下雜誌國內城市評比」 or 「表3：議程」 right above a table."""
    return bool(_CAPTION_NUMBER.match(text)) and len(text) <= 80


def looks_like_note(text: str) -> bool:
    """A line such as 「資料來源：天下雜誌」 right under a table."""
    return bool(_NOTE_START.match(text)) and len(text) <= 200


# ---- the plain-text view ------------------------------------------------------------------

def plain_text(blocks: list[Block], photo_caption=None) -> str:
    """The words of a body, one line per paragraph, list item and table row (cells joined by ｜),
    with a table's caption and note on their own lines. Photos appear only when `photo_caption`
    (photo id → caption) is given, as 〔照片〕caption. Search, the checks, merge and the history
    diff all read this, so they agree on what a body says."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, ListBlock):
            # numbered as a list under a level-3 heading would be: 1. → (1), bullets ● ○ ■
            for item, marker in zip(block.items, list_markers(block, 3), strict=True):
                lines.append(f"{'　' * item.level}{marker}{item.text}")
        elif isinstance(block, Table):
            if block.caption:
                lines.append(f"表：{block.caption}")
            for row in block.cell_texts():
                lines.append(CELL_SEPARATOR.join(t.replace("\n", " ") for t in row))
            if block.note:
                lines.append(block.note)
        elif isinstance(block, PhotoBlock) and photo_caption is not None:
            lines.append(f"〔照片〕{photo_caption(block.photo_id)}")
    return "\n".join(lines)


def has_content(blocks: list[Block]) -> bool:
    """True when the body says anything (a photo alone counts)."""
    return any(isinstance(b, PhotoBlock) for b in blocks) or bool(plain_text(blocks).strip())


def photo_ids(blocks: list[Block]) -> list[str]:
    return [b.photo_id for b in blocks if isinstance(b, PhotoBlock)]


def with_placed_photos(blocks: list[Block], section_id: str, placed_here: list[str]) -> list[Block]:
    """A section's blocks as they print. Which section a photo belongs to is the photo's own
    placement (`placed_here`: the ids of the photos placed in this section, in the report's
    order); its block only says where in the section. So a photo block whose photo went
    elsewhere (or was removed) is left out, and a photo placed here without a block — placed from
    the photo step, or in a draft older than blocks — comes at the end of the section."""
    here = set(placed_here)
    out = [b for b in blocks if not isinstance(b, PhotoBlock) or b.photo_id in here]
    shown = {b.photo_id for b in out if isinstance(b, PhotoBlock)}
    out += [PhotoBlock(pid) for pid in placed_here if pid not in shown]
    # a photo appears once, at its first block
    seen: set[str] = set()
    unique = []
    for block in out:
        if isinstance(block, PhotoBlock):
            if block.photo_id in seen:
                continue
            seen.add(block.photo_id)
        unique.append(block)
    return unique


# ---- the texts of a body, one by one (find and replace) ----------------------------------------

def text_parts(blocks: list[Block]):
    """(part, text) for every text a writer typed in a body, in reading order: a paragraph, a list
    item, a table's caption, each cell, its note. `part` names the place for replace_in_part."""
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            yield ("paragraph", i), block.text
        elif isinstance(block, ListBlock):
            for j, item in enumerate(block.items):
                yield ("item", i, j), item.text
        elif isinstance(block, Table):
            if block.caption:
                yield ("caption", i), block.caption
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    if cell is not None:
                        yield ("cell", i, r, c), cell.text
            if block.note:
                yield ("note", i), block.note


def _replace_in_runs(runs: list[Run], start: int, end: int, replacement: str) -> list[Run]:
    """Runs with text[start:end] replaced; the new text takes the emphasis of what it replaces."""
    pieces = [(ch, run.marks()) for run in runs for ch in run.text]
    marks = pieces[start][1] if start < len(pieces) else (pieces[-1][1] if pieces else (False, False, False))
    pieces[start:end] = [(ch, marks) for ch in replacement]
    out: list[Run] = []
    for ch, m in pieces:
        if out and out[-1].marks() == m:
            out[-1].text += ch
        else:
            out.append(Run(ch, *m))
    return out


def replace_in_part(blocks: list[Block], part: tuple, start: int, end: int, replacement: str) -> bool:
    """Replace text[start:end] of one part (text_parts); False when the part is no longer there."""
    kind, i, *rest = part
    block = blocks[i] if i < len(blocks) else None
    if kind == "paragraph" and isinstance(block, Paragraph):
        block.runs = _replace_in_runs(block.runs, start, end, replacement)
    elif kind == "item" and isinstance(block, ListBlock) and rest[0] < len(block.items):
        item = block.items[rest[0]]
        item.runs = _replace_in_runs(item.runs, start, end, replacement)
    elif kind in ("caption", "note") and isinstance(block, Table):
        text = getattr(block, kind)
        setattr(block, kind, text[:start] + replacement + text[end:])
    elif kind == "cell" and isinstance(block, Table):
        r, c = rest
        cell = block.rows[r][c] if r < len(block.rows) and c < len(block.rows[r]) else None
        if cell is None:
            return False
        cell.text = cell.text[:start] + replacement + cell.text[end:]
    else:
        return False
    return True


# ---- blocks as JSON-ready data (the draft JSON and the database use the same shape) ----------

def _runs_data(runs: list[Run]) -> list[dict]:
    out = []
    for run in runs:
        d: dict = {"text": run.text}
        for name in ("bold", "italic", "underline"):
            if getattr(run, name):
                d[name] = True
        out.append(d)
    return out


def _text_or_runs(runs: list[Run], into: dict) -> dict:
    if all(r.marks() == (False, False, False) for r in runs):
        into["text"] = "".join(r.text for r in runs)
    else:
        into["runs"] = _runs_data(runs)
    return into


def block_to_data(block: Block) -> dict:
    """A block as plain JSON data. Text without emphasis is written as "text", with emphasis as
    "runs"; a plain cell as its string, a merged one as {"text", "rowspan", "colspan"}, a covered
    position as null."""
    if isinstance(block, Paragraph):
        return _text_or_runs(block.runs, {"type": "paragraph"})
    if isinstance(block, ListBlock):
        items = [_text_or_runs(i.runs, {"level": i.level} if i.level else {}) for i in block.items]
        return {"type": "list", "ordered": block.ordered, "items": items}
    if isinstance(block, Table):
        def cell(c: Cell | None):
            if c is None:
                return None
            if c.rowspan == 1 and c.colspan == 1:
                return c.text
            return {"text": c.text, "rowspan": c.rowspan, "colspan": c.colspan}

        data: dict = {"type": "table", "header_rows": block.header_rows,
                      "rows": [[cell(c) for c in row] for row in block.rows]}
        for name in ("caption", "note"):
            if getattr(block, name):
                data[name] = getattr(block, name)
        if block.widths:
            data["widths"] = list(block.widths)
        return data
    if isinstance(block, PhotoBlock):
        return {"type": "photo", "photo": block.photo_id}
    raise TypeError(f"not a block: {block!r}")


def _runs_from(data: dict) -> list[Run]:
    if "runs" in data:
        return [Run(str(r.get("text", "")), bool(r.get("bold")), bool(r.get("italic")), bool(r.get("underline")))
                for r in data["runs"]]
    return [Run(str(data.get("text", "")))]


def block_from_data(data: dict) -> Block:
    """The block a `block_to_data` dict describes; raises ValueError for an unknown type."""
    kind = data.get("type")
    if kind == "paragraph":
        return Paragraph(normalize_runs(_runs_from(data)))
    if kind == "list":
        items = [ListItem(normalize_runs(_runs_from(i)), int(i.get("level", 0))) for i in data.get("items", [])]
        return ListBlock(items, bool(data.get("ordered", False)))
    if kind == "table":
        def cell(value) -> Cell | None:
            if value is None:
                return None
            if isinstance(value, str):
                return Cell(value)
            return Cell(str(value.get("text", "")), int(value.get("rowspan", 1)), int(value.get("colspan", 1)))

        return normalize_table(Table([[cell(v) for v in row] for row in data.get("rows", [])],
                                     int(data.get("header_rows", 1)), list(data.get("widths", [])),
                                     str(data.get("caption", "")), str(data.get("note", ""))))
    if kind == "photo":
        return PhotoBlock(str(data.get("photo", "")))
    raise ValueError(f"unknown block type {kind!r}")
