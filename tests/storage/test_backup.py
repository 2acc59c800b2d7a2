import sqlite3
from datetime import date, timedelta

import pytest

from desktop.domain.report import Report
from desktop.storage import StorageError, close_database, open_repository
from desktop.storage.backup import KEEP_DAILY, list_backups, make_daily_backup, restore_backup
from desktop.storage.database import DB_FILENAME
from tests.engines import sqlite_only


@sqlite_only
def test_daily_backup_once_a_day_and_last_seven_kept(repo, data_dir):
    repo.create(Report.new("備份中的草稿"))
    db_file = data_dir / DB_FILENAME
    start = date(2026, 1, 1)
    for i in range(10):
        assert make_daily_backup(data_dir, db_file, start + timedelta(days=i)) is not None
    assert make_daily_backup(data_dir, db_file, start + timedelta(days=9)) is None
    days = [b.day for b in list_backups(data_dir)]
    assert days == [start + timedelta(days=i) for i in range(9, 9 - KEEP_DAILY, -1)]
    con = sqlite3.connect(list_backups(data_dir)[0].path)
    assert con.execute("SELECT title FROM draft").fetchall() == [("備份中的草稿",)]
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


@sqlite_only
def test_restore_backup_and_undo(repo, data_dir):
    report = Report.new("原本的名稱")
    repo.create(report)
    db_file = data_dir / DB_FILENAME
    backup = make_daily_backup(data_dir, db_file, date(2026, 1, 1))
    report.title = "後來改的名稱"
    repo.save(report)
    close_database()
    undo = restore_backup(data_dir, db_file, backup)
    repo = open_repository(data_dir)
    assert repo.load(report.id).title == "原本的名稱"
    close_database()
    restore_backup(data_dir, db_file, undo)
    repo = open_repository(data_dir)
    assert repo.load(report.id).title == "後來改的名稱"
    close_database()


@sqlite_only
def test_damaged_backup_is_refused(repo, data_dir):
    repo.create(Report.new("現在的"))
    bad = data_dir / "backups" / "daily-2026-01-01.db"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"garbage" * 1000)
    close_database()
    before = (data_dir / DB_FILENAME).read_bytes()
    with pytest.raises(StorageError, match="沒有還原"):
        restore_backup(data_dir, data_dir / DB_FILENAME, bad)
    assert (data_dir / DB_FILENAME).read_bytes() == before
