"""Search across every draft, with the queries people type: 1,000 drafts of 15,000 characters.

Drafts are built from paragraphs of published reports (read at bench time from the examples folder,
see common.report_paragraphs; never part of the product), and each draft also gets a sentence and a
few words no other draft has. The queries:
- frequent: the commonest words of one, two and three characters in that text (they hit most drafts);
- rare: words found in exactly one draft (checked by scanning every text);
- absent: words found in none.
Each query is timed RUNS times, round-robin over all queries after one untimed pass, so a burst of
load on the shared machine spreads over every class. The same-run baseline is the search as it was
before the short index: the trigram index joined to the texts and sorted by draft for three
characters or more, LIKE over every text for one or two, with the same page size and excerpts.
One more figure: searches while the background indexer re-indexes changed drafts, against the
same searches while the indexer as it was before (not waiting for running searches) re-indexes
them, in the same run.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.common import chinese_text, median, percentile, report_paragraphs, row

N_DRAFTS, N_DRAFTS_QUICK = 1000, 100
CHARS_PER_DRAFT = 15_000
CHAPTERS = 5
RUNS, RUNS_QUICK = 15, 4
QUERIES_PER_CLASS = 5
CHANGED_WHILE_SEARCHING, CHANGED_QUICK = 200, 20
GOAL = "< 5 ms"
GOAL_MS = 5.0
# Characters a trip report hardly ever uses: each goes into exactly one draft as its rare word.
RARE_CHARS = "鯨豚鸛鷺麂鼬獺鯊蠑螈蜥蜴獼鵂鶹鴞雉鷸鴴鵐鶇鱘鰻鱷麝貂"
ABSENT_CHARS = "龘靐齉麤灥贔屭龖爨"  # and these go into none


def _is_han(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


def _chapter_text(rng: random.Random, paragraphs: list[str], chars: int) -> str:
    out, total = [], 0
    while total < chars:
        paragraph = rng.choice(paragraphs)
        out.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(out)[:chars]


def _build(repo, n_drafts: int, paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Create the drafts; returns every draft's searchable text (for checking the queries) and the
    sentence each draft alone has."""
    from desktop.domain.report import Report, Section

    rng = random.Random(20261121)
    rare = [c for c in RARE_CHARS if not any(c in p for p in paragraphs)]
    texts, owns = [], []
    with repo.db.atomic():
        for i in range(n_drafts):
            report = Report.new(f"出國報告 {i:04d}")
            report.chapters.append(Section(heading="附錄說明"))
            per_chapter = CHARS_PER_DRAFT // CHAPTERS
            for n, chapter in enumerate(report.chapters[:CHAPTERS]):
                chapter.set_text(_chapter_text(rng, paragraphs, per_chapter))
                if n == 2:  # a sentence only this draft has, and now and then a rare word
                    own = chinese_text(120, seed=i + 1)
                    owns.append(own)
                    k = i // 7
                    word = rare[2 * k] + rare[2 * k + 1] if i % 7 == 0 and 2 * k + 1 < len(rare) else ""
                    chapter.set_text(chapter.text[: per_chapter - 140] + "\n" + own + word)
            repo.create(report)
            texts.append("\n".join([report.title] + [f"{c.heading}\n{c.text}" for c in report.chapters]))
    return texts, owns


def _queries(paragraphs: list[str], texts: list[str], owns: list[str]) -> dict[str, list[str]]:
    """{"1 char, frequent": [...], ...}: frequent from the report text, rare and absent checked
    against every draft's text."""
    queries: dict[str, list[str]] = {}
    joined = "\n".join(paragraphs)
    for length in (1, 2, 3):
        counts = Counter(joined[i:i + length] for i in range(len(joined) - length + 1))
        frequent = [w for w, _ in counts.most_common() if _is_han(w)][:QUERIES_PER_CLASS]
        queries[f"{length} char{'s' if length > 1 else ''}, frequent"] = frequent
    everything = "\n\x00".join(texts)

    def drafts_with(word: str) -> int:
        return sum(word in text for text in texts) if word in everything else 0

    rng = random.Random(7)
    for length in (1, 2, 3):
        rare: list[str] = []
        candidates = []
        for i in range(0, len(texts), 7):
            text = texts[i]
            for c in set(RARE_CHARS) & set(text):
                at = text.index(c)
                candidates.append(text[at:at + length] if length > 1 else c)
            start = rng.randrange(len(owns[i]) - length)
            candidates.append(owns[i][start:start + length])
        for word in candidates:
            if len(word) == length and not any(c.isspace() for c in word) and word not in rare \
                    and drafts_with(word) == 1:
                rare.append(word)
            if len(rare) == QUERIES_PER_CLASS:
                break
        queries[f"{length} char{'s' if length > 1 else ''}, rare"] = rare
        absent = []
        for _attempt in range(100):
            word = "".join(rng.choice(ABSENT_CHARS) for _ in range(length))
            if word not in absent and drafts_with(word) == 0:
                absent.append(word)
            if len(absent) == 2:
                break
        queries[f"{length} char{'s' if length > 1 else ''}, absent"] = absent
    queries["4–6 char phrases, frequent (no goal)"] = [
        w for w, _ in Counter(joined[i:i + n] for n in (4, 5, 6) for i in range(len(joined) - n)).most_common()
        if _is_han(w)][:QUERIES_PER_CLASS]
    return queries


