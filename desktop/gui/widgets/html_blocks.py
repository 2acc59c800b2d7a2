"""Clipboard HTML (Word, LibreOffice, Excel, web pages, Google Docs) read into report blocks.

What a body can hold is kept: paragraphs, bold/italic/underline, bulleted and numbered lists up to
three levels (Word's list paragraphs as well as real <ul>/<ol>), tables with their header rows,
merged cells and column widths, a 「表…」 line above a table as its caption and a 「資料來源：…」 line
under it as its note. Fonts, colours, sizes, links and styles are dropped. Images are returned
apart (`PastedHtml.images`, in order, each with the index of the block it follows) so the editor
can ask before adding them as photos. What could not be kept as it was is listed in `notes`, in
Chinese, for one message.

Plain Python on an untrusted string: any input gives a result, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.blocks import (
    MAX_COLUMNS,
    MAX_LIST_LEVELS,
    Block,
    Cell,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
    Table,
    caption_text,
    looks_like_caption,
    looks_like_note,
    normalize_blocks,
    normalize_runs,
    normalize_table,
)
from desktop.gui.widgets.html_tree import (
    HIDDEN,
    Node,
    TreeBuilder,
    class_marks,
    collapse,
    finish_text,
    space,
    style_marks,
    text_of,
    text_of_flat,
)

_SKIP = {"script", "style", "head", "title", "template", "noscript", "xml", "svg", "math", "object", "iframe",
         "select", "button", "textarea"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header",
          "footer", "pre", "address", "center", "dd", "dt", "dl", "figure", "figcaption", "main", "nav", "aside",
          "form", "fieldset", "hr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WORD_LIST = re.compile(r"mso-list\s*:\s*(l\d+)\s+level(\d+)", re.I)
_WORD_MARKER = re.compile(r"mso-list\s*:\s*ignore", re.I)
_WIDTH = re.compile(r"(?<![-\w])width\s*:\s*([\d.]+)\s*(pt|px|cm|mm|in)?", re.I)
# A list number as Word writes it before an item: 1. a) iv. 一、 （一） (3); a lone letter is a
# bullet drawn in a symbol font (Wingdings writes ● as "l").
_ORDERED_MARKER = re.compile(r"^(?:[(（](?:[0-9]+|[a-zA-Z]{1,4}|[一二三四五六七八九十百壹貳參肆伍陸柒捌玖拾]+)[)）]"
                             r"|(?:[0-9]+|[a-zA-Z]{1,4}|[一二三四五六七八九十百壹貳參肆伍陸柒捌玖拾]+)[.．、)）])$")
_UNITS = {"pt": 1.0, "px": 0.75, "cm": 28.35, "mm": 2.835, "in": 72.0, None: 0.75}


@dataclass
class PastedImage:
    src: str
    alt: str = ""
    after: int = 0  # how many of the pasted blocks come before it
    in_cell: bool = False


@dataclass
class PastedHtml:
    blocks: list[Block] = field(default_factory=list)
    images: list[PastedImage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not kept as it was, one phrase each
    headings: int = 0  # headings that became bold paragraphs

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


# ---- the tree as blocks ---------------------------------------------------------------------

class _Reader:
    def __init__(self, classes: dict):
        self.classes = classes
        self.result = PastedHtml()
        self.blocks: list[Block | PastedImage] = []
        self.runs: list[Run] = []
        self.pending: list[PastedImage] = []  # images met inside a list item or a cell: they follow it
        self.word_list: ListBlock | None = None  # Word's list paragraphs gather here

    # -- emphasis
    def marks(self, node: Node, inherited: tuple[bool, bool, bool]) -> tuple[bool, bool, bool]:
        bold, italic, underline = inherited
        tag = node.tag
        if tag in ("b", "strong") or tag in _HEADINGS or tag == "th":
            bold = tag != "th" or bold
        if tag in ("i", "em", "cite", "var", "dfn"):
            italic = True
        if tag in ("u", "ins"):
            underline = True
        for found in (*(self.classes.get(c) for c in node.attrs.get("class", "").lower().split()),
                      style_marks(node.style())):
            if found:
                bold, italic, underline = (v if v is not None else old
                                           for v, old in zip(found, (bold, italic, underline), strict=True))
        return bold, italic, underline

    # -- paragraphs
    def flush(self) -> None:
        runs = _finish_runs(self.runs)
        self.runs = []
        if runs and "".join(r.text for r in runs).strip():
            self.end_word_list()
            self.blocks.append(Paragraph(runs))

    def end_word_list(self) -> None:
        if self.word_list is not None:
            self.blocks.append(self.word_list)
            self.word_list = None
            self._place_pending()

    def add_block(self, block: Block) -> None:
        self.flush()
        self.end_word_list()
        self.blocks.append(block)
        self._place_pending()

    def _place_pending(self) -> None:
        self.blocks.extend(self.pending)
        self.pending.clear()

    # -- walking
    def walk(self, node: Node, marks=(False, False, False)) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.runs.append(Run(space(child), *marks))
            else:
                self.element(child, marks)

    def element(self, node: Node, marks) -> None:
        tag = node.tag
        if tag in _SKIP or HIDDEN.search(node.style()) or ":" in tag and tag not in ("o:p",):
            return  # Word's <v:shape>, <w:…> and friends carry no text of their own
        if tag == "br":
            self.flush()
            return
        if tag == "img":
            self.flush()
            self.end_word_list()
            self.image(node, self.blocks)
            return
        if tag == "table":
            self.flush()
            table = self.table(node)
            if table is not None:
                self.add_block(table)
            return
        if tag in ("ul", "ol"):
            self.flush()
            items: list[ListItem] = []
            self.list_items(node, 0, items)
            if items:
                self.add_block(ListBlock(items, tag == "ol" or _ordered_items(node)))
            return
        if tag == "li":  # an item outside any list
            self.flush()
            self.add_block(ListBlock([ListItem(_finish_runs(self.inline_runs(node, marks)))]))
            return
        word = _WORD_LIST.search(node.style()) if tag == "p" else None
        if word:
            self.word_list_item(node, word, marks)
            return
        marks = self.marks(node, marks)
        if tag in _BLOCK:
            self.flush()
            if tag in _HEADINGS:
                self.result.headings += 1
            self.walk(node, marks)
            self.flush()
            return
        self.walk(node, marks)

    def image(self, node: Node, into: list, in_cell: bool = False) -> None:
        src = node.attrs.get("src", "").strip()
        if src:
            into.append(PastedImage(src, node.attrs.get("alt", "").strip(), in_cell=in_cell))

    # -- lists
    def list_items(self, node: Node, level: int, items: list[ListItem]) -> None:
        for child in node.children:
            if isinstance(child, str):
                continue
            if child.tag == "li":
                runs: list[Run] = []
                nested: list[Node] = []
                for part in child.children:
                    if isinstance(part, Node) and part.tag in ("ul", "ol"):
                        nested.append(part)
                    elif isinstance(part, str):
                        runs.append(Run(space(part), *self.marks(child, (False, False, False))))
                    else:
                        runs.extend(self.inline_runs(part, self.marks(child, (False, False, False)), wrap=True))
                aria = child.attrs.get("aria-level", "")
                item_level = int(aria) - 1 if aria.isdigit() and int(aria) > level + 1 else level
                self.add_item(items, runs, item_level)
                for sub in nested:
                    self.list_items(sub, level + 1, items)
            elif child.tag in ("ul", "ol"):  # a list nested straight inside a list
                self.list_items(child, level + 1, items)
            else:
                self.list_items(child, level, items)

    def add_item(self, items: list[ListItem], runs: list[Run], level: int) -> None:
        if level >= MAX_LIST_LEVELS:
            self.result.note(f"超過 {MAX_LIST_LEVELS} 層的清單項目已放在第 {MAX_LIST_LEVELS} 層")
        runs = _finish_runs(runs)
        if "".join(r.text for r in runs).strip():
            items.append(ListItem(runs, min(level, MAX_LIST_LEVELS - 1)))

    def word_list_item(self, node: Node, found: re.Match, marks) -> None:
        """Word writes each list item as a <p> naming its list and level, its bullet or number as
        text in a span marked mso-list:Ignore."""
        self.flush()
        marker: list[str] = []
        runs = self.inline_runs(node, self.marks(node, marks), marker=marker)
        ordered = bool(_ORDERED_MARKER.match("".join("".join(marker).split())))
        level = int(found.group(2)) - 1
        if self.word_list is None:
            self.word_list = ListBlock([], ordered)
        elif level == 0 and self.word_list.ordered != ordered:
            self.end_word_list()
            self.word_list = ListBlock([], ordered)
        self.add_item(self.word_list.items, runs, level)

    def inline_runs(self, node: Node, marks, *, wrap: bool = False, marker: list[str] | None = None) -> list[Run]:
        """The text under `node` as runs, block boundaries as spaces (a list item holds one line)."""
        out: list[Run] = []

        def visit(n: Node, m) -> None:
            for child in n.children:
                if isinstance(child, str):
                    out.append(Run(space(child), *m))
                    continue
                if child.tag in _SKIP or HIDDEN.search(child.style()):
                    continue
                if _WORD_MARKER.search(child.style()):
                    if marker is not None:
                        marker.append(text_of(child))
                    continue
                if child.tag == "img":
                    self.image(child, self.pending)
                    continue
                if child.tag == "table":
                    text = _flat_table(child)
                    self.result.note("清單或表格中的表格已改為文字")
                    out.append(Run(f" {text.replace(chr(10), ' ')} ", *m))
                    continue
                if child.tag in _BLOCK or child.tag in ("br", "li"):
                    out.append(Run(" ", *m))
                visit(child, self.marks(child, m))

        visit(node, marks if not wrap else self.marks(node, marks))
        return out

    # -- tables
    def table(self, node: Node) -> Table | None:
        rows: list[list[Cell | None]] = []
        header_rows = 0
        header_done = False
        caption = ""
        col_widths: list[float] = []
        occupied: dict[tuple[int, int], bool] = {}
        first_row_widths: list[tuple[int, float]] = []
        for part in _table_parts(node):
            if part.tag == "caption":
                caption = text_of(part).strip()
                continue
            if part.tag == "col":
                width = _length(part)
                span = _int(part.attrs.get("span"), 1, 1000)
                col_widths.extend([width] * span)
                continue
            # a row
            r = len(rows)
            cells = [c for c in part.children if isinstance(c, Node) and c.tag in ("td", "th")]
            row: list[Cell | None] = []
            c = 0
            for cell_node in cells:
                while occupied.get((r, c)):
                    row.append(None)
                    c += 1
                rowspan = _int(cell_node.attrs.get("rowspan"), 1, 10_000)
                colspan = _int(cell_node.attrs.get("colspan"), 1, 1000)
                text = self.cell_text(cell_node)
                row.append(Cell(text, rowspan, colspan))
                if r == 0:
                    first_row_widths.append((colspan, _length(cell_node)))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if dr or dc:
                            occupied[(r + dr, c + dc)] = True
                row.extend([None] * (colspan - 1))
                c += colspan
            while occupied.get((r, c)):
                row.append(None)
                c += 1
            is_header = part.parent is not None and part.parent.tag == "thead" or (
                bool(cells) and all(x.tag == "th" for x in cells))
            if is_header and not header_done:
                header_rows += 1
            else:
                header_done = True
            rows.append(row)
        if not rows or not any(rows):
            return None
        # columns that only a too-wide colspan reaches hold nothing: the table ends at its last cell
        needed = max((c + 1 for row in rows for c, cell in enumerate(row) if cell is not None), default=0)
        rows = [row[:needed] for row in rows]
        if header_rows == 0 and len(rows) > 1:
            header_rows = 1  # a table pasted without marked headers: its first row names the columns
        width = max(len(row) for row in rows)
        table = normalize_table(Table(rows, header_rows, _widths(col_widths, first_row_widths, width),
                                      caption_text(caption)))
        if table.columns > MAX_COLUMNS:
            parts = -(-table.columns // MAX_COLUMNS)
            self.result.note(f"{table.columns} 欄的表格超過每個表格 {MAX_COLUMNS} 欄的上限，已依序分成 {parts} 個表格")
        return table

    def cell_text(self, node: Node) -> str:
        parts: list[str] = []

        def visit(n: Node) -> None:
            for child in n.children:
                if isinstance(child, str):
                    parts.append(space(child))
                    continue
                if child.tag in _SKIP or HIDDEN.search(child.style()) or ":" in child.tag and child.tag != "o:p":
                    continue
                if child.tag == "br":
                    parts.append("\n")
                elif child.tag == "img":
                    self.image(child, self.pending, in_cell=True)
                    self.result.note("儲存格中的圖片無法放在格子裡，會放在表格之後")
                elif child.tag == "table":
                    parts.append("\n" + _flat_table(child) + "\n")
                    self.result.note("表格中的表格已改為文字（以｜分隔）")
                elif child.tag in _BLOCK or child.tag in ("li", "ul", "ol", "tr"):
                    parts.append("\n")
                    visit(child)
                    parts.append("\n")
                else:
                    visit(child)

        visit(node)
        return finish_text("".join(parts))


def _table_parts(node: Node):
    """<caption>, <col> and <tr> elements of a table, not those of a table inside it."""
    for child in node.children:
        if not isinstance(child, Node):
            continue
        if child.tag in ("caption", "col", "tr"):
            yield child
        elif child.tag in ("thead", "tbody", "tfoot", "colgroup"):
            yield from _table_parts(child)


def _flat_table(node: Node) -> str:
    lines = []
    for part in _table_parts(node):
        if part.tag == "tr":
            cells = [c for c in part.children if isinstance(c, Node) and c.tag in ("td", "th")]
            lines.append("｜".join(text_of(c).replace("\n", " ") for c in cells))
    return "\n".join(line for line in lines if line.strip("｜ "))


def _int(value: str | None, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(str(value).strip().rstrip("*"))))
    except (TypeError, ValueError):
        return low


def _length(node: Node) -> float:
    """A width in points from style="width:…" or width="…" (pixels, or LibreOffice's 128* parts)."""
    found = _WIDTH.search(node.style())
    if found:
        return float(found.group(1)) * _UNITS[(found.group(2) or "px").lower()]
    attr = node.attrs.get("width", "").strip()
    number = re.match(r"[\d.]+", attr)
    if not number or attr.endswith("%"):
        return 0.0
    return float(number.group(0)) * (1.0 if attr.endswith("*") else 0.75)


def _widths(cols: list[float], first_row: list[tuple[int, float]], width: int) -> list[float]:
    if len(cols) == width and all(w > 0 for w in cols):
        found = cols
    elif sum(span for span, _ in first_row) == width and all(w > 0 for _, w in first_row):
        found = [w / span for span, w in first_row for _ in range(span)]
    else:
        return []
    total = sum(found)
    return [round(100 * w / total, 2) for w in found]


def _ordered_items(node: Node) -> bool:
    """A <ul> whose items are styled as numbers (Google Docs writes list-style-type on each item)."""
    style = node.style() + " ".join(c.style() for c in node.children if isinstance(c, Node))
    return bool(re.search(r"list-style-type\s*:\s*(decimal|lower|upper|cjk|trad)", style, re.I))


def _finish_runs(runs: list[Run]) -> list[Run]:
    """Runs with their whitespace collapsed across run boundaries and the ends trimmed."""
    pieces = [(ch, r.marks()) for r in runs for ch in r.text]
    out: list[Run] = []
    for ch, marks in collapse(pieces):
        if out and out[-1].marks() == marks:
            out[-1].text += ch
        else:
            out.append(Run(ch, *marks))
    return normalize_runs(out)


def _captions_and_notes(blocks: list) -> list:
    """A 「表一 …」 paragraph right above a table becomes its caption, a 「資料來源：…」 paragraph right
    under it its note."""
    out: list = []
    for block in blocks:
        if isinstance(block, Table):
            before = out[-1] if out else None
            if not block.caption and isinstance(before, Paragraph) and looks_like_caption(before.text):
                block.caption = caption_text(before.text)
                out.pop()
        elif isinstance(block, Paragraph) and out and isinstance(out[-1], Table) and not out[-1].note \
                and looks_like_note(block.text):
            out[-1].note = block.text.strip()
            continue
        out.append(block)
    return out


def _strip_clipboard_header(html: str) -> str:
    """Windows' "HTML Format" starts with Version:/StartHTML: lines before the markup."""
    if html.startswith("Version:"):
        start = html.find("<")
        return html[start:] if start >= 0 else ""
    return html


def read_html(html: str) -> PastedHtml:
    """The blocks, images and notes of a clipboard's HTML."""
    html = _strip_clipboard_header(html or "")
    builder = TreeBuilder()
    try:
        builder.feed(html)
        builder.close()
    except Exception:  # noqa: BLE001 - untrusted markup: keep what was read before it went wrong
        pass
    reader = _Reader(class_marks("".join(builder.css)))
    try:
        reader.walk(builder.root)
    except RecursionError:  # absurdly deep markup: fall back to its text
        reader.blocks, reader.runs = [], [Run(text_of_flat(builder.root))]
        reader.result.note("內容層次過深，只保留文字")
    reader.flush()
    reader.end_word_list()
    reader._place_pending()
    result = reader.result
    for item in _captions_and_notes(reader.blocks):
        if isinstance(item, PastedImage):
            item.after = len(result.blocks)
            result.images.append(item)
        else:
            result.blocks.extend(normalize_blocks([item]))
    if result.headings:
        result.note("標題已改為粗體段落")
    return result
