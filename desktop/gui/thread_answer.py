"""A text that a plain Python thread hands back to the GUI thread.

A QObject must be deleted on the thread it lives on. A relay held only by a worker's closure is
freed when the thread drops its target, so Python would delete its C++ side on the worker thread,
while the signal it queued is still on its way. This relay belongs to the application instead:
dropping the last Python reference never deletes it, and it deletes itself on the GUI thread once
its answer has been delivered there. A receiver deleted meanwhile just loses its connection.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal


class ThreadAnswer(QObject):
    """Emit `ready` once from any thread; `slot` runs on the GUI thread."""

    ready = Signal(str)

    def __init__(self, slot):
        super().__init__(QCoreApplication.instance())
        self.ready.connect(slot)
        self.ready.connect(self.deleteLater)  # after the slot has had the answer
