"""The command line while a window edits a draft: the real app, started in a child process with
`--open 1`, as a user would leave it open beside a terminal.

Writes to that draft are refused before anything changes, with a message saying why and what to
do; other drafts and reading stay open; a window that crashed leaves no claim behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import EXAMPLE_DRAFT, REPO_ROOT
from tests.hostile.conditions import cli
from tests.photos.images import oriented_jpeg


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    assert cli(folder, "import", str(EXAMPLE_DRAFT)).code == 0
    assert cli(folder, "new", "另一份").code == 0
    assert cli(folder, "snapshot", "1", "-m", "送審版").code == 0
    assert cli(folder, "pack", "1", "-o", str(tmp_path / "draft.tripreport")).code == 0
    assert cli(folder, "backup").code == 0
    return folder


@pytest.fixture
def window(data):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data), "--open", "1"], cwd=REPO_ROOT,
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    marker = data / "session.json"  # the window notes there the draft it is editing
    deadline = time.monotonic() + 60
    while not (marker.exists() and json.loads(marker.read_text() or "{}").get("draft_id") == 1):
        assert child.poll() is None, "the window ended before opening draft 1"
        assert time.monotonic() < deadline, "the window did not open draft 1"
        time.sleep(0.1)
    yield child
    if child.poll() is None:
        child.kill()
        child.wait()


def photo_dir(tmp_path):
    folder = tmp_path / "new-photos"
    folder.mkdir()
    for i in (1, 6):
        oriented_jpeg(folder / f"p{i}.jpg", i, seed=70)
    return folder


def test_writes_to_the_edited_draft_are_refused(data, window, tmp_path):
    before = cli(data, "show", "1", "--json").out
    attempts = {
        "photos": cli(data, "photos", "import", "1", str(photo_dir(tmp_path))),
        "restore": cli(data, "history", "1", "--restore", "1"),
        "replace": cli(data, "unpack", str(tmp_path / "draft.tripreport"), "--replace"),
        "backup": cli(data, "restore-backup"),
    }
    for name, run in attempts.items():
        run.assert_no_traceback()
        assert run.code == 1, (name, run.text)
        assert "正由開著的 TripReport 視窗使用中" in run.err, (name, run.err)
        assert "沒有做任何修改" in run.err, (name, run.err)
    assert "已匯入" not in attempts["photos"].out  # refused before any photo was processed
    assert cli(data, "show", "1", "--json").out == before
    # Reading, and the other drafts, are not the window's.
    assert cli(data, "show", "1").code == 0
    assert cli(data, "photos", "import", "2", str(tmp_path / "new-photos")).code == 0


def test_a_crashed_window_leaves_no_claim(data, window, tmp_path):
    window.send_signal(signal.SIGKILL)
    window.wait()
    run = cli(data, "photos", "import", "1", str(photo_dir(tmp_path)))
    assert run.code == 0, run.text
    assert run.out.count("已匯入") == 2
