"""Make the user guide's screenshots (docs/guide/images/*.png: one per step, the preview, 尋找與取代)
and docs/screenshots/preview.png and guide.png, with the example draft at 1366×768.

Run from the checkout: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_guide_screenshots.py
(needs LibreOffice for the preview). Everything is made in a temporary data folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_step_screenshots import save_small  # noqa: E402

GUIDE_WIDTH = 900
STEPS = (("basic", "basic"), ("travellers", "travellers"), ("summary", "summary"), ("purpose", "chapters"),
         ("process", "process"), ("recommendations", "recommendations"), ("photos", "photos"),
         ("appendix", "appendix"), ("review", "review"))


def main() -> int:
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from desktop.gui import export_dialog
    from desktop.gui.app import make_application
    from desktop.gui.find_replace import FindReplaceDialog
    from desktop.gui.help_window import HelpWindow
    from desktop.gui.main_window import MainWindow
    from desktop.interchange.draft_files import import_draft_file
    from desktop.services import open_services
    from desktop.storage import close_database

    app = make_application()

    def settle(ms: int = 250) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    images = ROOT / "docs" / "guide" / "images"
    shots = ROOT / "docs" / "screenshots"
    images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shot-guide-") as tmp:
        work = Path(tmp)

        def save(widget, target: Path) -> None:
            """The guide's copies are 900 px wide, so a page of the guide shows them whole."""
            raw = work / target.name
            image = widget.grab()
            if target.parent == images and image.width() > GUIDE_WIDTH:
                image = image.scaledToWidth(GUIDE_WIDTH, Qt.TransformationMode.SmoothTransformation)
            image.save(str(raw))
            save_small(raw, target)
            print(target)

        services = open_services(work / "data")
        draft_id = import_draft_file(ROOT / "docs" / "example-draft.json", services.repo, services.photos)
        window = MainWindow(services)
        export_dialog.install(window)
        window.resize(1366, 768)
        window.show()
        settle()
        window.statusBar().clearMessage()
        save(window, images / "list.png")
        window.open_draft(draft_id)
        editor = window.editor_page
        for step, name in STEPS:
            editor.show_step(editor.pages.index(editor.page(step)))
            editor.focus_step()
            settle()
            window.statusBar().clearMessage()
            save(window, images / f"{name}.png")

        editor.show_step(editor.pages.index(editor.page("basic")))
        window.preview_action.trigger()
        pane = window.preview.pane
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (pane.pdf is None or pane.shown_pixmap() is None
                                               or pane.shown_pixmap().isNull()):
            settle(200)
        settle(800)  # at the width it first opens with, as a user sees it
        window.statusBar().clearMessage()
        save(window, images / "preview.png")
        save(window, shots / "preview.png")
        window.preview_action.trigger()

        dialog = FindReplaceDialog.show_for(window)
        dialog.find_edit.setText("防災")
        dialog.replace_edit.setText("防救災")
        settle()
        save(dialog, images / "find-replace.png")
        dialog.close()

        helper = HelpWindow.show_for(window, "photos")
        helper.resize(1366, 768)
        settle(400)
        save(helper, shots / "guide.png")
        helper.close()
        window.close()
        close_database()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
