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
    modes = ("bare", "text", "app")
    wall: dict[str, list[float]] = {m: [] for m in modes}
    cpu: dict[str, list[float]] = {m: [] for m in modes}
    rss: dict[str, list[float]] = {m: [] for m in modes}
    loaded = ""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = _env(Path(tmp) / "data")
        for mode in modes:  # warm-up: creates the database, fills the disk cache; not counted
            _probe(mode, env)
        for _ in range(runs):  # interleaved, so drifting machine load hits all alike
            for mode in modes:
                result = _probe(mode, env)
                wall[mode].append(result.seconds * 1000)
                cpu[mode].append((result.cpu_seconds or 0) * 1000)
                rss[mode].append(result.peak_rss_mb or 0)
                if mode == "app":
                    loaded = result.stdout.split("loaded:", 1)[1].strip()

    def note(mode: str) -> str:
        return (f"median of {runs}; p90 {percentile(wall[mode], 90):.0f} ms; CPU {median(cpu[mode]):.0f} ms; "
                f"peak RSS {median(rss[mode]):.0f} MB")

    m = {mode: median(wall[mode]) for mode in modes}
    c = {mode: max(median(cpu[mode]), 1e-9) for mode in modes}
    return [
        row("startup: bare PySide6 window", m["bare"], "ms", "baseline", note("bare")),
        row("startup: PySide6 window with Chinese text", m["text"], "ms", "second baseline",
            note("text") + "; menu, label, buttons, table header: the first text loads the fonts"),
        row("startup: TripReport main window", m["app"], "ms", "",
            note("app") + f"; heavy modules loaded at first paint: {loaded or 'none'}"),
        row("startup: ratio to bare window", m["app"] / m["bare"], "×", "≤ 1.5×",
            "wall time, process start → first paint, offscreen (the issue's figure)"),
        row("startup: CPU-time ratio to bare window", c["app"] / c["bare"], "×", "≤ 1.5×",
            "user+system CPU; steadier than wall time on a busy machine"),
        row("startup: ratio to window with Chinese text", m["app"] / m["text"], "×", "",
            f"what the app adds over any Qt window showing text (CPU ratio {c['app'] / c['text']:.2f}×)"),
        row("import docxtpl + peewee + PIL", _import_cost(runs), "ms", "not before first use",
            "extra time over an empty interpreter (why export and photo code load lazily)"),
    ]