def _previous_search(db, query: str, limit: int) -> list:
    """The search as it was before the short index, for the baseline (its SQL, our excerpts)."""
    from desktop.storage.search import _hit, fold

    if len(query) >= 3:
        rows = db.execute_sql(
            "SELECT s.draft_id, d.title, s.field, s.ref, s.heading, s.body FROM search_fts "
            "JOIN search_doc s ON s.id = search_fts.rowid JOIN draft d ON d.id = s.draft_id "
            "WHERE search_fts MATCH ? ORDER BY s.draft_id DESC, s.id LIMIT ?",
            ('"' + query.replace('"', '""') + '"', limit)).fetchall()
    else:
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = db.execute_sql(
            "SELECT s.draft_id, d.title, s.field, s.ref, s.heading, s.body FROM search_doc s "
            "JOIN draft d ON d.id = s.draft_id WHERE s.body LIKE ? ESCAPE '\\' "
            "ORDER BY s.draft_id DESC, s.id LIMIT ?", (pattern, limit)).fetchall()
    return [_hit(*r, fold(query)) for r in rows]


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run(quick: bool) -> list[dict]:
    from desktop.storage import close_database

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        try:
            return _run(Path(tmp), N_DRAFTS_QUICK if quick else N_DRAFTS, RUNS_QUICK if quick else RUNS,
                        CHANGED_QUICK if quick else CHANGED_WHILE_SEARCHING)
        finally:
            close_database()


def _run(folder: Path, n_drafts: int, runs: int, changed: int) -> list[dict]:
    from desktop.storage import open_repository
    from desktop.storage.search import PAGE_SIZE, BackgroundIndexer, SearchIndex

    paragraphs, source = report_paragraphs()
    repo = open_repository(folder)
    texts, owns = _build(repo, n_drafts, paragraphs)
    index = SearchIndex(repo.db)
    build_s = _time(index.catch_up) / 1000
    queries = _queries(paragraphs, texts, owns)

    ours: dict[str, list[float]] = {name: [] for name in queries}
    before: dict[str, list[float]] = {name: [] for name in queries}
    for rep in range(runs + 1):  # the first pass warms the caches and checks the answers
        for name, words in queries.items():
            for word in words:
                t_ours = _time(lambda w=word: index.search(w, limit=PAGE_SIZE))
                t_before = _time(lambda w=word: _previous_search(repo.db, w, PAGE_SIZE))
                if rep:
                    ours[name].append(t_ours)
                    before[name].append(t_before)
                else:
                    _check(index.search(word, limit=PAGE_SIZE), name, word)

    rows = [row("search: drafts searched", n_drafts, "drafts", "",
                f"{CHARS_PER_DRAFT:,} 字 each from {source}, plus words each draft alone has")]
    worst = 0.0
    for name, words in queries.items():
        p95, p50 = percentile(ours[name], 95), median(ours[name])
        b95, b50 = percentile(before[name], 95), median(before[name])
        has_goal = "no goal" not in name
        worst = max(worst, p95) if has_goal else worst
        rows.append(row(f"search: {name} (p95)", p95, "ms", GOAL if has_goal else "",
                        f"p50 {p50:.2f}, max {max(ours[name]):.2f}; previous search p50 {b50:.1f}, "
                        f"p95 {b95:.1f} ms ({b95 / p95:.1f}×); {len(words)} queries × {runs}: "
                        + "、".join(words)))
    rows.append(row("search: worst p95 of 1–3 characters", worst, "ms", GOAL,
                    "frequent, rare and absent; a page of 50 hits with excerpts"))
    rows += _while_reindexing(repo, index, queries, changed, BackgroundIndexer)
    size = sum(p.stat().st_size for p in folder.glob("tripreport.db*")) / 1024 / 1024
    rows.append(row("search: index build per draft", build_s * 1000 / n_drafts, "ms", "background",
                    f"{n_drafts} drafts from nothing in {build_s:.1f} s (after an upgrade; on the indexer's thread)"))
    rows.append(row("search: database size", size, "MB", "", f"{n_drafts} drafts with both indexes"))
    return rows


