"""Killing a photo import (SIGKILL: a crash, Task Manager's End task) leaves no process behind and
loses no photo the import already reported: the workers and multiprocessing's resource tracker end
with their parent, and every photo printed as 已匯入 is in the draft."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from bench.photo_runs import descendants
from desktop.domain.report import Report
from desktop.storage import close_database, open_repository
from desktop.storage.database import DB_FILENAME
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")


def busy_photos(folder: Path, count: int) -> list[Path]:
    """Photos that take a worker a few dozen ms each (2400×1800 of noise), all different, so an
    import of them is still running when the test kills it."""
    folder.mkdir(parents=True, exist_ok=True)
    base = Image.effect_noise((2400, 1800), 64).convert("RGB")
    rng = random.Random(1)
    paths = []
    for n in range(count):
        base.paste(tuple(rng.randrange(256) for _ in range(3)), (n * 40 % 2300, 50, n * 40 % 2300 + 60, 110))
        path = folder / f"IMG_{n:03d}.jpg"
        base.save(path, quality=90)
        paths.append(path)
    return paths


def running(pid: int) -> bool:
    """Alive and not a zombie (a dead child nobody has reaped yet)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def kill_after_first_line(cmd: list[str], out: Path) -> tuple[set[int], list[str]]:
    """Start `cmd`, wait for its first 已匯入 line, SIGKILL it; return its descendants as they
    were just before the kill and the lines it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    with open(out, "wb") as sink:
        child = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=sink, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 60
        while "已匯入" not in out.read_text(encoding="utf-8", errors="replace"):
            assert child.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline, "no photo was imported within a minute"
            time.sleep(0.02)
        family = set(descendants(child.pid))
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    lines = out.read_text(encoding="utf-8", errors="replace").splitlines()
    return family, lines


def assert_all_end(pids: set[int], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while (left := {p for p in pids if running(p)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in left:  # clean up before failing, so a failure leaves no orphans either
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} of the import's processes outlived it: {sorted(left)}"


def test_killed_cli_import_leaves_no_process_and_keeps_every_photo_it_printed(tmp_path):
    photos = busy_photos(tmp_path / "phone", 40)
    data = tmp_path / "data"
    repo = open_repository(data)
    draft_id = repo.create(Report.new("東京考察"))
    close_database()

    family, lines = kill_after_first_line(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "photos", "import", str(draft_id),
         str(photos[0].parent)], tmp_path / "out.txt")

    assert len(family) >= 3, f"expected two workers and the resource tracker, saw {family}"
    assert_all_end(family)
    printed = [line for line in lines if line.startswith("已匯入：")]
    assert 1 <= len(printed) < len(photos)
    con = sqlite3.connect(data / DB_FILENAME)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = con.execute("SELECT COUNT(*) FROM photo WHERE draft_id = ?", (draft_id,)).fetchone()[0]
    finally:
        con.close()
    assert stored >= len(printed), f"{len(printed)} photos were reported imported, the draft has {stored}"


def test_killed_window_import_leaves_no_process(tmp_path):
    """The window imports on a QThread: its workers must end with the window too."""
    photos = busy_photos(tmp_path / "phone", 40)
    family, lines = kill_after_first_line(
        [sys.executable, "-m", "tests.photos.import_thread_child", str(tmp_path / "data"), *map(str, photos)],
        tmp_path / "out.txt")
    assert len(family) >= 3, f"expected two workers and the resource tracker, saw {family}"
    assert lines
    assert lines[0].startswith("已匯入：")
    assert_all_end(family)


# The window saves an import's photos as its autosave saves typing: at most this long after they
# appear (autosave.MAX_WAIT_MS), with room for a busy machine's late timers.
WINDOW_SAVE_WITHIN_S = 2.0


def test_killed_window_import_keeps_the_photos_it_showed(tmp_path):
    photos = busy_photos(tmp_path / "phone", 100)
    data = tmp_path / "data"
    repo = open_repository(data)
    draft_id = repo.create(Report.new("東京考察"))
    close_database()
    out = tmp_path / "out.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    with open(out, "wb") as sink:
        child = subprocess.Popen([sys.executable, "-m", "tests.photos.import_window_child", str(data), str(draft_id),
                                  *map(str, photos)], cwd=REPO_ROOT, stdout=sink, stderr=subprocess.DEVNULL, env=env)

    def shown() -> list[tuple[int, float]]:
        lines = out.read_text(encoding="utf-8", errors="replace").splitlines()
        return [(int(n), float(t)) for _, n, t in (line.split() for line in lines if line.startswith("shown "))]

    try:
        deadline = time.monotonic() + 120
        # kill once the first photos have been on screen longer than the save may take
        while not shown() or time.monotonic() - shown()[0][1] < WINDOW_SAVE_WITHIN_S + 0.5:
            assert child.poll() is None, "the window ended before it could be killed"
            assert time.monotonic() < deadline, "no photo appeared within two minutes"
            time.sleep(0.02)
        family = set(descendants(child.pid))
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert_all_end(family)
    assert "done" not in out.read_text(encoding="utf-8"), "the import ended before the kill: use more photos"
    owed = max(n for n, t in shown() if t <= killed_at - WINDOW_SAVE_WITHIN_S)
    assert 1 <= owed < len(photos)
    con = sqlite3.connect(data / DB_FILENAME)
    try:
        stored = con.execute("SELECT COUNT(*) FROM photo WHERE draft_id = ?", (draft_id,)).fetchone()[0]
    finally:
        con.close()
    assert stored >= owed, f"{owed} photos were on screen {WINDOW_SAVE_WITHIN_S} s before the kill; the draft has {stored}"
