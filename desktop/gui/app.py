"""The QApplication and the one place where the main window's services are wired."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, APP_TITLE
from desktop.gui.qt_language import UI_FONT_FAMILIES, set_up_language  # noqa: F401 (tests import the families here)
from desktop.paths import resources_dir


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    set_up_language(app)
    icon = resources_dir() / "icons" / "app.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def use_drawn_icon_sizes(app: QApplication) -> None:
    """The .ico's drawn sizes (16–256 px), crisp in the title bar at every scale; after the first
    paint, as reading it loads Qt's ico plugin (~8 ms)."""
    icon = resources_dir() / "icons" / "app.ico"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


class AfterFirstPaint(QObject):
    """Calls `callback` once, right after the window's first paint has reached the screen.

    A zero-timer set before show() fires before the first paint, so the work it runs delays the
    window; instead this watches the window's first Paint and queues the callback behind it. A
    window that is never painted (started minimised) gets the callback after FALLBACK_MS."""

    FALLBACK_MS = 1500

    def __init__(self, window, callback):
        super().__init__(window)
        self._window = window
        self._callback = callback
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self._fire)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if obj is self._window and event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._window.removeEventFilter(self)
            callback()


def run_app(args) -> int:
    """Show the window first, then do the rest of the start-up behind its first paint: open the
    database and fill the draft list, answer later starts, add the feature menus, start the
    backups and the recovery check. Only the single-instance lock is taken before the window, so
    a second start still never opens the database."""
    app = make_application()
    from desktop.gui.main_window import MainWindow
    from desktop.gui.single_instance import ALREADY_RUNNING, NOT_ANSWERING, SingleInstance
    from desktop.paths import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    instance = SingleInstance(data_dir)
    if not instance.take_lock():
        from PySide6.QtWidgets import QMessageBox

        if instance.ask_running_to_activate(forwarded_path(args)):
            print(ALREADY_RUNNING.format(folder=data_dir), file=sys.stderr)
            return 0
        QMessageBox.warning(None, APP_TITLE, NOT_ANSWERING.format(folder=data_dir))
        return 1
    window = MainWindow(None, data_dir=data_dir)
    AfterFirstPaint(window, lambda: _finish_start(app, window, instance, args))
    window.show()
    code = app.exec()
    let_go_of_the_clipboard(app)
    instance.release()
    return code


# Platforms whose clipboard is a global of Qt's own, in this process only: it outlives the
# application and is deleted by the C library's exit handlers, after Python has ended.
PROCESS_ONLY_CLIPBOARDS = ("offscreen", "minimal")


def let_go_of_the_clipboard(app) -> None:
    """Before Python ends: a copy from a chapter is a QMimeData made in Python. Windows and X11
    take the clipboard over while the application is destroyed, so it stays pasteable elsewhere;
    a process-only clipboard would delete it after Python has ended, a segmentation fault at quit.
    Nobody else can paste from that one, so it is emptied now."""
    if app.platformName() in PROCESS_ONLY_CLIPBOARDS:
        app.clipboard().clear()


def forwarded_path(args) -> str | None:
    """The file a second start hands to the running window (a double-clicked .tripreport), made
    absolute: the running app has another working folder."""
    from pathlib import Path

    given = args.path or (args.open_id if args.open_id and not args.open_id.strip().isdigit() else None)
    return str(Path(given).expanduser().resolve()) if given else None


def _finish_start(app, window, instance, args) -> None:
    from desktop.gui import export_dialog
    from desktop.gui.photos.store_cleanup import install as install_photo_cleanup
    from desktop.gui.safety_features import install as install_safety
    from desktop.gui.single_instance import bring_to_front
    from desktop.gui.word_import_dialog import install as install_word_import

    def answer_later_starts() -> None:
        instance.listen()
        instance.activateRequested.connect(lambda: bring_to_front(window))
        instance.openRequested.connect(lambda path: window.open_from_command_line(None, path))

    # The socket loads QtNetwork (~25 ms): it listens at the next turn of the event loop, after the
    # list and the menus, or while a recovery question below waits for the user. A second start
    # keeps asking until it answers.
    QTimer.singleShot(0, answer_later_starts)
    services = _open_or_recover(window, getattr(args, "database", None))
    if services is None:
        window.close()
        app.exit(1)
        return
    window.attach_services(services)
    use_drawn_icon_sizes(app)
    install_safety(window)
    export_dialog.install(window)
    install_photo_cleanup(window)
    from desktop.gui.agency_features import install as install_agency

    install_agency(window)
    install_word_import(window)
    if args.open_id or args.path:
        window.open_from_command_line(args.open_id, args.path)
    else:
        window.reopen_last_draft()


def _open_or_recover(window, database: str | None = None):
    """The services, or None to end (the reason already said). A damaged database is never just
    opened: the newest good backup is offered first (backup_dialog.recover_at_start). An agency
    server asks for the password, and offers the local folder when it cannot be used."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.gui.agency_connect import open_services_signing_in
    from desktop.storage import StorageError
    from desktop.storage.database import database_access
    from desktop.storage.errors import DatabaseDamaged

    try:
        services = open_services_signing_in(window, database)
    except DatabaseDamaged as err:  # not even readable as it is
        from desktop.gui.backup_dialog import recover_at_start

        return recover_at_start(window, window.data_dir, err.problem or str(err))
    except StorageError as err:
        from desktop.gui.storage_wording import for_window

        QMessageBox.critical(window, APP_TITLE, for_window(str(err), window.data_dir))
        return None
    access = database_access()
    if access is not None and access.damaged:
        from desktop.gui.backup_dialog import recover_at_start

        return recover_at_start(window, window.data_dir, access.problem, services)
    return services
