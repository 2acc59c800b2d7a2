"""The window and a damaged or read-only database: at start the newest good backup is offered
(the damaged file is kept aside, never deleted); looking first opens it read-only with a mark in
the status bar; damage found by the background check during a session stops writing and, after a
restore, the draft on screen is stored again as shown."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.domain.report import Report
from desktop.gui import safety_features
from desktop.gui.app import _open_or_recover
from desktop.gui.main_window import MainWindow
from desktop.services import open_services
from desktop.storage import close_database
from desktop.storage.backup import make_daily_backup
from desktop.storage.database import DB_FILENAME, database_access
from tests.gui.typing import type_text
from tests.hostile.conditions import damage_middle, damage_text_page, fill


@pytest.fixture
def said(monkeypatch) -> list[str]:
    texts: list[str] = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda _p, _t, text, *_a: texts.append(text)))
    return texts


def answer(monkeypatch, word: str) -> list[str]:
    """The next damage dialogs are answered with the button whose text holds `word`."""
    asked: list[str] = []

    def exec_(box):
        asked.append(box.text())
        button = next(b for b in box.buttons() if word in b.text())
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


@pytest.fixture
def damaged(data_dir):
    """Forty drafts backed up on 1 January, then one more, then damage in the middle, on a page
    of chapter text (damage to the list of drafts itself is another matter)."""
    services = open_services(data_dir)
    fill(services.repo)
    make_daily_backup(data_dir, data_dir / DB_FILENAME, date(2026, 1, 1))
    services.repo.create(Report.new("備份之後才寫的"))
    close_database()
    damage_text_page(data_dir / DB_FILENAME, "內容內容")
    return data_dir


def _window(qtbot, data_dir) -> MainWindow:
    window = MainWindow(None, data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    return window


def test_start_offers_the_backup_and_keeps_the_damaged_file(qtbot, damaged, monkeypatch, said):
    damaged_bytes = (damaged / DB_FILENAME).read_bytes()
    asked = answer(monkeypatch, "還原")
    window = _window(qtbot, damaged)
    services = _open_or_recover(window)
    try:
        assert "已損壞" in asked[0]
        assert "每日備份 2026-01-01" in asked[0]
        assert database_access().writable
        assert len(services.repo.list_drafts()) == 40
        aside = [p for p in damaged.iterdir() if p.name.startswith(f"{DB_FILENAME}.damaged-")
                 and not p.name.endswith(("-wal", "-shm"))]
        assert [p.read_bytes() == damaged_bytes for p in aside] == [True]
        assert any(aside[0].name in text for text in said)
    finally:
        close_database()


def test_looking_first_opens_it_read_only_and_says_so_once(qtbot, damaged, monkeypatch, said):
    answer(monkeypatch, "唯讀")
    window = _window(qtbot, damaged)
    services = _open_or_recover(window)
    window.attach_services(services)
    safety_features.install(window)
    try:
        assert not database_access().writable
        qtbot.waitUntil(lambda: window.statusBar().findChild(QLabel, "read-only-mark") is not None, timeout=3000)
        window.open_draft(services.repo.list_drafts()[-1].id)
        failures = []
        window.editor_page.autosaver.failed.connect(failures.append)
        type_text(qtbot, window.editor_page.field("title"), "不會存進損壞的檔案")
        qtbot.waitUntil(lambda: bool(failures), timeout=3000)
        qtbot.wait(1500)  # retries happen meanwhile, and are not reported again
        assert len(failures) == 1
        assert "已損壞" in failures[0]
        assert window.editor_page.autosaver.pending  # the text stays in the window, to be saved later
    finally:
        window.editor_page.autosaver.discard()
        window.safety.shutdown()
        close_database()


def test_damage_found_during_a_session_keeps_the_draft_on_screen(qtbot, data_dir, monkeypatch, said):
    services = open_services(data_dir)
    fill(services.repo)
    make_daily_backup(data_dir, data_dir / DB_FILENAME, date(2026, 1, 1))
    late = services.repo.create(Report.new("備份之後才寫的"))
    window = MainWindow(services)
    qtbot.addWidget(window)
    safety_features.install(window)
    window.show()
    try:
        window.open_draft(late)
        type_text(qtbot, window.editor_page.field("title"), "（畫面上的最新內容）")
        with qtbot.waitSignal(window.editor_page.saved, timeout=3000):
            pass
        con = sqlite3.connect(data_dir / DB_FILENAME)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        damage_middle(data_dir / DB_FILENAME)
        asked = answer(monkeypatch, "還原")
        with qtbot.waitSignal(window.safety.integrityChecked, timeout=10000):
            window.safety.check_integrity()
        assert "已損壞" in asked[0]
        titles = [d.title for d in window.services.repo.list_drafts()]
        assert "備份之後才寫的（畫面上的最新內容）" in titles  # not in the backup: stored again from the screen
        assert len(titles) == 41
        assert window.current_draft_id() is not None
        assert window.editor_page.field("title").text() == "備份之後才寫的（畫面上的最新內容）"
    finally:
        window.safety.shutdown()
        close_database()


def test_a_read_only_database_says_what_a_window_user_can_do(qtbot, data_dir, monkeypatch, said):
    # Starting the command line with --data-dir is not something a window user can do.
    from tests.hostile.conditions import make_read_only

    services = open_services(data_dir)
    draft_id = services.repo.create(Report.new("唯讀的草稿"))
    close_database()
    undo = make_read_only(data_dir / DB_FILENAME)
    if undo is None:
        pytest.skip("cannot make a file read-only here")
    window = _window(qtbot, data_dir)
    try:
        window.attach_services(_open_or_recover(window))
        safety_features.install(window)
        qtbot.waitUntil(lambda: bool(said), timeout=3000)
        window.open_draft(draft_id)
        failures = []
        window.editor_page.saveFailed.connect(failures.append)
        type_text(qtbot, window.editor_page.field("title"), "存不進去")
        qtbot.waitUntil(lambda: bool(failures), timeout=3000)
        mark = window.statusBar().findChild(QLabel, "read-only-mark")
        for text in (said[0], failures[0], mark.toolTip()):
            assert "只能讀取" in text, text
            assert "--data-dir" not in text, text
            assert "資訊人員" in text, text
            assert str(data_dir) in text, text
            assert "「檔案 → 打包草稿" in text, text
            assert "「工具 → 從備份還原」" in text, text
    finally:
        window.editor_page.autosaver.discard()
        window.safety.shutdown()
        close_database()
        undo()


def test_a_damaged_database_says_what_to_do_in_the_window(qtbot, damaged, monkeypatch, said):
    # A restore that cannot put the backup in place (the folder turned read-only) leaves the damaged
    # file open read-only, with the storage layer's reason, which names commands to type.
    from desktop.gui.backup_dialog import BackupDialog
    from tests.hostile.conditions import make_read_only

    answer(monkeypatch, "唯讀")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.Yes))
    window = _window(qtbot, damaged)
    window.attach_services(_open_or_recover(window))
    safety_features.install(window)
    undo = make_read_only(damaged)
    if undo is None:
        pytest.skip("cannot make a folder read-only here")
    try:
        dialog = BackupDialog(window)
        qtbot.addWidget(dialog)
        dialog.restore_selected()
        assert "還原失敗" in said[-1]
        assert database_access().damaged
        said.clear()
        window.new_action.trigger()
        text = said[-1]
        assert "已損壞" in text
        for command in ("tripreport show", "tripreport import", "tripreport restore-backup"):
            assert command not in text  # the command line's way, not the window's
        assert "最新的完好備份是「每日備份 2026-01-01" in text
        assert "在「工具 → 從備份還原」選它" in text
        assert "「檔案 → 打包草稿（.tripreport）」" in text
        assert "「開啟資料夾」" in text
    finally:
        undo()
        window.safety.shutdown()
        close_database()


def test_the_command_line_keeps_its_own_commands(damaged):
    from desktop.storage import open_repository

    open_repository(damaged)
    try:
        assert "tripreport show" in database_access().refusal
    finally:
        close_database()


def test_damage_to_the_draft_list_itself_read_only_says_so_instead_of_a_traceback(
        qtbot, data_dir, monkeypatch, said):
    services = open_services(data_dir)
    fill(services.repo)
    make_daily_backup(data_dir, data_dir / DB_FILENAME, date(2026, 1, 1))
    close_database()
    damage_text_page(data_dir / DB_FILENAME, "草稿 2")  # a page of the draft table's own rows
    answer(monkeypatch, "唯讀")
    window = _window(qtbot, data_dir)
    services = _open_or_recover(window)
    try:
        window.attach_services(services)  # reads the list: raised DatabaseDamaged before
        safety_features.install(window)
        window.reopen_last_draft()
        page = window.list_page
        assert page.unreadable.isVisible()
        assert page.unreadable_label.text().startswith("無法讀取草稿清單：資料庫檔案已損壞")
        assert not page.empty_label.isVisible()  # not "no drafts yet": they are there, unreadable
        opened = []
        monkeypatch.setattr("desktop.gui.backup_dialog.BackupDialog.exec", lambda dialog: opened.append(dialog))
        page.restore_button.click()
        assert len(opened) == 1  # the existing 從備份還原 dialog
    finally:
        window.safety.shutdown()
        close_database()
