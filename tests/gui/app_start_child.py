"""Run in a child process by test_app_start: start the real app on a data folder, watch it with a
timer until the deferred start-up is done, print what was seen as JSON, and quit."""

import json
import sys
from argparse import Namespace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.gui.app import make_application, run_app
from desktop.gui.main_window import MainWindow
from desktop.gui.single_instance import SingleInstance

LIMIT_MS = 15000


def copy_rich_text(window) -> None:
    """Ctrl+C in a chapter's text: the clipboard then holds the editor's own QMimeData."""
    from desktop.gui.widgets.rich_text_edit import RichTextEdit

    edit = RichTextEdit(window)
    edit.setPlainText("帶到別的程式去的一段")
    edit.selectAll()
    edit.copy()


def main(folder: str, open_arg: str | None, copy_first: bool = False) -> None:
    app = make_application()
    said: list[str] = []
    QMessageBox.critical = staticmethod(lambda _p, _t, text: said.append(text))
    QMessageBox.warning = staticmethod(lambda _p, _t, text: said.append(text))
    seen: dict = {"first_look": None}
    waited = [0]

    def poll():
        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        waited[0] += 20
        if window is not None and seen["first_look"] is None:
            seen["first_look"] = [window.services is not None, window.list_page.table.model().rowCount()]
        if window is not None and window.services is not None and hasattr(window, "safety") and not seen.get("usable"):
            seen["usable"] = True  # the socket comes one turn of the event loop after the menus
        elif seen.get("usable"):
            other = SingleInstance(folder)
            seen["answered"] = not other.take_lock() and other.ask_running_to_activate()
            seen["titles"] = window.list_page.visible_titles()
            seen["drafts"] = sorted(d.title for d in window.services.repo.list_drafts())
            seen["file_menu"] = [a.text() for a in window.file_menu.actions() if a.text()]
            seen["tools_menu"] = [a.text() for a in window.tools_menu.actions() if a.text()]
            seen["open_draft"] = window.current_draft_id()
            if copy_first:
                copy_rich_text(window)
                seen["copied"] = app.clipboard().text()
            window.close()
            return
        if waited[0] > LIMIT_MS:
            app.quit()
            return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    seen["code"] = run_app(Namespace(data_dir=folder, open_id=open_arg, path=None))
    seen["said"] = said
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    rest = [a for a in sys.argv[2:] if a != "--copy-first"]
    main(sys.argv[1], rest[0] if rest else None, copy_first="--copy-first" in sys.argv)
