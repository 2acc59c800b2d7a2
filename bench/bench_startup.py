"""Start-up: whole-process time to the first painted main window (offscreen), and to a usable one
(the draft list filled, every menu in place), against a bare PySide6 window started the same way
in the same run. Goal: first paint within 1.5× of the bare window.

Four kinds of process (startup_probe.py) are started in turn, interleaved, so drifting load on the
shared machine hits all alike; each figure is a median, with the spread of the per-round ratios
(first–third quartile). The data folder holds DRAFTS drafts. Before each start the folder is left
as a normal exit leaves it: the probe ends the app with os._exit, which leaves the single-instance
lock (taking over a dead process's lock costs ~10–20 ms) and the session marker (the next start
would report a crash and reopen the last draft) — what only a start after a crash pays.

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
MODES = ("bare", "text", "app", "app-ready")
RUNS, RUNS_QUICK = 15, 3
DRAFTS = 30
LEFT_BY_A_CRASH = ("tripreport.lock", "session.json")  # single_instance.LOCK_NAME, session.MARKER_NAME


def _env(data_dir: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIPREPORT_DATA_DIR=str(data_dir))
    return env


def _fill(data_dir: Path) -> None:
    from desktop.domain.report import Report
    from desktop.storage import close_database, open_repository

    repo = open_repository(data_dir)
    try:
        for i in range(DRAFTS):
            repo.create(Report.new(f"出國報告 {i:02d}"))
    finally:
        close_database()


def as_after_a_normal_exit(data_dir: Path) -> None:
    for name in LEFT_BY_A_CRASH:
        (data_dir / name).unlink(missing_ok=True)


def _probe(mode: str, env: dict, data_dir: Path):
    as_after_a_normal_exit(data_dir)
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


def _quartiles(values: list[float]) -> str:
    return f"{percentile(values, 25):.2f}–{percentile(values, 75):.2f}"


def run(quick: bool) -> list[dict]:
    runs = RUNS_QUICK if quick else RUNS
    wall: dict[str, list[float]] = {m: [] for m in MODES}
    cpu: dict[str, list[float]] = {m: [] for m in MODES}
    rss: dict[str, list[float]] = {m: [] for m in MODES}
    loaded = ""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = Path(tmp) / "data"
        _fill(data_dir)
        env = _env(data_dir)
        for mode in MODES:  # warm-up: fills the disk cache; not counted
            _probe(mode, env, data_dir)
        for _ in range(runs):  # interleaved, so drifting machine load hits all alike
            for mode in MODES:
                result = _probe(mode, env, data_dir)
                wall[mode].append(result.seconds * 1000)
                cpu[mode].append((result.cpu_seconds or 0) * 1000)
                rss[mode].append(result.peak_rss_mb or 0)
                if mode == "app":
                    loaded = result.stdout.split("loaded:", 1)[1].strip()

    def note(mode: str) -> str:
        return (f"median of {runs}; p10–p90 {percentile(wall[mode], 10):.0f}–{percentile(wall[mode], 90):.0f} ms; "
                f"CPU {median(cpu[mode]):.0f} ms; peak RSS {median(rss[mode]):.0f} MB")

    def ratios(mode: str, base: str, of: dict) -> list[float]:
        return [a / max(b, 1e-9) for a, b in zip(of[mode], of[base], strict=True)]

    m = {mode: median(wall[mode]) for mode in MODES}
    c = {mode: max(median(cpu[mode]), 1e-9) for mode in MODES}
    paint, paint_cpu = ratios("app", "bare", wall), ratios("app", "bare", cpu)
    ready, ready_cpu = ratios("app-ready", "bare", wall), ratios("app-ready", "bare", cpu)
    return [
        row("startup: bare PySide6 window", m["bare"], "ms", "baseline", note("bare")),
        row("startup: PySide6 window with Chinese text", m["text"], "ms", "second baseline",
            note("text") + "; menu, label, buttons, table header: the first text loads the fonts"),
        row("startup: TripReport main window, first paint", m["app"], "ms", "",
            note("app") + f"; heavy modules loaded at first paint: {loaded or 'none'}"),
        row("startup: first paint, ratio to bare window", median(paint), "×", "≤ 1.5×",
            f"wall time, process start → first paint, offscreen; per-round ratios {_quartiles(paint)}"),
        row("startup: first paint, CPU-time ratio to bare window", median(paint_cpu), "×", "≤ 1.5×",
            f"user+system CPU, steadier than wall time on a busy machine; per-round {_quartiles(paint_cpu)}"),
        row("startup: first paint, ratio to window with Chinese text", m["app"] / m["text"], "×", "",
            f"what the app adds over any Qt window showing text (CPU ratio {c['app'] / c['text']:.2f}×)"),
        row("startup: TripReport usable (list filled, menus ready)", m["app-ready"], "ms", "",
            note("app-ready") + f"; {DRAFTS} drafts in the list; database opened after the first paint"),
        row("startup: usable, ratio to bare window", median(ready), "×", "no goal set",
            f"wall; per-round {_quartiles(ready)}; CPU ratio {median(ready_cpu):.2f}× ({_quartiles(ready_cpu)})"),
        row("import docxtpl + peewee + PIL", _import_cost(runs), "ms", "not before first use",
            "extra time over an empty interpreter (why export and photo code load lazily)"),
    ]
