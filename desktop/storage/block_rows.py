"""Section bodies in the database: one row per block, written only where a block changed.

A row holds the block as JSON (blocks.block_to_data), keyed by section and position. Saving
compares the rows a report should have with the stored ones and updates, inserts or deletes only
the differing positions: typing in one paragraph of a long chapter rewrites one small row, not
the chapter. The section row's `body` keeps the plain-text view (blocks.plain_text), which search
reads.
"""

from __future__ import annotations

import json

from desktop.domain.blocks import Block, block_from_data, block_to_data, paragraph
from desktop.domain.report import Report, Section


def block_json(block: Block) -> str:
    return json.dumps(block_to_data(block), ensure_ascii=False, separators=(",", ":"))


def rows_of(sections) -> dict[tuple[str, int], str]:
    """(section id, position) → JSON for every block of these sections (and those under them)."""
    out = {}
    for section in sections:
        for _level, s in section.walk():
            for position, block in enumerate(s.blocks):
                out[(s.id, position)] = block_json(block)
    return out


def report_rows(report: Report) -> dict[tuple[str, int], str]:
    return rows_of(report.chapters)


def sync(db, draft_id: int, wanted: dict[tuple[str, int], str], only_sid: str | None = None) -> set[str]:
    """Make the stored blocks of the draft (or of one section) equal `wanted`; returns the ids of
    the sections whose blocks changed."""
    where, params = ("draft_id = ?", (draft_id,)) if only_sid is None else (
        "draft_id = ? AND sid = ?", (draft_id, only_sid))
    stored = {(sid, position): (row_id, data) for row_id, sid, position, data in db.execute_sql(
        f"SELECT id, sid, position, data FROM block WHERE {where}", params)}
    gone = {key: row_id for key, (row_id, _data) in stored.items() if key not in wanted}
    changed = {key: (data, stored[key][0]) for key, data in wanted.items() if key in stored and stored[key][1] != data}
    added = {key: (draft_id, *key, data) for key, data in wanted.items() if key not in stored}
    ids = list(gone.values())
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        db.execute_sql(f"DELETE FROM block WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
    if changed:
        db.cursor().executemany("UPDATE block SET data = ? WHERE id = ?", list(changed.values()))
    if added:
        db.cursor().executemany("INSERT INTO block (draft_id, sid, position, data) VALUES (?, ?, ?, ?)",
                                list(added.values()))
    return {sid for sid, _position in (*gone, *changed, *added)}

def load(db, draft_id: int) -> dict[str, list[Block]]:
    """Section id → its blocks, in order."""
    out: dict[str, list[Block]] = {}
    for sid, data in db.execute_sql("SELECT sid, data FROM block WHERE draft_id = ? ORDER BY sid, position",
                                    (draft_id,)):
        try:
            block = block_from_data(json.loads(data))
        except (ValueError, TypeError, AttributeError):
            # a row no version of the app wrote: shown as its text rather than lost or fatal
            block = paragraph(str(data))
        out.setdefault(sid, []).append(block)
    return out


def section_rows(section: Section) -> dict[tuple[str, int], str]:
    return {(section.id, position): block_json(block) for position, block in enumerate(section.blocks)}
