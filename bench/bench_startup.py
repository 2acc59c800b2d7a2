"""Start-up: whole-process time to the first painted main window (offscreen), against a bare
PySide6 window started the same way in the same run. Goal: within 1.5× of the bare window.

Also the price of the libraries that export and photos need (docxtpl, peewee, Pillow), which is
why they must not be imported before they are used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bench.common import REPO_ROOT, median, percentile, row, run_child

PROBE = Path(__file__).with_name("startup_probe.py")


def _env(data_dir: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIPREPORT_DATA_DIR=str(data_dir))
    env.pop("TRIPREPORT_UNDER_XVFB", None)
    return env


def _probe(mode: str, env: dict):
    result = run_child([sys.executable, str(PROBE), mode], env=env, cwd=REPO_ROOT)
    if result.returncode != 0 or "loaded:" not in result.stdout:
        raise RuntimeError(f"{mode} probe failed ({result.returncode}): {result.stderr.strip()[-400:]}")
    return result


def _import_cost(runs: int) -> float:
    """Median extra milliseconds of `import docxtpl, peewee, PIL.Image` over an empty interpreter."""
    base, heavy = [], []
    for _ in range(runs):
        base.append(run_child([sys.executable, "-c", "pass"], cwd=REPO_ROOT).seconds)
        heavy.append(run_child([sys.executable, "-c", "import docxtpl, peewee, PIL.Image"], cwd=REPO_ROOT).seconds)
    return (median(heavy) - median(base)) * 1000


def run(quick: bool) -> list[dict]:
    runs = 3 if quick else 15
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = _env(Path(tmp) / "data")
        # Warm-up (creates the database, fills the disk cache); not counted.
        _probe("bare", env)
        _probe("app", env)
        bare, app, app_rss, bare_rss, bare_cpu, app_cpu = [], [], [], [], [], []
        loaded = ""
        for _ in range(runs):  # interleaved, so drifting machine load hits both alike
            b = _probe("bare", env)
            a = _probe("app", env)
            bare.append(b.seconds * 1000)
            app.append(a.seconds * 1000)
            bare_rss.append(b.peak_rss_mb or 0)
            bare_cpu.append((b.cpu_seconds or 0) * 1000)
            app_cpu.append((a.cpu_seconds or 0) * 1000)
            app_rss.append(a.peak_rss_mb or 0)
            loaded = a.stdout.split("loaded:", 1)[1].strip()
    ratio = median(app) / median(bare)
    spread = f"median of {runs}; p90 {percentile(app, 90):.0f} ms"
    return [
        row("startup: bare PySide6 window", median(bare), "ms", "baseline",
            f"median of {runs}; p90 {percentile(bare, 90):.0f} ms; peak RSS {median(bare_rss):.0f} MB"),
        row("startup: TripReport main window", median(app), "ms", "",
            f"{spread}; peak RSS {median(app_rss):.0f} MB; loaded at first paint: {loaded or 'none of the heavy ones'}"),
        row("startup: ratio to bare window", ratio, "×", "≤ 1.5×", "whole process, start → first paint, offscreen"),
        row("startup: CPU-time ratio to bare window", median(app_cpu) / max(median(bare_cpu), 1e-9), "×", "≤ 1.5×",
            f"user+system CPU {median(app_cpu):.0f} ms vs {median(bare_cpu):.0f} ms; steadier than wall time on a busy machine"),
        row("import docxtpl + peewee + PIL", _import_cost(runs), "ms", "not before first use",
            "extra time over an empty interpreter (why export and photo code load lazily)"),
    ]
