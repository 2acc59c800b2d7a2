"""Search on the agency's server: the same questions and answers as search.SearchIndex, asked of
PostgreSQL's own indexes instead of SQLite's FTS5.

Each searchable column has a GIN index of pg_trgm's trigrams (schema_pg.V2), which answers a
query of three characters or more; one and two characters have no trigram and are found in a
second GIN index, of each text's characters and pairs of neighbouring characters (schema_pg.V8,
through tripreport_search_short), as SQLite's search_short answers them. pg_trgm counts a CJK character as
part of a word only in a database whose LC_CTYPE is a UTF-8 locale (C.UTF-8 in
docs/agency-server.md). LIKE is not "leakproof", so under row-level security PostgreSQL would
not use those indexes; the search runs in the function tripreport_search (schema_pg.V6) as the
tables' owner, with sequential scans off (long chapters live out of line, which the planner does
not count, and it would read every chapter), and returns only the drafts the signed-in person may
see. The tables are indexed as they are written, so nothing is left to catch up.
"""

from __future__ import annotations

from desktop.storage import models as m
from desktop.storage.search import PAGE_SIZE, SearchResults, _grouped_by_draft, _hit, fold


def _like(query: str) -> str:
    return "%" + fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class ServerSearch:
    """SearchIndex's interface on a server database."""

    def __init__(self, db=None):
        self.db = db or m.db

    def pending(self) -> int:
        return 0

    def catch_up(self, limit: int | None = None, budget_s: float | None = None) -> int:
        return 0

    def reindex(self, draft_id: int) -> None:
        return None

    def rebuild(self) -> None:
        return None

    def search(self, query: str, limit: int = PAGE_SIZE) -> SearchResults:
        query = " ".join(query.split())
        if not query or limit <= 0:
            return SearchResults()
        needle = fold(query)
        if len(needle) <= 2:  # no trigram in it: the index of characters and pairs (schema_pg.V8)
            found = self.db.execute_sql("SELECT * FROM tripreport_search_short(?, ?)", (needle, limit + 1)).fetchall()
        else:
            found = self.db.execute_sql("SELECT * FROM tripreport_search(?, ?)", (_like(query), limit + 1)).fetchall()
        hits = []
        for draft_id, title, field, ref, heading, body, _part, _row in found[:limit]:
            hit = _hit(draft_id, title, field, ref, heading, body, needle)
            if hit is not None:
                hits.append(hit)
        return SearchResults(_grouped_by_draft(hits), more=len(found) > limit)
