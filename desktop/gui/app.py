"""The QApplication and the one place where the main window's services are wired."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, APP_TITLE
from desktop.paths import resources_dir

# fontconfig would otherwise pick Noto Sans CJK JP (Japanese glyph shapes) for Chinese text.
UI_FONT_FAMILIES = ["Microsoft JhengHei UI", "Microsoft JhengHei", "Noto Sans CJK TC", "PingFang TC", "AR PL UKai TW"]


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    icon = resources_dir() / "icons" / "app.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_app(args) -> int:
    app = make_application()
    from desktop.gui.main_window import MainWindow
    from desktop.services import open_services
    from desktop.storage import StorageError

    try:
        services = open_services(args.data_dir)
    except StorageError as err:
        QMessageBox.critical(None, APP_TITLE, str(err))
        return 1
    window = MainWindow(services)
    from desktop.gui import export_dialog

    export_dialog.install(window)
    window.show()
    if args.open_id or args.path:
        window.open_from_command_line(args.open_id, args.path)
    return app.exec()
