"""Writing files so that a crash, a full disk or a cancel never leaves half a file.

Everything is written to a temporary name beside the target and renamed into place (os.replace is
atomic on one volume). Errors come back as FileWriteError with a message a user can act on.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


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


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`, on any error
    (or a cancel raised by the caller) it is removed and `target` is left as it was."""
    target = Path(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix + ".tmp", dir=target.parent)
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
