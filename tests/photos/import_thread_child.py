"""A window's photo import, alone in a process: the ImportThread the photo page starts, printing
one line per result. tests/photos/test_import_kill.py kills it with SIGKILL mid-import.

Run: python -m tests.photos.import_thread_child DATA_DIR PHOTO...
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop.gui.photos.import_worker import ImportThread
    from desktop.photos.store import PhotoStore

    app = QCoreApplication([])
    thread = ImportThread(sys.argv[2:], PhotoStore(Path(sys.argv[1])), [])
    thread.result.connect(lambda i: print(thread.results[i].line(), flush=True))
    thread.finished.connect(app.quit)
    thread.start()
    app.exec()


if __name__ == "__main__":
    main()
