"""Our temporary files and folders: named so we can recognise them, and swept when a killed
process left them behind.

Work folders in the system's temp folder (an export's .docx before LibreOffice converts it, an
agency template's rendering, an unpacked draft package, the page preview's PDF, a self-test) are named
`tripreport-<kind>-<pid>-<random>`; the hidden file an atomic write fills beside its target is
`.<stem>.tripreport-<random><suffix>.tmp` (fileio.py). A process that is killed (Task Manager,
SIGKILL, a power cut) cannot remove them, so clean_stale_temp() removes the ones older than a day
that belong to this user and to no running process: once per process, when the window has
painted, or when the command line first makes a work folder. The hidden files beside reports are
swept from a folder when we next write to it (clean_stale_beside).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

STALE_AFTER_S = 24 * 3600
PREFIX = "tripreport-"
# Kinds of work folder made by this and earlier versions (which had no pid in the name).
WORK_ITEM = re.compile(r"^tripreport-(export|lo|package|preview|render|selftest)-(?:(\d+)-)?")
HIDDEN_TMP = re.compile(r"^\..*\.tripreport-[a-z0-9_]+(\.[^.]*)?\.tmp$")

_swept = threading.Event()


def work_dir(kind: str) -> Path:
    """A new private folder in the temp folder for `kind` of work; the caller removes it."""
    clean_stale_temp()
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-"))


@contextlib.contextmanager
def temporary_folder(kind: str) -> Iterator[Path]:
    """work_dir() removed again when the block ends, whatever happens in it."""
    folder = work_dir(kind)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    """Whether a process `pid` runs; when unsure, yes (an item is then kept, never wrongly removed)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True


def _windows_pid_alive(pid: int) -> bool:
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except (OSError, AttributeError):
        return True


def _last_touched(path: Path) -> float:
    """The newest modification time of the item and, for a folder, of what lies directly in it."""
    newest = path.lstat().st_mtime
    if path.is_dir() and not path.is_symlink():
        for child in path.iterdir():
            with contextlib.suppress(OSError):
                newest = max(newest, child.lstat().st_mtime)
    return newest


def _is_ours(path: Path) -> bool:
    if os.name != "posix":
        return True  # the temp folder is per user on Windows
    try:
        return path.lstat().st_uid == os.getuid()
    except OSError:
        return False


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        return False
    return True


def stale_items(folder: Path, pattern: re.Pattern, now: float | None = None) -> list[Path]:
    """Items of `folder` whose name matches `pattern`, older than a day, this user's, and (when the
    name carries a pid) not of a running process."""
    now = time.time() if now is None else now
    out = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return out
    for path in entries:
        match = pattern.match(path.name)
        if not match:
            continue
        pid = match.group(2) if match.re.groups >= 2 else None
        try:
            if now - _last_touched(path) < STALE_AFTER_S:
                continue
        except OSError:
            continue
        if _is_ours(path) and not (pid and _pid_alive(int(pid))):
            out.append(path)
    return out


def clean_stale(folder: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove our stale work items from `folder` (the temp folder); returns what was removed."""
    folder = Path(tempfile.gettempdir()) if folder is None else Path(folder)
    return [p for p in stale_items(folder, WORK_ITEM, now) if _remove(p)]


def clean_stale_temp(background: bool = False) -> None:
    """clean_stale() once per process; in a daemon thread when `background` (the window, which
    must not wait on a slow disk)."""
    if _swept.is_set():
        return
    _swept.set()
    if background:
        threading.Thread(target=_quietly_clean, name="clean-stale-temp", daemon=True).start()
    else:
        _quietly_clean()


def _quietly_clean() -> None:
    with contextlib.suppress(OSError):
        clean_stale()


def clean_stale_beside(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the hidden files our atomic writes left in `folder` when they were killed."""
    return [p for p in stale_items(folder, HIDDEN_TMP, now) if _remove(p)]
