"""LibreOffice profiles kept between conversions, each used by one conversion at a time.

soffice spends its first start in a new profile writing its settings, so a fresh profile per
conversion made a PDF of a text report take about a second longer than converting it by hand. The
profiles live in our cache folder instead and are reused. Two soffice on one profile at once do not
work (the second hands its job to the first and exits without a file), so each profile has a lock
file with an OS lock on it (flock, or msvcrt on Windows; released if the holder dies) for as long as
a conversion uses it. The converter child inherits the lock where the OS allows (POSIX), so a
conversion that outlives a killed app still holds its profile. When all are busy, the conversion
gets a throw-away profile in the temp folder. A profile that a failed conversion may have damaged
is reset (libreoffice.py retries once).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROFILE_SLOTS = 3
QUIT_WAIT_S = 2.0  # soffice takes a few tenths of a second to quit after it wrote the file
PROFILES_ENV = "TRIPREPORT_LO_PROFILES"  # tests point this at their own folder


@dataclass
class Profile:
    path: Path
    reused: bool  # it held a profile before this conversion: a failure may be the profile's fault
    lock_fd: int | None = None

    @property
    def url(self) -> str:
        return self.path.as_uri()

    def reset(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self.reused = False


def profiles_root() -> Path:
    explicit = os.environ.get(PROFILES_ENV)
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    from desktop import APP_NAME

    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "libreoffice-profiles"


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding an exclusive lock on `path`, or None if another holds it."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _first_free(slots: list[tuple[Path, Path]]) -> tuple[int | None, Path | None]:
    for folder, lock in slots:
        fd = _try_lock(lock)
        if fd is not None:
            return fd, folder
    return None, None


@contextlib.contextmanager
def profile() -> Iterator[Profile]:
    """A profile no other conversion uses while the block runs: a used one if one is free, or
    becomes free within QUIT_WAIT_S (soffice of the previous export may still be quitting), else a
    new one, else a throw-away one."""
    root = profiles_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        root = None  # a read-only or full cache folder: convert all the same, in a throw-away profile
    slots = [(root / f"profile-{n}", root / f"profile-{n}.lock") for n in range(PROFILE_SLOTS)] if root else []
    used = [s for s in slots if s[0].is_dir()]
    fd, folder = _first_free(used)
    deadline = time.monotonic() + QUIT_WAIT_S
    while fd is None and used and time.monotonic() < deadline:
        time.sleep(0.02)
        fd, folder = _first_free(used)
    if fd is None:
        fd, folder = _first_free([s for s in slots if s not in used])
    if fd is not None:
        try:
            yield Profile(folder, folder.is_dir(), fd)
        finally:
            os.close(fd)  # the lock goes with the last descriptor (a still-running child keeps it)
        return
    from desktop.tempfiles import temporary_folder

    with temporary_folder("lo") as work:
        yield Profile(work / "profile", reused=False)
