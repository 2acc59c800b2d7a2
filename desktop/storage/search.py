"""Search across every draft: titles, summaries, chapters, recommendations, photo captions.

What callers rely on — an index on another engine (PostgreSQL with pg_trgm) keeps the same surface:
`search(query, limit)` returns at most `limit` hits, the most recently indexed text first, grouped by
draft, each with an excerpt around the match; the result also says whether more hits exist and how
many changed drafts it could not cover yet. `pending`, `catch_up` and `rebuild` keep the index in
step with the drafts; `BackgroundIndexer` runs `catch_up` off the caller's thread.

How SQLite answers in well under a millisecond, for frequent words as for rare ones:
- three characters or more: FTS5 with the trigram tokenizer (it needs no word breaks, so Chinese
  works); one or two characters: a second FTS5 table whose words are each character and each pair
  of neighbouring characters of a text (`search_short`; detail=none: it keeps which texts hold a word,
  not where, which is all a one-word query needs);
- both are read in row order, newest first, and stop after `limit` rows: nothing is sorted, and the
  texts themselves are read only for the hits returned, to cut their excerpts.

The index is filled lazily: saving a draft only notes that it changed (triggers, schema_sql.py) and
`catch_up` re-indexes noted drafts one per short transaction — in the window on a thread of its own
with its own connection — so typing never pays for indexing and a search never waits for it. A
search reads the few drafts changed since (usually the one being edited) straight from their tables,
so it is never out of date for them.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import add

from desktop.storage import models as m

FIELD_LABELS = {"title": "報告名稱", "summary": "摘要", "section": "章節", "recommendation": "建議",
                "caption": "圖說"}
EXCERPT_RADIUS = 24  # characters shown on each side of the match
PAGE_SIZE = 50  # hits a search returns unless asked for more
LIVE_DRAFTS = 10  # changed drafts a search reads from their tables instead of the index
YIELD_AT_MOST_S = 0.1  # the longest the background indexer waits for running searches, each time

# FTS5's ascii tokenizer splits words at ASCII punctuation; in the short index every character is
# a word of its own, so ASCII punctuation and symbols are stored as private-use characters, which
# the tokenizer keeps. Whitespace stays: it separates the words.
_SLICE = 2000  # characters tokenized at a time (about 0.3 ms)
_ASCII_AS_LETTERS = {c: 0xF000 + c for c in range(128) if not chr(c).isalnum() and not chr(c).isspace()}

# Every searchable text of one draft: (field, ref, heading, body).
_DOCUMENTS_SQL = (
    "SELECT 'title', '', '', title FROM draft WHERE id = ?1 "
    "UNION ALL SELECT 'summary', '', '', summary FROM draft WHERE id = ?1 "
    "UNION ALL SELECT 'section', sid, heading, heading || char(10) || body FROM section WHERE draft_id = ?1 "
    "UNION ALL SELECT 'recommendation', rid, title, title || char(10) || body FROM recommendation "
    "WHERE draft_id = ?1 "
    "UNION ALL SELECT 'caption', pid, '', caption FROM photo WHERE draft_id = ?1"
)
# Drafts edited longest ago are indexed first, so the newest texts get the highest row numbers and
# come first in the results; deleted drafts (no row left) are cleared out before anything else.
_NEXT_CHANGED_SQL = (
    "SELECT c.draft_id FROM search_dirty c LEFT JOIN draft d ON d.id = c.draft_id "
    "ORDER BY d.updated_at, c.draft_id LIMIT 1"
)
_CHANGED_NEWEST_FIRST_SQL = (
    "SELECT c.draft_id FROM search_dirty c JOIN draft d ON d.id = c.draft_id ORDER BY d.updated_at DESC, c.draft_id DESC"
)
_NOT_CHANGED_SINCE_INDEXED = (
    " AND rowid NOT IN (SELECT s.id FROM search_doc s JOIN search_dirty c ON c.draft_id = s.draft_id)"
)


def fold(text: str) -> str:
    """Lower case for matching, every character kept at its place (a match found in the folded text
    is at the same position in the original)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(low_c if len(low_c := c.lower()) == 1 else c for c in text)


def short_words(text: str) -> str:
    """The words of `text` in the short index: each character and each pair of neighbours, folded,
    once each. Pairs across whitespace are left out: a query of one or two characters has none.

    The text is taken in slices, and a search running meanwhile on another thread finishes before
    the next slice (see _SearchesRunning): this runs on the indexer's thread, and holds the
    interpreter while it works."""
    words: set[str] = set()
    for start in range(0, len(text), _SLICE):
        piece = fold(text[start:start + _SLICE + 1]).translate(_ASCII_AS_LETTERS)  # +1: the pair across the cut
        for chunk in piece.split():
            words.update(chunk)
            words.update(map(add, chunk, chunk[1:]))
        _searches.let_finish()
        time.sleep(0)
    return " ".join(words)


