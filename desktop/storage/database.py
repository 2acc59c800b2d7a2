"""Opening the draft database: checks first, then WAL, foreign keys and schema migrations.

A damaged file or one written by a newer TripReport is refused with a message and never touched:
we look at it read-only before peewee opens it for writing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from desktop.storage import models
from desktop.storage.errors import StorageError
from desktop.storage.schema_sql import V1_STATEMENTS, V2_STATEMENTS

DB_FILENAME = "tripreport.db"
PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal", "busy_timeout": 5000}


def _create_v1(db: SqliteDatabase) -> None:
    # Frozen SQL (identical to what peewee created for the skeleton's models), so this step keeps
    # meaning the same thing after the models grow.
    for statement in V1_STATEMENTS:
        db.execute_sql(statement)


def _v2_snapshots_search_uid(db: SqliteDatabase) -> None:
    for statement in V2_STATEMENTS:
        db.execute_sql(statement)


# Migration steps, in order: step i brings a database from user_version i to i + 1.
# Never edit a released step; append a new one.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_create_v1, _v2_snapshots_search_uid]
SCHEMA_VERSION = len(MIGRATIONS)


def ensure_writable_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        raise StorageError(f"無法寫入資料夾「{folder}」：{err.strerror or err}。請選擇其他資料夾（--data-dir）。") from err


def inspect_existing(path: Path) -> int:
    """The schema version of an existing database file, read without changing it."""
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as err:
        raise StorageError(
            f"資料庫檔案「{path}」已損壞或不是 TripReport 的資料庫（{err}）。"
            "檔案沒有被修改；請從備份還原，或改用其他資料夾。"
        ) from err
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"資料庫「{path}」由較新版的 TripReport 建立（資料格式 {version}，本版只認得 {SCHEMA_VERSION}）。"
            "檔案沒有被修改；請更新 TripReport 後再開啟。"
        )
    return version


def open_database(data_dir: Path) -> SqliteDatabase:
    """Bind the models to the database in data_dir, creating or migrating it as needed."""
    ensure_writable_dir(data_dir)
    path = data_dir / DB_FILENAME
    version = inspect_existing(path) if path.exists() and path.stat().st_size > 0 else 0
    if 0 < version < SCHEMA_VERSION:
        backup_before_upgrade(data_dir, version)
    if not models.db.is_closed():
        models.db.close()
    models.db.init(str(path), pragmas=PRAGMAS)
    try:
        models.db.connect(reuse_if_open=True)
        migrate(models.db, version)
    except sqlite3.DatabaseError as err:
        models.db.close()
        raise StorageError(f"無法開啟資料庫「{path}」：{err}") from err
    return models.db


def backup_before_upgrade(data_dir: Path, version: int) -> Path:
    """A copy of the old database, made with SQLite's backup API before a migration touches it."""
    from desktop.storage.backup import backup_file, backups_dir, timestamp

    target = backups_dir(data_dir) / f"before-upgrade-v{version}-{timestamp()}.db"
    try:
        backup_file(data_dir / DB_FILENAME, target)
    except (OSError, sqlite3.DatabaseError) as err:
        raise StorageError(
            f"升級資料庫前無法先備份（{err}），因此沒有升級，資料庫未被修改。請確認磁碟空間後再試。"
        ) from err
    return target


def migrate(db: SqliteDatabase, from_version: int) -> None:
    for step_version in range(from_version, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[step_version](db)
            db.execute_sql(f"PRAGMA user_version = {step_version + 1}")


def close_database() -> None:
    if not models.db.is_closed():
        models.db.close()
