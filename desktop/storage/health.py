"""What state the database file is in, found without changing it, and how to say so.

Three things stop TripReport from writing while reading still works: damage (SQLite's own check
fails), a file or folder that cannot be written (read-only medium, `chattr +i`, no permission)
and a full disk. Each is measured here with read-only means, and each has one message, used by
the command line and the window alike. No peewee: the window imports this before opening anything.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

# Below this much free space an I/O error while writing is the disk being full, not a failing disk.
LOW_SPACE_BYTES = 16 * 1024 * 1024


@dataclass
class FileHealth:
    version: int  # PRAGMA user_version
    problem: str = ""  # the first line SQLite's check reports; "" when the file is sound
    unreadable: bool = False  # not even the schema could be read

    @property
    def damaged(self) -> bool:
        return bool(self.problem)


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """A URI that opens `path` without ever writing it. `immutable` also skips the -shm file,
    for a folder where it cannot be created (read-only medium, full disk): only safe while no
    -wal file holds changes not yet in the database (see `needs_wal`)."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return f"{uri}&immutable=1" if immutable else uri


def needs_wal(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; immutable when the -shm cannot be made and no -wal needs reading."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError:
        if needs_wal(path):
            raise
    return sqlite3.connect(read_only_uri(path, immutable=True), uri=True)


def check_file(path: Path, full: bool = False, check: bool = True) -> FileHealth:
    """The schema version and SQLite's verdict: `PRAGMA quick_check` (the page structure of every
    table and index; about 0.75 ms per MB here) or, with `full`, `integrity_check` (also that the
    indexes match their tables); without `check`, the version alone (for a file a full check found
    sound and nothing changed since, see last_check). Raises sqlite3.OperationalError when the
    file cannot be opened."""
    try:
        con = connect_read_only(path)
        version = con.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as err:
        if _is_io_failure(err):
            raise
        return FileHealth(0, str(err), unreadable=True)
    if not check:
        con.close()
        return FileHealth(version)
    lines: list[str] = []
    try:
        # Row by row: SQLite may name the damaged page, then stop with "malformed".
        for (line,) in con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check"):
            if line and not line.startswith("*** in database"):
                lines.append(line)
    except sqlite3.DatabaseError as err:
        if _is_io_failure(err):
            raise
        lines.append(str(err))
    finally:
        con.close()
    if lines == ["ok"]:
        return FileHealth(version)
    return FileHealth(version, lines[0] if lines else "檢查沒有結果")


def _is_io_failure(err: sqlite3.Error) -> bool:
    name = getattr(err, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_BUSY"))


# ---- can we write? ------------------------------------------------------------------------------

def write_problem(folder: Path, db_file: Path) -> OSError | None:
    """Why this process cannot write the database (None when it can), found without changing
    anything that exists: a probe file in the folder, the database opened for writing, not written."""
    probe = Path(folder) / f".write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as err:
        return err
    if db_file.exists():
        try:
            fd = os.open(db_file, os.O_RDWR)
        except OSError as err:
            return err
        os.close(fd)
    return None


def free_bytes(folder: Path) -> int | None:
    path = Path(folder)
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def disk_is_full(folder: Path) -> bool:
    free = free_bytes(folder)
    return free is not None and free < LOW_SPACE_BYTES


def space_text(folder: Path) -> str:
    """'只剩 12 KB' when the disk is nearly full; '空間不足' when the limit is not the disk's."""
    free = free_bytes(folder)
    if free is None or free >= LOW_SPACE_BYTES:
        return "空間不足"
    if free < 1024 * 1024:
        return f"只剩 {free // 1024} KB"
    return f"只剩 {free / 1024 / 1024:.1f} MB"


# ---- the messages -------------------------------------------------------------------------------

def disk_full_message(folder: Path) -> str:
    return (f"磁碟已滿：資料夾「{folder}」所在的磁碟{space_text(folder)}，這次的變更無法寫入。"
            "沒有遺失任何資料：先前儲存的內容仍完整保留。請刪除不需要的檔案、釋出空間後再試一次。")


def why_not_writable(err: OSError) -> str:
    if err.errno == errno.EROFS:
        return "所在的磁碟或資料夾是唯讀的"
    if err.errno == errno.EPERM:
        return "檔案或資料夾被設定為不可修改"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁碟已滿"
    if isinstance(err, PermissionError) or err.errno == errno.EACCES:
        return "沒有寫入權限"
    if err.errno == errno.ENOTDIR:
        return "路徑中有一個同名的檔案，不是資料夾"
    if err.errno == errno.ENOENT:
        return "找不到這個位置"
    return f"系統回報：{err.strerror or err}"


def read_only_message(db_file: Path, why: str) -> str:
    return (f"資料庫「{db_file}」目前只能讀取（{why}），所以無法儲存變更；已儲存的草稿都完整保留，"
            "仍可檢視與匯出。要修改草稿，請解除唯讀設定，或把資料夾整個複製到可寫入的位置，"
            "再以 --data-dir 指定它。")


def damaged_message(db_file: Path, problem: str, backup_label: str | None) -> str:
    text = (f"資料庫「{db_file}」已損壞（SQLite 檢查結果：{problem[:120]}）。為免損壞擴大，TripReport "
            "不會寫入、備份或升級這個檔案，它也沒有被修改。")
    if backup_label:
        return text + (f"最新的完好備份是「{backup_label}」：可在視窗中按「從備份還原」，或執行 "
                       "tripreport restore-backup 以它還原；損壞的檔案會改名保留在同一個資料夾，不會刪除。")
    return text + "找不到完好的備份：請先把整個資料夾複製一份保存，再請資訊人員協助救回資料。"


RESCUE_HINT = ("還原前，還讀得到的草稿可以先另存：tripreport show 編號 -o 草稿.json，"
               "還原後再以 tripreport import 草稿.json 匯入。")
