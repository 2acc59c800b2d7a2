"""What SQLite's integrity checks cost at start, on a large and on a typical draft database.

Every open runs `PRAGMA quick_check` (page structure of every table and index) before anything is
written, backed up or migrated; the window also runs the full `integrity_check` once, in the
background. Both are left out while the file is unchanged since a full check found it sound
(storage/last_check.py). Measured here: each check alone, then whole processes, interleaved,
against a baseline process doing the same with no check at all (the same code, check_file replaced
by one reading the schema version only and the window's full check by nothing):
- `tripreport list`, the file changed since the last full check (both checks' path) and unchanged;
- the window, from process start until it is usable (list filled, menus ready) and until the
  start's background check has ended too, changed and unchanged.
"Changed" runs have the record of the last check removed, which takes the same path as a file
written since. Today's daily backup exists already, so no run makes one. Warm page cache: the first
start after a reboot reads the whole file from disk (about 1.3 s for 1,000 drafts here).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO_ROOT, chinese_text, median, percentile, row, run_child, timer

PROBE = Path(__file__).with_name("startup_probe.py")
WINDOW_RUNS, WINDOW_RUNS_QUICK = 9, 3

CHARS_PER_DRAFT = 15_000
CHAPTERS = 5
DRAFTS_TYPICAL, DRAFTS_LARGE, DRAFTS_LARGE_QUICK = 50, 1000, 100


def _fill(folder: Path, n_drafts: int) -> Path:
    from desktop.domain.report import Report
    from desktop.storage import close_database, open_repository
    from desktop.storage.search import SearchIndex

    repo = open_repository(folder)
    with repo.db.atomic():
        for i in range(n_drafts):
            report = Report.new(f"出國報告 {i:04d}")
            for j, chapter in enumerate(report.chapters[:CHAPTERS]):
                chapter.set_text(chinese_text(CHARS_PER_DRAFT // CHAPTERS, seed=i * 10 + j))
            repo.create(report)
    SearchIndex(repo.db).catch_up()  # the index is part of a real file's size
    close_database()
    return folder / "tripreport.db"


def _measure(folder: Path, n_drafts: int, label: str, quick: bool) -> list[dict]:
    from desktop.storage.backup import make_daily_backup
    from desktop.storage.health import check_file

    db = _fill(folder, n_drafts)
    make_daily_backup(folder, db)  # as any start after the first of the day finds it
    size_mb = db.stat().st_size / 1024 / 1024
    check_file(db)  # warm the page cache, as a second start finds it
    quick_ms = []
    full_ms = []
    for _ in range(5):
        with timer() as t:
            assert not check_file(db).damaged
        quick_ms.append(t.ms)
    for _ in range(3):
        with timer() as t:
            assert not check_file(db, full=True).damaged
        full_ms.append(t.ms)
    note = f"{n_drafts} drafts of {CHARS_PER_DRAFT:,} 字, {size_mb:.0f} MB file"
    rows = [
        row(f"integrity: quick_check at open ({label})", median(quick_ms), "ms", "", note),
        row(f"integrity: full integrity_check ({label})", median(full_ms), "ms", "background",
            "window only, once a start while the file keeps changing"),
    ]
    record = _remember_sound(db)
    runs = WINDOW_RUNS_QUICK if quick else WINDOW_RUNS
    lists = _interleaved(folder, record, runs, lambda how: _list_ms(folder, how))
    rows += _rows(f"`tripreport list`, {label}", lists, runs)
    for mode, what in (("app-ready", "window usable"), ("app-checked", "window + its check ended")):
        times = _interleaved(folder, record, runs, lambda how, m=mode: _window_ms(folder, m, how))
        rows += _rows(f"{what}, {label}", times, runs)
    return rows


HOW = ("changed", "unchanged", "no check")  # the file since the last full check; the baseline


def _remember_sound(db: Path) -> str:
    """A full check's record of the file as it is, kept to be put back before each unchanged run."""
    from desktop.storage import last_check

    written = max(db.stat().st_mtime, db.stat().st_ctime)
    time.sleep(max(0.0, written + last_check.RACY_MARGIN_S + 0.1 - time.time()))  # else it is not remembered
    if last_check.full_check(db) or not last_check.unchanged_since_sound(db):
        raise RuntimeError("the bench database is damaged, or its check was not remembered")
    return (db.parent / last_check.RECORD_NAME).read_text(encoding="utf-8")


