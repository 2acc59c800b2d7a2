"""What SQLite and the operating system say when the disk or the file fails, said for a user.

One failure wears several faces: on a full disk SQLite may roll the transaction back by itself, so
the caller sees "cannot rollback - no transaction is active" with the real cause behind it; a
read-only file says "attempt to write a readonly database". The whole chain of causes is read,
and the free space of the data folder tells a full disk from a failing one.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

from desktop.storage import health
from desktop.storage.errors import DatabaseDamaged, DiskFull, StorageError, WritesRefused

_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
_READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)


def error_chain(err: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo = [err]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [e.__cause__, e.__context__]
        todo += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]  # peewee wraps


def _database_access():
    from desktop.storage.database import database_access

    return database_access()


def _database_file() -> Path | None:
    access = _database_access()
    return access.path if access and not access.server else None


def storage_error(err: BaseException, db_file: Path | None = None) -> StorageError:
    """The StorageError to show for `err` (itself when it already is one)."""
    return explain(err, db_file) or StorageError(f"資料庫錯誤：{err}")


def explain(err: BaseException, db_file: Path | None = None) -> StorageError | None:
    """A StorageError saying what went wrong, or None when `err` is not about the disk or the
    database file (a bug, which the caller reports in its own way)."""
    if isinstance(err, StorageError):
        return err
    chain = list(error_chain(err))
    if any(type(e).__module__.startswith("psycopg") for e in chain):  # the agency's server
        from desktop.storage.postgres import explain as explain_server

        access = _database_access()
        return explain_server(err, access.server if access else "")
    names = {getattr(e, "sqlite_errorname", "") or "" for e in chain}
    text = " ".join(str(e) for e in chain).lower()
    numbers = {e.errno for e in chain if isinstance(e, OSError)}
    os_paths = [Path(e.filename) for e in chain if isinstance(e, OSError) and e.filename]
    is_sqlite = any(type(e).__module__ in ("sqlite3", "peewee") for e in chain)
    if db_file is None and is_sqlite:
        db_file = _database_file()
    folder = db_file.parent if db_file else (os_paths[0].parent if os_paths else None)

    from desktop.storage.database import database_access

    access = database_access() if is_sqlite else None
    if "SQLITE_FULL" in names or "disk is full" in text or numbers & set(_FULL_ERRNOS):
        return DiskFull(health.disk_full_message(folder or Path.cwd()))
    if access is not None and not access.writable and ("readonly" in text or "SQLITE_READONLY" in names):
        return (DatabaseDamaged if access.damaged else WritesRefused)(access.refusal)
    if any(n.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) for n in names) or "malformed" in text \
            or "not a database" in text:
        if access is not None and access.damaged:
            return DatabaseDamaged(access.refusal)
        return DatabaseDamaged(damaged_message(db_file, str(err)))
    if any(n.startswith("SQLITE_IOERR") for n in names) or "disk i/o error" in text \
            or "cannot rollback" in text or numbers & {errno.EIO}:
        if folder is not None and health.disk_is_full(folder):
            return DiskFull(health.disk_full_message(folder))
        return StorageError(f"讀寫「{db_file or folder}」時磁碟發生錯誤（{err}）。已儲存的內容沒有被改動；"
                            "請確認磁碟或隨身碟仍連接、沒有故障，再試一次。")
    if "SQLITE_READONLY" in names or "readonly database" in text:
        return WritesRefused(health.read_only_message(db_file, "檔案或資料夾變成唯讀"))
    if numbers & set(_READ_ONLY_ERRNOS) and os_paths:
        oserr = next(e for e in chain if isinstance(e, OSError) and e.errno in _READ_ONLY_ERRNOS)
        return WritesRefused(f"無法寫入「{oserr.filename}」（{health.why_not_writable(oserr)}）。"
                             "已儲存的內容沒有被改動。")
    return None


def damaged_message(db_file: Path | None, problem: str) -> str:
    from desktop.storage.backup import newest_good_backup

    if db_file is None:
        return health.damaged_message(Path("tripreport.db"), problem, None)
    backup = newest_good_backup(db_file.parent)
    return health.damaged_message(db_file, problem, backup.label if backup else None)
