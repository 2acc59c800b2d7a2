"""What the agency tier adds to a repository, on either engine: the board's reading of every
visible draft, co-authors, and drafts checked out of the server as packages.

On a server the row-level security decides which drafts these see (a writer: their own; a
reviewer: all); in a data folder they are the one user's drafts.
"""

from __future__ import annotations

import json
from datetime import date

from desktop.domain.board import BoardEntry
from desktop.domain.report import StatusChange
from desktop.storage import models as m
from desktop.storage.errors import DraftNotFound, StorageError
from desktop.storage.repository import DraftRepository, _wrap_db_errors, now_iso


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@_wrap_db_errors
def board_entries(repo: DraftRepository) -> list[BoardEntry]:
    """Every draft this person may see, with what the board shows; four queries in all."""
    db = repo.db
    with repo.consistent_read():  # histories belong to the drafts read with them
        drafts = db.execute_sql(
            "SELECT id, title, status, kind, start_date, end_date, owner, meta FROM draft ORDER BY id").fetchall()
        names: dict[int, list[str]] = {}
        units: dict[int, str] = {}
        for did, name, unit in db.execute_sql(
                "SELECT draft_id, name, unit FROM traveller ORDER BY draft_id, position"):
            names.setdefault(did, []).append(name)
            if unit and did not in units:
                units[did] = unit
        history: dict[int, list[StatusChange]] = {}
        for did, status, at, who in db.execute_sql(
                "SELECT draft_id, status, at, who FROM status_change ORDER BY draft_id, id"):
            history.setdefault(did, []).append(StatusChange(status, at, who))
        out_by = dict(db.execute_sql("SELECT draft_id, who FROM checkout").fetchall())
    entries = []
    for did, title, status, kind, start, end, owner, meta in drafts:
        unit = units.get(did)
        if unit is None:
            try:
                unit = json.loads(meta or "{}").get("unit", "")
            except ValueError:
                unit = ""
        entries.append(BoardEntry(did, title, status, kind, _as_date(start), _as_date(end), names.get(did, []),
                                  unit or "", owner, history.get(did, []), out_by.get(did, "")))
    return entries


# ---- co-authors (a server's row-level security lets them see and write the draft) ---------------
@_wrap_db_errors
def authors(repo: DraftRepository, draft_id: int) -> list[str]:
    row = m.Draft.get_or_none(m.Draft.id == draft_id)
    if row is None:
        raise DraftNotFound(f"找不到編號 {draft_id} 的草稿。")
    others = [a.role for a in m.DraftAuthor.select().where(m.DraftAuthor.draft == draft_id).order_by(m.DraftAuthor.id)]
    return [row.owner, *others] if row.owner else others


@_wrap_db_errors
def add_author(repo: DraftRepository, draft_id: int, role: str) -> None:
    role = role.strip()
    if not role:
        raise StorageError("請寫出共同作者的帳號名稱。")
    with repo.db.atomic():
        repo._count_write(draft_id)
        if not m.DraftAuthor.select().where((m.DraftAuthor.draft == draft_id) & (m.DraftAuthor.role == role)).exists():
            m.DraftAuthor.create(draft=draft_id, role=role)


@_wrap_db_errors
def remove_author(repo: DraftRepository, draft_id: int, role: str) -> None:
    with repo.db.atomic():
        repo._count_write(draft_id)
        m.DraftAuthor.delete().where((m.DraftAuthor.draft == draft_id) & (m.DraftAuthor.role == role)).execute()


# ---- checked out as a package ------------------------------------------------------------------
@_wrap_db_errors
def checked_out_by(repo: DraftRepository, draft_id: int) -> tuple[str, str] | None:
    """(who, when) the draft was taken out as a package, or None."""
    row = m.Checkout.get_or_none(m.Checkout.draft == draft_id)
    return (row.who, row.at) if row else None


@_wrap_db_errors
def mark_checked_out(repo: DraftRepository, draft_id: int, note: str = "") -> None:
    with repo.db.atomic():
        repo._count_write(draft_id)
        m.Checkout.delete().where(m.Checkout.draft == draft_id).execute()
        m.Checkout.create(draft=draft_id, who=repo.user, at=now_iso(), note=note)


@_wrap_db_errors
def clear_checkout(repo: DraftRepository, draft_id: int) -> None:
    with repo.db.atomic():
        repo._count_write(draft_id)
        m.Checkout.delete().where(m.Checkout.draft == draft_id).execute()
