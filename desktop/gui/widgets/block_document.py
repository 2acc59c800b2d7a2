"""The one boundary between report blocks and the editor's QTextDocument.

`write_blocks` puts blocks into a document at a cursor (loading a section, pasting, inserting a
table or a photo); `read_blocks` turns the document back into blocks when the editor commits.
Nothing else converts, so the document's formatting never leaks into the model:

- a paragraph is a block whose fragments are bold, italic or underlined, nothing else;
- a list item is a block in a QTextList: the list's style says bulleted or numbered, its indent
  the level; numbered lists show the official punctuation of the section's level (1、 （1） 1.);
- a table is a QTextTable; its header rows are the table format's header row count, its column
  widths percentage constraints, merged cells Qt's spans; the caption and the note are paragraphs
  right above and right below the table, tagged with BLOCK_ROLE;
- a photo is an image named photo:<id>, alone in its paragraph, drawn with its caption.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QBrush,
    QFont,
    QImage,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
)

from desktop.domain.blocks import (
    MAX_LIST_LEVELS,
    Block,
    Cell,
    ListBlock,
    ListItem,
    Paragraph,
    PhotoBlock,
    Run,
    Table,
    normalize_blocks,
    normalize_table,
    plain_text,
)
from desktop.domain.numbering import heading_number
from desktop.gui import colours

PARAGRAPH_GAP = 6  # pixels under each paragraph, so paragraphs read apart
BLOCK_ROLE = QTextFormat.UserProperty + 1  # "caption" / "note" on the paragraphs around a table
CAPTION, NOTE = "caption", "note"
PHOTO_SCHEME = "photo:"
BULLET_STYLES = (QTextListFormat.ListDisc, QTextListFormat.ListCircle, QTextListFormat.ListSquare)

PhotoImage = Callable[[str], QImage]  # photo id → the picture drawn in the editor, caption included


# ---- formats ----------------------------------------------------------------------------------

def char_format(bold: bool = False, italic: bool = False, underline: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Bold if bold else QFont.Normal)
    fmt.setFontItalic(italic)
    fmt.setFontUnderline(underline)
    return fmt


def paragraph_format(role: str = "") -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(PARAGRAPH_GAP)
    if role:
        fmt.setProperty(BLOCK_ROLE, role)
        fmt.setBackground(QBrush(colours.panel()))  # a caption or note reads as part of its table
        if role == CAPTION:
            fmt.setAlignment(_center())
    return fmt


def _center():
    from PySide6.QtCore import Qt

    return Qt.AlignHCenter


def list_format(ordered: bool, level: int, section_level: int) -> QTextListFormat:
    """Numbered lists show Arabic numbers with the punctuation of the official sequence below the
    section (一、 → 1、, （一） → （1）); the export prints the Chinese numbers."""
    fmt = QTextListFormat()
    fmt.setIndent(level + 1)
    if ordered:
        fmt.setStyle(QTextListFormat.ListDecimal)
        sample = heading_number(section_level + 1 + level, 1)
        numeral = "1" if "1" in sample else "一"
        prefix, _, suffix = sample.partition(numeral)
        fmt.setNumberPrefix(prefix)
        fmt.setNumberSuffix(suffix)
    else:
        fmt.setStyle(BULLET_STYLES[level])
    return fmt


def table_format(table: Table) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle_Solid)
    fmt.setBorderBrush(QBrush(colours.line()))
    fmt.setBorderCollapse(True)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(4)
    fmt.setWidth(QTextLength(QTextLength.PercentageLength, 100))
    fmt.setHeaderRowCount(table.header_rows)
    if table.widths:
        total = sum(table.widths)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.PercentageLength, 100 * w / total)
                                       for w in table.widths])
    fmt.setBottomMargin(PARAGRAPH_GAP)
    return fmt


def block_role(block) -> str:
    value = block.blockFormat().property(BLOCK_ROLE)
    return value if isinstance(value, str) else ""


# ---- blocks → document --------------------------------------------------------------------------

class _Writer:
    def __init__(self, cursor: QTextCursor, section_level: int, photo_image: PhotoImage | None):
        self.cursor = cursor
        self.doc = cursor.document()
        self.section_level = section_level
        self.photo_image = photo_image
        self.first = True  # the cursor's block is empty: the first piece goes into it

    def new_block(self, fmt: QTextBlockFormat) -> None:
        """Start a block for the next piece: the current one when it is the empty one we start in."""
        if self.first:
            self.first = False
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char_format())
            self._leave_list()
        else:
            self.cursor.insertBlock(fmt, char_format())
            self._leave_list()

    def _leave_list(self) -> None:
        lst = self.cursor.currentList()
        if lst is not None:
            lst.remove(self.cursor.block())
            self.cursor.setBlockFormat(self.cursor.blockFormat())

    def runs(self, runs: list[Run]) -> None:
        for run in runs:
            self.cursor.insertText(run.text, char_format(*run.marks()))

    def paragraph(self, block: Paragraph, role: str = "") -> None:
        self.new_block(paragraph_format(role))
        self.runs(block.runs)

    def list_block(self, block: ListBlock) -> None:
        lists = {}
        for item in block.items:
            self.new_block(paragraph_format())
            level = min(item.level, MAX_LIST_LEVELS - 1)
            existing = lists.get(level)
            if existing is None:
                lists[level] = self.cursor.createList(list_format(block.ordered, level, self.section_level))
            else:
                existing.add(self.cursor.block())
            for deeper in range(level + 1, MAX_LIST_LEVELS):
                lists.pop(deeper, None)  # a deeper list after this item starts counting again
            self.runs(item.runs)

    def table(self, table: Table) -> None:
        if table.caption:
            self.paragraph(Paragraph([Run(table.caption)]), CAPTION)
        # insertTable puts the table after the cursor's paragraph (Qt keeps a paragraph above a
        # table that starts a document, where the user can type)
        self.first = False
        qt_table = self.cursor.insertTable(len(table.rows), table.columns, table_format(table))
        header = char_format(bold=True)
        plain = char_format()
        spans = []
        # Each cell is found by row and column: inside an edit block Qt's NextCell does not move
        # yet, and the table's layout waits for the block's end, which keeps this linear.
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if r < table.header_rows:
                    qt_cell = qt_table.cellAt(r, c)
                    fmt = qt_cell.format()
                    fmt.setBackground(QBrush(colours.panel()))
                    qt_cell.setFormat(fmt)
                if cell is None:
                    continue
                if cell.text:
                    qt_table.cellAt(r, c).firstCursorPosition().insertText(
                        cell.text.replace("\n", "\u2028"), header if r < table.header_rows else plain)
                if cell.rowspan > 1 or cell.colspan > 1:
                    spans.append((r, c, cell.rowspan, cell.colspan))
        for r, c, rs, cs in spans:
            qt_table.mergeCells(r, c, rs, cs)
        self.cursor.setPosition(qt_table.lastPosition() + 1)
        # the paragraph Qt keeps after a table takes the next piece when it is empty
        self.first = self.cursor.block().length() <= 1
        if table.note:
            self.paragraph(Paragraph([Run(table.note)]), NOTE)

    def photo(self, block: PhotoBlock) -> None:
        fmt = paragraph_format()
        fmt.setAlignment(_center())
        self.new_block(fmt)
        insert_photo_image(self.cursor, block.photo_id, self.photo_image)

    def write(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, ListBlock):
                self.list_block(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, PhotoBlock):
                self.photo(block)


def photo_url(photo_id: str) -> QUrl:
    return QUrl(f"{PHOTO_SCHEME}{photo_id}")


def insert_photo_image(cursor: QTextCursor, photo_id: str, photo_image: PhotoImage | None) -> None:
    """The photo's picture at the cursor (its resource added to the document once)."""
    doc = cursor.document()
    url = photo_url(photo_id)
    image = doc.resource(QTextDocument.ImageResource, url)
    if image is None or (isinstance(image, QImage) and image.isNull()):
        image = photo_image(photo_id) if photo_image else QImage()
        if image.isNull():
            image = QImage(160, 120, QImage.Format_RGB32)
            image.fill(colours.panel())
        doc.addResource(QTextDocument.ImageResource, url, image)
    fmt = QTextImageFormat()
    fmt.setName(url.toString())
    fmt.setWidth(image.width())
    fmt.setHeight(image.height())
    cursor.insertImage(fmt)


