"""A database damaged in the middle (4 KiB of random bytes, as a failing sector leaves it).

Nothing may write into it, back it up or migrate it; reading what can still be read is allowed
(to save drafts as JSON before restoring); every message offers the newest good backup, and
restoring keeps the damaged file aside instead of deleting it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_DRAFT
from tests.hostile.conditions import cli, damage_middle, digest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    """A data folder with 30 drafts (about 100 pages) and yesterday's good backup."""
    from desktop.interchange.draft_files import import_draft_file
    from desktop.services import open_services
    from desktop.storage import close_database

    folder = tmp_path_factory.mktemp("filled") / "data"
    services = open_services(folder)
    for _ in range(30):
        import_draft_file(EXAMPLE_DRAFT, services.repo, services.photos)
    close_database()
    backups = folder / "backups"
    backups.mkdir()
    con = sqlite3.connect(folder / "tripreport.db")
    good = sqlite3.connect(backups / "daily-2026-01-01.db")
    con.backup(good)
    good.execute("PRAGMA journal_mode = DELETE")  # as the app's backups are: one standalone file
    good.close()
    con.close()
    return folder


@pytest.fixture
def damaged(filled, tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(filled, folder)
    damage_middle(folder / "tripreport.db")
    return folder


def test_nothing_writes_into_a_damaged_database(damaged):
    db = damaged / "tripreport.db"
    before = digest(db)
    for args in (["new", "寫進壞掉的檔案"], ["import", str(EXAMPLE_DRAFT)], ["snapshot", "1", "-m", "x"],
                 ["history", "1", "--restore", "1"]):
        run = cli(damaged, *args)
        run.assert_no_traceback()
        assert run.code == 1, (args, run.text)
        assert "已損壞" in run.err, run.err
        assert "每日備份 2026-01-01" in run.err, run.err
    assert digest(db) == before


def test_no_backup_is_made_from_a_damaged_database(damaged):
    kept = sorted(p.name for p in (damaged / "backups").iterdir())
    run = cli(damaged, "backup")
    run.assert_no_traceback()
    assert run.code == 1
    assert "已損壞" in run.err
    assert sorted(p.name for p in (damaged / "backups").iterdir()) == kept


def test_reading_says_it_is_damaged_and_offers_the_backup(damaged):
    """`list` and `show` either read what is still readable, with a warning, or refuse: never a
    silent success, never a traceback."""
    for args in (["list"], ["show", "1"], ["show", "15"], ["show", "30"], ["export", "2", "-o", str(damaged / "x.docx")]):
        run = cli(damaged, *args)
        run.assert_no_traceback()
        assert "已損壞" in run.err, (args, run.err)
        assert "restore-backup" in run.err, (args, run.err)


def test_restore_backup_keeps_the_damaged_file_aside(damaged):
    damaged_bytes = (damaged / "tripreport.db").read_bytes()
    run = cli(damaged, "restore-backup")
    run.assert_no_traceback()
    assert run.code == 0, run.text
    assert "每日備份 2026-01-01" in run.out
    aside = [p for p in damaged.iterdir() if p.name.startswith("tripreport.db.damaged-")
             and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1
    assert aside[0].read_bytes() == damaged_bytes
    listing = cli(damaged, "list")
    assert listing.code == 0, listing.text
    assert listing.err == "", listing.text
    assert len(listing.out.splitlines()) == 30
    assert cli(damaged, "new", "還原後").code == 0


def test_damaged_old_version_is_not_migrated(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = data / "tripreport.db"
    shutil.copyfile(FIXTURES / "schema-v2.db", db)
    damage_middle(db)
    before = digest(db)
    run = cli(data, "list")
    run.assert_no_traceback()
    assert run.code == 1
    assert "已損壞" in run.err
    assert "不會寫入、備份或升級" in run.err
    assert digest(db) == before
    assert not (data / "backups").exists() or not any((data / "backups").iterdir())
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 2
    con.close()
