"""The installer bundle: its size (goal under 250 MB on Linux) and the frozen program's start.

It measures the folder `bash scripts/build-bundle` left in dist/TripReport (building takes about
half a minute, so the bench does not build it itself); without a bundle the rows say so.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from bench.common import REPO_ROOT, median, row, run_child

BUNDLE = REPO_ROOT / "dist" / "TripReport"


def _size_mb(folder: Path) -> float:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total / 1024 / 1024


def run(quick: bool) -> list[dict]:
    cli = BUNDLE / ("tripreport-cli.exe" if os.name == "nt" else "tripreport-cli")
    if not cli.is_file():
        return [row("bundle: size", float("nan"), "MB", "< 250 MB", "no bundle in dist/: run bash scripts/build-bundle")]
    report_file = REPO_ROOT / "dist" / "bundle-report.json"
    built = json.loads(report_file.read_text()) if report_file.is_file() else {}
    rows = [row("bundle: size", _size_mb(BUNDLE), "MB", "< 250 MB",
                f"dist/TripReport; built in {built.get('build_seconds', '?')} s by scripts/build-bundle")]
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
               "TRIPREPORT_DATA_DIR": str(Path(tmp) / "data")}
        starts = [run_child([str(cli), "list"], env=env, cwd=Path(tmp)).seconds * 1000 for _ in range(runs + 1)][1:]
        checks = []
        for _ in range(1 if quick else 3):
            result = run_child([str(cli), "selftest"], env=env, cwd=Path(tmp))
            if result.returncode != 0:
                raise RuntimeError(f"frozen selftest failed: {result.stderr.strip()[-300:]}")
            checks.append(result.seconds)
    rows.append(row("bundle: frozen `tripreport-cli list`", median(starts), "ms", "",
                    f"median of {runs}: frozen process start, open an empty database, print"))
    rows.append(row("bundle: frozen selftest", median(checks), "s", "passes",
                    "import example, export .docx, read back, open the window offscreen"))
    return rows
