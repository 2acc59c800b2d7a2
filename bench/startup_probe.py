"""Run by bench_startup in a fresh process: start a window and exit the moment it is first painted
(or, for `app-ready`, the moment it is usable).

    python bench/startup_probe.py bare       a bare PySide6 QMainWindow (the baseline)
    python bench/startup_probe.py text       the same window with a menu, a label, buttons, a table
                                             header and a status line in Chinese: the floor for any
                                             window that shows text (the first text loads the fonts)
    python bench/startup_probe.py app        `python -m desktop` itself, unmodified: first paint
    python bench/startup_probe.py app-ready  the same, until the window is usable: the draft list
                                             filled and every menu in place
    python bench/startup_probe.py app-checked  usable, and the start's integrity check has ended

The probe creates the QApplication first; the app's own `make_application` reuses that instance,
so the app does the same work as when a user starts it. It watches only the top-level windows:
each window gets an event filter when it is shown. (An event filter on the whole application
would be called for every event of every widget and would make PySide wrap each receiver in a
Python object, which builds the Python enums of all Qt classes: ~40 ms that a window with many
widgets paid and a bare window did not.) At the end it prints which heavy libraries are loaded
and leaves with os._exit, so the parent's wall time is "process start → window on screen".
"""

import os
import sys

HEAVY = ("docxtpl", "docx", "docxcompose", "jinja2", "lxml", "PIL", "pillow_heif", "jsonschema", "peewee")
READY_POLL_MS = 1


def add_text_widgets(app, window) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

    font = QFont()
    font.setFamilies(["Microsoft JhengHei UI", "Noto Sans CJK TC"])
    font.setPointSize(10)
    app.setFont(font)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("我的出國報告"))
    for text in ("新增草稿", "開啟", "刪除"):
        layout.addWidget(QPushButton(text))
    table = QTableWidget(0, 4)
    table.setHorizontalHeaderLabels(["報告名稱", "出國期間", "狀態", "最後修改"])
    layout.addWidget(table)
    window.setCentralWidget(page)
    window.menuBar().addMenu("檔案(&F)")
    window.statusBar().showMessage("資料夾")


def leave() -> None:
    loaded = [name for name in HEAVY if name in sys.modules]
    sys.stdout.write("loaded:" + ",".join(loaded) + "\n")
    sys.stdout.flush()
    os._exit(0)


def is_usable(window) -> bool:
    """The app's window with its database open, its list filled and its feature menus added (the
    list is filled when the services arrive, before the features are installed)."""
    return getattr(window, "services", None) is not None and getattr(window, "safety", None) is not None


def check_ended(window) -> bool:
    """Usable, and the background integrity check the start began (if any) has ended."""
    import threading

    return is_usable(window) and not any(t.name == "integrity-check" for t in threading.enumerate())


def main(mode: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    app = QApplication([sys.argv[0]])

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                if mode not in ("app-ready", "app-checked"):
                    leave()
                poll = QTimer(app)
                done = check_ended if mode == "app-checked" else is_usable
                poll.timeout.connect(lambda: done(obj) and leave())
                poll.start(READY_POLL_MS)
            return False

    watcher = FirstPaint()
    show = QWidget.show

    def show_and_watch(widget) -> None:
        if widget.isWindow() and isinstance(widget, QMainWindow):
            widget.installEventFilter(watcher)
        show(widget)

    QWidget.show = show_and_watch
    if mode in ("bare", "text"):
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1200, 720)
        if mode == "text":
            add_text_widgets(app, window)
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