def write_blocks(cursor: QTextCursor, blocks: list[Block], section_level: int = 1,
                 photo_image: PhotoImage | None = None, *, join_paragraph: bool = True) -> None:
    """Insert `blocks` at the cursor, as one undo step. A single paragraph goes into the current
    paragraph (as a pasted phrase would) unless `join_paragraph` is False; anything else goes in
    as paragraphs of its own, between the text before and after the cursor."""
    cursor.beginEditBlock()
    try:
        if cursor.currentTable() is not None:
            # A cell holds plain text: whatever is pasted there goes in as the cell's lines.
            cursor.insertText(plain_text(blocks).replace("\n", "\u2028"), char_format())
            return
        if not blocks:
            return
        if join_paragraph and len(blocks) == 1 and isinstance(blocks[0], Paragraph):
            for run in blocks[0].runs:
                cursor.insertText(run.text, char_format(*run.marks()))
            return
        writer = _Writer(cursor, section_level, photo_image)
        block = cursor.block()
        if block.length() > 1 or block_role(block) or cursor.currentList() is not None:
            if cursor.positionInBlock() < block.length() - 1:  # text after the cursor stays after the insert
                cursor.insertBlock()
                cursor.movePosition(QTextCursor.PreviousBlock)
                cursor.movePosition(QTextCursor.EndOfBlock)
            writer.first = cursor.block().length() <= 1 and not block_role(cursor.block())
        writer.write(blocks)
    finally:
        cursor.endEditBlock()


