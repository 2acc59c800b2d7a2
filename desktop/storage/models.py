"""Tables of the draft database (peewee). One row per draft; its parts in child tables so a single
field can be saved without rewriting the whole report."""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

from desktop.domain.kinds import DEFAULT_KIND


class FolderDatabase(SqliteDatabase):
    """Transactions take the write lock when they begin (IMMEDIATE): one that read first and wrote
    later would fail outright, not wait, if another connection (the background search indexer, a
    second process) committed in between. A database opened read-only (query_only) cannot take
    that lock, and its transactions only read: they begin as SQLite's default (DEFERRED)."""

    def begin(self, lock_type=None):
        if lock_type is None and not self.execute_sql("PRAGMA query_only").fetchone()[0]:
            lock_type = "IMMEDIATE"
        super().begin(lock_type)


# Unbound until the data folder's SQLite file (database.open_database) or the agency's server
# (server.open_server) is opened.
db = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Draft(BaseModel):
    title = TextField(default="")
    status = CharField(default="草稿")
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    report_date = DateField(null=True)
    summary = TextField(default="")
    mainland = BooleanField(default=False)
    heading_style = CharField(default="壹")
    rules = CharField(default=DEFAULT_KIND)  # schema 1–2's rule set; replaced by `kind` (kept for old rows)
    meta = TextField(default="{}")  # the remaining cover / 提要 fields as JSON
    created_at = CharField(default="")
    updated_at = CharField(default="")
    uid = CharField(null=True, unique=True)  # travels in packages: "the same draft" on another computer
    kind = CharField(default=DEFAULT_KIND)  # the report kind's id
    owner = CharField(default="")  # the role that created it on a server ("" in a data folder)
    updated_by = CharField(default="")  # who wrote it last: a server role, or this computer's user name


class SectionRow(BaseModel):
    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="section_rows")
    sid = CharField()  # the section's id in the domain model
    parent_sid = CharField(null=True)
    position = IntegerField()
    key = CharField(default="")
    heading = TextField(default="")
    body = TextField(default="")
    version = IntegerField(default=0)  # one more on every change of this section's key, heading or body
    edited_by = CharField(default="")  # who made that change (a server role, or a computer's user name)

    class Meta:
        table_name = "section"
        indexes = ((("draft", "sid"), True),)


class BlockRow(BaseModel):
    """One block of a section's body (a paragraph, a list, a table, a photo) as the JSON of
    blocks.block_to_data; the section's `body` keeps the plain-text view that search reads."""

    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="block_rows")
    sid = CharField()  # the section
    position = IntegerField()
    data = TextField()

    class Meta:
        table_name = "block"
        indexes = ((("draft", "sid", "position"), False),)


class Traveller(BaseModel):
    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="traveller_rows")
    position = IntegerField()
    name = TextField(default="")
    agency = TextField(default="")
    unit = TextField(default="")
    title = TextField(default="")
    rank = TextField(default="")


class ItineraryDay(BaseModel):
    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="day_rows")
    position = IntegerField()
    day = DateField(null=True)


class ItineraryRow(BaseModel):
    day = ForeignKeyField(ItineraryDay, on_delete="CASCADE", backref="rows")
    position = IntegerField()
    time = TextField(default="")
    place = TextField(default="")
    activity = TextField(default="")


class Recommendation(BaseModel):
    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="recommendation_rows")
    rid = CharField()
    position = IntegerField()
    title = TextField(default="")
    body = TextField(default="")
    follow_up = TextField(null=True)  # JSON list, one entry per responsible agency; null when untracked


class Photo(BaseModel):
    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="photo_rows")
    pid = CharField()
    position = IntegerField()
    file = TextField()
    caption = TextField(default="")
    placement = CharField(default="appendix")
    taken_at = CharField(default="")
    width = IntegerField(default=0)
    height = IntegerField(default=0)


class Attachment(BaseModel):
    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="attachment_rows")
    position = IntegerField()
    title = TextField(default="")
    note = TextField(default="")
    file = TextField(default="")


class StatusChange(BaseModel):
    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="status_rows")
    status = CharField()
    at = CharField()
    who = CharField(default="")  # the role (server) or the computer's user name (data folder)


class Snapshot(BaseModel):
    """A frozen copy of a whole draft (its draft JSON), taken automatically or on demand."""

    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="snapshots")
    created_at = CharField()
    label = TextField(default="")
    kind = CharField()  # auto, manual, export, restore, replace, merge
    digest = CharField()  # sha256 of content: an unchanged draft is not snapshotted twice
    content = TextField()


class DraftAuthor(BaseModel):
    """A co-author of a draft on a server: sees and writes it like its owner."""

    draft = ForeignKeyField(Draft, on_delete="CASCADE", backref="author_rows")
    role = CharField()

    class Meta:
        table_name = "draft_author"


class Checkout(BaseModel):
    """A draft taken out of the server as a package, to be edited offline and brought back."""

    draft = ForeignKeyField(Draft, primary_key=True, on_delete="CASCADE")
    who = CharField()
    at = CharField()
    note = TextField(default="")


class PhotoBlob(BaseModel):
    """A photo's bytes on a server, by the same content key as the data folder's photo store."""

    key = CharField(primary_key=True)
    data = BlobField()

    class Meta:
        table_name = "photo_blob"


# The tables of schema version 1 (migrations use frozen SQL, see schema_sql.py).
ALL_TABLES = [Draft, SectionRow, Traveller, ItineraryDay, ItineraryRow, Recommendation, Photo, Attachment, StatusChange]
