"""The agency tier on a local PostgreSQL: the editor's autosave round trip, the deadline board with
5,000 reports, search over 1,000 drafts, and a photo's upload — each beside a baseline measured in
the same run (the same save on SQLite; the same rows read with bare psycopg, no row-level
security, no Python objects; writing the photo to the local disk).

`python -m bench.bench_agency [--quick]`. It starts the tests' throw-away cluster
(tests/pg_server.py); without PostgreSQL the module reports why and measures nothing.
"""

from __future__ import annotations

import copy
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.common import chinese_text, median, percentile, row

DRAFT_CHARS = 15_000
BOARD_REPORTS = 5_000


def _ms(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def run(quick: bool) -> list[dict]:
    from tests import pg_server

    cluster, why = pg_server.start()
    if cluster is None:
        return [row("agency: not measured", float("nan"), "", note=why)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return _run(cluster, Path(tmp), quick)
    finally:
        from desktop.storage import close_database

        close_database()
        cluster.stop()


def _long_report(title: str, seed: int):
    from desktop.domain.report import Report, Traveller

    report = Report.new(title)
    report.end_date = date(2025, 10, 16)
    report.start_date = date(2025, 10, 10)
    report.travellers = [Traveller("王大明", "某市政府", "資訊科")]
    for i, chapter in enumerate(report.chapters[:5]):
        chapter.set_text(chinese_text(DRAFT_CHARS // 5, seed=seed * 10 + i))
    return report


def _autosave(repo, label: str, repeat: int) -> list[float]:
    from desktop.storage.co_writing import save_or_merge

    report, version = repo.load_with_version(repo.create(_long_report(label, 1)))
    base = copy.deepcopy(report)

    def save():
        nonlocal version, base, report
        report.chapters[1].set_text(report.chapters[1].text + "字")
        saved = save_or_merge(repo, base, report, version)
        report, version, base = saved.report, saved.version, copy.deepcopy(saved.report)

    save()
    return _ms(save, repeat)


def _autosave_without_short_index(cluster, folder: Path, repeat: int) -> list[float]:
    """The autosave on a server database whose index of one- and two-character words
    (schema_pg.V8) is dropped: the same save as a server wrote before that step."""
    import psycopg

    from desktop.services import open_services
    from desktop.storage import close_database
    from desktop.storage.schema_pg import SHORT_INDEXES
    from tests import pg_server

    close_database()
    name = pg_server.new_database(cluster)
    try:
        with psycopg.connect(cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
            owner.execute("DROP INDEX " + ", ".join(SHORT_INDEXES))
        services = open_services(folder / "unindexed", cluster.url(pg_server.WRITERS[0], name))
        return _autosave(services.repo, "無短詞索引", repeat)
    finally:
        close_database()
        pg_server.drop_database(cluster, name)


def _run(cluster, folder: Path, quick: bool) -> list[dict]:
    import psycopg

    from desktop.services import open_services
    from desktop.storage import close_database
    from tests import pg_server

    rows: list[dict] = []
    repeat = 31 if quick else 101

    # ---- autosave: ours on the server, ours on SQLite, a bare round trip ------------------------
    sqlite = open_services(folder / "local", "local")
    local_save = _autosave(sqlite.repo, "本機", repeat)
    close_database()
    name = pg_server.new_database(cluster)
    url = cluster.url(pg_server.WRITERS[0], name)
    server = open_services(folder / "server", url)
    server_save = _autosave(server.repo, "伺服器", repeat)
    with psycopg.connect(url, autocommit=True) as bare:
        draft_id = bare.execute("SELECT max(id) FROM draft").fetchone()[0]
        section_id = bare.execute("SELECT id FROM section WHERE draft_id = %s AND position = 1 AND parent_sid IS NULL",
                                  (draft_id,)).fetchone()[0]

        def bare_save():  # the same two writes a chapter's autosave makes, in one transaction
            with bare.transaction():
                bare.execute("UPDATE draft SET version = version + 1, updated_at = %s WHERE id = %s",
                             (time.strftime("%H%M%S"), draft_id))
                bare.execute("UPDATE section SET body = body || '字' WHERE id = %s", (section_id,))

        bare_ms = _ms(bare_save, repeat)
        ping = _ms(lambda: bare.execute("SELECT 1").fetchone(), repeat)
    unindexed_save = _autosave_without_short_index(cluster, folder, repeat)
    server = open_services(folder / "server", url)
    rows += [
        row("agency: autosave on the server (median)", median(server_save), "ms", "<10 ms",
            f"p90 {percentile(server_save, 90):.2f} ms; {DRAFT_CHARS} 字, one chapter changed"),
        row("agency: the same autosave without the index of 1-2 characters (baseline)", median(unindexed_save), "ms",
            "", f"p90 {percentile(unindexed_save, 90):.2f} ms; what the index costs a save: "
            f"{median(server_save) - median(unindexed_save):+.2f} ms"),
        row("agency: the same autosave on SQLite (baseline)", median(local_save), "ms", ""),
        row("agency: bare psycopg save of the same two rows (baseline)", median(bare_ms), "ms", "",
            f"a SELECT 1 round trip: {median(ping):.2f} ms"),
        row("agency: server autosave / bare psycopg", median(server_save) / median(bare_ms), "×", ""),
    ]

    # ---- a photo on the server ------------------------------------------------------------------
    data = random.Random(7).randbytes(1_000_000)
    from desktop.fileio import atomic_write_bytes

    local = _ms(lambda: atomic_write_bytes(folder / "photo.bin", data), 11)
    keys = iter(f"bench/{i:04d}.jpg" for i in range(1000))

    def upload():
        key = next(keys)
        (server.photos.root / key).parent.mkdir(parents=True, exist_ok=True)
        (server.photos.root / key).write_bytes(data)
        with server.repo.db.atomic():
            server.repo.db.execute_sql("INSERT INTO photo (draft_id, pid, position, file, caption, placement, "
                                       "taken_at, width, height) VALUES (?, ?, 0, ?, '', 'appendix', '', 0, 0)",
                                       (draft_id, key, key))
            server.repo.blobs.ensure([key])

    uploaded = _ms(upload, 11)
    fetched = _ms(lambda: server.repo.blobs.fetch("bench/0000.jpg"), 11)
    rows += [
        row("agency: 1 MB photo saved to the server", median(uploaded), "ms", "", "photo row + bytes, one transaction"),
        row("agency: 1 MB photo read back from the server", median(fetched), "ms", "", "a co-author's first view"),
        row("agency: 1 MB photo written to the local disk (baseline)", median(local), "ms", "", "atomic write + fsync"),
    ]
    close_database()

    # ---- the board with 5,000 reports, read by a reviewer -----------------------------------------
    n_board = 1_000 if quick else BOARD_REPORTS
    _fill_board(cluster, name, n_board)
    reviewer = open_services(folder / "reviewer", cluster.url(pg_server.REVIEWER, name))
    from desktop.domain.board import board_rows
    from desktop.storage.agency import board_entries

    today = date(2026, 1, 1)
    shown = board_rows(board_entries(reviewer.repo), today)
    board = _ms(lambda: board_rows(board_entries(reviewer.repo), today), 7)
    with psycopg.connect(cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
        def bare_board():
            for sql in ("SELECT id, title, status, kind, start_date, end_date, owner, meta FROM draft ORDER BY id",
                        "SELECT draft_id, name, unit FROM traveller ORDER BY draft_id, position",
                        "SELECT draft_id, status, at, who FROM status_change ORDER BY draft_id, id",
                        "SELECT draft_id, who FROM checkout"):
                owner.execute(sql).fetchall()

        bare_board_ms = _ms(bare_board, 7)
    rows += [
        row(f"agency: deadline board, {len(shown)} reports (reviewer)", median(board), "ms", "<300 ms",
            f"rows with deadlines by kind, days left, history; {sum(r.overdue for r in shown)} overdue"),
        row("agency: the board's four queries, bare psycopg as owner (baseline)", median(bare_board_ms), "ms", "",
            "no row-level security, no Python objects"),
    ]

    # ---- search over 1,000 drafts ---------------------------------------------------------------
    n_search = 200 if quick else 1_000
    probe = _fill_search(cluster, name, n_search)
    from desktop.storage.search import SearchIndex

    index = SearchIndex(reviewer.repo.db)
    query = probe[500:503]
    hits = index.search(query)
    times = _ms(lambda: index.search(query), 21)
    rows.append(row(f"agency: search 3 chars on the server, {n_search} drafts", median(times), "ms", "<5 ms",
                    f"p95 {percentile(times, 95):.2f} ms; '{query}': {len(hits)} hits"
                    f"{', a page: more exist' if hits.more else ''}"))
    rows += _short_searches(index, reviewer.repo.db, probe, n_search)
    query = probe[500:503]
    with psycopg.connect(cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
        owner.execute("SET enable_seqscan = off")  # as ours: through the trigram index
        bare_search = _ms(lambda: owner.execute(
            "SELECT draft_id FROM section WHERE lower(body) LIKE %s", (f"%{query}%",)).fetchall(), 21)
        # what step 8 adds to a server: its chapters' index, built again as the upgrade builds it
        t0 = time.perf_counter()
        owner.execute("REINDEX INDEX section_short")
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        owner.execute("REINDEX INDEX section_body_trgm")
        trigram_s = time.perf_counter() - t0
        sizes = owner.execute("SELECT pg_relation_size('section_short'), pg_relation_size('section_body_trgm'), "
                              "pg_total_relation_size('section')").fetchone()
    rows += [
        row("agency: the same 3 characters, bare trigram query as owner (baseline)", median(bare_search), "ms", "",
            "one table, no row-level security"),
        row(f"agency: building the index of 1-2 characters, {n_search * 5} chapters", build_s, "s", "",
            f"{sizes[0] / 2**20:.0f} MB; the chapters' trigram index: {trigram_s:.1f} s, {sizes[1] / 2**20:.0f} MB; "
            f"the section table with all its indexes: {sizes[2] / 2**20:.0f} MB"),
    ]
    close_database()
    pg_server.drop_database(cluster, name)
    return rows


def _short_searches(index, db, probe: str, n_search: int) -> list[dict]:
    """One- and two-character queries, each kind timed through the index of characters and pairs
    (ours) and, in the same run, the way a server answered them before it (LIKE, reading every
    text; still there as tripreport_search): a word from the text, the most frequent word of a
    chapter (a hit in every draft), and a word no draft holds."""
    from collections import Counter

    from desktop.storage.search_pg import _like

    rows = []
    for length in (2, 1):
        grams = Counter(probe[i:i + length] for i in range(len(probe) - length + 1)
                        if not any(c in "，。、；：「」\n" for c in probe[i:i + length]))
        queries = {"from the text": probe[510:510 + length], "most frequent": grams.most_common(1)[0][0],
                   "absent": "福岡"[:length] if "福岡"[:length] not in probe else "岡山"[:length]}
        ours: list[float] = []
        before: list[float] = []
        notes = []
        for what, query in queries.items():
            hits = index.search(query)
            ours += _ms(lambda q=query: index.search(q), 21)
            before += _ms(lambda q=query: db.execute_sql("SELECT * FROM tripreport_search(?, ?)",
                                                         (_like(q), 51)).fetchall(), 5)
            notes.append(f"{what} '{query}' {len(hits)}{'+' if hits.more else ''} hits")
        rows += [
            row(f"agency: search {length} char(s) on the server, {n_search} drafts (p95)", percentile(ours, 95), "ms",
                "<5 ms", f"median {median(ours):.2f} ms; " + "; ".join(notes)),
            row(f"agency: the same {length}-char queries read with LIKE, as before (baseline, p95)",
                percentile(before, 95), "ms", "", f"median {median(before):.1f} ms; "
                f"ours is {median(before) / median(ours):.0f}× faster (median)"),
        ]
    return rows


def _fill_board(cluster, name: str, n: int) -> None:
    """n drafts of two writers, each with a traveller and a status history (written as the owner)."""
    import psycopg

    from desktop.domain.report import STATUSES
    from tests import pg_server

    rng = random.Random(5)
    kinds = ("central", "taipei", "taichung", "new-taipei")
    with psycopg.connect(cluster.url(pg_server.OWNER, name)) as conn, conn.cursor() as cur:
        drafts = []
        for i in range(n):
            end = date(2025, 1, 1) + timedelta(days=rng.randrange(500))
            drafts.append((f"考察報告 {i:05d}", rng.choice(STATUSES), rng.choice(kinds), end - timedelta(days=5), end,
                           pg_server.WRITERS[i % 2], f"u{i:05d}"))
        cur.executemany("INSERT INTO draft (title, status, kind, start_date, end_date, owner, uid, summary, mainland, "
                        "heading_style, rules, meta, created_at, updated_at) VALUES "
                        "(%s, %s, %s, %s, %s, %s, %s, '', false, '壹', '', '{}', '', '')", drafts)
        ids = [r[0] for r in cur.execute("SELECT id FROM draft WHERE uid LIKE 'u%' ORDER BY id").fetchall()]
        cur.executemany("INSERT INTO traveller (draft_id, position, name, agency, unit, title, rank) "
                        "VALUES (%s, 0, %s, '', %s, '', '')",
                        [(did, f"出國人{did}", f"第{did % 12}科") for did in ids])
        cur.executemany("INSERT INTO status_change (draft_id, status, at, who) VALUES (%s, %s, %s, %s)",
                        [(did, status, f"2025-{m:02d}-01T09:00:00", pg_server.REVIEWER)
                         for did in ids for m, status in enumerate(STATUSES[:3], start=1)])


def _fill_search(cluster, name: str, n: int) -> str:
    """n drafts with five chapters of Chinese text; returns one chapter's text to query from."""
    import psycopg

    from tests import pg_server

    with psycopg.connect(cluster.url(pg_server.OWNER, name)) as conn, conn.cursor() as cur:
        cur.executemany("INSERT INTO draft (title, status, kind, owner, uid, summary, mainland, heading_style, rules, "
                        "meta, created_at, updated_at) VALUES (%s, '草稿', 'central', %s, %s, '', false, '壹', '', "
                        "'{}', '', '')", [(f"搜尋 {i}", pg_server.WRITERS[0], f"s{i:05d}") for i in range(n)])
        ids = [r[0] for r in cur.execute("SELECT id FROM draft WHERE uid LIKE 's%' ORDER BY id").fetchall()]
        texts = {}
        for did in ids:
            for c in range(5):
                texts[(did, c)] = chinese_text(DRAFT_CHARS // 5, seed=did * 5 + c)
        cur.executemany("INSERT INTO section (draft_id, sid, parent_sid, position, key, heading, body) "
                        "VALUES (%s, %s, NULL, %s, '', %s, %s)",
                        [(did, f"c{c}", c, f"第{c}章", texts[(did, c)]) for (did, c) in texts])
    with psycopg.connect(cluster.url(pg_server.OWNER, name), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # what autovacuum does soon after: GIN's pending entries merged
    return texts[(ids[len(ids) // 2], 2)]


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(f"{r['name']}: {r['value']:.2f} {r['unit']}  {r['goal']}  {r['note']}")
