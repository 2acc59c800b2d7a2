"""Text fields that keep what the user typed and drop what Word or a web page smuggles in.

What they share:
- a paste keeps the text and its paragraphs but not its formatting, and `formattingDropped` says
  what was dropped (a list's bullets and numbers go too, instead of staying behind as characters);
- Tab leaves a multi-line field: a tab character would trap a keyboard user inside it;
- the undo keys undo the typing in the field; when the field has nothing left to undo (or redo),
  they go on to the editor's undo, so a deleted chapter comes back even with the cursor in a box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QKeySequence, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from desktop.domain.text import clean_line, clean_text
from desktop.gui.undo import redo_keys, undo_keys
from desktop.gui.widgets.block_document import PARAGRAPH_GAP
from desktop.gui.widgets.pasted_html import drop_list_markers, read_pasted_html


def _pressed(event) -> QKeySequence:
    return QKeySequence(event.keyCombination())


def pasted_text(source: QMimeData) -> tuple[str, str]:
    """(the text to insert, the notice of dropped formatting or "")."""
    html = source.html() if source.hasHtml() else ""
    if source.hasText():
        text = source.text()
    elif html:
        document = QTextDocument()
        document.setHtml(html)
        text = document.toPlainText()
    else:
        return "", ""
    text = clean_text(text)
    if not html:
        return text, ""
    pasted = read_pasted_html(html)
    return drop_list_markers(text, pasted.list_items), pasted.notice()


class _OwnUndoFirst:
    """Mixin: the field's own undo while it has something to undo, else the editor's."""

    def _has_history(self, redo: bool) -> bool:
        raise NotImplementedError

    def event(self, event) -> bool:
        if event.type() == QEvent.ShortcutOverride:
            pressed = _pressed(event)
            for keys, redo in ((undo_keys(), False), (redo_keys(), True)):
                if pressed in keys:
                    if self._has_history(redo):
                        event.accept()
                        return True
                    event.ignore()  # the window's undo action gets the key
                    return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Ctrl+Y is redo everywhere here, also where the platform's redo key is only Ctrl+Shift+Z
        if _pressed(event) in redo_keys() and not event.matches(QKeySequence.Redo):
            self.redo()
            return
        super().keyPressEvent(event)


class _PlainPaste:
    """Mixin: a paste inserts its text only and says what formatting it dropped."""

    def _has_history(self, redo: bool) -> bool:
        return self.document().isRedoAvailable() if redo else self.document().isUndoAvailable()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        text, notice = pasted_text(source)
        if text:
            self.insertPlainText(text)
        self.formattingDropped.emit(notice)

    def text(self) -> str:
        return clean_text(self.toPlainText())


class CleanPlainTextEdit(_PlainPaste, _OwnUndoFirst, QPlainTextEdit):
    """Pasted text keeps its paragraphs but loses foreign formatting and control characters."""

    formattingDropped = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)


class CleanProseEdit(_PlainPaste, _OwnUndoFirst, QTextEdit):
    """Plain text in paragraphs set a little apart, as in a chapter's body, for a text of several
    paragraphs (摘要). A plain-text box cannot space its paragraphs, so this is a rich-text box
    that takes plain text only; new paragraphs (Enter, a paste) inherit the spacing."""

    formattingDropped = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self._space_paragraphs()

    def setPlainText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setPlainText(text)
        self._space_paragraphs()

    def _space_paragraphs(self) -> None:
        document = self.document()
        document.setUndoRedoEnabled(False)  # a new text has no history; the spacing is not an edit
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(PARAGRAPH_GAP)
        cursor.mergeBlockFormat(spacing)
        document.setUndoRedoEnabled(True)


class CleanLineEdit(_OwnUndoFirst, QLineEdit):
    def _has_history(self, redo: bool) -> bool:
        return self.isRedoAvailable() if redo else self.isUndoAvailable()

    def text(self) -> str:  # type: ignore[override]
        return clean_line(super().text())


class TitleLineEdit(CleanLineEdit):
    """A heading. Reached with Tab its text is not selected, as other fields' is: the next keys
    would silently replace a chapter's name. The cursor goes to the end instead."""

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        if event.reason() in (Qt.TabFocusReason, Qt.BacktabFocusReason, Qt.ShortcutFocusReason):
            self.deselect()
            self.end(False)
