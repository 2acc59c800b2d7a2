"""Saving and loading whole reports, and the small fast saves the editor makes while you type.

The repository converts between the domain `Report` and the tables in models.py. A whole-report
save is one transaction, so a crash leaves either the old or the new report, never a mix.
"""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime

from peewee import DatabaseError

from desktop.domain.report import (
    Attachment,
    FollowUp,
    ItineraryDay,
    ItineraryRow,
    Photo,
    Recommendation,
    Report,
    Section,
    StatusChange,
    Traveller,
)
from desktop.storage import block_rows
from desktop.storage import models as m
from desktop.storage.errors import DraftChanged, DraftNotFound

# Cover / 提要 fields kept in Draft.meta as JSON: they are read and written together with the draft.
META_FIELDS = (
    "categories", "other_kind", "agency", "unit", "host_agency", "countries", "cities",
    "visited_agencies", "system_id", "keywords", "topic", "contact_name", "contact_phone",
    "pending_inputs", "traveller_line",
)


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


@dataclass
class DraftSummary:
    """One line of the draft list."""

    id: int
    title: str
    status: str
    start_date: date | None
    end_date: date | None
    report_date: date | None
    kind: str
    updated_at: str


def _wrap_db_errors(fn):
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DatabaseError as err:
            from desktop.storage.failures import storage_error

            raise storage_error(err) from err

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


