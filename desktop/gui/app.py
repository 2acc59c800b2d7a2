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
    from desktop.gui.single_instance import ALREADY_RUNNING, NOT_ANSWERING, SingleInstance, bring_to_front
    from desktop.paths import resolve_data_dir
    from desktop.services import open_services
    from desktop.storage import StorageError

    data_dir = resolve_data_dir(args.data_dir)
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.ask_running_to_activate():
            print(ALREADY_RUNNING.format(folder=data_dir), file=sys.stderr)
            return 0
        QMessageBox.warning(None, APP_TITLE, NOT_ANSWERING.format(folder=data_dir))
        return 1
    try:
        services = open_services(data_dir)
    except StorageError as err:
        QMessageBox.critical(None, APP_TITLE, str(err))
        return 1
    window = MainWindow(services)
    instance.activateRequested.connect(lambda: bring_to_front(window))
    from desktop.gui import export_dialog
    from desktop.gui.safety_features import install as install_safety

    install_safety(window)
    export_dialog.install(window)
    window.show()
    if args.open_id or args.path:
        window.open_from_command_line(args.open_id, args.path)
    code = app.exec()
    instance.release()
    return code
