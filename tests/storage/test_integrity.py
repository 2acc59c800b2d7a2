"""SQLite's check on open, and backups that never take in a damaged database."""

import shutil
from datetime import date, timedelta

import pytest

from desktop.domain.report import Report
from desktop.storage import close_database, open_repository
from desktop.storage.backup import KEEP_DAILY, list_backups, make_daily_backup, newest_good_backup
from desktop.storage.database import DB_FILENAME, database_access
from desktop.storage.errors import DatabaseDamaged
from tests.hostile.conditions import damage_middle, digest, fill


@pytest.fixture
def damaged_with_backups(data_dir):
    repo = open_repository(data_dir)
    fill(repo)
    start = date(2026, 1, 1)
    for i in range(KEEP_DAILY):
        make_daily_backup(data_dir, data_dir / DB_FILENAME, start + timedelta(days=i))
    close_database()
    damage_middle(data_dir / DB_FILENAME)
    return data_dir


def test_damaged_database_opens_read_only_and_refuses_writes(damaged_with_backups):
    data_dir = damaged_with_backups
    before = digest(data_dir / DB_FILENAME)
    repo = open_repository(data_dir)
    try:
        access = database_access()
        assert access.damaged
        assert not access.writable
        assert "每日備份 2026-01-07" in access.refusal
        with pytest.raises(DatabaseDamaged, match="已損壞"):
            repo.create(Report.new("不該寫入"))
    finally:
        close_database()
    assert digest(data_dir / DB_FILENAME) == before


def test_a_damaged_database_never_becomes_a_backup(damaged_with_backups):
    data_dir = damaged_with_backups
    kept = [(b.path.name, digest(b.path)) for b in list_backups(data_dir)]
    with pytest.raises(DatabaseDamaged):
        make_daily_backup(data_dir, data_dir / DB_FILENAME, date(2026, 1, 8))
    # The week of good backups is all still there: a damaged copy pushed none of them out.
    assert [(b.path.name, digest(b.path)) for b in list_backups(data_dir)] == kept
    assert not list((data_dir / "backups").glob(".*.tmp"))


def test_newest_good_backup_skips_a_damaged_one(damaged_with_backups):
    data_dir = damaged_with_backups
    newest = list_backups(data_dir)[0].path
    shutil.copyfile(data_dir / DB_FILENAME, newest)  # the newest backup is damaged too
    assert newest_good_backup(data_dir).path.name == "daily-2026-01-06.db"
