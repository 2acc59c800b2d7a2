"""Search across every draft: titles, summaries, chapters, recommendations, photo captions.

SQLite FTS5 with the trigram tokenizer (it needs no word breaks, so Chinese works) answers queries
of three characters or more from the index; one- and two-character queries fall back to LIKE,
which still works, only slower. The index is filled lazily: saving a draft only notes that it
changed (a trigger on the tables, see schema_sql.py), and `catch_up` re-indexes noted drafts a few
at a time — from an idle timer in the window and before every search — so typing never pays for
indexing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from peewee import DatabaseError

from desktop.storage import models as m

FIELD_LABELS = {"title": "報告名稱", "summary": "摘要", "section": "章節", "recommendation": "建議",
                "caption": "圖說"}
EXCERPT_RADIUS = 24  # characters shown on each side of the match


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


def _documents(draft_id: int) -> list[tuple]:
    """(field, ref, heading, body) rows for one draft, read straight from the tables."""
    draft = m.Draft.get_or_none(m.Draft.id == draft_id)
    if draft is None:
        return []
    docs = [("title", "", "", draft.title), ("summary", "", "", draft.summary)]
    S = m.SectionRow
    for sid, heading, body in S.select(S.sid, S.heading, S.body).where(S.draft == draft_id).tuples():
        docs.append(("section", sid, heading, f"{heading}\n{body}"))
    R = m.Recommendation
    for rid, title, body in R.select(R.rid, R.title, R.body).where(R.draft == draft_id).tuples():
        docs.append(("recommendation", rid, title, f"{title}\n{body}"))
    P = m.Photo
    for pid, caption in P.select(P.pid, P.caption).where(P.draft == draft_id).tuples():
        if caption:
            docs.append(("caption", pid, "", caption))
    return [d for d in docs if d[3].strip()]


class SearchIndex:
    def __init__(self, db=None):
        self.db = db or m.db

    def pending(self) -> int:
        return self.db.execute_sql("SELECT count(*) FROM search_dirty").fetchone()[0]

    def catch_up(self, limit: int | None = None, budget_s: float | None = None) -> int:
        """Re-index up to `limit` changed drafts (all when None), stopping once `budget_s` seconds
        are spent; returns how many were done. Each draft is one short transaction, so the
        editor's saves are never held up for long."""
        done = 0
        start = time.perf_counter()
        while (limit is None or done < limit) and (budget_s is None or time.perf_counter() - start < budget_s):
            row = self.db.execute_sql("SELECT draft_id FROM search_dirty LIMIT 1").fetchone()
            if row is None:
                break
            self.reindex(row[0])
            done += 1
        return done

    def reindex(self, draft_id: int) -> None:
        """Bring one draft's entries up to date, re-tokenizing only the texts that changed."""
        with self.db.atomic():
            stored = {
                (field, ref): (doc_id, heading, body)
                for doc_id, field, ref, heading, body in self.db.execute_sql(
                    "SELECT id, field, ref, heading, body FROM search_doc WHERE draft_id = ?", (draft_id,))
            }
            for field, ref, heading, body in _documents(draft_id):
                old = stored.pop((field, ref), None)
                if old is not None and (old[1], old[2]) == (heading, body):
                    continue
                if old is not None:
                    self._drop(*old)
                cursor = self.db.execute_sql(
                    "INSERT INTO search_doc (draft_id, field, ref, heading, body) VALUES (?, ?, ?, ?, ?)",
                    (draft_id, field, ref, heading, body))
                self.db.execute_sql("INSERT INTO search_fts (rowid, heading, body) VALUES (?, ?, ?)",
                                    (cursor.lastrowid, heading, body))
            for old in stored.values():
                self._drop(*old)
            self.db.execute_sql("DELETE FROM search_dirty WHERE draft_id = ?", (draft_id,))

    def _drop(self, doc_id: int, heading: str, body: str) -> None:
        # External-content FTS5: the index forgets a row when told its old text.
        self.db.execute_sql("INSERT INTO search_fts (search_fts, rowid, heading, body) VALUES ('delete', ?, ?, ?)",
                            (doc_id, heading, body))
        self.db.execute_sql("DELETE FROM search_doc WHERE id = ?", (doc_id,))

    def rebuild(self) -> None:
        with self.db.atomic():
            self.db.execute_sql("DELETE FROM search_doc")
            self.db.execute_sql("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            self.db.execute_sql("INSERT OR IGNORE INTO search_dirty (draft_id) SELECT id FROM draft")
        self.catch_up()

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Hits for `query` (matched as typed, case-insensitively), grouped by draft."""
        query = " ".join(query.split())
        if not query:
            return []
        try:
            self.catch_up()
        except DatabaseError:
            pass  # a read-only, damaged or full database: search what is indexed already
        if len(query) >= 3:
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self.db.execute_sql(
                "SELECT s.draft_id, d.title, s.field, s.ref, s.heading, s.body FROM search_fts "
                "JOIN search_doc s ON s.id = search_fts.rowid JOIN draft d ON d.id = s.draft_id "
                "WHERE search_fts MATCH ? ORDER BY s.draft_id DESC, s.id LIMIT ?", (phrase, limit),
            ).fetchall()
        else:
            pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.db.execute_sql(
                "SELECT s.draft_id, d.title, s.field, s.ref, s.heading, s.body FROM search_doc s "
                "JOIN draft d ON d.id = s.draft_id WHERE s.body LIKE ? ESCAPE '\\' "
                "ORDER BY s.draft_id DESC, s.id LIMIT ?", (pattern, limit),
            ).fetchall()
        hits = []
        for draft_id, title, field, ref, heading, body in rows:
            hit = _hit(draft_id, title, field, ref, heading, body, query)
            if hit:
                hits.append(hit)
        return hits


def _hit(draft_id, title, field, ref, heading, body, query) -> SearchHit | None:
    if field in ("section", "recommendation") and body.startswith(f"{heading}\n"):
        text = body[len(heading) + 1:]
        if query.lower() not in text.lower():
            text = heading  # the match is in the heading itself
    else:
        text = body
    at = text.lower().find(query.lower())
    if at < 0:
        return None
    start = max(0, at - EXCERPT_RADIUS)
    end = min(len(text), at + len(query) + EXCERPT_RADIUS)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    excerpt = prefix + text[start:end].replace("\n", " ") + suffix
    return SearchHit(draft_id, title, field, ref, heading, excerpt, at - start + len(prefix), len(query))
