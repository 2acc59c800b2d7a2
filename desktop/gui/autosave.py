"""Debounced autosave: an edit schedules a save; a burst of typing costs one write.

The delay is well under the promised second, and `flush()` saves at once (closing a draft, quitting).
Someone who never pauses for the full delay still gets a save every MAX_WAIT_MS: the debounce
never postpones the first unsaved edit by more than that (the kill test in tests/storage proves
at most the last second of typing is lost).

A save that fails (a full disk, a read-only database) keeps the edit pending and is retried, less
often each time up to MAX_RETRY_MS, and the same reason is reported once, not on every retry: the
user is told, then left to free the space while the window keeps trying.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.storage.errors import StorageError

AUTOSAVE_DELAY_MS = 500
MAX_WAIT_MS = 800
MAX_RETRY_MS = 30_000


class Autosaver(QObject):
    saved = Signal()
    failed = Signal(str)

    def __init__(self, save: Callable[[], None], delay_ms: int = AUTOSAVE_DELAY_MS, parent=None,
                 max_wait_ms: int = MAX_WAIT_MS):
        super().__init__(parent)
        self._save = save
        self._delay_ms = delay_ms
        self._max_wait_ms = max(max_wait_ms, delay_ms)
        self._first_edit = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.pending = False
        self._failure: str | None = None  # the reason of the last failed save, until one succeeds
        self._retry_ms = 0

    def schedule(self) -> None:
        now = time.monotonic()
        if not self.pending:
            self._first_edit = now
        self.pending = True
        if self._failure is not None and self._timer.isActive():
            return  # saving fails at the moment: typing does not hurry the next attempt
        left = self._max_wait_ms - (now - self._first_edit) * 1000
        self._timer.start(int(max(0, min(self._delay_ms, left))))

    def discard(self) -> None:
        """Forget the pending save (the stored draft was replaced on purpose)."""
        self._timer.stop()
        self.pending = False
        self._failure, self._retry_ms = None, 0

    def flush(self) -> bool:
        """Save now if anything is pending; True when everything is on disk."""
        self._timer.stop()
        if not self.pending:
            return True
        try:
            self._save()
        except StorageError as err:  # shown to the user; the edit stays pending and is retried
            if str(err) != self._failure:
                self.failed.emit(str(err))
            self._failure = str(err)
            self._first_edit = time.monotonic()
            self._retry_ms = min(max(self._retry_ms * 2, self._delay_ms), MAX_RETRY_MS)
            self._timer.start(self._retry_ms)
            return False
        self.pending = False
        self._failure, self._retry_ms = None, 0
        self.saved.emit()
        return True