class _SearchesRunning:
    """The searches running in this process, so that the background indexer lets them go first.

    A search gives up the interpreter during each of its SQLite calls and needs it back after;
    when the indexer's thread holds it then, Python makes the search wait until the indexer
    releases it or the switch interval (5 ms) runs out, and a `sleep(0)` does not hand it over
    reliably. At each of its pauses the indexer waits instead until the searches running now have
    ended, which a blocked wait does release the interpreter for. Searches begun meanwhile do not
    prolong the wait, so searches one after another never stop the indexer."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._running = 0
        self._ended = 0

    def counted(self, search: Callable) -> Callable:
        """`search` (a method), counted while it runs."""

        @functools.wraps(search)
        def counted_search(*args, **kwargs):
            with self._changed:
                self._running += 1
            try:
                return search(*args, **kwargs)
            finally:
                with self._changed:
                    self._running -= 1
                    self._ended += 1
                    self._changed.notify_all()

        return counted_search

    def let_finish(self) -> None:
        """Wait until the searches running now have ended (at most YIELD_AT_MOST_S)."""
        with self._changed:
            if self._running:
                ended = self._ended + self._running
                self._changed.wait_for(lambda: self._ended >= ended, YIELD_AT_MOST_S)


_searches = _SearchesRunning()


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class SearchHit:
    draft_id: int
    draft_title: str
    field: str  # title, summary, section, recommendation, caption
    ref: str  # the section / recommendation / photo id, "" for title and summary
    heading: str  # the chapter heading, recommendation title or "" — where the match is
    excerpt: str  # text around the match
    match_start: int  # position of the match inside excerpt
    match_length: int

    @property
    def section_id(self) -> str | None:
        """The chapter to open for this hit (None: the draft's first page)."""
        return self.ref if self.field == "section" else None

    @property
    def where(self) -> str:
        label = FIELD_LABELS.get(self.field, self.field)
        return f"{label}「{self.heading}」" if self.heading else label


class SearchResults(list):
    """The hits of one search (a list of SearchHit), plus what the list leaves out: `more` when
    there were more hits than asked for, `pending` for changed drafts not searched yet (the index
    is still catching up with them)."""

    def __init__(self, hits=(), more: bool = False, pending: int = 0):
        super().__init__(hits)
        self.more = more
        self.pending = pending


class SearchIndex:
    """The index of one database. `db` is the peewee database (the models' by default) or a plain
    sqlite3 connection in autocommit mode (the background indexer's own)."""

    def __new__(cls, db=None):
        from desktop.storage.database import database_access

        access = database_access()
        if access is not None and access.server:  # the agency's server: PostgreSQL's own indexes
            from desktop.storage.search_pg import ServerSearch

            return ServerSearch(db)
        return super().__new__(cls)

    def __init__(self, db=None):
        self.db = db if db is not None else m.db
        self._raw = isinstance(self.db, sqlite3.Connection)
        self._execute = self.db.execute if self._raw else self.db.execute_sql

    @property
    def path(self) -> str:
        """The database file, for a second connection to it."""
        if self._raw:
            return self.db.execute("PRAGMA database_list").fetchone()[2]
        return self.db.database

    @contextmanager
    def _transaction(self, lock: str) -> Iterator[None]:
        if not self._raw:
            with self.db.atomic(lock):
                yield
            return
        if self.db.in_transaction:
            yield
            return
        self.db.execute(f"BEGIN {lock}")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ---- keeping up with the drafts ----------------------------------------------------------------
    def pending(self) -> int:
        """Drafts changed since they were last indexed."""
        return self._execute("SELECT count(*) FROM search_dirty").fetchone()[0]

    def catch_up(self, limit: int | None = None, budget_s: float | None = None) -> int:
        """Re-index up to `limit` changed drafts (all when None), stopping once `budget_s` seconds
        are spent; returns how many were done. Each draft is one short transaction, so the
        editor's saves are never held up for long."""
        done = 0
        start = time.perf_counter()
        while (limit is None or done < limit) and (budget_s is None or time.perf_counter() - start < budget_s):
            if not self._index_next():
                break
            done += 1
        return done

    def _index_next(self) -> bool:
        # IMMEDIATE: the draft is read and its change mark cleared under the write lock, so a save
        # made meanwhile waits and marks the draft again instead of being lost between the two.
        with self._transaction("IMMEDIATE"):
            row = self._execute(_NEXT_CHANGED_SQL).fetchone()
            if row is None:
                return False
            self._reindex(row[0])
        return True

    def reindex(self, draft_id: int) -> None:
        """Bring one draft's entries up to date, re-tokenizing only the texts that changed."""
        with self._transaction("IMMEDIATE"):
            self._reindex(draft_id)

    def _reindex(self, draft_id: int) -> None:
        stored = {
            (field, ref): (doc_id, heading, body)
            for doc_id, field, ref, heading, body in self._execute(
                "SELECT id, field, ref, heading, body FROM search_doc WHERE draft_id = ?", (draft_id,))
        }
        for field, ref, heading, body in self._documents(draft_id):
            old = stored.pop((field, ref), None)
            if old is not None and (old[1], old[2]) == (heading, body):
                continue
            if old is not None:
                self._drop(*old)
            cursor = self._execute(
                "INSERT INTO search_doc (draft_id, field, ref, heading, body) VALUES (?, ?, ?, ?, ?)",
                (draft_id, field, ref, heading, body))
            doc_id = cursor.lastrowid
            self._execute("INSERT INTO search_fts (rowid, heading, body) VALUES (?, ?, ?)", (doc_id, heading, body))
            self._execute("INSERT INTO search_short (rowid, words) VALUES (?, ?)", (doc_id, short_words(body)))
        for old in stored.values():
            self._drop(*old)
        self._execute("DELETE FROM search_dirty WHERE draft_id = ?", (draft_id,))

    def _documents(self, draft_id: int) -> list[tuple[str, str, str, str]]:
        return [row for row in self._execute(_DOCUMENTS_SQL, (draft_id,)) if row[3].strip()]

    def _drop(self, doc_id: int, heading: str, body: str) -> None:
        # Both FTS5 tables forget a row only when told the words it was indexed with.
        self._execute("INSERT INTO search_fts (search_fts, rowid, heading, body) VALUES ('delete', ?, ?, ?)",
                      (doc_id, heading, body))
        self._execute("INSERT INTO search_short (search_short, rowid, words) VALUES ('delete', ?, ?)",
                      (doc_id, short_words(body)))
        self._execute("DELETE FROM search_doc WHERE id = ?", (doc_id,))

    def rebuild(self) -> None:
        with self._transaction("IMMEDIATE"):
            self._execute("DELETE FROM search_doc")
            self._execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            self._execute("INSERT INTO search_short (search_short) VALUES ('delete-all')")
            self._execute("INSERT OR IGNORE INTO search_dirty (draft_id) SELECT id FROM draft")
        self.catch_up()

    # ---- searching -----------------------------------------------------------------------------
    @_searches.counted
    def search(self, query: str, limit: int = PAGE_SIZE) -> SearchResults:
        """Hits for `query` (matched as typed, case-insensitively, whitespace runs as one space)."""
        query = " ".join(query.split())
        if not query or limit <= 0:
            return SearchResults()
        needle = fold(query)
        # One read snapshot (DEFERRED takes no lock): the background indexer may commit meanwhile.
        with self._transaction("DEFERRED"):
            changed = [row[0] for row in self._execute(_CHANGED_NEWEST_FIRST_SQL)]
            rows = [(draft_id, *doc) for draft_id in changed[:LIVE_DRAFTS] for doc in self._documents(draft_id)
                    if _find(doc[3], needle) >= 0]
            wanted = limit + 1 - len(rows)  # one more than asked for: are there more?
            if wanted > 0:
                rows += self._indexed_rows(query, needle, wanted, exclude_changed=bool(changed))
            titles = self._titles({row[0] for row in rows[:limit]})
        hits = []
        for draft_id, field, ref, heading, body in rows[:limit]:
            hit = _hit(draft_id, titles.get(draft_id), field, ref, heading, body, needle)
            if hit is not None:
                hits.append(hit)
        return SearchResults(_grouped_by_draft(hits), more=len(rows) > limit,
                             pending=max(0, len(changed) - LIVE_DRAFTS))

    def _indexed_rows(self, query: str, needle: str, limit: int, exclude_changed: bool) -> list[tuple]:
        if len(query) >= 3:
            table, words = "search_fts", _phrase(query)
        else:
            table, words = "search_short", _phrase(needle.translate(_ASCII_AS_LETTERS))
        sql = (f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
               + (_NOT_CHANGED_SINCE_INDEXED if exclude_changed else "") + " ORDER BY rowid DESC LIMIT ?")
        ids = [row[0] for row in self._execute(sql, (words, limit))]
        if not ids:
            return []
        docs = {row[0]: row[1:] for row in self._execute(
            f"SELECT id, draft_id, field, ref, heading, body FROM search_doc WHERE id IN ({','.join('?' * len(ids))})",
            ids)}
        return [docs[i] for i in ids if i in docs]

    def _titles(self, draft_ids: set[int]) -> dict[int, str]:
        if not draft_ids:
            return {}
        ids = list(draft_ids)
        return dict(self._execute(f"SELECT id, title FROM draft WHERE id IN ({','.join('?' * len(ids))})", ids))


def _grouped_by_draft(hits: list[SearchHit]) -> list[SearchHit]:
    """Hits of one draft together, drafts in the order of their first hit."""
    order: dict[int, list[SearchHit]] = {}
    for hit in hits:
        order.setdefault(hit.draft_id, []).append(hit)
    return [hit for group in order.values() for hit in group]


def _find(text: str, needle: str) -> int:
    """Where `needle` (folded) first occurs in `text`, case-insensitively; -1 when it does not."""
    if needle.upper() == needle:  # no letter with a case (Chinese, digits): no need to fold the text
        return text.find(needle)
    return fold(text).find(needle)


def _hit(draft_id, title, field, ref, heading, body, needle) -> SearchHit | None:
    if title is None:  # the draft was deleted
        return None
    text = body
    if field in ("section", "recommendation") and body.startswith(f"{heading}\n"):
        text = body[len(heading) + 1:]
        at = _find(text, needle)
        if at < 0:
            text = heading  # the match is in the heading itself
            at = _find(text, needle)
    else:
        at = _find(text, needle)
    if at < 0:  # the index found a text that does not hold the query (case folding differs)
        return None
    start = max(0, at - EXCERPT_RADIUS)
    end = min(len(text), at + len(needle) + EXCERPT_RADIUS)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    excerpt = prefix + text[start:end].replace("\n", " ") + suffix
    return SearchHit(draft_id, title, field, ref, heading, excerpt, at - start + len(prefix), len(needle))


class NoIndexer:
    """BackgroundIndexer's surface with nothing to do: an agency server indexes its tables itself."""

    def nudge(self) -> None:
        return None

    def wait(self, timeout: float | None = None) -> bool:
        return True

    def stop(self, timeout: float = 5.0) -> None:
        return None


class _YieldingConnection(sqlite3.Connection):
    """The background indexer's connection: each statement waits first for the searches running now.
    SQLite lets a search read while the indexer writes (WAL), but on two cores the indexer's
    statements (FTS5 merges segments as it inserts) would compete with the search for a core."""

    def execute(self, *args) -> sqlite3.Cursor:
        _searches.let_finish()
        return super().execute(*args)


class BackgroundIndexer:
    """Catches the index up on a thread of its own, with its own SQLite connection: one draft per
    short transaction and a pause between drafts, so the editor's saves get their turn, and before
    each statement it lets the searches running on other threads finish (_SearchesRunning). `nudge()` after changes; it stops by itself when nothing is
    left, and `stop()` ends it early (before the database closes)."""

    def __init__(self, path: str, pause_s: float = 0.005):
        self.path = path
        self.pause_s = pause_s
        self.last_error: Exception | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._again = False

    @classmethod
    def for_database(cls, db) -> BackgroundIndexer:
        index = SearchIndex(db)
        if not isinstance(index, SearchIndex):  # a server indexes its tables as they are written
            return NoIndexer()
        return cls(index.path)

    def nudge(self) -> None:
        """Index what changed, starting a thread when none is running."""
        with self._lock:
            if not self._idle.is_set():
                self._again = True
                return
            self._idle.clear()
            self._again = False
            self._stop.clear()
        threading.Thread(target=self._run, name="search-index", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until the thread has finished; False when `timeout` ran out first."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._idle.wait(timeout)

    def _run(self) -> None:
        con = None
        try:
            con = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, factory=_YieldingConnection)
            con.execute("PRAGMA synchronous = NORMAL")
            index = SearchIndex(con)
            while not self._stop.is_set() and index.catch_up(limit=1):
                _searches.let_finish()
                self._stop.wait(self.pause_s)
        except Exception as err:  # noqa: BLE001 — indexing must never disturb the user; the next nudge retries
            self.last_error = err
        finally:
            if con is not None:
                con.close()
            with self._lock:  # a nudge that came while this run was ending starts the next one
                again = self._again and not self._stop.is_set()
                self._again = False
                if not again:
                    self._idle.set()
            if again:
                threading.Thread(target=self._run, name="search-index", daemon=True).start()