def _interleaved(folder: Path, record: str, runs: int, measure) -> dict[str, list[float]]:
    """Each kind of run in turn, `runs` rounds after one dropped (cold caches), the order rotated."""
    from desktop.storage import last_check

    times: dict[str, list[float]] = {how: [] for how in HOW}
    for i in range(runs + 1):
        for how in HOW[i % 3:] + HOW[:i % 3]:
            kept = folder / last_check.RECORD_NAME
            if how == "unchanged":
                kept.write_text(record, encoding="utf-8")
            else:
                kept.unlink(missing_ok=True)
            ms = measure(how)
            if i:
                times[how].append(ms)
    return times


def _rows(what: str, times: dict[str, list[float]], runs: int) -> list[dict]:
    base = median(times["no check"])

    def spread(how: str) -> str:
        ratios = [a / b for a, b in zip(times[how], times["no check"], strict=True)]
        return f"per-round ratio {percentile(ratios, 25):.2f}–{percentile(ratios, 75):.2f}"

    return [
        row(f"integrity: {what}, no check", base, "ms", "baseline", f"median of {runs}, interleaved; no check at all"),
        row(f"integrity: {what}, file changed ÷ no check", median(times["changed"]) / base, "×", "",
            f"{median(times['changed']):.0f} ms; changed since the last full check: quick_check at open, in the window "
            f"the full one too (what every start did before); {spread('changed')}"),
        row(f"integrity: {what}, file unchanged ÷ no check", median(times["unchanged"]) / base, "×", "≤ 1.1",
            f"{median(times['unchanged']):.0f} ms; unchanged since a full check found it sound: both checks left out; "
            f"{spread('unchanged')}"),
    ]


def _list_ms(folder: Path, how: str) -> float:
    done = run_child([sys.executable, "-c", _NO_CHECK + _LIST, str(folder), how], cwd=REPO_ROOT)
    if done.returncode != 0 or "出國報告" not in done.stdout:
        raise RuntimeError(f"tripreport list failed: {done.stderr[-300:]}")
    return done.seconds * 1000


def _window_ms(folder: Path, mode: str, how: str) -> float:
    for name in ("tripreport.lock", "session.json"):  # as a normal exit leaves the folder
        (folder / name).unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIPREPORT_DATA_DIR=str(folder))
    code = _NO_CHECK + f"sys.path.insert(0, {str(PROBE.parent)!r})\nimport startup_probe\nstartup_probe.main({mode!r})"
    done = run_child([sys.executable, "-c", code, str(folder), how], env=env, cwd=REPO_ROOT)
    if done.returncode != 0 or "loaded:" not in done.stdout:
        raise RuntimeError(f"window start failed ({done.returncode}): {done.stderr[-300:]}")
    return done.seconds * 1000


# argv: folder, how. With "no check", health.check_file reads the schema version only and the
# window's full check does nothing: the same process with no check at all.
_NO_CHECK = """
import sys
if sys.argv[2] == "no check":
    from desktop.storage import health, last_check
    def version_only(path, full=False, check=True):
        con = health.connect_read_only(path)
        try:
            return health.FileHealth(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    health.check_file = version_only
    last_check.full_check = lambda path: ""
"""
_LIST = """
from desktop.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "list"]))
"""


def run(quick: bool) -> list[dict]:
    rows = []
    for n_drafts, label in ((DRAFTS_TYPICAL, "typical"), (DRAFTS_LARGE_QUICK if quick else DRAFTS_LARGE, "large")):
        with tempfile.TemporaryDirectory() as tmp:
            rows += _measure(Path(tmp) / "data", n_drafts, label, quick)
    return rows


def main(argv: list[str]) -> int:
    for r in run("--quick" in argv):
        print(f"{r['name']:<60} {r['value']:>10.2f} {r['unit']:<4} {r['goal']:<12} {r['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
