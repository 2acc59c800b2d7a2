"""Hostile conditions for the attack tests: a damaged database, a full disk, a read-only folder or
file, and the command line run in a real child process, as a user would.

A full disk and a read-only medium are real: a small tmpfs, or a read-only bind mount, made in a
private mount namespace (`unshare`) that disappears with the child, so nothing is left mounted.
Where the machine allows neither, those tests are skipped with the reason.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO_ROOT

NAMESPACE_CHILD = Path(__file__).with_name("namespace_child.py")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err

    def assert_no_traceback(self) -> None:
        """Nothing a programmer would print: no traceback, no exception class name."""
        assert "Traceback" not in self.text, self.text
        assert not re.search(r"\b\w*(Error|Exception)\b", self.err), self.err


def cli(data_dir: Path, *args: str, timeout: float = 120) -> Run:
    """`tripreport --data-dir DATA ARGS…` in a child process, the way a user runs it."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("TRIPREPORT_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr)


def hold_claim(data_dir: Path, draft_id: int, store: str = "local") -> subprocess.Popen:
    """A child process that holds the command line's claim on a draft of `store` (tests/hostile/
    claim_holder.py); write "write\n" to its stdin to make it save five photos into the draft and end."""
    child = subprocess.Popen([sys.executable, "-m", "tests.hostile.claim_holder", str(data_dir), str(draft_id), store],
                             cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def checkpoint(db_file: Path) -> None:
    """Fold the write-ahead log into the file, as a clean shutdown leaves it."""
    con = sqlite3.connect(db_file)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def fill(repo, count: int = 40) -> None:
    """Drafts enough for a file of about a hundred pages, so damage in its middle hits a b-tree
    page SQLite checks (a tiny file is nearly all one table's pages)."""
    from desktop.domain.report import Report

    for i in range(count):
        report = Report.new(f"草稿 {i:02d}")
        report.chapters[0].set_text("內容" * 400)
        repo.create(report)


def damage_middle(db_file: Path, size: int = 4096) -> None:
    """Random bytes over the middle of a checkpointed database (a failing disk sector)."""
    checkpoint(db_file)
    length = db_file.stat().st_size
    with open(db_file, "r+b") as fh:
        fh.seek(length // 2)
        fh.write(os.urandom(size))


def damage_text_page(db_file: Path, text: str, page_size: int = 4096) -> None:
    """Random bytes over the page nearest the middle that holds `text` (a chapter's words): damage
    the draft list can still be read around, wherever the tables' pages happen to fall."""
    checkpoint(db_file)
    data = db_file.read_bytes()
    needle = text.encode()
    pages = [n for n in range(1, len(data) // page_size) if needle in data[n * page_size:(n + 1) * page_size]]
    middle = len(data) // page_size // 2
    page = min(pages, key=lambda n: abs(n - middle))
    with open(db_file, "r+b") as fh:
        fh.seek(page * page_size)
        fh.write(os.urandom(page_size))


@functools.cache
def unshare_prefix() -> list[str] | None:
    """How to start a child in a private mount namespace here, or None when we cannot."""
    if not shutil.which("unshare"):
        return None
    for prefix in (["unshare", "-m"], ["unshare", "-r", "-m"]):
        try:
            ok = subprocess.run([*prefix, "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", "/mnt"],
                                capture_output=True, timeout=10).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return prefix
    return None


def in_namespace(mode: str, data_dir: Path, commands: list[list[str]], free_kb: int = 0) -> list[Run]:
    """Run CLI commands on a copy of data_dir that sits on a full disk (`mode` "full": a tmpfs
    with free_kb left) or on a read-only mount (`mode` "ro"), in a throw-away mount namespace."""
    prefix = unshare_prefix()
    assert prefix is not None
    spec = json.dumps({"mode": mode, "data": str(data_dir), "free_kb": free_kb, "commands": commands,
                       "python": sys.executable, "repo": str(REPO_ROOT)})
    done = subprocess.run([*prefix, sys.executable, str(NAMESPACE_CHILD), spec], capture_output=True,
                          text=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0, done.stderr
    return [Run(**r) for r in json.loads(done.stdout)]


def make_read_only(path: Path):
    """Make a file (or folder) unwritable even for root (`chattr +i`), or by its mode for other
    users; returns the undo, or None when neither works here."""
    path = Path(path)
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            return None
        return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    return lambda: path.chmod(mode)
