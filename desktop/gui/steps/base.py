"""What every step page shares: a title, the rule's hint, and the small protocol the editor uses.

Protocol: `load(report)` shows a report; `commit()` writes pending widget state into it (the editor
calls it before saving, so keystrokes only flag the page dirty); `completion()` says how far the
step is filled in; `focus_target(target)` shows and focuses what a review check points at;
`entry_widget()` names what gets the keyboard when the step is entered (None: its first field).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.domain.report import Report
from desktop.gui import colours

EMPTY, PARTIAL, DONE = "empty", "partial", "done"


class StepPage(QWidget):
    edited = Signal()

    def __init__(self, editor, step: dict, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.step = step
        self.report: Report | None = None
        self.title_label = QLabel(step.get("title", ""))
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title_label.setAccessibleName("步驟標題")
        self.hint_label = QLabel(step.get("hint", ""))
        self.hint_label.setWordWrap(True)
        self.hint_label.setAccessibleName("填寫說明")
        self.hint_label.setStyleSheet(f"color: {colours.css(colours.muted(self.palette()))}; "
                                      f"background: {colours.css(colours.panel(self.palette()))}; "
                                      "padding: 6px; border-radius: 4px;")
        self.hint_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.title_label)
        self.outer.addWidget(self.hint_label)

    def scrolling_body(self) -> QVBoxLayout:
        """A scrollable area under the hint, for pages taller than a laptop screen."""
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.NoFrame)
        inner = QWidget()
        area.setWidget(inner)
        self.outer.addWidget(area, 1)
        return QVBoxLayout(inner)

    def set_title(self, text: str) -> None:
        self.title_label.setText(text)

    def mark_edited(self) -> None:
        self.edited.emit()

    # ---- protocol -------------------------------------------------------------------------------
    def load(self, report: Report) -> None:
        self.report = report

    def commit(self) -> None:
        """Write what the widgets hold into self.report."""

    def completion(self) -> str:
        return EMPTY

    def owns(self, target: str) -> bool:
        return False

    def focus_target(self, target: str) -> None:
        self.setFocus()

    def entry_widget(self) -> QWidget | None:
        return None

    def shown(self) -> None:
        """Called when the step becomes visible (the review page refreshes here)."""
