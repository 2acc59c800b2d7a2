"""Run by bench_startup in a fresh process: start a window and exit the moment it is first painted.

    python bench/startup_probe.py bare   a bare PySide6 QMainWindow (the baseline)
    python bench/startup_probe.py text   the same window with a menu, a label, buttons, a table header
                                         and a status line in Chinese: the floor for any window that
                                         shows text (the first text initialises fontconfig and fonts)
    python bench/startup_probe.py app    `python -m desktop` itself, unmodified

The probe creates the QApplication first only to install an event filter that sees the first paint
of a top-level window; the app's own `make_application` reuses that instance, so the app does the
same work as when a user starts it. At the first paint it prints which heavy libraries are loaded
and leaves with os._exit, so the parent's wall time is "process start → first window on screen".
"""

import os
import sys

HEAVY = ("docxtpl", "docx", "docxcompose", "jinja2", "lxml", "PIL", "pillow_heif", "jsonschema", "peewee")


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
