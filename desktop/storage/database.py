"""Opening the draft database: checks first, then WAL, foreign keys and schema migrations.

Before peewee opens the file, it is looked at read-only: a file written by a newer TripReport is
refused; SQLite's quick_check must pass (left out for a file unchanged since a full check found
it sound: last_check.py), or the file is only read (never written, backed up or migrated) and the
message offers the newest good backup; a file or folder that cannot be written,
or a disk too full to open the database normally, gives a read-only database with the reason, so
reading and exporting keep working and every write says why it cannot be done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import PeeweeException, SqliteDatabase

from desktop.storage import health, last_check, models
from desktop.storage.errors import DatabaseDamaged, StorageError, WritesRefused
from desktop.storage.schema_sql import (
    V1_STATEMENTS,
    V2_STATEMENTS,
    V4_STATEMENTS,
    V5_STATEMENTS,
    V6_STATEMENTS,
    V7_STATEMENTS,
)

DB_FILENAME = "tripreport.db"
PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal", "busy_timeout": 5000}
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "busy_timeout": 5000, "query_only": 1}


@dataclass
class DatabaseAccess:
    """How the open database may be used: `refusal` says why writes are refused ("" if they are not)."""

    path: Path
    refusal: str = ""
    damaged: bool = False
    problem: str = ""  # what SQLite's check reported, when damaged
    server: str = ""  # the agency server's address (no password) when the drafts are there, not in `path`

    @property
    def writable(self) -> bool:
        return not self.refusal


_access: DatabaseAccess | None = None


def database_access() -> DatabaseAccess | None:
    """How the database opened by `open_database` may be used (None before it is opened)."""
    return _access


def _create_v1(db: SqliteDatabase) -> None:
    # Frozen SQL (identical to what peewee created for the skeleton's models), so this step keeps
    # meaning the same thing after the models grow.
    for statement in V1_STATEMENTS:
        db.execute_sql(statement)


def _v2_snapshots_search_uid(db: SqliteDatabase) -> None:
    for statement in V2_STATEMENTS:
        db.execute_sql(statement)


def _v3_draft_version(db: SqliteDatabase) -> None:
    # A counter every write to a draft increases: a window notices that another process saved the
    # draft it shows, and a save made from an older version is refused instead of overwriting.
    db.execute_sql('ALTER TABLE "draft" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0')


def _v4_report_kinds(db: SqliteDatabase) -> None:
    for statement in V4_STATEMENTS:
        db.execute_sql(statement)


def _v5_short_query_index(db: SqliteDatabase) -> None:
    for statement in V5_STATEMENTS:
        db.execute_sql(statement)


def _v6_agency(db: SqliteDatabase) -> None:
    for statement in V6_STATEMENTS:
        db.execute_sql(statement)


def _v7_body_blocks(db: SqliteDatabase) -> None:
    for statement in V7_STATEMENTS:
        db.execute_sql(statement)


def _v8_server_short_query_index(db: SqliteDatabase) -> None:
    # A server's index of one- and two-character words (schema_pg.V8); a data folder has had its
    # own since step 5.
    return None


# Migration steps, in order: step i brings a database from user_version i to i + 1.
# Never edit a released step; append a new one, and give it its PostgreSQL form in schema_pg.STEPS.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _create_v1,
    _v2_snapshots_search_uid,
    _v3_draft_version,
    _v4_report_kinds,
    _v5_short_query_index,
    _v6_agency,
    _v7_body_blocks,
    _v8_server_short_query_index,
]
SCHEMA_VERSION = len(MIGRATIONS)


# The last check of this process, by the file's identity: a command that opens the database twice
# (to refuse early, then to work) pays for one check.
_last_check: tuple[tuple, health.FileHealth] | None = None


def _identity(path: Path) -> tuple:
    def stat(p: Path) -> tuple:
        try:
            st = p.stat()
        except OSError:
            return ()
        return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns

    return str(path.resolve()), stat(path), stat(Path(f"{path}-wal"))


def inspect_existing(path: Path) -> health.FileHealth:
    """The schema version and SQLite's quick_check of an existing database, read without changing it.
    The check is left out for a file unchanged since a full check found it sound (last_check)."""
    global _last_check
    identity = _identity(path)
    if _last_check is not None and _last_check[0] == identity:
        return _last_check[1]
    try:
        found = health.check_file(path, check=not last_check.unchanged_since_sound(path))
    except sqlite3.Error as err:
        if health.disk_is_full(path.parent):
            raise WritesRefused(f"無法讀取資料庫：{health.disk_full_message(path.parent)}") from err
        raise StorageError(f"無法讀取資料庫「{path}」（{err}）。檔案沒有被修改；請確認磁碟仍連接、沒有故障。") from err
    if found.damaged:
        last_check.forget(path)
    if found.version > SCHEMA_VERSION:
        raise StorageError(
            f"資料庫「{path}」由較新版的 TripReport 建立（資料格式 {found.version}，本版只認得 {SCHEMA_VERSION}）。"
            "檔案沒有被修改；請更新 TripReport 後再開啟。"
        )
    _last_check = identity, found
    return found


def open_database(data_dir: Path) -> SqliteDatabase:
    """Bind the models to the database in data_dir, creating or migrating it as needed; read-only
    (see `database_access`) when it is damaged or cannot be written."""
    global _access
    data_dir = Path(data_dir)
    path = data_dir / DB_FILENAME
    close_database()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StorageError(f"無法寫入資料夾「{data_dir}」：{health.why_not_writable(err)}。"
                           "請選擇其他資料夾（--data-dir）。") from err
    found = inspect_existing(path) if path.exists() and path.stat().st_size > 0 else None
    if found is not None and found.damaged:
        from desktop.storage.backup import newest_good_backup

        backup = newest_good_backup(data_dir)
        message = health.damaged_message(path, found.problem, backup.label if backup else None)
        if found.unreadable or found.version != SCHEMA_VERSION:
            raise DatabaseDamaged(message, found.problem)  # an old schema cannot be read unmigrated
        return _open_read_only(DatabaseAccess(path, f"{message}{health.RESCUE_HINT}", True, found.problem))
    problem = health.write_problem(data_dir, path)
    if problem is not None:
        why = health.why_not_writable(problem)
        if found is None:
            raise StorageError(f"無法寫入資料夾「{data_dir}」：{why}，無法建立資料庫。請選擇其他資料夾（--data-dir）。")
        if found.version < SCHEMA_VERSION:
            raise WritesRefused(f"資料庫「{path}」要先升級成這一版的格式才能開啟，但它目前只能讀取（{why}），"
                                "所以沒有開啟，檔案也沒有被修改。請解除唯讀設定，或把資料夾整個複製到可寫入的位置，"
                                "再以 --data-dir 指定它。")
        return _open_read_only(DatabaseAccess(path, health.read_only_message(path, why)))
    version = found.version if found else 0
    if 0 < version < SCHEMA_VERSION:
        backup_before_upgrade(data_dir, version)
    models.db.initialize(models.FolderDatabase(str(path), pragmas=PRAGMAS))
    try:
        models.db.connect(reuse_if_open=True)
        migrate(models.db, version)
    except (sqlite3.Error, PeeweeException) as err:
        models.db.close()
        if version == SCHEMA_VERSION and health.disk_is_full(data_dir):
            # Too full even to open the write-ahead log: reading still works.
            return _open_read_only(DatabaseAccess(path, health.disk_full_message(data_dir)))
        from desktop.storage.failures import storage_error

        raise storage_error(err, path) from err
    _access = DatabaseAccess(path)
    return models.db


def _open_read_only(access: DatabaseAccess) -> SqliteDatabase:
    global _access
    path = access.path
    uri = health.read_only_uri(path)
    try:
        probe = sqlite3.connect(uri, uri=True)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except sqlite3.Error:
        uri = health.read_only_uri(path, immutable=True)  # inspect_existing proved this one works
    models.db.initialize(models.FolderDatabase(uri, uri=True, pragmas=READ_ONLY_PRAGMAS))
    try:
        models.db.connect(reuse_if_open=True)
    except (sqlite3.Error, PeeweeException) as err:
        models.db.close()
        raise StorageError(f"無法開啟資料庫「{path}」：{err}") from err
    _access = access
    return models.db


def backup_before_upgrade(data_dir: Path, version: int) -> Path:
    """A copy of the old database, made with SQLite's backup API before a migration touches it."""
    from desktop.storage.backup import backup_file, backups_dir, timestamp

    target = backups_dir(data_dir) / f"before-upgrade-v{version}-{timestamp()}.db"
    try:
        backup_file(data_dir / DB_FILENAME, target)
    except (OSError, sqlite3.DatabaseError) as err:
        if health.disk_is_full(data_dir):
            raise WritesRefused(f"升級資料庫前要先備份，但{health.disk_full_message(data_dir)}") from err
        raise StorageError(
            f"升級資料庫前無法先備份（{err}），因此沒有升級，資料庫未被修改。請確認磁碟空間後再試。"
        ) from err
    return target


def migrate(db: SqliteDatabase, from_version: int) -> None:
    for step_version in range(from_version, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[step_version](db)
            db.execute_sql(f"PRAGMA user_version = {step_version + 1}")


def stop_writing(reason: str, damaged: bool = False, problem: str = "") -> None:
    """Keep reading the open database but never write it again in this process (damage found
    after it was opened), `reason` being what every refused write says."""
    if _access is None:
        return
    path = _access.path
    close_database()
    _open_read_only(DatabaseAccess(path, reason, damaged, problem))


def close_database() -> None:
    global _access
    if models.db.obj is not None and not models.db.is_closed():
        models.db.close()
    _access = None


def use_server(db, address: str) -> None:
    """Bind the models to an open agency server database (see server.py) instead of a data folder."""
    global _access
    close_database()
    models.db.initialize(db)
    _access = DatabaseAccess(Path(), server=address)
