"""The window's full integrity check between starts: a start that finds the file as the last check
left it does not read it whole again; a file damaged since is refused at the next start."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.gui import safety_features
from desktop.gui.app import _open_or_recover
from desktop.gui.main_window import MainWindow
from desktop.services import open_services
from desktop.storage import close_database, database, health, last_check
from desktop.storage.backup import make_daily_backup
from desktop.storage.database import DB_FILENAME, database_access
from desktop.storage.search import SearchIndex
from tests.hostile.conditions import checkpoint, damage_middle, fill


@pytest.fixture
def full_checks(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = health.check_file

    def spy(path, full=False, check=True):
        if full:
            calls.append(str(path))
        return real(path, full=full, check=check)

    monkeypatch.setattr(health, "check_file", spy)
    monkeypatch.setattr(last_check, "RACY_MARGIN_S", 0.0)
    return calls


@pytest.fixture
def db_file(data_dir):
    services = open_services(data_dir)
    fill(services.repo)
    SearchIndex(services.repo.db).catch_up()  # nothing left for the indexer to write
    make_daily_backup(data_dir, data_dir / DB_FILENAME, date(2026, 1, 1))
    close_database()
    checkpoint(data_dir / DB_FILENAME)
    return data_dir / DB_FILENAME


def start(qtbot, data_dir, monkeypatch) -> MainWindow:
    """A new start of the window: nothing remembered in memory from the one before."""
    monkeypatch.setattr(database, "_last_check", None)
    window = MainWindow(None, data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    services = _open_or_recover(window)
    window.attach_services(services)
    safety_features.install(window)
    window.safety.index_timer.stop()
    return window


def stop(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not any(t.name == "integrity-check" for t in threading.enumerate()), timeout=10000)
    window.safety.shutdown()
    close_database()


def test_a_start_on_the_file_the_last_check_found_sound_does_not_check_it_again(qtbot, db_file, full_checks,
                                                                                  monkeypatch):
    window = start(qtbot, db_file.parent, monkeypatch)
    stop(qtbot, window)
    assert len(full_checks) == 1
    assert last_check.unchanged_since_sound(db_file)
    window = start(qtbot, db_file.parent, monkeypatch)
    stop(qtbot, window)
    assert len(full_checks) == 1
    assert database_access() is None or not database_access().damaged


def test_a_file_damaged_since_the_last_start_is_refused_at_the_next(qtbot, db_file, full_checks, monkeypatch):
    window = start(qtbot, db_file.parent, monkeypatch)
    stop(qtbot, window)
    assert last_check.unchanged_since_sound(db_file)
    damage_middle(db_file)
    asked: list[str] = []

    def look_first(box):  # the damage question: open it read-only
        asked.append(box.text())
        next(b for b in box.buttons() if "唯讀" in b.text()).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look_first)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *_a: None))
    window = start(qtbot, db_file.parent, monkeypatch)
    try:
        assert "已損壞" in asked[0]
        assert database_access().damaged
        assert not last_check.unchanged_since_sound(db_file)
    finally:
        stop(qtbot, window)
