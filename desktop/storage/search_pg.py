"""Search on the agency's server: the same questions and answers as search.SearchIndex, asked of
PostgreSQL's own indexes instead of SQLite's FTS5.

Each searchable column has two GIN indexes (schema_pg.V2): pg_trgm's trigrams, which answer a
query of three characters or more, and the set of the text's characters, which narrows one- and
two-character queries before LIKE confirms them. pg_trgm counts a CJK character as part of a word
only in a database whose LC_CTYPE is a UTF-8 locale (C.UTF-8 in docs/agency-server.md); under
plain C it finds no trigrams and PostgreSQL falls back to reading every row — still right, only
slower. The tables are indexed as they are written, so nothing is left to catch up, and the
row-level security of the tables decides whose drafts a person can find.
"""

from __future__ import annotations

from desktop.storage import models as m


def _like(query: str) -> str:
    return "%" + query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _match(column: str, short: bool) -> str:
    like = f"lower({column}) LIKE %(p)s ESCAPE '\\'"
    if short:  # no trigram in one or two characters: the character index narrows the rows first
        return f"(string_to_array(lower({column}), NULL) @> %(chars)s::text[] AND {like})"
    return like


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

    def search(self, query: str, limit: int = 200):
        from desktop.storage.search import _hit

        query = " ".join(query.split())
        if not query:
            return []
        short = len(query) < 3
        sql = f"""
            SELECT id, title, 'title', '', '', title, 0, 0 FROM draft WHERE {_match('title', short)}
            UNION ALL
            SELECT id, title, 'summary', '', '', summary, 1, 0 FROM draft WHERE {_match('summary', short)}
            UNION ALL
            SELECT s.draft_id, d.title, 'section', s.sid, s.heading, s.heading || chr(10) || s.body, 2, s.id
              FROM section s JOIN draft d ON d.id = s.draft_id
             WHERE {_match('s.heading', short)} OR {_match('s.body', short)}
            UNION ALL
            SELECT r.draft_id, d.title, 'recommendation', r.rid, r.title, r.title || chr(10) || r.body, 3, r.id
              FROM recommendation r JOIN draft d ON d.id = r.draft_id
             WHERE {_match('r.title', short)} OR {_match('r.body', short)}
            UNION ALL
            SELECT p.draft_id, d.title, 'caption', p.pid, '', p.caption, 4, p.id
              FROM photo p JOIN draft d ON d.id = p.draft_id WHERE {_match('p.caption', short)}
            ORDER BY 1 DESC, 7, 8 LIMIT %(limit)s"""
        params = {"p": _like(query), "chars": sorted(set(query.lower())), "limit": limit}
        hits = []
        for draft_id, title, field, ref, heading, body, _order, _row in self.db.execute_sql(sql, params).fetchall():
            hit = _hit(draft_id, title, field, ref, heading, body, query)
            if hit:
                hits.append(hit)
        return hits
