"""Make docs/screenshots/step-basic.png, step-process.png and step-review.png: 基本資料, 過程（含行程）, 檢查與匯出
of the window at 1366×768 with the example draft, as a user sees them (the app's own font).

Run from the checkout: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_step_screenshots.py
(the 照片 step: make_photos_60.py). Everything is made in a temporary data folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def save_small(source: Path, target: Path) -> None:
    """256 colours without dithering: an interface has few, and the file is a third of the size."""
    from PIL import Image

    with Image.open(source) as im:
        im.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
            target, optimize=True)


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.gui import export_dialog
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.interchange.draft_files import import_draft_file
    from desktop.services import open_services
    from desktop.storage import close_database

    app = make_application()

    def settle() -> None:  # let layouts and deferred paints finish, as the screen would show them
        loop = QEventLoop()
        QTimer.singleShot(200, loop.quit)
        loop.exec()

    out = ROOT / "docs" / "screenshots"
    with tempfile.TemporaryDirectory(prefix="shot-steps-") as tmp:
        services = open_services(Path(tmp) / "data")
        draft_id = import_draft_file(ROOT / "docs" / "example-draft.json", services.repo, services.photos)
        window = MainWindow(services)
        export_dialog.install(window)
        window.resize(1366, 768)
        window.show()
        window.open_draft(draft_id)
        editor = window.editor_page
        for step, name in (("basic", "step-basic.png"), ("process", "step-process.png"), ("review", "step-review.png")):
            editor.show_step(editor.pages.index(editor.page(step)))
            editor.focus_step()
            settle()
            window.statusBar().clearMessage()
            shot = Path(tmp) / name
            window.grab().save(str(shot))
            save_small(shot, out / name)
            print(out / name)
        window.close()
        close_database()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
