"""The editor's one undo stack, on the standard keys (Ctrl+Z; Ctrl+Y and Ctrl+Shift+Z).

Structural edits (chapters, sub-sections, table rows, photos) are QUndoCommands that change only
what their edit touched: putting a deleted chapter back keeps the text typed elsewhere since.
Each command remembers the step it was made on, and the stack's owner is told around every undo and
redo, so it can save what is being typed first and show that step afterwards. Text fields keep
their own undo for their typing (text_edits.py) and pass the keys on when they have none.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

UNDO_LIMIT = 100


def undo_keys() -> list[QKeySequence]:
    return QKeySequence.keyBindings(QKeySequence.Undo)


def redo_keys() -> list[QKeySequence]:
    """The platform's redo keys, plus both of the usual ones whatever the platform says."""
    keys = QKeySequence.keyBindings(QKeySequence.Redo)
    for extra in (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if extra not in keys:
            keys.append(extra)
    return keys


class Edit(QUndoCommand):
    """An edit given as two functions that take each other back; pushing it makes the edit."""

    def __init__(self, text: str, apply: Callable[[], None], revert: Callable[[], None]):
        super().__init__(text)
        self._apply = apply
        self._revert = revert

    def redo(self) -> None:
        self._apply()

    def undo(self) -> None:
        self._revert()


class EditorUndoStack(QUndoStack):
    """`place()` names where an edit is made (the current step); `before()` runs before every undo
    and redo, `after(command, verb)` after it, whoever asked (a menu, a key, a banner's button)."""

    def __init__(self, place: Callable[[], object], before: Callable[[], None],
                 after: Callable[[QUndoCommand, str], None], parent=None):
        super().__init__(parent)
        self.setUndoLimit(UNDO_LIMIT)
        self._place = place
        self._before = before
        self._after = after

    def push(self, command: QUndoCommand) -> None:
        command.place = self._place()
        super().push(command)

    def undo(self) -> None:
        if not self.canUndo():
            return
        command = self.command(self.index() - 1)
        self._before()
        super().undo()
        self._after(command, "已復原")

    def redo(self) -> None:
        if not self.canRedo():
            return
        command = self.command(self.index())
        self._before()
        super().redo()
        self._after(command, "已重做")


class FieldsChange(QUndoCommand):
    """For callers that announce an edit just before making it in place (`EditorPage.snapshot`).

    The report's top-level fields that the edit changed are found once it is made (`settle()`, when
    the step says it was edited, or at the first undo); undo and redo then swap only those fields,
    so edits made since in other parts of the report stay."""

    def __init__(self, text: str, report, reload: Callable[[], None]):
        super().__init__(text)
        self.report = report
        self.reload = reload
        self.before = {f.name: copy.deepcopy(getattr(report, f.name)) for f in dataclasses.fields(report)}
        self.changed: list[str] | None = None
        self.later: dict = {}
        self._made = False

    def settle(self) -> None:
        if self.changed is None:
            self.changed = [name for name, value in self.before.items() if getattr(self.report, name) != value]
            self.before = {name: self.before[name] for name in self.changed}

    def redo(self) -> None:
        if not self._made:  # the caller makes the edit itself, right after pushing this
            self._made = True
            return
        for name, value in self.later.items():
            setattr(self.report, name, copy.deepcopy(value))
        self.reload()

    def undo(self) -> None:
        self.settle()
        self.later = {name: copy.deepcopy(getattr(self.report, name)) for name in self.changed}
        for name, value in self.before.items():
            setattr(self.report, name, copy.deepcopy(value))
        self.reload()
