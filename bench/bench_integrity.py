"""What SQLite's integrity checks cost at start, on a large and on a typical draft database.

Every open runs `PRAGMA quick_check` (page structure of every table and index) before anything is
written, backed up or migrated; the window also runs the full `integrity_check` once, in the
background. Measured here: each check alone, and the whole `tripreport list` process against a
baseline process doing the same with the check left out (the same code, check_file replaced by
one reading the schema version only), interleaved. Warm page cache: the first start after a
reboot reads the whole file from disk (about 1.3 s for 1,000 drafts on this machine's disk).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.common import REPO_ROOT, chinese_text, median, row, run_child, timer

CHARS_PER_DRAFT = 15_000
CHAPTERS = 5


def _fill(folder: Path, n_drafts: int) -> Path:
    from desktop.domain.report import Report
    from desktop.storage import close_database, open_repository
    from desktop.storage.search import SearchIndex

    repo = open_repository(folder)
    with repo.db.atomic():
        for i in range(n_drafts):
            report = Report.new(f"出國報告 {i:04d}")
            for j, chapter in enumerate(report.chapters[:CHAPTERS]):
                chapter.text = chinese_text(CHARS_PER_DRAFT // CHAPTERS, seed=i * 10 + j)
            repo.create(report)
    SearchIndex(repo.db).catch_up()  # the index is part of a real file's size
    close_database()
    return folder / "tripreport.db"


def _measure(folder: Path, n_drafts: int, label: str) -> list[dict]:
    from desktop.storage.health import check_file

    db = _fill(folder, n_drafts)
    size_mb = db.stat().st_size / 1024 / 1024
    check_file(db)  # warm the page cache, as a second start finds it
    quick = []
    full = []
    for _ in range(5):
        with timer() as t:
            assert not check_file(db).damaged
        quick.append(t.ms)
    for _ in range(3):
        with timer() as t:
            assert not check_file(db, full=True).damaged
        full.append(t.ms)
    ours, baseline = [], []
    for i in range(8):  # interleaved, the first pair dropped (cold caches)
        with_check, without = (_list_ms(folder, skip) for skip in ("", "skip"))
        if i:
            ours.append(with_check)
            baseline.append(without)
    note = f"{n_drafts} drafts of {CHARS_PER_DRAFT:,} 字, {size_mb:.0f} MB file"
    return [
        row(f"integrity: quick_check at open ({label})", median(quick), "ms", "", note),
        row(f"integrity: full integrity_check ({label})", median(full), "ms", "background", "window only, once a start"),
        row(f"integrity: `tripreport list` process ({label})", median(ours), "ms", "", "median of 7"),
        row(f"integrity: same process without the check ({label})", median(baseline), "ms", "baseline",
            "check_file reads the schema version only"),
        row(f"integrity: `list` with / without the check ({label})", median(ours) / median(baseline), "×", "",
            "what a user waits for because of the check"),
    ]


def _list_ms(folder: Path, skip: str) -> float:
    done = run_child([sys.executable, "-c", _LIST, str(folder), skip], cwd=REPO_ROOT)
    if done.returncode != 0 or "出國報告" not in done.stdout:
        raise RuntimeError(f"tripreport list failed: {done.stderr[-300:]}")
    return done.seconds * 1000


# `tripreport --data-dir DIR list`; with "skip", health.check_file only reads the schema version.
_LIST = """
import sys
folder, skip = sys.argv[1], sys.argv[2]
if skip:
    from desktop.storage import health
    def version_only(path, full=False):
        con = health.connect_read_only(path)
        try:
            return health.FileHealth(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    health.check_file = version_only
from desktop.cli import main
sys.exit(main(["--data-dir", folder, "list"]))
"""


def run(quick: bool) -> list[dict]:
    rows = []
    for n_drafts, label in ((50, "typical"), (100 if quick else 1000, "large")):
        with tempfile.TemporaryDirectory() as tmp:
            rows += _measure(Path(tmp) / "data", n_drafts, label)
    return rows


def main(argv: list[str]) -> int:
    for r in run("--quick" in argv):
        print(f"{r['name']:<60} {r['value']:>10.2f} {r['unit']:<4} {r['goal']:<12} {r['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
