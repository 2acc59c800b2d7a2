"""Make docs/screenshots/step-chapter-rich.png: a chapter of the example draft in the window at
1366×768 — the text box with its toolbar, a numbered list with a second level and a table with its
caption — as a user sees it (the app's own font).

Run from the checkout: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_chapter_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from docs.screenshots.make_step_screenshots import save_small  # noqa: E402


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.interchange.draft_files import import_draft_file
    from desktop.services import open_services
    from desktop.storage import close_database

    app = make_application()
    with tempfile.TemporaryDirectory(prefix="shot-chapter-") as tmp:
        services = open_services(Path(tmp) / "data")
        draft_id = import_draft_file(ROOT / "docs" / "example-draft.json", services.repo, services.photos)
        window = MainWindow(services)
        window.resize(1366, 768)
        window.show()
        window.open_draft(draft_id)
        editor = window.editor_page
        page = next(p for p in editor.pages if getattr(p, "chapter", None) is not None and p.chapter.heading == "後續推動規劃")
        editor.show_step(editor.pages.index(page))
        editor.focus_step()
        box = page.chapter_editor.text_edit
        cursor = box.textCursor()
        cursor.setPosition(box.document().findBlockByNumber(3).position() + 3)  # inside the second-level item
        box.setTextCursor(cursor)
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        window.statusBar().clearMessage()
        shot = Path(tmp) / "shot.png"
        window.grab().save(str(shot))
        target = ROOT / "docs" / "screenshots" / "step-chapter-rich.png"
        save_small(shot, target)
        print(target)
        window.close()
        close_database()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
