"""「已刪除…　復原」: a one-line banner after a deletion, with a button that takes it back.

It belongs to the last edit on an undo stack: it goes away when that edit is undone (by its button
or by Ctrl+Z) or another edit follows, and its owner hides it when the user moves on.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

from desktop.gui import colours


class UndoBanner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("undo-banner")
        palette = self.palette()
        self.setStyleSheet(f"QFrame#undo-banner {{ background: {colours.css(colours.tint('notice', palette))}; "
                           f"border: 1px solid {colours.css(colours.tint('notice', palette, 0.5))}; border-radius: 6px; }}")
        self.label = QLabel()
        self.label.setAccessibleName("刪除通知")
        self.undo_button = QPushButton("復原(&U)")
        self.undo_button.setAccessibleName("復原剛才的刪除")
        self.undo_button.clicked.connect(self._undo)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("關閉通知")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 2, 4, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(close)
        self._stack: QUndoStack | None = None
        self._index = -1
        self.hide()

    def show_for(self, text: str, stack: QUndoStack) -> None:
        """Show `text` about the edit just pushed on `stack`."""
        if self._stack is not stack:
            if self._stack is not None:
                self._stack.indexChanged.disconnect(self._stack_moved)
            self._stack = stack
            stack.indexChanged.connect(self._stack_moved)
        self._index = stack.index()
        self.label.setText(text)
        self.undo_button.setToolTip(f"復原：{stack.undoText()}（Ctrl+Z）")
        self.show()

    def _stack_moved(self, index: int) -> None:
        if index != self._index:
            self.hide()

    def _undo(self) -> None:
        if self._stack is not None and self._stack.index() == self._index:
            self._stack.undo()
        self.hide()