class DraftRepository:
    """Load and save drafts. Pass one in to whoever needs it; there is no global instance."""

    # Set by open_repository: refuses writes to a draft that another process is editing.
    claims = None
    # Set when the drafts are on an agency server: uploads the photos a saved draft shows.
    blobs = None

    @property
    def user(self) -> str:
        """Who writes: the server role signed in, or this computer's user name (data folder)."""
        if self._user is None:
            from desktop.storage.database import database_access

            access = database_access()
            if access is not None and access.server:
                self._user = self.db.execute_sql("SELECT current_user").fetchone()[0]
            else:
                import getpass

                try:
                    self._user = getpass.getuser()
                except (KeyError, OSError):
                    self._user = ""
        return self._user

    def __init__(self, db=None):
        self.db = db or m.db
        self._user: str | None = None

    # ---- the draft list ------------------------------------------------------------------
    @_wrap_db_errors
    def list_drafts(self) -> list[DraftSummary]:
        query = m.Draft.select(
            m.Draft.id, m.Draft.title, m.Draft.status, m.Draft.start_date, m.Draft.end_date,
            m.Draft.report_date, m.Draft.kind, m.Draft.updated_at,
        ).order_by(m.Draft.updated_at.desc(), m.Draft.id.desc())
        return [
            DraftSummary(d.id, d.title, d.status, d.start_date, d.end_date, d.report_date, d.kind, d.updated_at)
            for d in query
        ]

    @_wrap_db_errors
    def exists(self, draft_id: int) -> bool:
        return m.Draft.select().where(m.Draft.id == draft_id).exists()

    @_wrap_db_errors
    def rename(self, draft_id: int, title: str) -> None:
        self._require(draft_id)
        with self.db.atomic():
            self._count_write(draft_id)
            m.Draft.update(title=title, updated_at=now_iso()).where(m.Draft.id == draft_id).execute()

    @_wrap_db_errors
    def delete(self, draft_id: int) -> None:
        self._require(draft_id)
        with self.db.atomic():
            self._count_write(draft_id)
            m.Draft.delete().where(m.Draft.id == draft_id).execute()

    @_wrap_db_errors
    def set_status(self, draft_id: int, status: str) -> None:
        self._require(draft_id)
        at = now_iso()
        with self.db.atomic():
            self._count_write(draft_id)
            m.Draft.update(status=status, updated_at=at).where(m.Draft.id == draft_id).execute()
            m.StatusChange.create(draft=draft_id, status=status, at=at, who=self.user)

    @_wrap_db_errors
    def latest_status_changes(self) -> dict[int, str]:
        """When each draft last changed status (ISO date-time), for the draft list."""
        from peewee import fn

        query = m.StatusChange.select(m.StatusChange.draft, fn.MAX(m.StatusChange.at).alias("at")).group_by(
            m.StatusChange.draft)
        return {row.draft_id: row.at for row in query}

    @_wrap_db_errors
    def list_drafts_with_status_times(self) -> list[tuple[DraftSummary, str]]:
        """`list_drafts()` with when each draft's status last changed ("" if never), in two quick queries:
        the draft list's whole read. Raw SQL, because with thousands of drafts building peewee
        objects costs ten times the query."""
        def day(value) -> date:  # SQLite gives dates back as text, a server as dates
            return value if isinstance(value, date) else date.fromisoformat(value[:10])

        changed_at = dict(self.db.execute_sql("SELECT draft_id, max(at) FROM status_change GROUP BY draft_id"))
        rows = self.db.execute_sql(
            "SELECT id, title, status, start_date, end_date, report_date, kind, updated_at FROM draft "
            "ORDER BY updated_at DESC, id DESC")
        return [
            (DraftSummary(i, title, status, start and day(start), end and day(end),
                          reported and day(reported), kind, updated), changed_at.get(i) or "")
            for i, title, status, start, end, reported, kind, updated in rows
        ]

    # ---- whole reports ---------------------------------------------------------------------
    @_wrap_db_errors
    def create(self, report: Report, uid: str | None = None) -> int:
        """Store a new draft and return its id (also set on the report). `uid` is the draft's
        identity across computers (packages); a new one is made when none is given."""
        stamp = now_iso()
        report.created_at = report.created_at or stamp
        report.updated_at = stamp
        with self.db.atomic():
            row = m.Draft.create(**self._draft_columns(report), uid=uid or uuid.uuid4().hex, owner=self.user)
            report.id = row.id
            if not report.status_history:
                report.status_history = [StatusChange(report.status, stamp, self.user)]
            self._write_children(report)
        return report.id

    @_wrap_db_errors
    def save(self, report: Report, expected_version: int | None = None) -> int:
        """Replace the stored draft with this report, in one transaction; returns its new version.

        Only what differs from the stored rows is written (usually one chapter's text), so the
        editor's autosave of a long report stays cheap; the result is the same as a full rewrite.
        With `expected_version` (from `load_with_version`) the save is refused with DraftChanged
        when anyone saved the draft since, instead of overwriting their work."""
        if report.id is None:
            self.create(report)
            return 0
        report.updated_at = now_iso()
        columns = self._draft_columns(report)
        names = list(columns)
        with self.db.atomic():
            version = self._count_write(report.id, expected_version)
            # Raw SQL on this path: peewee's query building costs more than SQLite's work here.
            stored = self.db.execute_sql(
                f"SELECT {', '.join(names)} FROM draft WHERE id = ?", (report.id,)).fetchone()
            if stored is None:
                raise DraftNotFound(f"找不到編號 {report.id} 的草稿。")
            changed = [(k, _written(columns[k])) for k, old in zip(names, stored, strict=True)
                       if _stored(old) != _stored(columns[k])]
            if changed:
                self.db.execute_sql(f"UPDATE draft SET {', '.join(f'{k} = ?' for k, _ in changed)} WHERE id = ?",
                                    (*[v for _, v in changed], report.id))
            self._sync_children(report)
        return version

    @_wrap_db_errors
    def updated_at_of(self, draft_id: int) -> str:
        """When the draft was last saved (cheap: for polling without loading the draft)."""
        return self._require(draft_id).updated_at

    @_wrap_db_errors
    def uid_of(self, draft_id: int) -> str:
        return self._require(draft_id).uid

    @_wrap_db_errors
    def find_by_uid(self, uid: str) -> int | None:
        row = m.Draft.get_or_none(m.Draft.uid == uid)
        return row.id if row else None

    @_wrap_db_errors
    def load(self, draft_id: int) -> Report:
        row = self._require(draft_id)
        meta = json.loads(row.meta or "{}")
        report = Report(
            id=row.id, title=row.title, status=row.status, start_date=row.start_date, end_date=row.end_date,
            report_date=row.report_date, summary=row.summary, mainland=row.mainland,
            heading_style=row.heading_style, kind=row.kind, created_at=row.created_at,
            updated_at=row.updated_at,
        )
        for name in META_FIELDS:
            if name in meta:
                setattr(report, name, meta[name])
        report.chapters = self._load_sections(draft_id)
        report.travellers = [
            Traveller(t.name, t.agency, t.unit, t.title, t.rank)
            for t in m.Traveller.select().where(m.Traveller.draft == draft_id).order_by(m.Traveller.position)
        ]
        report.itinerary = self._load_itinerary(draft_id)
        report.recommendations = [
            Recommendation(
                title=r.title, text=r.body, id=r.rid,
                follow_ups=_follow_ups(r.follow_up),
            )
            for r in m.Recommendation.select().where(m.Recommendation.draft == draft_id)
            .order_by(m.Recommendation.position)
        ]
        report.photos = [
            Photo(file=p.file, caption=p.caption, placement=p.placement, taken_at=p.taken_at,
                  width=p.width, height=p.height, id=p.pid)
            for p in m.Photo.select().where(m.Photo.draft == draft_id).order_by(m.Photo.position)
        ]
        report.attachments = [
            Attachment(a.title, a.note, a.file)
            for a in m.Attachment.select().where(m.Attachment.draft == draft_id).order_by(m.Attachment.position)
        ]
        report.status_history = [
            StatusChange(s.status, s.at, s.who)
            for s in m.StatusChange.select().where(m.StatusChange.draft == draft_id).order_by(m.StatusChange.id)
        ]
        return report

    # ---- fast saves while typing -------------------------------------------------------------
    @_wrap_db_errors
    def save_section(self, draft_id: int, section: Section) -> None:
        """Save one section's body without touching the rest of the draft: only its blocks that
        changed are written."""
        stamp = now_iso()
        with self.db.atomic():
            changed = (
                m.SectionRow.update(body=section.text, version=m.SectionRow.version + 1, edited_by=self.user)
                .where((m.SectionRow.draft == draft_id) & (m.SectionRow.sid == section.id))
                .execute()
            )
            if not changed:
                raise DraftNotFound(f"找不到草稿 {draft_id} 的章節 {section.id}")
            self._count_write(draft_id)
            block_rows.sync(self.db, draft_id, block_rows.section_rows(section), only_sid=section.id)
            m.Draft.update(updated_at=stamp).where(m.Draft.id == draft_id).execute()

    # ---- change detection: every write to a draft adds one to its version ----------------------
    @_wrap_db_errors
    def version_of(self, draft_id: int) -> int:
        """The draft's version: cheap enough to poll, to notice a save made by another process."""
        row = self.db.execute_sql("SELECT version FROM draft WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise DraftNotFound(f"找不到編號 {draft_id} 的草稿。")
        return row[0]

    @_wrap_db_errors
    def section_versions(self, draft_id: int) -> dict[str, tuple[int, str]]:
        """Each section's (version, who changed it last), by section id."""
        return {sid: (version, who) for sid, version, who in self.db.execute_sql(
            "SELECT sid, version, edited_by FROM section WHERE draft_id = ?", (draft_id,))}

    @_wrap_db_errors
    def last_writer(self, draft_id: int) -> str:
        """Who saved the draft last (a server role, or a computer's user name; "" if unknown)."""
        row = self.db.execute_sql("SELECT updated_by FROM draft WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise DraftNotFound(f"找不到編號 {draft_id} 的草稿。")
        return row[0]

    @_wrap_db_errors
    def load_with_version(self, draft_id: int) -> tuple[Report, int]:
        """The draft and the version it is (read in one transaction, so they belong together)."""
        with self.consistent_read():
            return self.load(draft_id), self.version_of(draft_id)

    @contextmanager
    def held(self, draft_id: int):
        """A transaction holding the draft's write lock: no other process can save the draft
        until it ends, so what is read in it is what a save in it replaces (SQLite's write lock;
        a server's row lock)."""
        with self.db.atomic():
            if self.db.execute_sql("UPDATE draft SET version = version WHERE id = ?", (draft_id,)).rowcount == 0:
                raise DraftNotFound(f"找不到編號 {draft_id} 的草稿。")
            yield

    def consistent_read(self):
        """A transaction whose reads all see one state of the drafts: SQLite's always do; a
        server's need REPEATABLE READ (under its default, each statement sees the latest commit)."""
        from desktop.storage.database import database_access

        access = database_access()
        if access is not None and access.server:
            return self.db.atomic(isolation_level="REPEATABLE READ")
        return self.db.atomic()

    def _count_write(self, draft_id: int, expected_version: int | None = None) -> int:
        """First statement of every write to a draft: refuse it when another process is editing
        the draft, or when the draft is no longer at `expected_version`; count it. Writing first
        takes SQLite's write lock, so the check and the save cannot be split by another writer."""
        if self.claims is not None:
            self.claims.check(draft_id)
        where, params = ("id = ?", (draft_id,)) if expected_version is None else (
            "id = ? AND version = ?", (draft_id, expected_version))
        if self.db.execute_sql(f"UPDATE draft SET version = version + 1, updated_by = ? WHERE {where}",
                               (self.user, *params)).rowcount == 0:
            if expected_version is not None and self.exists(draft_id):
                raise DraftChanged(f"編號 {draft_id} 的草稿在別處被修改過，這次沒有覆蓋它。")
            raise DraftNotFound(f"找不到編號 {draft_id} 的草稿。")
        return self.version_of(draft_id)

    # ---- internals --------------------------------------------------------------------------
    def _require(self, draft_id: int) -> m.Draft:
        row = m.Draft.get_or_none(m.Draft.id == draft_id)
        if row is None:
            raise DraftNotFound(f"找不到編號 {draft_id} 的草稿。")
        return row

    @staticmethod
    def _draft_columns(report: Report) -> dict:
        meta = {name: getattr(report, name) for name in META_FIELDS}
        return {
            "title": report.title, "status": report.status, "start_date": report.start_date,
            "end_date": report.end_date, "report_date": report.report_date, "summary": report.summary,
            "mainland": report.mainland, "heading_style": report.heading_style, "kind": report.kind,
            "meta": json.dumps(meta, ensure_ascii=False), "created_at": report.created_at,
            "updated_at": report.updated_at,
        }

    @staticmethod
    def _delete_children(draft_id: int) -> None:
        for model in (m.SectionRow, m.BlockRow, m.Traveller, m.ItineraryDay, m.Recommendation, m.Photo,
                      m.Attachment, m.StatusChange):
            model.delete().where(model.draft == draft_id).execute()

    def _write_children(self, report: Report) -> None:
        rows = _child_rows(report)
        for row in rows[m.SectionRow]:
            row.update(version=1, edited_by=self.user)
        for model, new_rows in rows.items():
            if model is not m.ItineraryDay:
                _bulk(model, new_rows)
        _write_itinerary(report.id, rows[m.ItineraryDay])
        block_rows.sync(self.db, report.id, block_rows.report_rows(report))
        if self.blobs is not None:
            self.blobs.ensure(p["file"] for p in rows[m.Photo])

    def _sync_children(self, report: Report) -> None:
        """Bring the child tables in line with the report, writing only what changed."""
        did = report.id
        rows = _child_rows(report)
        # A section whose blocks changed is a changed section even when its plain text is not (a
        # word made bold, a table's caption): co-writers are told by its version.
        touched = block_rows.sync(self.db, did, block_rows.report_rows(report))
        _sync_sections(did, rows.pop(m.SectionRow), self.user, touched)
        days = rows.pop(m.ItineraryDay)
        if _stored_itinerary(did) != days:
            m.ItineraryDay.delete().where(m.ItineraryDay.draft == did).execute()
            _write_itinerary(did, days)
        for model, new_rows in rows.items():
            fields = _compared_fields(model)
            order = "id" if model is m.StatusChange else "position"
            columns = ", ".join(model._meta.fields[f].column_name for f in fields)
            stored = self.db.execute_sql(
                f"SELECT {columns} FROM {model._meta.table_name} WHERE draft_id = ? ORDER BY {order}", (did,)
            ).fetchall()
            if [tuple(_stored(v) for v in row) for row in stored] != [tuple(_stored(r[f]) for f in fields)
                                                                      for r in new_rows]:
                model.delete().where(model.draft == did).execute()
                _bulk(model, new_rows)
                if model is m.Photo and self.blobs is not None:
                    self.blobs.ensure(r["file"] for r in new_rows)

    def _load_sections(self, draft_id: int) -> list[Section]:
        rows = list(m.SectionRow.select().where(m.SectionRow.draft == draft_id).order_by(m.SectionRow.position))
        bodies = block_rows.load(self.db, draft_id)
        by_parent: dict[str | None, list[m.SectionRow]] = {}
        for row in rows:
            by_parent.setdefault(row.parent_sid, []).append(row)

        def build(parent: str | None) -> list[Section]:
            return [
                Section(heading=r.heading, blocks=bodies.get(r.sid, []), key=r.key, id=r.sid, sections=build(r.sid))
                for r in by_parent.get(parent, [])
            ]

        return build(None)

    @staticmethod
    def _load_itinerary(draft_id: int) -> list[ItineraryDay]:
        days = list(m.ItineraryDay.select().where(m.ItineraryDay.draft == draft_id).order_by(m.ItineraryDay.position))
        rows_by_day: dict[int, list[ItineraryRow]] = {d.id: [] for d in days}
        query = (m.ItineraryRow.select().join(m.ItineraryDay)
                 .where(m.ItineraryDay.draft == draft_id).order_by(m.ItineraryRow.position))
        for r in query:
            rows_by_day[r.day_id].append(ItineraryRow(r.time, r.place, r.activity))
        return [ItineraryDay(date=d.day, rows=rows_by_day[d.id]) for d in days]


def _follow_ups(stored: str | None) -> list[FollowUp]:
    """The follow-ups of a recommendation row: a JSON list (schema 3), or one object (older rows)."""
    if not stored:
        return []
    data = json.loads(stored)
    items = data if isinstance(data, list) else [data]
    known = {"agency", "status", "schedule", "budget"}
    return [FollowUp(**{k: str(v) for k, v in item.items() if k in known}) for item in items if isinstance(item, dict)]


def _compared_fields(model) -> list[str]:
    # Every stored column but the row id and the draft: a field added to a table is compared too.
    return [f.name for f in model._meta.sorted_fields if f.name not in ("id", "draft")]


def _written(value):
    """A value for raw SQL on either engine (a date as its ISO text; a boolean stays one)."""
    return value.isoformat() if isinstance(value, date) else value


def _stored(value):
    """A value as SQLite gives it back, so new and stored rows compare equal when unchanged (a
    server gives dates and booleans back as such: they are brought to the same form)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _section_rows(report: Report) -> list[dict]:
    rows = []

    def add(section: Section, parent: str | None, position: int) -> None:
        rows.append({
            "draft": report.id, "sid": section.id, "parent_sid": parent, "position": position,
            "key": section.key, "heading": section.heading, "body": section.text,
        })
        for i, child in enumerate(section.sections):
            add(child, section.id, i)

    for i, chapter in enumerate(report.chapters):
        add(chapter, None, i)
    return rows


def _child_rows(report: Report) -> dict:
    """The rows each child table should hold for this report (itinerary as (day, rows) pairs)."""
    did = report.id
    return {
        m.SectionRow: _section_rows(report),
        m.Traveller: [{"draft": did, "position": i, **asdict(t)} for i, t in enumerate(report.travellers)],
        m.ItineraryDay: [
            (_stored(day.date), [(r.time, r.place, r.activity) for r in day.rows]) for day in report.itinerary
        ],
        m.Recommendation: [
            {"draft": did, "rid": r.id, "position": i, "title": r.title, "body": r.text,
             "follow_up": json.dumps([asdict(f) for f in r.follow_ups], ensure_ascii=False) if r.follow_ups else None}
            for i, r in enumerate(report.recommendations)
        ],
        m.Photo: [
            {"draft": did, "pid": p.id, "position": i, "file": p.file, "caption": p.caption,
             "placement": p.placement, "taken_at": p.taken_at, "width": p.width, "height": p.height}
            for i, p in enumerate(report.photos)
        ],
        m.Attachment: [{"draft": did, "position": i, **asdict(a)} for i, a in enumerate(report.attachments)],
        m.StatusChange: [{"draft": did, "status": s.status, "at": s.at, "who": s.who} for s in report.status_history],
    }


def _write_itinerary(did: int, days: list) -> None:
    for i, (day, rows) in enumerate(days):
        day_row = m.ItineraryDay.create(draft=did, position=i, day=day)
        _bulk(m.ItineraryRow, [
            {"day": day_row.id, "position": j, "time": t, "place": p, "activity": a}
            for j, (t, p, a) in enumerate(rows)
        ])


def _stored_itinerary(did: int) -> list:
    days = m.db.execute_sql("SELECT id, day FROM itinerary_day WHERE draft_id = ? ORDER BY position", (did,)).fetchall()
    if not days:
        return []
    rows: dict[int, list] = {}
    query = m.db.execute_sql(
        "SELECT r.day_id, r.time, r.place, r.activity FROM itinerary_row r JOIN itinerary_day d ON d.id = r.day_id "
        "WHERE d.draft_id = ? ORDER BY r.position", (did,))
    for day_id, t, p, a in query:
        rows.setdefault(day_id, []).append((t, p, a))
    return [(_stored(day), rows.get(day_id, [])) for day_id, day in days]


def _sync_sections(did: int, new_rows: list[dict], user: str, touched: set[str]) -> None:
    """Update changed chapters in place when the outline is the same; rewrite them otherwise. A
    section whose key, heading or body changed, or whose blocks are in `touched`, gets one more
    version and `user` as its editor; the others keep theirs, through a rewrite too."""
    stored = m.db.execute_sql(
        "SELECT id, sid, parent_sid, position, key, heading, body, version, edited_by FROM section "
        "WHERE draft_id = ?", (did,)).fetchall()
    outline = {(sid, parent, pos) for _, sid, parent, pos, *_ in stored}
    by_sid = {row[1]: row for row in stored}
    if len(stored) == len(new_rows) and outline == {(r["sid"], r["parent_sid"], r["position"]) for r in new_rows}:
        for new in new_rows:
            row_id, _, _, _, key, heading, body, _v, _by = by_sid[new["sid"]]
            if (key, heading, body) != (new["key"], new["heading"], new["body"]) or new["sid"] in touched:
                m.db.execute_sql("UPDATE section SET key = ?, heading = ?, body = ?, version = version + 1, "
                                 "edited_by = ? WHERE id = ?", (new["key"], new["heading"], new["body"], user, row_id))
        return
    for new in new_rows:
        old = by_sid.get(new["sid"])
        if old is not None and old[4:7] == (new["key"], new["heading"], new["body"]) and new["sid"] not in touched:
            new.update(version=old[7], edited_by=old[8])
        else:
            new.update(version=old[7] + 1 if old else 1, edited_by=user)
    m.SectionRow.delete().where(m.SectionRow.draft == did).execute()
    _bulk(m.SectionRow, new_rows)


def _bulk(model, rows: list[dict], batch: int = 200) -> None:
    # SQLite limits bound variables per statement; batches keep 200-row itineraries in a few inserts.
    for start in range(0, len(rows), batch):
        model.insert_many(rows[start:start + batch]).execute()
