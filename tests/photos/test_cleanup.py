"""The store clean-up: unused photo files go after a grace period; anything a draft, a snapshot or
a backup refers to stays."""

from __future__ import annotations

import os
import time

import pytest

from desktop.cli import main
from desktop.domain.report import Photo, Report
from desktop.photos.cleanup import DAY, CleanupError, clean_store
from desktop.photos.edit import turn_photo
from desktop.photos.importer import IMPORTED, import_files
from desktop.photos.print_size import PRINT_LONG_EDGES, cached_print_path
from desktop.storage.backup import backups_dir, make_daily_backup
from desktop.storage.database import DB_FILENAME
from desktop.storage.snapshots import Snapshots
from tests.photos.test_print_copies import phone_photo

WEEK_AND_A_DAY = 8 * DAY


def import_photos(tmp_path, store, count):
    sources = [phone_photo(tmp_path / f"p{i}.jpg", size=(1200, 900), seed=i + 1) for i in range(count)]
    results = list(import_files(sources, store, workers=1))
    assert [r.status for r in results] == [IMPORTED] * count
    return [r.key for r in results]


def files_of(store, key) -> list:
    """The working copy, its thumbnail and its print copies."""
    return [store.path_of(key), store.thumb_path(key)] + [cached_print_path(store, key, e) for e in PRINT_LONG_EDGES]


def draft_with(repo, keys) -> Report:
    report = Report.new()
    report.photos = [Photo(file=k) for k in keys]
    report.id = repo.create(report)
    return repo.load(report.id)


def test_unused_files_go_only_after_the_grace_period(services, tmp_path):
    store, repo = services.photos, services.repo
    in_draft, in_snapshot, unused = import_photos(tmp_path, store, 3)
    report = draft_with(repo, [in_draft, in_snapshot])
    Snapshots(repo).take(report.id, label="送審版")
    report.photos = [p for p in report.photos if p.file == in_draft]  # removed after the snapshot
    repo.save(report)
    doomed = files_of(store, unused)
    assert all(p.is_file() for p in doomed)

    now = time.time()
    first = clean_store(store, now=now)  # first sighting: the grace period starts
    assert first.deleted == []
    assert first.waiting == len(doomed)
    assert all(p.is_file() for p in doomed)

    later = clean_store(store, now=now + WEEK_AND_A_DAY)
    assert sorted(later.deleted) == sorted(doomed)
    assert later.freed_bytes > 0
    assert not any(p.exists() for p in doomed)
    for key in (in_draft, in_snapshot):
        assert all(p.is_file() for p in files_of(store, key)), key


def test_an_old_photo_removed_just_now_is_kept_for_the_grace_period(services, tmp_path):
    store, repo = services.photos, services.repo
    (key,) = import_photos(tmp_path, store, 1)
    month_ago = time.time() - 30 * DAY
    for path in files_of(store, key):
        os.utime(path, (month_ago, month_ago))
    report = draft_with(repo, [key])
    report.photos = []  # removed now; undo in the open window still needs the file
    repo.save(report)

    now = time.time()
    assert clean_store(store, now=now).deleted == []
    assert clean_store(store, now=now + 6 * DAY).deleted == []
    assert store.has(key)
    assert len(clean_store(store, now=now + WEEK_AND_A_DAY).deleted) == 4


def test_a_turned_photo_keeps_its_original_and_a_backup_keeps_its_photos(services, tmp_path):
    store, repo = services.photos, services.repo
    turned_from, in_backup = import_photos(tmp_path, store, 2)
    turned, _, _ = turn_photo(store, turned_from, 90)
    report = draft_with(repo, [turned, in_backup])
    make_daily_backup(services.data_dir, services.data_dir / DB_FILENAME)
    report.photos = report.photos[:1]  # the backup still has the second photo
    repo.save(report)

    now = time.time()
    clean_store(store, now=now)
    clean_store(store, now=now + WEEK_AND_A_DAY)
    assert store.has(turned)
    assert store.has(turned_from)  # turning again starts from the unturned photo
    assert store.has(in_backup)

    for backup in backups_dir(services.data_dir).glob("*.db"):
        backup.unlink()
    assert clean_store(store, now=now + WEEK_AND_A_DAY * 2).deleted == []  # unused from now on
    deleted = clean_store(store, now=now + WEEK_AND_A_DAY * 3).deleted
    assert store.path_of(in_backup) in deleted
    assert store.has(turned_from)


def test_dry_run_lists_without_deleting(services, tmp_path):
    store = services.photos
    (key,) = import_photos(tmp_path, store, 1)
    now = time.time()
    clean_store(store, now=now)
    dry = clean_store(store, now=now + WEEK_AND_A_DAY, dry_run=True)
    assert sorted(dry.deleted) == sorted(files_of(store, key))
    assert "可刪除 4 個" in dry.summary()
    assert all(p.is_file() for p in files_of(store, key))


def test_an_unreadable_backup_stops_the_clean_up(services, tmp_path):
    store = services.photos
    (key,) = import_photos(tmp_path, store, 1)
    folder = backups_dir(services.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "daily-2025-01-01.db").write_bytes(b"not a database" * 100)
    with pytest.raises(CleanupError, match="未進行清理"):
        clean_store(store, grace_days=0)
    assert all(p.is_file() for p in files_of(store, key))


def test_command_line_clean(data_dir, tmp_path, capsys):
    assert main(["new", "東京考察"]) == 0
    draft_id = capsys.readouterr().out.strip()
    folder = tmp_path / "phone"
    folder.mkdir()
    phone_photo(folder / "kept.jpg", size=(1200, 900), seed=1)
    phone_photo(folder / "removed.jpg", size=(1200, 900), seed=2)
    assert main(["photos", "import", draft_id, str(folder)]) == 0
    capsys.readouterr()
    from desktop.services import open_services
    from desktop.storage import close_database

    services = open_services(data_dir)
    report = services.repo.load(int(draft_id))
    kept, removed = (p.file for p in report.photos)
    report.photos = report.photos[:1]
    services.repo.save(report)
    close_database()

    assert main(["photos", "clean", "--dry-run", "--days", "0"]) == 0
    out = capsys.readouterr().out
    assert str(services.photos.path_of(removed)) in out
    assert "可刪除 4 個不再使用的照片檔" in out
    assert services.photos.has(removed)

    assert main(["photos", "clean", "--days", "0"]) == 0
    assert "已刪除 4 個" in capsys.readouterr().out
    assert not services.photos.has(removed)
    assert all(p.is_file() for p in files_of(services.photos, kept))
    close_database()
