"""The line under a text field that says what a paste could not keep as it was.

Every field that can lose something on a paste shows the same line, in the same words: a chapter
body (RichTextEdit.notice) and the plain fields, 摘要 and a recommendation's text
(CleanPlainTextEdit.formattingDropped). A paste that kept everything hides it again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.gui import colours


class PasteNotice(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("貼上提示")
        self.setStyleSheet(f"color: {colours.css(colours.meaning('notice'))};")
        self.setWordWrap(True)
        self.hide()

    def watch(self, edit) -> None:
        """Show what pastes into `edit` say (its `notice` or `formattingDropped` signal)."""
        signal = edit.notice if hasattr(edit, "notice") else edit.formattingDropped
        signal.connect(self.say)

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def add(self, text: str) -> None:
        """Say more about the same paste (a picture it carried), after what is shown already."""
        shown = self.text() if self.isVisible() else ""
        self.say(f"{shown}{text}" if text not in shown else shown)

    def clear(self) -> None:  # another section or item is shown: the paste it spoke of is not
        self.say("")