def _check(hits, name: str, word: str) -> None:
    if "frequent" in name and not hits.more:
        raise AssertionError(f"frequent query {word!r} returned only {len(hits)} hits")
    if "rare" in name and len({h.draft_id for h in hits}) != 1:
        raise AssertionError(f"rare query {word!r} found {len(hits)} hits")
    if "absent" in name and hits:
        raise AssertionError(f"absent query {word!r} found {len(hits)} hits")


def _while_reindexing(repo, index, queries, changed: int, indexer_class) -> list[dict]:
    """Edit drafts, then search while the background indexer catches up with them: four passes of
    `changed` / 2 drafts, alternately with the indexer as it is (it waits for running searches) and
    as it was before (it did not: the same-run baseline), so drifting load hits both alike."""
    draft_ids = [d.id for d in repo.list_drafts()][-max(changed // 2, 1):]
    words = [w for name, ws in queries.items() if "no goal" not in name for w in ws]
    found = {True: _Searches(), False: _Searches()}
    for n, yielding in enumerate((True, False, True, False)):
        for draft_id in draft_ids:
            report = repo.load(draft_id)
            report.chapters[1].set_text(report.chapters[1].text + f"\n第{n}次修訂。")
            repo.save(report)
        with _indexer_yielding(yielding):
            found[yielding].during_indexing(indexer_class.for_database(repo.db), index, words)
    ours, before = found[True], found[False]
    if not ours.wall or not before.wall:
        return [row("search: while re-indexing (p95)", float("nan"), "ms", GOAL, "the indexer finished first")]
    return [
        row("search: while re-indexing (p95)", percentile(ours.wall, 95), "ms", GOAL, ours.note(changed)),
        row("search: while re-indexing, indexer not yielding (p95)", percentile(before.wall, 95), "ms", "baseline",
            "the indexer as before, same run: " + before.note(changed)),
        row("search: while re-indexing, waits excluded (p95)", percentile(ours.unqueued(), 95), "ms", "",
            f"wall time minus the time the search's thread waited for a core (Linux run queue), what the machine's "
            f"load adds; indexer not yielding: {percentile(before.unqueued(), 95):.2f} ms" if ours.queued
            else "no run-queue figures on this system"),
    ]


class _Searches:
    """Searches timed while the indexer runs: wall time, the thread's CPU time and, on Linux, the
    time the thread waited on the run queue for a core (/proc/thread-self/schedstat)."""

    def __init__(self):
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.queued: list[float] = []
        self.pending: list[int] = []
        self.seconds = 0.0

    def during_indexing(self, indexer, index, words: list[str]) -> None:
        start = time.perf_counter()
        indexer.nudge()
        try:
            while not indexer.wait(0):
                for word in words:
                    queued, started, used = _run_queue_ms(), time.perf_counter(), time.thread_time()
                    hits = index.search(word)
                    self.cpu.append((time.thread_time() - used) * 1000)
                    self.wall.append((time.perf_counter() - started) * 1000)
                    if queued is not None:
                        self.queued.append(_run_queue_ms() - queued)
                    self.pending.append(hits.pending)
        finally:
            indexer.stop()
        self.seconds += time.perf_counter() - start
        if indexer.last_error is not None:
            raise indexer.last_error

    def unqueued(self) -> list[float]:
        return [w - q for w, q in zip(self.wall, self.queued, strict=True)] if self.queued else self.wall

    def note(self, changed: int) -> str:
        queued = f"; waiting for a core p95 {percentile(self.queued, 95):.2f}" if self.queued else ""
        return (f"p50 {median(self.wall):.2f}; the search's own CPU p50 {median(self.cpu):.2f}, p95 "
                f"{percentile(self.cpu, 95):.2f}{queued}; {len(self.wall)} searches while 2 × {changed // 2} edited "
                f"drafts were re-indexed on the indexer's thread in {self.seconds:.1f} s; up to {max(self.pending)} "
                "drafts not reached yet were reported as pending, none waited for")


def _run_queue_ms() -> float | None:
    try:
        with open("/proc/thread-self/schedstat") as fh:
            return int(fh.read().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


@contextmanager
def _indexer_yielding(yielding: bool) -> Iterator[None]:
    """With False, the indexer as it was before: it did not wait for running searches."""
    from desktop.storage import search

    if yielding:
        yield
        return
    waits = search._searches.let_finish
    search._searches.let_finish = lambda: None
    try:
        yield
    finally:
        search._searches.let_finish = waits


def main(argv: list[str]) -> int:
    for r in run("--quick" in argv):
        print(f"{r['name']:<52} {r['value']:>10.2f} {r['unit']:<5} {r['goal']:<8} {r['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