def remove_table(table, doc: QTextDocument) -> None:
    """Delete a table as one undo step. The paragraphs above and below stay apart (Qt would join
    them), and its caption and note stay as ordinary paragraphs: no text goes with the table.
    (The document is passed in: see read_table.)"""
    cursor = QTextCursor(doc)
    before = doc.findBlock(table.firstPosition() - 1)
    after = doc.findBlock(table.lastPosition() + 1)
    after_format = after.blockFormat()
    cursor.beginEditBlock()
    for block in (before, after):
        if block_role(block):
            QTextCursor(block).setBlockFormat(paragraph_format())
    after_format.clearProperty(BLOCK_ROLE)
    after_format.clearBackground()
    cursor.setPosition(table.firstPosition() - 1)
    cursor.setPosition(table.lastPosition() + 1, QTextCursor.KeepAnchor)
    cursor.removeSelectedText()
    if 0 < cursor.positionInBlock() < cursor.block().length() - 1:
        cursor.insertBlock(after_format)
    cursor.endEditBlock()


def load_document(document: QTextDocument, blocks: list[Block], section_level: int = 1,
                  photo_image: PhotoImage | None = None) -> None:
    """Replace the document's content with `blocks`, with no undo history."""
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    cursor.setBlockFormat(paragraph_format())
    write_blocks(cursor, blocks, section_level, photo_image)
    document.setUndoRedoEnabled(True)
    document.setModified(False)


# ---- document → blocks --------------------------------------------------------------------------

def _runs_of(block) -> list[Run]:
    runs = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            if not fmt.isImageFormat():
                runs.append(Run(fragment.text().replace("\u2028", " "), fmt.fontWeight() >= QFont.DemiBold,
                                fmt.fontItalic(), fmt.fontUnderline()))
        it += 1
    return runs


def _photos_in(block) -> list[tuple[int, str]]:
    """(position in block, photo id) of every photo image in a paragraph."""
    found = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid() and fragment.charFormat().isImageFormat():
            name = fragment.charFormat().toImageFormat().name()
            if name.startswith(PHOTO_SCHEME):
                for k in range(fragment.length()):
                    found.append((fragment.position() - block.position() + k, name[len(PHOTO_SCHEME):]))
        it += 1
    return found


