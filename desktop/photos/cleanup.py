"""Clearing the photo store of files nothing refers to any more. No Qt.

Removing or turning a photo leaves its files behind (undo needs them), so the store only grows.
This sweep deletes working copies, thumbnails and print-size copies that no draft refers to, with
two guards so nothing a user could still want goes:

- References are read from every place a photo key can come back from: the drafts, every snapshot
  (draft JSON), and every database backup in backups/ (restoring one brings its drafts back). A
  turned photo also keeps its unturned original, which turning again is made from. If any of these
  cannot be read, nothing is deleted.
- Grace: a file is deleted only when it has been unreferenced at sweeps at least `grace` apart (the
  first sighting is recorded in photos-unreferenced.json) *and* was written at least `grace` ago.
  A photo imported long ago and removed a minute ago is therefore safe for another week, which
  covers undo in a session still open and a restore of a recent snapshot.

Just before deleting, the references are read again, so a draft saved during the sweep keeps its
photos. A deletion is one unlink; the record is written atomically.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop.fileio import atomic_write_bytes
from desktop.photos.edit import split_turn
from desktop.photos.pipeline import thumb_name
from desktop.photos.print_size import print_cache_dir, print_fingerprint, resolve_photo_file

GRACE_DAYS = 7
MARKS_FILENAME = "photos-unreferenced.json"
DAY = 24 * 3600


class CleanupError(Exception):
    """The sweep was not done; str(err) says why, in Chinese."""


@dataclass
class CleanupResult:
    deleted: list[Path] = field(default_factory=list)  # or, in a dry run, what would be
    freed_bytes: int = 0
    waiting: int = 0  # unreferenced, but still within the grace period
    dry_run: bool = False
    grace_days: float = GRACE_DAYS

    def summary(self) -> str:
        verb = "可刪除" if self.dry_run else "已刪除"
        mb = self.freed_bytes / 1024 / 1024
        text = f"{verb} {len(self.deleted)} 個不再使用的照片檔（{mb:.1f} MB）。"
        if self.waiting:
            text += f"另有 {self.waiting} 個檔案已不再使用，保留期滿（{self.grace_days:g} 天）後才會刪除，以便復原。"
        return text


def _keys_in_draft_json(content: str) -> list[str]:
    data = json.loads(content)
    return [str(p.get("file", "")) for p in data.get("photos", []) if isinstance(p, dict)]


def _keys_in_database(path: Path) -> set[str]:
    """Photo keys of every draft and snapshot in one database file, read-only."""
    keys: set[str] = set()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        keys.update(row[0] for row in conn.execute("SELECT file FROM photo"))
        try:
            for (content,) in conn.execute("SELECT content FROM snapshot"):
                keys.update(_keys_in_draft_json(content))
        except sqlite3.OperationalError as err:
            if "no such table" not in str(err):  # a backup from before snapshots existed has none
                raise
    finally:
        conn.close()
    return keys


def referenced_keys(data_dir: Path) -> set[str]:
    """Every photo key a draft, snapshot or backup refers to. Raises CleanupError when any of them
    cannot be read (better to keep every file than to guess)."""
    from desktop.storage.backup import backups_dir
    from desktop.storage.database import DB_FILENAME

    live = Path(data_dir) / DB_FILENAME
    if not live.is_file():
        raise CleanupError(f"找不到草稿資料庫「{live}」，為避免誤刪照片，未進行清理。")
    sources = [live, *sorted(backups_dir(data_dir).glob("*.db"))]
    keys: set[str] = set()
    for source in sources:
        try:
            keys |= _keys_in_database(source)
        except (sqlite3.Error, ValueError, OSError) as err:
            raise CleanupError(f"無法讀取「{source.name}」中的照片紀錄（{err}），為避免誤刪照片，未進行清理。") from err
    # A turned photo is made again from its unturned original whenever it is turned.
    return {k for k in keys if k} | {split_turn(k)[0] for k in keys if k}


def _kept_files(store, keys: set[str]) -> set[Path]:
    """The store, thumbnail and print-cache files that belong to the referenced keys."""
    kept: set[Path] = set()
    fingerprints: set[str] = set()
    for key in keys:
        kept.add(store.path_of(key))
        kept.add(store.thumbs / thumb_name(key))
        try:
            fingerprints.add(print_fingerprint(resolve_photo_file(store, key)))
        except OSError:
            pass  # a missing photo has no print copies to keep
    cache = print_cache_dir(store.root)
    if cache.is_dir():
        kept.update(p for p in cache.iterdir() if p.name.split("-", 1)[0] in fingerprints)
    return kept


def _candidates(store) -> list[Path]:
    files = []
    for folder in (store.root, store.thumbs, print_cache_dir(store.root)):
        if folder.is_dir():
            files.extend(p for p in folder.rglob("*") if p.is_file())
    return files


def _read_marks(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}  # no record (or a damaged one) only means every grace period starts now


def clean_store(store, grace_days: float = GRACE_DAYS, dry_run: bool = False,
                now: float | None = None) -> CleanupResult:
    """Delete (or, with dry_run, list) the store files nothing refers to, past the grace period.
    The data folder (database, backups) is the one the store is in."""
    data_dir = store.root.parent
    now = time.time() if now is None else now
    grace = grace_days * DAY
    marks_path = data_dir / MARKS_FILENAME
    marks = _read_marks(marks_path)
    kept = _kept_files(store, referenced_keys(data_dir))
    result = CleanupResult(dry_run=dry_run, grace_days=grace_days)
    unreferenced: dict[str, float] = {}
    due: list[Path] = []
    for path in _candidates(store):
        if path in kept:
            continue
        name = path.relative_to(data_dir).as_posix()
        first_seen = marks.get(name, now)
        unreferenced[name] = first_seen
        try:
            written = path.stat().st_mtime
        except OSError:
            continue
        if now - first_seen >= grace and now - written >= grace:
            due.append(path)
        else:
            result.waiting += 1
    if due and not dry_run:
        kept = _kept_files(store, referenced_keys(data_dir))  # a draft saved meanwhile wins
    for path in due:
        if path in kept:
            continue
        try:
            size = path.stat().st_size
            if not dry_run:
                os.unlink(path)
                unreferenced.pop(path.relative_to(data_dir).as_posix(), None)
        except FileNotFoundError:
            continue
        except OSError:
            result.waiting += 1  # in use (Windows) or read-only: try again next time
            continue
        result.deleted.append(path)
        result.freed_bytes += size
    if not dry_run and unreferenced != marks:
        atomic_write_bytes(marks_path, json.dumps(unreferenced, indent=0, sort_keys=True).encode("utf-8"))
    return result
