"""Fixtures for the window's tests. New drafts take the default kind unless a test asks otherwise:
新增草稿's kind dialog left open would wait forever offscreen."""

from __future__ import annotations

import pytest


@pytest.fixture
def app_font(qapp):
    """Sizes as a user sees them: the app's own font (as make_application sets it), not the
    smaller default of the test application; put back afterwards."""
    from PySide6.QtGui import QFont

    from desktop.gui.app import UI_FONT_FAMILIES

    old = qapp.font()
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(10)
    qapp.setFont(font)
    yield
    qapp.setFont(old)


@pytest.fixture
def window(qtbot, data_dir):
    """The main window at 1366×768 with its services, active (shortcuts only fire in the active
    window); closed and its database closed afterwards."""
    from desktop.storage import close_database
    from tests.gui.editor_helpers import make_window

    win = make_window(qtbot, data_dir)
    yield win
    win.close()
    close_database()


@pytest.fixture(autouse=True)
def _new_drafts_take_the_default_kind(monkeypatch):
    from desktop.domain.kinds import registry
    from desktop.gui import kind_dialogs

    monkeypatch.setattr(kind_dialogs, "ask_kind", lambda *_a, **_k: registry().default)


@pytest.fixture(autouse=True, scope="session")
def _settings_in_tmp(tmp_path_factory):
    """Nothing a test does reaches the user's real settings: Qt's own (a non-native file dialog
    remembers its folder in QtProject.conf) go to a temporary folder. The app's own settings live
    in the data folder, which every test has in tmp_path already."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qt-settings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, folder)


@pytest.fixture(autouse=True)
def _nothing_left_running(qapp):
    """Each test starts from a clean application, whatever the tests before it left behind:
    windows closed by pytest-qt are deleted now (a deleteLater outside an event loop would wait
    for some later test), and no thread the app started may outlive its window — a thread still
    running when its window is deleted crashes the process, at a random later point."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop.gui.agency_connect import wait_for_sign_ins

    wait_for_sign_ins()  # sign-ins the user stopped waiting for: the app waits for them as it quits
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    running = _app_threads()
    assert not running, f"threads still running after the test: {running}"


def _app_threads() -> list[str]:
    """The app's own Python threads still alive; an integrity check ends by itself and is
    given the time it needs."""
    import threading

    checks = [t for t in threading.enumerate() if t.name == "integrity-check"]
    for check in checks:
        check.join(10)
    named = {"search-index", "integrity-check"}
    return sorted(t.name for t in threading.enumerate() if t.name in named and t.is_alive())


@pytest.fixture(autouse=True, scope="session")
def _clipboard_emptied_at_the_end(qapp):
    """The app's own quit step (app.let_go_of_the_clipboard): a QMimeData a test copied would
    otherwise be deleted by Qt after Python has ended, and the run would end in a crash."""
    yield
    from desktop.gui.app import let_go_of_the_clipboard

    let_go_of_the_clipboard(qapp)
