"""Runs inside a private mount namespace (see conditions.in_namespace): mounts the condition, puts a
copy of the data folder on it, runs the commands and prints their results as JSON.

Usage: unshare -m python namespace_child.py SPEC_JSON
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile


def run(spec: dict) -> list[dict]:
    # The condition is mounted over the data folder itself: its paths stay the same (the print
    # copies of photos are found by path), and the mount vanishes with this namespace.
    data = spec["data"]
    if spec["mode"] == "full":
        keep = tempfile.mkdtemp(prefix="tripreport-ns-")
        shutil.copytree(data, keep, dirs_exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", data], check=True)
        shutil.copytree(keep, data, dirs_exist_ok=True)
        free = shutil.disk_usage(data).free // 1024 - spec["free_kb"]
        with open(os.path.join(data, ".filler"), "wb") as fh:  # leave free_kb, no more
            try:
                fh.write(b"\0" * free * 1024)
            except OSError:
                pass
    else:
        subprocess.run(["mount", "--bind", data, data], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", data], check=True)
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    results = []
    for command in spec["commands"]:
        done = subprocess.run([spec["python"], "-m", "desktop", "--data-dir", data, *command], cwd=spec["repo"],
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
        results.append({"code": done.returncode, "out": done.stdout, "err": done.stderr})
    # What is left on the disk afterwards, for the test to check nothing was lost (read with its
    # write-ahead log, as SQLite reads it: room is made for that first).
    if spec["mode"] == "full":
        os.unlink(os.path.join(data, ".filler"))
    mode = "ro" if spec["mode"] == "full" else "ro&immutable=1"  # no -shm can be made on a read-only mount
    check = subprocess.run([spec["python"], "-c", (
        f"import sqlite3, sys; c = sqlite3.connect(f'file:{{sys.argv[1]}}?mode={mode}', uri=True);"
        "print(c.execute('PRAGMA integrity_check').fetchone()[0], c.execute('SELECT count(*) FROM draft').fetchone()[0])")
        , os.path.join(data, "tripreport.db")], capture_output=True, text=True)
    results.append({"code": check.returncode, "out": check.stdout, "err": check.stderr})
    return results


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1])), ensure_ascii=False))
