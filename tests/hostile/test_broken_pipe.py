"""`tripreport list | head -1`: a reader that stops early ends every command quietly.

The reader here closes its end before the command writes anything, so every write meets the
closed pipe (what `head` does to a long listing)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLE_DRAFT, REPO_ROOT
from tests.hostile.conditions import cli


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pipe") / "data"
    assert cli(folder, "import", str(EXAMPLE_DRAFT)).code == 0
    assert cli(folder, "snapshot", "1", "-m", "送審版").code == 0
    return folder


@pytest.mark.parametrize("args", [
    ["list"], ["show", "1"], ["show", "1", "--json"], ["history", "1"], ["search", "防災"],
    ["backup", "--list"], ["templates"], ["--help"], ["photos", "--help"],
], ids=lambda a: " ".join(a))
def test_reader_gone_gives_no_traceback(data, args):
    child = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data), *args], cwd=REPO_ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    child.stdout.close()  # `head` has read what it wanted and left
    err = child.stderr.read().decode("utf-8")
    code = child.wait(timeout=60)
    assert "Traceback" not in err, err
    assert "BrokenPipe" not in err, err
    assert "Exception ignored" not in err, err
    assert err == "", err
    assert code in (0, 141)
