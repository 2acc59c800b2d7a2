"""Storage benchmark: the draft list with thousands of drafts, and the editor's autosave of a long
draft.

`python -m bench.bench_storage [--quick]` or through `python -m bench`. Everything is generated here,
deterministically, in temporary data folders. Same-run baselines: the repository's list query alone
(what any list must read) for the draft list; the skeleton's full-rewrite save and a naive sync
trigger (re-index the whole chapter on every save) for the autosave. Search has its own area
(bench_search.py).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from desktop.domain.report import Report
from desktop.storage import close_database, open_repository
from desktop.storage.search import SearchIndex

HANZI = ("的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面"
         "而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好"
         "應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此"
         "變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指")
CHARS_PER_DRAFT = 15_000
CHAPTERS = 5
LONG_DRAFTS, LONG_DRAFTS_QUICK = 200, 30
LIST_SIZES, LIST_SIZES_QUICK = (1000, 5000), (500,)
LIST_GOAL = "< 100 ms"


def _text(rng: random.Random, n: int) -> str:
    out = []
    while n > 0:
        line = min(n, rng.randint(60, 200))
        out.append("".join(rng.choice(HANZI) for _ in range(line)))
        n -= line
    return "\n".join(out)


def _ms(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _row(name, value, unit, goal="", note=""):
    return {"name": name, "value": round(value, 3), "unit": unit, "goal": goal, "note": note}


def run(quick: bool) -> list[dict]:
    rows = []
    for size in LIST_SIZES_QUICK if quick else LIST_SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                rows += _draft_list(Path(tmp), size)
            finally:
                close_database()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            rows += _saves(Path(tmp), LONG_DRAFTS_QUICK if quick else LONG_DRAFTS)
        finally:
            close_database()
    return rows


def _draft_list(folder: Path, n_drafts: int) -> list[dict]:
    """The list as the user meets it: the window's draft list page filled and painted, at start and
    after returning from a draft."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.gui.draft_list import DraftListPage
    from desktop.gui.draft_table import DAYS_LEFT

    app = QApplication.instance() or QApplication([])
    rng = random.Random(n_drafts)
    repo = open_repository(folder)
    with repo.db.atomic():
        for i in range(n_drafts):
            report = Report.new(f"出國報告 {i:04d} {_text(rng, 12)}", rng.choice(("central", "taipei", "taichung")))
            report.end_date = date(2025, 1, 1) + timedelta(days=rng.randint(0, 500))
            report.start_date = report.end_date - timedelta(days=rng.randint(2, 9))
            repo.create(report)
    ids = [d.id for d in repo.list_drafts()]
    query = statistics.median(_ms(repo.list_drafts, 5))
    reads = statistics.median(_ms(repo.list_drafts_with_status_times, 5))
    DraftListPage(repo).deleteLater()  # first use: imports and Qt's first layout, not counted

    def open_page() -> None:
        page = DraftListPage(repo)
        page.resize(1366, 700)
        page.show()
        app.processEvents()  # the first paint
        pages.append(page)

    pages: list[DraftListPage] = []
    opening = []
    for _ in range(5):
        opening += _ms(open_page, 1)
        pages[-1].hide()
    page = pages[-1]
    page.show()
    app.processEvents()

    def then_paint(action) -> float:
        started = time.perf_counter()
        action()
        app.processEvents()  # Qt repaints what the change made dirty, as in the window
        return (time.perf_counter() - started) * 1000

    returning = []
    for draft_id in ids[len(ids) // 2:len(ids) // 2 + 9]:
        repo.rename(draft_id, f"改過的名稱 {draft_id}")  # what the editor saved meanwhile
        returning.append(then_paint(page.refresh))  # what the window does on the way back to the list
    sorting = then_paint(lambda: page.table.sortByColumn(DAYS_LEFT, Qt.AscendingOrder))
    filtering = then_paint(lambda: page.filter_edit.setText("出國報告 01"))
    for p in pages:
        p.deleteLater()
    app.processEvents()
    base = f"same run: list_drafts() alone {query:.1f} ms, the page's one query {reads:.1f} ms"
    return [
        _row(f"draft list: open with {n_drafts:,} drafts", statistics.median(opening), "ms", LIST_GOAL,
             f"page built, filled and painted at 1366×700, median of 5 (max {max(opening):.0f}); {base}"),
        _row(f"draft list: return from a draft ({n_drafts:,})", statistics.median(returning), "ms", LIST_GOAL,
             f"refresh + repaint after one draft changed, median of {len(returning)} (max {max(returning):.0f})"),
        _row(f"draft list: first sort by days left ({n_drafts:,})", sorting, "ms", LIST_GOAL,
             "every draft's deadline worked out, then sorted and repainted"),
        _row(f"draft list: filter by title ({n_drafts:,})", filtering, "ms", LIST_GOAL, "one keystroke: refilter + repaint"),
    ]


def _saves(folder: Path, n_drafts: int) -> list[dict]:
    rng = random.Random(20261121)
    repo = open_repository(folder)
    ids = []
    with repo.db.atomic():
        for i in range(n_drafts):
            report = Report.new(f"出國報告 {i:04d}")
            report.chapters.append(report.chapters[-1].__class__(heading="附錄說明"))
            for chapter in report.chapters[:CHAPTERS]:
                chapter.set_text(_text(rng, CHARS_PER_DRAFT // CHAPTERS))
            ids.append(repo.create(report))
    index = SearchIndex(repo.db)
    index.catch_up()
    rows = []

    # The editor's autosave: one chapter of a long draft changed, the whole report saved.
    report = repo.load(ids[0])

    def edit_and_save():
        report.chapters[1].set_text(report.chapters[1].text + "字")
        repo.save(report)

    save = _ms(edit_and_save, 101)
    rows.append(_row("storage: field save median (incremental + lazy index)", statistics.median(save), "ms",
                     "<2 ms", f"p90 {statistics.quantiles(save, n=10)[-1]:.2f} ms"))

    def full_rewrite():
        report.chapters[1].set_text(report.chapters[1].text + "字")
        with repo.db.atomic():
            repo._delete_children(report.id)
            repo._write_children(report)

    rewrite = _ms(full_rewrite, 51)
    rows.append(_row("storage: save by full rewrite (skeleton baseline)", statistics.median(rewrite), "ms", "",
                     "delete and re-insert every child row"))

    t0 = time.perf_counter()
    index.catch_up()
    rows.append(_row("storage: index catch-up after the edits", (time.perf_counter() - t0) * 1000, "ms",
                     "within seconds", "one changed draft re-indexed"))

    # Baseline: a naive sync trigger that re-indexes the whole chapter in the same transaction.
    repo.db.execute_sql("CREATE VIRTUAL TABLE naive_fts USING fts5(sid UNINDEXED, body, tokenize='trigram')")
    repo.db.execute_sql("INSERT INTO naive_fts (sid, body) SELECT sid, body FROM section WHERE draft_id = ?",
                        (report.id,))
    repo.db.execute_sql(
        "CREATE TRIGGER naive_sync AFTER UPDATE OF body ON section BEGIN "
        "DELETE FROM naive_fts WHERE sid = OLD.sid; INSERT INTO naive_fts (sid, body) VALUES (NEW.sid, NEW.body); END")
    naive = _ms(edit_and_save, 51)
    repo.db.execute_sql("DROP TRIGGER naive_sync")
    rows.append(_row("storage: field save with naive sync trigger (baseline)", statistics.median(naive), "ms", "",
                     "re-indexes the whole chapter per save"))
    rows.append(_row("storage: naive trigger / ours", statistics.median(naive) / statistics.median(save), "×", ">1"))
    return rows


def main(argv: list[str]) -> int:
    for row in run("--quick" in argv):
        print(f"{row['name']:<60} {row['value']:>10} {row['unit']:<7} {row['goal']:<16} {row['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
