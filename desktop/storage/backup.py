"""Daily backups of the draft database, made with SQLite's backup API (never a file copy, which
can catch a WAL database half-written), the last KEEP_DAILY kept, and restoring from one.

A backup is written to a temporary name and renamed into place, so a crash never leaves a broken
backup behind a good name. Restoring first backs up the current state, so a restore can be undone.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.storage.errors import DatabaseDamaged, StorageError
from desktop.storage.health import check_file, connect_read_only, why_not_writable

BACKUP_DIRNAME = "backups"
KEEP_DAILY = 7
_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.db$")


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIRNAME


def timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


@dataclass
class BackupInfo:
    path: Path
    day: date | None  # the day of a daily backup; None for other backups (before upgrade/restore)
    modified: datetime
    size: int

    @property
    def label(self) -> str:
        if self.day:
            return f"每日備份 {self.day.isoformat()}（{self.modified:%H:%M}）"
        if self.path.name.startswith("before-restore"):
            return f"還原前的狀態 {self.modified:%Y-%m-%d %H:%M}"
        if self.path.name.startswith("before-upgrade"):
            return f"升級前的資料庫 {self.modified:%Y-%m-%d %H:%M}"
        return f"{self.path.name}（{self.modified:%Y-%m-%d %H:%M}）"


def backup_file(source: Path, target: Path) -> Path:
    """Copy the database at `source` to `target` through the backup API, atomically. The copy is
    checked before it takes its name: a damaged database never becomes a backup (seven damaged
    daily copies would otherwise push every good one out)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    src = connect_read_only(Path(source))
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            # The copy is a standalone file: no WAL beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        health = check_file(tmp)
        if health.damaged:
            raise DatabaseDamaged(f"資料庫已損壞（{health.problem[:120]}），沒有把它存成備份，現有的備份都保留。")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return target


def make_daily_backup(data_dir: Path, db_file: Path, today: date | None = None) -> Path | None:
    """Back up once a day; returns the new file, or None when today's backup already exists."""
    today = today or date.today()
    target = backups_dir(data_dir) / f"daily-{today.isoformat()}.db"
    if target.exists():
        return None
    try:
        backup_file(db_file, target)
    except DatabaseDamaged:
        raise
    except OSError as err:
        raise StorageError(f"無法建立每日備份（{why_not_writable(err)}）。草稿本身沒有受影響。") from err
    except sqlite3.DatabaseError as err:
        raise StorageError(f"無法建立每日備份（{err}）。草稿本身沒有受影響；請確認磁碟空間。") from err
    prune(data_dir)
    return target


def prune(data_dir: Path, keep: int = KEEP_DAILY) -> None:
    daily = [b for b in list_backups(data_dir) if b.day]
    for old in daily[keep:]:
        old.path.unlink(missing_ok=True)
    # Safety copies made before restores and upgrades: keep the newest few.
    others = [b for b in list_backups(data_dir) if not b.day]
    for old in others[keep:]:
        old.path.unlink(missing_ok=True)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup, newest first (daily backups by day, the others by time)."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        stat = path.stat()
        match = _DAILY.match(path.name)
        day = date.fromisoformat(match.group(1)) if match else None
        found.append(BackupInfo(path, day, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    found.sort(key=lambda b: (b.day or b.modified.date(), b.modified), reverse=True)
    return found


def check_backup(path: Path) -> None:
    """Refuse a backup that SQLite finds damaged, before anything is overwritten."""
    try:
        con = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as err:
        raise StorageError(f"備份檔「{Path(path).name}」無法讀取（{err}），沒有還原。") from err
    if result != "ok":
        raise StorageError(f"備份檔「{Path(path).name}」已損壞（{result}），沒有還原。")


def restore_backup(data_dir: Path, db_file: Path, backup: Path) -> Path:
    """Replace the live database's content by the backup's, inside SQLite (the backup API into the
    open file, so the WAL stays consistent). The current state is backed up first; its path is
    returned so the restore can be undone. Close every other connection to the database first."""
    check_backup(backup)
    undo = backups_dir(data_dir) / f"before-restore-{timestamp()}.db"
    try:
        backup_file(db_file, undo)
        src = sqlite3.connect(f"{Path(backup).as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(db_file)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    except (OSError, sqlite3.DatabaseError) as err:
        raise StorageError(f"還原失敗（{err}）。原本的資料庫已先備份為「{undo.name}」。") from err
    return undo


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup SQLite finds sound (quick_check), for a damaged database to go back to."""
    for info in list_backups(data_dir):
        try:
            if not check_file(info.path).damaged:
                return info
        except sqlite3.Error:
            continue
    return None


def damaged_name(db_file: Path) -> Path:
    return db_file.with_name(f"{db_file.name}.damaged-{timestamp()}")


def replace_damaged(data_dir: Path, db_file: Path, backup: Path) -> Path:
    """Put a good backup in place of a damaged database, which is renamed (with its -wal and
    -shm, so an expert can still open it) and never deleted. Returns its new name. Every
    connection to the database must be closed first."""
    check_backup(backup)
    aside = damaged_name(db_file)
    try:
        for suffix in ("-wal", "-shm"):
            side = Path(f"{db_file}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
        if db_file.exists():
            os.replace(db_file, aside)
        backup_file(backup, db_file)
    except (OSError, sqlite3.DatabaseError) as err:
        raise StorageError(f"還原失敗（{err}）。損壞的資料庫保留為「{aside.name}」，沒有刪除。") from err
    return aside
