"""The body text box: paragraphs with bold, italic and underline, lists, tables and photos — and
nothing else (no fonts, colours or sizes).

Its content goes in and out as report blocks (`set_blocks`, `blocks`) through block_document, the
one converter. A paste reads what the clipboard offers in this order: blocks copied from this
editor, HTML (Word, LibreOffice, Excel, web pages — see html_blocks), plain text. What a paste
could not keep as it was is said in one line (`notice`); pictures in pasted HTML are only offered
(`imagesOffered`), the editor page asks before adding them as photos.

Keys: Tab and Shift+Tab move between table cells (Tab in the last cell adds a row, as in Word);
elsewhere Tab leaves the box, as in every other multi-line field here; Ctrl+Tab always leaves.
The typing's undo is Qt's own (structural edits of the text — a pasted table, a new row — are part
of it); when it has nothing left, the keys go on to the editor's undo (text_edits._OwnUndoFirst).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from desktop.domain.blocks import (
    Block,
    Paragraph,
    PhotoBlock,
    block_from_data,
    block_to_data,
    blocks_from_text,
)
from desktop.domain.text import clean_text
from desktop.gui.widgets.block_document import (
    CAPTION,
    NOTE,
    PHOTO_SCHEME,
    PhotoImage,
    block_role,
    load_document,
    paragraph_format,
    read_blocks,
    write_blocks,
)
from desktop.gui.widgets.html_blocks import PastedImage, read_html
from desktop.gui.widgets.text_edits import _OwnUndoFirst

BLOCKS_MIME = "application/x-tripreport-blocks"


class RichTextEdit(_OwnUndoFirst, QTextEdit):
    notice = Signal(str)  # what a paste could not keep as it was; "" when it kept everything
    imagesOffered = Signal(list)  # [(PastedImage, cursor position it belongs at)], after a paste

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)  # pastes go through insertFromMimeData, never Qt's own HTML import
        self.setTabChangesFocus(True)
        self.section_level = 1
        self.photo_image: PhotoImage | None = None
        self._tables: dict[int, object] = {}  # table object index → Table read last time
        self.key_actions: list = []  # actions whose keys this box takes before the window's shortcuts
        self.document().contentsChange.connect(self._forget_touched_tables)

    def _has_history(self, redo: bool) -> bool:
        return self.document().isRedoAvailable() if redo else self.document().isUndoAvailable()

    # ---- content --------------------------------------------------------------------------------
    def set_blocks(self, blocks: list[Block], section_level: int = 1) -> None:
        """Show `blocks`, with no undo history (a different section, or the same one reloaded)."""
        self.section_level = section_level
        self._tables.clear()
        load_document(self.document(), blocks, section_level, self.photo_image)
        self._tables.clear()
        self.moveCursor(QTextCursor.Start)

    def blocks(self) -> list[Block]:
        return read_blocks(self.document(), self._tables)

    def _forget_touched_tables(self, position: int, removed: int, added: int) -> None:
        if not self._tables:
            return
        document = self.sender()
        end = position + max(removed, added)
        for index in list(self._tables):
            table = document.object(index)
            if table is None or not (table.lastPosition() + 1 < position or end < table.firstPosition() - 1):
                self._tables.pop(index, None)

    def photo_ids(self) -> list[str]:
        return [b.photo_id for b in self.blocks() if isinstance(b, PhotoBlock)]

    def refresh_photo(self, photo_id: str) -> None:
        """Draw a photo again (its caption changed, or its picture arrived)."""
        from desktop.gui.widgets.block_document import photo_url

        if self.photo_image is None:
            return
        document = self.document()
        document.addResource(QTextDocument.ImageResource, photo_url(photo_id), self.photo_image(photo_id))
        document.markContentsDirty(0, document.characterCount())
        self.viewport().update()

    def _photo_positions(self, photo_id: str) -> list[int]:
        name = f"{PHOTO_SCHEME}{photo_id}"
        found = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fragment.isValid() and fmt.isImageFormat() and fmt.toImageFormat().name() == name:
                    found.extend(range(fragment.position(), fragment.position() + fragment.length()))
                it += 1
            block = block.next()
        return found

    def replace_photo(self, old_id: str, new_id: str) -> None:
        """Show another photo where `old_id` stands (an imported file was already in the report)."""
        from desktop.gui.widgets.block_document import insert_photo_image

        for position in reversed(self._photo_positions(old_id)):
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.KeepAnchor)
            insert_photo_image(cursor, new_id, self.photo_image)

    def remove_photo(self, photo_id: str) -> None:
        """Take a photo out of the text (its import failed); its empty paragraph goes too."""
        for position in reversed(self._photo_positions(photo_id)):
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.KeepAnchor)
            cursor.removeSelectedText()
            if cursor.block().length() <= 1 and self.document().blockCount() > 1:
                cursor.deletePreviousChar() if cursor.block().previous().isValid() else cursor.deleteChar()

    # ---- paste and copy -----------------------------------------------------------------------
    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        return source.hasFormat(BLOCKS_MIME) or source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        notes: list[str] = []
        images: list[PastedImage] = []
        blocks: list[Block] = []
        if source.hasFormat(BLOCKS_MIME):
            try:
                blocks = [block_from_data(d) for d in json.loads(bytes(source.data(BLOCKS_MIME)).decode("utf-8"))]
            except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
                blocks = []
        if not blocks and source.hasHtml():
            pasted = read_html(source.html())
            blocks, images, notes = pasted.blocks, pasted.images, pasted.notes
            blocks, images = _own_photos(blocks, images)
        if not blocks and not images and source.hasText():
            blocks = blocks_from_text(clean_text(source.text()))
        # said first: what is said about offered pictures (imagesOffered, during the paste) follows it
        self.notice.emit(f"貼上的內容中，{'；'.join(notes)}。" if notes else "")
        self.paste_blocks(blocks, images)

    def paste_blocks(self, blocks: list[Block], images: list[PastedImage] | None = None) -> None:
        """Insert blocks at the cursor as one undo step; pictures go where they were, offered."""
        cursor = self.textCursor()
        offered = []
        if images:
            # each picture is offered at the place its block sequence reached
            done = 0
            cursor.beginEditBlock()
            for image in sorted(images, key=lambda i: i.after):
                if image.after > done:
                    write_blocks(cursor, blocks[done:image.after], self.section_level, self.photo_image,
                                 join_paragraph=False)
                    done = image.after
                offered.append((image, cursor.position()))
            write_blocks(cursor, blocks[done:], self.section_level, self.photo_image, join_paragraph=False)
            cursor.endEditBlock()
        else:
            write_blocks(cursor, blocks, self.section_level, self.photo_image)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        if offered:
            self.imagesOffered.emit(offered)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt override)
        """Qt's own formats (plain text, HTML, ODF for other programs) plus the blocks, so a copy
        pasted back here keeps captions, notes and photos exactly."""
        qt_mime = super().createMimeDataFromSelection()
        mime = QMimeData()  # Qt's own kind lists a fixed set of formats: copy them into a plain one
        for name in qt_mime.formats():
            mime.setData(name, qt_mime.data(name))
        document = QTextDocument()
        QTextCursor(document).insertFragment(self.textCursor().selection())
        blocks = read_blocks(document)
        if blocks and not (len(blocks) == 1 and isinstance(blocks[0], Paragraph)):
            mime.setData(BLOCKS_MIME, json.dumps([block_to_data(b) for b in blocks], ensure_ascii=False).encode())
        return mime

    # ---- keys ----------------------------------------------------------------------------------
    def _key_action(self, event):
        pressed = QKeySequence(event.keyCombination())
        return next((a for a in self.key_actions if a.isEnabled() and a.shortcut() == pressed), None)

    def event(self, event) -> bool:
        if event.type() == QEvent.ShortcutOverride and self._key_action(event) is not None:
            event.accept()  # delivered as a key press below, not to a window shortcut
            return True
        if (event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Tab, Qt.Key_Backtab)
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
                and self.textCursor().currentTable() is not None):
            self.keyPressEvent(event)  # before QWidget turns Tab into a focus change
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        action = self._key_action(event)
        if action is not None:
            action.trigger()
            return
        key, mods = event.key(), event.modifiers()
        cursor = self.textCursor()
        table = cursor.currentTable()
        if key in (Qt.Key_Tab, Qt.Key_Backtab) and mods & Qt.ControlModifier:
            self.focusNextPrevChild(key == Qt.Key_Tab and not mods & Qt.ShiftModifier)
            return
        if table is not None and key in (Qt.Key_Tab, Qt.Key_Backtab) and not mods & Qt.ControlModifier:
            self._move_cell(table, cursor, backwards=key == Qt.Key_Backtab or bool(mods & Qt.ShiftModifier))
            return
        if key in (Qt.Key_Return, Qt.Key_Enter) and not mods & Qt.ShiftModifier:
            role = block_role(cursor.block())
            if role == CAPTION:
                self._enter_from_caption(cursor)
                return
            if role == NOTE:
                cursor.insertBlock(paragraph_format())  # what follows a note is ordinary text
                self.setTextCursor(cursor)
                return
        if key in (Qt.Key_Return, Qt.Key_Enter) and table is not None and mods & Qt.ShiftModifier:
            cursor.insertText("\u2028")  # a line break inside the cell
            return
        super().keyPressEvent(event)

    def _move_cell(self, table, cursor: QTextCursor, backwards: bool) -> None:
        if cursor.movePosition(QTextCursor.PreviousCell if backwards else QTextCursor.NextCell):
            cursor.movePosition(QTextCursor.EndOfBlock if backwards else QTextCursor.StartOfBlock)
        elif not backwards:
            table.appendRows(1)  # Tab in the last cell adds a row, as in Word
            cursor = table.cellAt(table.rows() - 1, 0).firstCursorPosition()
        self.setTextCursor(cursor)

    def _enter_from_caption(self, cursor: QTextCursor) -> None:
        """Enter in a caption goes into the table under it, rather than splitting the caption."""
        next_block = cursor.block().next()
        table = QTextCursor(next_block).currentTable() if next_block.isValid() else None
        if table is not None:
            self.setTextCursor(table.cellAt(0, 0).firstCursorPosition())
        else:
            cursor.insertBlock(paragraph_format())
            self.setTextCursor(cursor)


def _own_photos(blocks: list[Block], images: list[PastedImage]) -> tuple[list[Block], list[PastedImage]]:
    """Pictures copied out of this editor are the draft's photos: they come back as photo blocks,
    with no question asked."""
    own = [i for i in images if i.src.startswith(PHOTO_SCHEME) and not i.in_cell]
    if not own:
        return blocks, images
    out = list(blocks)
    for image in sorted(own, key=lambda i: i.after, reverse=True):
        out.insert(image.after, PhotoBlock(image.src[len(PHOTO_SCHEME):]))
    others = [i for i in images if i not in own]
    for image in others:  # the photo blocks put before a picture move it along
        image.after += sum(1 for o in own if o.after <= image.after)
    return out, others
