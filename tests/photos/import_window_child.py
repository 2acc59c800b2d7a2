"""The window importing photos into a draft, alone in a process: prints `shown N T` each time the
photo step shows N photos (T: time.monotonic(), the same clock in every process), `done` when
the import ends. tests/photos/test_import_kill.py kills it with SIGKILL mid-import.

Run: python -m tests.photos.import_window_child DATA_DIR DRAFT_ID PHOTO...
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.gui.main_window import MainWindow
    from desktop.services import open_services
    from tests.gui.editor_helpers import show

    app = QApplication([])
    window = MainWindow(open_services(Path(sys.argv[1])))
    window.show()
    window.open_draft(int(sys.argv[2]))
    editor = window.editor_page
    page = show(editor, "photos").photo_page
    shown = [0]

    def watch() -> None:
        count = len(editor.report.photos)
        if count != shown[0]:
            shown[0] = count
            print(f"shown {count} {time.monotonic()}", flush=True)
        if not page.is_importing():
            print("done", flush=True)

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(20)
    page.add_paths(sys.argv[3:])
    app.exec()


if __name__ == "__main__":
    main()
