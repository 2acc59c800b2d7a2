"""The photo store's clean-up, run once in the background when the window has been idle a while
after start-up (desktop/photos/cleanup.py decides what may go). Wired by `install(window)`."""

from __future__ import annotations

from PySide6.QtCore import QTimer

# Long enough that start-up, the draft list and opening a draft have finished; the sweep reads
# the database and walks the store, which a user should never wait for.
IDLE_DELAY_MS = 20_000


def start_cleanup(window) -> None:
    # imported here, not at start-up: the worker brings multiprocessing and the photo pipeline
    from desktop.gui.photos.import_worker import run_task
    from desktop.photos.cleanup import clean_store

    if window.services.server:
        return  # the photos live on the agency's server; this PC's copies are what drafts there show
    store = window.services.photos

    def done(result, error) -> None:
        # Housekeeping: an error (say a backup that cannot be read) only means nothing was deleted,
        # so no dialog; the command line `tripreport photos clean` shows the reason.
        if error is None and result is not None and result.deleted:
            window.statusBar().showMessage(result.summary(), 8000)

    run_task(lambda: clean_store(store), done, window)


def install(window, delay_ms: int = IDLE_DELAY_MS) -> None:
    QTimer.singleShot(delay_ms, window, lambda: start_cleanup(window))
