"""Writing files so that a crash, a full disk or a cancel never leaves half a file.

Everything is written to a temporary name beside the target and renamed into place (os.replace is
atomic on one volume). Errors come back as FileWriteError with a message a user can act on.
Only a regular file is ever replaced: renaming over a symbolic link would replace the link (not
the file it points to), and over a device such as /dev/full (as root) would replace the device.
The temporary name says it is ours (`.報告.tripreport-k3j9x2.docx.tmp`), so one left by a killed
process is swept from that folder the next time we write there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

TMP_MARK = ".tripreport-"
_swept_folders: set[str] = set()
_swept_lock = threading.Lock()


class FileWriteError(Exception):
    """The file could not be written; str(err) says why, in Chinese."""


def explain_os_error(err: OSError, target: Path) -> str:
    if err.errno == errno.ENOSPC:
        return f"磁碟空間不足，無法寫入「{target}」。原有檔案未被更動。"
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"無法寫入「{target}」：檔案可能正在 Word 中開啟，或資料夾為唯讀。"
                "請關閉該檔案或另選位置後再試。")
    if err.errno == errno.ENOENT:
        return f"找不到資料夾「{target.parent}」。"
    return f"無法寫入「{target}」：{err.strerror or err}"


def not_a_regular_file(target: Path) -> str | None:
    """Why `target` must not be replaced by a file we write, in Chinese; None when it may (it does
    not exist yet, or it is a regular file)."""
    target = Path(target)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        return explain_os_error(err, target)
    if stat.S_ISLNK(mode):
        return (f"「{target}」是一個符號連結（捷徑），不是檔案本身。為避免改到連結指向的其他檔案，"
                "請直接選擇實際的檔案位置，或換一個檔名。")
    if stat.S_ISDIR(mode):
        return f"「{target}」是一個資料夾，不是檔案。請在資料夾裡另取一個檔名。"
    if not stat.S_ISREG(mode):
        return f"「{target}」是系統的裝置或特殊檔案，不是一般檔案，不能寫在這裡。請另選一個檔名和位置。"
    return None


def _sweep_once(folder: Path) -> None:
    """Remove what our writes killed mid-way left in `folder`, the first time we write there."""
    key = os.path.abspath(folder)
    with _swept_lock:
        if key in _swept_folders:
            return
        _swept_folders.add(key)
    from desktop.tempfiles import clean_stale_beside

    clean_stale_beside(folder)


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`, on any error
    (or a cancel raised by the caller) it is removed and `target` is left as it was. A target that
    exists and is not a regular file (a link, a folder, a device) is refused with FileWriteError."""
    target = Path(target)
    problem = not_a_regular_file(target)
    if problem:
        raise FileWriteError(problem)
    _sweep_once(target.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}{TMP_MARK}", suffix=target.suffix + ".tmp",
                                        dir=target.parent)
    except OSError as err:
        raise FileWriteError(explain_os_error(err, target)) from err
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _give_usual_permissions(tmp, target)
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise FileWriteError(explain_os_error(err, target)) from err
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _give_usual_permissions(tmp: Path, target: Path) -> None:
    """mkstemp makes the file private (0600); a replaced file keeps its old mode and a new one gets
    what any new file gets under the user's umask, so reports stay shareable as before."""
    if os.name != "posix":
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    os.chmod(tmp, mode)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(target: Path, text: str) -> None:
    atomic_write_bytes(target, text.encode("utf-8"))
