"""The last full check that found the database sound: an unchanged file is not checked again at
every open, and any change, damage included, makes the next open check it again."""

import os

import pytest

from desktop.domain.report import Report
from desktop.storage import close_database, database, health, last_check, open_repository
from desktop.storage.database import DB_FILENAME, database_access
from tests.hostile.conditions import checkpoint, damage_middle, fill


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """What each call of SQLite's checks was: "full", "quick" or "none" (the version alone)."""
    calls: list[str] = []
    real = health.check_file

    def spy(path, full=False, check=True):
        calls.append("full" if full else "quick" if check else "none")
        return real(path, full=full, check=check)

    monkeypatch.setattr(health, "check_file", spy)
    monkeypatch.setattr(last_check, "RACY_MARGIN_S", 0.0)  # the file was written a moment ago
    return calls


@pytest.fixture
def sound_file(data_dir):
    """A closed, checkpointed database of forty drafts that a full check found sound."""
    fill(open_repository(data_dir))
    close_database()
    db_file = data_dir / DB_FILENAME
    checkpoint(db_file)
    return db_file


def new_process(monkeypatch) -> None:
    """What the next start knows: the record on disk, not this process's memory of its checks."""
    monkeypatch.setattr(database, "_last_check", None)


def test_an_unchanged_file_is_not_checked_again(sound_file, checks, monkeypatch):
    assert last_check.full_check(sound_file) == ""
    assert checks == ["full"]
    for _ in range(2):  # two more starts, closed normally in between
        new_process(monkeypatch)
        open_repository(sound_file.parent)
        assert last_check.full_check(sound_file) == ""
        close_database()
    assert checks == ["full", "none", "none"]


def test_a_file_damaged_between_starts_is_refused_at_open(sound_file, checks, monkeypatch):
    assert last_check.full_check(sound_file) == ""
    damage_middle(sound_file)
    new_process(monkeypatch)
    open_repository(sound_file.parent)
    try:
        assert database_access().damaged
        assert checks == ["full", "quick"]
    finally:
        close_database()
    assert not (sound_file.parent / last_check.RECORD_NAME).exists()


def test_damage_with_the_old_modification_time_put_back_is_still_caught(sound_file, checks, monkeypatch):
    assert last_check.full_check(sound_file) == ""
    before = sound_file.stat()
    with open(sound_file, "r+b") as fh:  # the same size, and the times set back as they were
        fh.seek(before.st_size // 2)
        fh.write(os.urandom(4096))
    os.utime(sound_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert sound_file.stat().st_mtime_ns == before.st_mtime_ns
    new_process(monkeypatch)
    open_repository(sound_file.parent)
    try:
        assert database_access().damaged
    finally:
        close_database()


def test_the_full_check_runs_again_whenever_the_file_changed(sound_file, checks, monkeypatch):
    assert last_check.full_check(sound_file) == ""
    repo = open_repository(sound_file.parent)
    repo.create(Report.new("又寫了一份"))  # the log changes, the file itself not yet
    assert last_check.full_check(sound_file) == ""
    close_database()  # the log is folded into the file
    new_process(monkeypatch)
    open_repository(sound_file.parent)
    close_database()
    assert last_check.full_check(sound_file) == ""
    assert last_check.full_check(sound_file) == ""  # and now it is the one found sound
    assert checks == ["full", "none", "full", "quick", "full"]


def test_damage_found_by_the_full_check_is_never_remembered_as_sound(sound_file, checks, monkeypatch):
    assert last_check.full_check(sound_file) == ""
    damage_middle(sound_file)
    assert last_check.full_check(sound_file) != ""
    assert not (sound_file.parent / last_check.RECORD_NAME).exists()
    assert last_check.full_check(sound_file) != ""  # found again, not skipped


def test_a_check_begun_right_after_a_write_is_not_remembered(sound_file, monkeypatch):
    """A coarse clock (FAT keeps 2 s) could give a write made just after the check the same time."""
    monkeypatch.setattr(last_check, "RACY_MARGIN_S", 60.0)
    assert last_check.full_check(sound_file) == ""
    assert not last_check.unchanged_since_sound(sound_file)


def test_a_folder_that_cannot_be_written_only_means_checking_again(sound_file, checks, monkeypatch):
    from desktop import fileio

    def refuse(*_args):
        raise fileio.FileWriteError("唯讀")

    monkeypatch.setattr(fileio, "atomic_write_text", refuse)
    assert last_check.full_check(sound_file) == ""
    assert last_check.full_check(sound_file) == ""
    assert checks == ["full", "full"]
