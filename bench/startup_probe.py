"""Run by bench_startup in a fresh process: start a window and exit the moment it is first painted.

    python bench/startup_probe.py bare   a bare PySide6 QMainWindow (the baseline)
    python bench/startup_probe.py app    `python -m desktop` itself, unmodified

The probe creates the QApplication first only to install an event filter that sees the first paint
of a top-level window; the app's own `make_application` reuses that instance, so the app does the
same work as when a user starts it. At the first paint it prints which heavy libraries are loaded
and leaves with os._exit, so the parent's wall time is "process start → first window on screen".
"""

import os
import sys

HEAVY = ("docxtpl", "docx", "docxcompose", "jinja2", "lxml", "PIL", "pillow_heif", "jsonschema", "peewee")


def main(mode: str) -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                loaded = [name for name in HEAVY if name in sys.modules]
                sys.stdout.write("loaded:" + ",".join(loaded) + "\n")
                sys.stdout.flush()
                os._exit(0)
            return False

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    if mode == "bare":
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1200, 720)
        window.show()
        app.exec()
    else:
        import runpy

        sys.argv = [sys.argv[0]]
        runpy.run_module("desktop", run_name="__main__", alter_sys=True)
    sys.stderr.write("the window closed before it was painted\n")
    os._exit(3)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "app")