def _split_at_photos(block) -> list[Block]:
    """A paragraph holding photos: the text before, each photo, the text after."""
    photos = _photos_in(block)
    runs = _runs_of(block)
    if not photos:
        return [Paragraph(runs)]
    out: list[Block] = []
    text_runs: list[Run] = []
    # walk the fragments again, in order, cutting at each photo
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            name = fmt.toImageFormat().name() if fmt.isImageFormat() else ""
            if name.startswith(PHOTO_SCHEME):
                if text_runs:
                    out.append(Paragraph(text_runs))
                    text_runs = []
                out.extend(PhotoBlock(name[len(PHOTO_SCHEME):]) for _ in range(fragment.length()))
            elif not fmt.isImageFormat():
                text_runs.append(Run(fragment.text().replace("\u2028", " "), fmt.fontWeight() >= QFont.DemiBold,
                                     fmt.fontItalic(), fmt.fontUnderline()))
        it += 1
    if text_runs:
        out.append(Paragraph(text_runs))
    return out


def read_table(qt_table, document: QTextDocument) -> Table:
    fmt = qt_table.format()
    rows, columns = qt_table.rows(), qt_table.columns()
    # the document is passed in: a wrapper from qt_table.document() can take the document with it
    # when it is collected (seen with PySide6 6.12)
    cursor = QTextCursor(document)
    grid: list[list[Cell | None]] = []
    for r in range(rows):
        row: list[Cell | None] = []
        for c in range(columns):
            cell = qt_table.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                row.append(None)  # covered by a merged cell
                continue
            cursor.setPosition(cell.firstPosition())
            cursor.setPosition(cell.lastPosition(), QTextCursor.KeepAnchor)
            text = cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n").replace("\ufffc", "")
            row.append(Cell(text, cell.rowSpan(), cell.columnSpan()))
        grid.append(row)
    constraints = fmt.columnWidthConstraints()
    widths = []
    if len(constraints) == columns and all(c.type() == QTextLength.PercentageLength for c in constraints):
        widths = [c.rawValue() for c in constraints]
    return normalize_table(Table(grid, fmt.headerRowCount(), widths))


def read_blocks(document: QTextDocument, table_cache: dict | None = None) -> list[Block]:
    """The document as blocks. `table_cache` (table object index → Table) lets the editor skip
    reading tables nobody touched since the last read."""
    out: list[Block] = []
    pending_caption: str | None = None
    current_list: ListBlock | None = None
    block = document.begin()

    def end_list():
        nonlocal current_list
        if current_list is not None:
            out.append(current_list)
            current_list = None

    def flush_caption():
        nonlocal pending_caption
        if pending_caption is not None:
            out.append(Paragraph([Run(pending_caption)]))
            pending_caption = None

    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            while table.parentFrame() is not None and isinstance(table.parentFrame(), type(table)):
                table = table.parentFrame()
            end_list()
            cached = table_cache.get(table.objectIndex()) if table_cache is not None else None
            read = cached if cached is not None else read_table(table, document)
            if table_cache is not None:
                table_cache[table.objectIndex()] = read
            read = Table(read.rows, read.header_rows, read.widths, pending_caption or "", "")
            pending_caption = None
            out.append(read)
            block = document.findBlock(table.lastPosition() + 1)
            continue
        role = block_role(block)
        text_list = block.textList()
        if text_list is not None and role == "":
            flush_caption()
            fmt = text_list.format()
            ordered = fmt.style() not in BULLET_STYLES
            level = max(0, min(fmt.indent() - 1, MAX_LIST_LEVELS - 1))
            if current_list is None or (level == 0 and current_list.ordered != ordered):
                end_list()
                current_list = ListBlock([], ordered)
            current_list.items.append(ListItem(_runs_of(block), level))
        else:
            end_list()
            if role == CAPTION:
                flush_caption()
                pending_caption = block.text()
            elif role == NOTE and out and isinstance(out[-1], Table) and not out[-1].note and pending_caption is None:
                out[-1].note = block.text()
            else:
                flush_caption()
                out.extend(_split_at_photos(block))
        block = block.next()
    end_list()
    flush_caption()
    return normalize_blocks(out)
