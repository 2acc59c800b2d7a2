"""Undo for the photo page, recorded as differences by photo id.

Each command keeps only the photos it touched (their state before and after, None meaning "not
there") and the order before and after. Applying one never disturbs photos it did not touch, so a
removal can be undone even after an import added more photos in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from desktop.domain.report import Photo

State = dict[str, Photo | None]


def snapshot(photos: list[Photo]) -> tuple[dict[str, Photo], list[str]]:
    return {p.id: replace(p) for p in photos}, [p.id for p in photos]


def apply_state(photos: list[Photo], states: State, order: list[str]) -> None:
    by_id = {p.id: p for p in photos}
    for pid, state in states.items():
        if state is None:
            by_id.pop(pid, None)
        else:
            by_id[pid] = replace(state)
    ordered = [by_id.pop(pid) for pid in order if pid in by_id]
    rest = [by_id[p.id] for p in photos if p.id in by_id]  # photos added since, in their order
    photos[:] = ordered + rest


class PhotoChange(QUndoCommand):
    def __init__(self, text: str, photos_of: Callable[[], list[Photo]], before: tuple, after: tuple,
                 on_applied: Callable[[], None]):
        super().__init__(text)
        (old, old_order), (new, new_order) = before, after
        touched = {pid for pid in old.keys() | new.keys() if old.get(pid) != new.get(pid)}
        self.before: State = {pid: old.get(pid) for pid in touched}
        self.after: State = {pid: new.get(pid) for pid in touched}
        self.order_before, self.order_after = old_order, new_order
        self.photos_of = photos_of
        self.on_applied = on_applied
        self._first = True

    def is_empty(self) -> bool:
        return not self.before and self.order_before == self.order_after

    def redo(self) -> None:
        if self._first:  # the change was already made when the command was pushed
            self._first = False
            return
        apply_state(self.photos_of(), self.after, self.order_after)
        self.on_applied()

    def undo(self) -> None:
        apply_state(self.photos_of(), self.before, self.order_before)
        self.on_applied()
