"""scripts/start on a machine with no display: it explains and ends, it never runs a window that
nobody can see (under Xvfb) while the terminal waits for ever."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture
def checkout(tmp_path):
    """A copy of the scripts with everything already set up: a stand-in python that only notes how
    it was called, and a dpkg-query that says every package is installed."""
    root = tmp_path / "checkout"
    shutil.copytree(REPO_ROOT / "scripts", root / "scripts")
    pyproject = (REPO_ROOT / "pyproject.toml").read_bytes()
    (root / "pyproject.toml").write_bytes(pyproject)
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (root / ".venv" / ".installed-app").write_text(hashlib.sha256(pyproject).hexdigest() + "\n")
    calls = root / "python-calls.txt"
    python = venv_bin / "python"
    python.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n')
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    dpkg = fake_bin / "dpkg-query"
    dpkg.write_text('#!/bin/sh\nprintf "install ok installed"\n')
    for script in (python, dpkg):
        script.chmod(0o755)
    return root, calls, fake_bin


def run_start(checkout, **display):
    root, _calls, fake_bin = checkout
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(display, PATH=f"{fake_bin}{os.pathsep}{env['PATH']}")
    return subprocess.run(["bash", str(root / "scripts" / "start")], capture_output=True, text=True, env=env,
                          timeout=60)


def test_with_no_display_it_explains_points_to_the_command_line_and_ends(checkout):
    result = run_start(checkout)
    assert result.returncode == 2
    assert "找不到顯示器" in result.stderr
    assert f"{checkout[0]}/.venv/bin/tripreport export 1 -o 報告.docx" in result.stderr
    calls = checkout[1]
    assert not calls.exists()  # no window was started, visible or not


def test_with_a_display_it_starts_the_window(checkout):
    result = run_start(checkout, DISPLAY=":0")
    assert result.returncode == 0, result.stderr
    assert checkout[1].read_text().split() == ["-m", "desktop"]
