"""The installer bundle: its size (goal under 250 MB on Linux) and how fast the frozen program starts,
the window as well as the command line.

It measures the folder `bash scripts/build-bundle` left in dist/TripReport (building takes about
half a minute, so the bench does not build it itself); without a bundle the rows say so.

The window's start is timed from outside, as a user would see it, with nothing added to the app:
from starting the process until the window answers a second start on its single-instance socket,
which it opens right after the draft list is filled and the menus are in place. The same-run
baseline is the same measurement of `python -m desktop` from the source tree.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO_ROOT, median, percentile, row, run_child

BUNDLE = REPO_ROOT / "dist" / "TripReport"
RUNS, RUNS_QUICK = 7, 3
ANSWER_TIMEOUT_S = 60


def _size_mb(folder: Path) -> float:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total / 1024 / 1024


def window_start_ms(cmd: list[str], env: dict, data_dir: Path) -> float:
    """Milliseconds from starting `cmd` until its window answers on the single-instance socket."""
    from bench.bench_startup import as_after_a_normal_exit
    from desktop.gui.single_instance import server_name

    address = Path(env["TMPDIR"]) / server_name(data_dir)  # where QLocalServer puts a named socket
    as_after_a_normal_exit(data_dir)  # the previous run was killed
    address.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(cmd, env=env, cwd=env["HOME"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the window ended before it answered: {process.stderr.read()[-300:]!r}")
            if time.perf_counter() - start > ANSWER_TIMEOUT_S:
                raise RuntimeError("the window did not answer within a minute")
            with socket.socket(socket.AF_UNIX) as probe:
                try:
                    probe.connect(str(address))
                    return (time.perf_counter() - start) * 1000
                except OSError:
                    pass
            time.sleep(0.002)
    finally:
        process.terminate()
        process.wait(10)


def run(quick: bool) -> list[dict]:
    gui = BUNDLE / ("TripReport.exe" if os.name == "nt" else "TripReport")
    cli = BUNDLE / ("tripreport-cli.exe" if os.name == "nt" else "tripreport-cli")
    if not cli.is_file():
        return [row("bundle: size", float("nan"), "MB", "< 250 MB", "no bundle in dist/: run bash scripts/build-bundle")]
    report_file = REPO_ROOT / "dist" / "bundle-report.json"
    built = json.loads(report_file.read_text()) if report_file.is_file() else {}
    rows = [row("bundle: size", _size_mb(BUNDLE), "MB", "< 250 MB",
                f"dist/TripReport; built in {built.get('build_seconds', '?')} s by scripts/build-bundle")]
    runs = RUNS_QUICK if quick else RUNS
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        data_dir = Path(tmp) / "data"
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TMPDIR": tmp, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
               "TRIPREPORT_DATA_DIR": str(data_dir)}
        from bench.bench_startup import DRAFTS, _fill

        _fill(data_dir)
        starts = [run_child([str(cli), "list"], env=env, cwd=Path(tmp)).seconds * 1000 for _ in range(runs + 1)][1:]
        frozen, source = [], []
        if gui.is_file() and os.name != "nt":
            for n in range(runs + 1):  # interleaved with the baseline; the first round warms the disk cache
                f = window_start_ms([str(gui)], env, data_dir)
                s = window_start_ms([sys.executable, "-m", "desktop"], env, data_dir)
                if n:
                    frozen.append(f)
                    source.append(s)
        checks = []
        for _ in range(1 if quick else 3):
            result = run_child([str(cli), "selftest"], env=env, cwd=Path(tmp))
            if result.returncode != 0:
                raise RuntimeError(f"frozen selftest failed: {result.stderr.strip()[-300:]}")
            checks.append(result.seconds)
    rows.append(row("bundle: frozen `tripreport-cli list`", median(starts), "ms", "",
                    f"median of {runs}: frozen process start, open a database of {DRAFTS} drafts, print"))
    if frozen:
        ratios = [f / s for f, s in zip(frozen, source, strict=True)]
        rows.append(row("bundle: frozen window usable", median(frozen), "ms", "no goal set",
                        f"median of {runs}, p10–p90 {percentile(frozen, 10):.0f}–{percentile(frozen, 90):.0f} ms: "
                        f"start → list filled and menus ready (answers a second start); {DRAFTS} drafts"))
        rows.append(row("bundle: frozen window / python -m desktop", median(ratios), "×", "no goal set (≈ 1 expected)",
                        f"same-run baseline {median(source):.0f} ms from the source tree; per-round ratios "
                        f"{percentile(ratios, 25):.2f}–{percentile(ratios, 75):.2f}"))
    rows.append(row("bundle: frozen selftest", median(checks), "s", "passes",
                    "import example, export .docx, read back, open the window offscreen"))
    return rows
