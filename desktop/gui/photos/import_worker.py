"""Running the photo import off the UI thread.

A QThread loops over the importer generator (whose two worker processes do the decoding) and
hands each result to the window as plain data through a signal; the window adds the photo and its
thumbnail appears. Cancel stops the loop between files; the generator's cleanup shuts the pool
down, and files in flight are either written whole or not at all.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from desktop.photos.importer import import_files


class ImportThread(QThread):
    # Only an int crosses the thread boundary: the result itself is read from `results`. Queued
    # Signal(object) emits of many Python objects crashed PySide6 6.12 at exit (none_dealloc).
    result = Signal(int)  # index into self.results
    failed = Signal(str)

    def __init__(self, paths: list[str], store, known_keys: list[str], parent=None):
        super().__init__(parent)
        self.paths = paths
        self.store = store
        self.known_keys = known_keys
        self._cancelled = False
        self.results: list = []

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        steps = import_files(self.paths, self.store, known_keys=self.known_keys)
        try:
            for result in steps:
                if self._cancelled:
                    break
                self.results.append(result)
                self.result.emit(len(self.results) - 1)
        except Exception as err:  # noqa: BLE001 (a broken worker pool must not kill the window)
            self.failed.emit(f"匯入中斷：{err}")
        finally:
            steps.close()


class _Relay(QObject):
    """Carries a Task's answer to the UI thread. It belongs to the application, not to `owner`:
    the owner (a page) may be deleted while the task runs, and the pool thread must never emit
    on a deleted object. The answer is dropped when the owner is gone."""

    done = Signal(object, object)  # result, error

    def __init__(self, on_done, owner: QObject):
        super().__init__(QCoreApplication.instance())
        self._on_done, self._owner = on_done, owner
        self.done.connect(self._deliver)

    @Slot(object, object)  # a declared slot: a queued call from another thread goes through Qt's meta-object
    def _deliver(self, value, error) -> None:
        on_done, owner = self._on_done, self._owner
        self._on_done = self._owner = None
        self.deleteLater()
        if on_done is not None and shiboken6.isValid(owner):
            on_done(value, error)


class Task(QRunnable):
    """A short job (turn a photo, make a missing thumbnail) on Qt's thread pool; `on_done(result,
    error)` runs back on the UI thread while `parent` still exists."""

    def __init__(self, fn, on_done, parent: QObject):
        super().__init__()
        self.fn = fn
        self.relay = _Relay(on_done, parent)

    def run(self) -> None:
        try:
            value, error = self.fn(), None
        except Exception as err:  # noqa: BLE001 (reported to the user by on_done)
            value, error = None, err
        self.relay.done.emit(value, error)


def run_task(fn, on_done, parent: QObject) -> None:
    QThreadPool.globalInstance().start(Task(fn, on_done, parent))
