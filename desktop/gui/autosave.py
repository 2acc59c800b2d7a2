"""Debounced autosave: an edit schedules a save; a burst of typing costs one write.

The delay is well under the promised second, and `flush()` saves at once (closing a draft, quitting).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.storage.errors import StorageError

AUTOSAVE_DELAY_MS = 500


class Autosaver(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, save: Callable[[], None], delay_ms: int = AUTOSAVE_DELAY_MS, parent=None):
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.pending = False

    def schedule(self) -> None:
        self.pending = True
        self._timer.start()

    def discard(self) -> None:
        """Forget the pending save (the stored draft was replaced on purpose)."""
        self._timer.stop()
        self.pending = False

    def flush(self) -> bool:
        """Save now if anything is pending; True when everything is on disk."""
        self._timer.stop()
        if not self.pending:
            return True
        try:
            self._save()
        except StorageError as err:  # shown to the user; the edit stays pending and is retried
            self.failed.emit(str(err))
            self._timer.start()
            return False
        self.pending = False
        self.saved.emit()
        return True
