"""The last full integrity check that found the database sound, remembered beside it, so a file
unchanged since then is not checked again at every start.

On a large database SQLite's checks read the whole file (about 0.7 ms per MB here, 160 ms for
1,000 long drafts): the quick check before every open and the full check the window runs once a
start. After a full check passes, the file's identity is written to `integrity-check.json` in the
data folder: device, inode, size, modification and status-change times of the database and of its
write-ahead log, and the first 100 bytes of the file (SQLite's header: change counter, page count,
free-list, schema cookie). As long as all of that is the same, the file is the one found sound, and
neither check runs again; any write through SQLite, a copy, a restore, a `touch`, even putting the
old modification time back (which sets the status-change time), makes the next open check again.

What a skip can miss, by design: damage that changes no byte of the identity, that is bits that
rot on the disk itself or a sector that goes bad with no write by any program. SQLite still stops
at such a page when it reads it ("malformed"), and any write to the file makes the next start
check the whole of it again.

Nothing here opens the database; reading the identity is a few system calls and 100 bytes.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

RECORD_NAME = "integrity-check.json"
# A write within this long after the file's last modification time could leave the time as it
# was (coarse clocks: FAT keeps 2 s); a check started that soon after a write is not remembered.
RACY_MARGIN_S = 2.0


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def identity(db_file: Path) -> list | None:
    """What must stay the same for the file to be the one checked; None when it cannot be read."""
    st = _stat(db_file)
    if st is None:
        return None
    try:
        with open(db_file, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return None
    wal = _stat(Path(f"{db_file}-wal"))
    # An empty log (the window's, until its first write) holds nothing: the same as none at all.
    wal_part = [wal.st_ino, wal.st_size, wal.st_mtime_ns, wal.st_ctime_ns] if wal and wal.st_size else None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, header.hex(), wal_part]


def _record(db_file: Path) -> Path:
    return db_file.parent / RECORD_NAME


def unchanged_since_sound(db_file: Path) -> bool:
    """True when a full check found this very file sound and nothing has changed it since."""
    try:
        stored = json.loads(_record(db_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stored, dict) or stored.get("file") != db_file.name:
        return False
    current = identity(db_file)
    return current is not None and stored.get("identity") == current


@dataclass
class Seen:
    """The file as a check found it when it started."""

    identity: list | None
    at: float  # time.time() when the check started


def before_check(db_file: Path) -> Seen:
    return Seen(identity(db_file), time.time())


def remember_sound(db_file: Path, seen: Seen) -> bool:
    """After a full check found the file sound: remember it, unless the file changed while it ran
    or was written so shortly before that a later write might not show (False then)."""
    if seen.identity is None or identity(db_file) != seen.identity:
        return False
    files = [s for s in (_stat(db_file), _stat(Path(f"{db_file}-wal"))) if s is not None and s.st_size]
    newest = max([s.st_mtime for s in files] + [s.st_ctime for s in files], default=0.0)
    if seen.at - newest < RACY_MARGIN_S:
        return False
    from desktop.fileio import FileWriteError, atomic_write_text

    text = json.dumps({"file": db_file.name, "identity": seen.identity,
                       "checked": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(seen.at))})
    try:
        atomic_write_text(_record(db_file), text)
    except (FileWriteError, OSError):
        return False  # a read-only folder or a full disk: the next start checks again, that is all
    return True


def forget(db_file: Path) -> None:
    """The file was found damaged, or replaced: the next open checks it whatever it looks like."""
    try:
        _record(db_file).unlink(missing_ok=True)
    except OSError:
        pass


def full_check(db_file: Path) -> str:
    """SQLite's full integrity_check of the file ("" when sound, else what it found), skipped when
    the file is unchanged since a full check found it sound; a pass is remembered. Raises
    sqlite3.Error when the file cannot be read now."""
    from desktop.storage import health

    if unchanged_since_sound(db_file):
        return ""
    seen = before_check(db_file)
    problem = health.check_file(db_file, full=True).problem
    if problem:
        forget(db_file)
    else:
        remember_sound(db_file, seen)
    return problem
