"""The schema of each released version, frozen as SQL.

A migration step must do the same thing forever, so it cannot depend on the peewee models (which
follow the newest schema). Version 1 is the skeleton's schema exactly as peewee created it.
"""

# fmt: off
V1_STATEMENTS = (
    'CREATE TABLE "draft" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "start_date" DATE, "end_date" DATE, "report_date" DATE, "summary" TEXT NOT NULL, "mainland" INTEGER NOT NULL, "heading_style" VARCHAR(255) NOT NULL, "rules" VARCHAR(255) NOT NULL, "meta" TEXT NOT NULL, "created_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL)',
    'CREATE TABLE "attachment" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "title" TEXT NOT NULL, "note" TEXT NOT NULL, "file" TEXT NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "attachment_draft_id" ON "attachment" ("draft_id")',
    'CREATE TABLE "itinerary_day" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "day" DATE, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "itinerary_day_draft_id" ON "itinerary_day" ("draft_id")',
    'CREATE TABLE "itinerary_row" ("id" INTEGER NOT NULL PRIMARY KEY, "day_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "time" TEXT NOT NULL, "place" TEXT NOT NULL, "activity" TEXT NOT NULL, FOREIGN KEY ("day_id") REFERENCES "itinerary_day" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "itinerary_row_day_id" ON "itinerary_row" ("day_id")',
    'CREATE TABLE "photo" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, "pid" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, "file" TEXT NOT NULL, "caption" TEXT NOT NULL, "placement" VARCHAR(255) NOT NULL, "taken_at" VARCHAR(255) NOT NULL, "width" INTEGER NOT NULL, "height" INTEGER NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "photo_draft_id" ON "photo" ("draft_id")',
    'CREATE TABLE "recommendation" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, "rid" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, "title" TEXT NOT NULL, "body" TEXT NOT NULL, "follow_up" TEXT, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "recommendation_draft_id" ON "recommendation" ("draft_id")',
    'CREATE TABLE "section" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, "sid" VARCHAR(255) NOT NULL, "parent_sid" VARCHAR(255), "position" INTEGER NOT NULL, "key" VARCHAR(255) NOT NULL, "heading" TEXT NOT NULL, "body" TEXT NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "section_draft_id" ON "section" ("draft_id")',
    'CREATE UNIQUE INDEX "section_draft_id_sid" ON "section" ("draft_id", "sid")',
    'CREATE TABLE "status_change" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, "status" VARCHAR(255) NOT NULL, "at" VARCHAR(255) NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "status_change_draft_id" ON "status_change" ("draft_id")',
    'CREATE TABLE "traveller" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "agency" TEXT NOT NULL, "unit" TEXT NOT NULL, "title" TEXT NOT NULL, "rank" TEXT NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "traveller_draft_id" ON "traveller" ("draft_id")',
)

# Version 2: a stable draft identity for packages (uid), snapshots, and the search index.
# The search index is filled lazily: triggers only note which drafts changed (search_dirty), and
# the index catches up in small steps (search.SearchIndex.catch_up), so a save stays cheap.
_DIRTY_TABLES = ("section", "recommendation", "photo")
V2_STATEMENTS = (
    'ALTER TABLE "draft" ADD COLUMN "uid" VARCHAR(64)',
    "UPDATE draft SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL",
    'CREATE UNIQUE INDEX "draft_uid" ON "draft" ("uid")',
    'CREATE TABLE "snapshot" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, '
    '"created_at" VARCHAR(32) NOT NULL, "label" TEXT NOT NULL DEFAULT \'\', "kind" VARCHAR(16) NOT NULL, '
    '"digest" VARCHAR(64) NOT NULL, "content" TEXT NOT NULL, '
    'FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "snapshot_draft_id" ON "snapshot" ("draft_id", "id")',
    # One row per searchable text (a chapter, a caption…); the FTS5 index reads its text from here
    # (external content), so re-indexing a draft touches only the texts that changed.
    'CREATE TABLE "search_doc" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, '
    '"field" VARCHAR(16) NOT NULL, "ref" VARCHAR(64) NOT NULL, "heading" TEXT NOT NULL, "body" TEXT NOT NULL)',
    'CREATE INDEX "search_doc_draft_id" ON "search_doc" ("draft_id")',
    "CREATE VIRTUAL TABLE search_fts USING fts5(heading, body, content='search_doc', content_rowid='id', "
    "tokenize='trigram')",
    'CREATE TABLE "search_dirty" ("draft_id" INTEGER NOT NULL PRIMARY KEY)',
    "INSERT INTO search_dirty (draft_id) SELECT id FROM draft",
    "CREATE TRIGGER draft_search_ins AFTER INSERT ON draft BEGIN "
    "INSERT OR IGNORE INTO search_dirty (draft_id) VALUES (NEW.id); END",
    "CREATE TRIGGER draft_search_upd AFTER UPDATE OF title, summary ON draft BEGIN "
    "INSERT OR IGNORE INTO search_dirty (draft_id) VALUES (NEW.id); END",
    "CREATE TRIGGER draft_search_del AFTER DELETE ON draft BEGIN "
    "INSERT OR IGNORE INTO search_dirty (draft_id) VALUES (OLD.id); END",
    *(
        f"CREATE TRIGGER {table}_search_{event[:3].lower()} AFTER {event} ON {table} BEGIN "
        f"INSERT OR IGNORE INTO search_dirty (draft_id) VALUES ({row}.draft_id); END"
        for table in _DIRTY_TABLES
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
    ),
)

# Version 4: a draft records its report kind. The rule-set names drafts had are the ids of the built-in kinds that replace them. A recommendation's follow-up becomes
# a list, one entry per responsible agency.
V4_STATEMENTS = (
    'ALTER TABLE "draft" ADD COLUMN "kind" VARCHAR(64) NOT NULL DEFAULT \'central\'',
    "UPDATE draft SET kind = rules WHERE rules <> ''",
    "UPDATE recommendation SET follow_up = '[' || follow_up || ']' WHERE follow_up LIKE '{%'",
)

# Version 5: an index for one- and two-character queries (the trigram index needs three). Its words
# are each character and each pair of neighbours of a text, written by search.short_words; every
# text is indexed again, in the background, to fill it.
V5_STATEMENTS = (
    "CREATE VIRTUAL TABLE search_short USING fts5(words, content='', detail=none, tokenize='ascii')",
    "DELETE FROM search_doc",
    "INSERT INTO search_fts (search_fts) VALUES ('delete-all')",
    "INSERT OR IGNORE INTO search_dirty (draft_id) SELECT id FROM draft",
)

# Version 6: the agency tier. Who created a draft (its owner) and who changed a status; the
# co-authors of a draft and the drafts taken out as packages (used on a server; kept here so both
# engines hold the same tables). A server also keeps the photos themselves (schema_pg.py); here they
# stay files in the data folder.
V6_STATEMENTS = (
    'ALTER TABLE "draft" ADD COLUMN "owner" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "status_change" ADD COLUMN "who" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "draft" ADD COLUMN "updated_by" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "section" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "section" ADD COLUMN "edited_by" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'CREATE TABLE "draft_author" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, '
    '"role" VARCHAR(255) NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "draft_author_draft_id_role" ON "draft_author" ("draft_id", "role")',
    'CREATE TABLE "checkout" ("draft_id" INTEGER NOT NULL PRIMARY KEY, "who" VARCHAR(255) NOT NULL, '
    '"at" VARCHAR(32) NOT NULL, "note" TEXT NOT NULL DEFAULT \'\', '
    'FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "photo_file" ON "photo" ("file")',
)

# Version 7: a section's body is a list of blocks (paragraphs, lists, tables, photos), one row each
# (JSON as blocks.block_to_data writes it). Every stored body, plain text with one paragraph a line,
# becomes one paragraph block per non-empty line; section.body stays as the plain-text view search
# reads (blocks.plain_text), so it loses the blank lines and the spaces around each line.
_SPACE = "' ' || char(9) || char(12288) || char(160)"
V7_STATEMENTS = (
    'CREATE TABLE "block" ("id" INTEGER NOT NULL PRIMARY KEY, "draft_id" INTEGER NOT NULL, '
    '"sid" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, "data" TEXT NOT NULL, '
    'FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "block_draft_id_sid_position" ON "block" ("draft_id", "sid", "position")',
    "WITH RECURSIVE split(draft_id, sid, rest, line, n) AS ("
    "  SELECT draft_id, sid, replace(body, char(13), '') || char(10), NULL, 0 FROM section WHERE body <> ''"
    "  UNION ALL"
    "  SELECT draft_id, sid, substr(rest, instr(rest, char(10)) + 1), substr(rest, 1, instr(rest, char(10)) - 1),"
    "         n + 1 FROM split WHERE rest <> '')"
    " INSERT INTO block (draft_id, sid, position, data)"
    f" SELECT draft_id, sid, ROW_NUMBER() OVER (PARTITION BY draft_id, sid ORDER BY n) - 1,"
    f"        json_object('type', 'paragraph', 'text', trim(line, {_SPACE}))"
    f" FROM split WHERE line IS NOT NULL AND trim(line, {_SPACE}) <> ''",
    # the plain-text view of those blocks: the lines trimmed, the blank ones gone
    "UPDATE section SET body = coalesce((SELECT group_concat(t, char(10)) FROM ("
    "  SELECT json_extract(b.data, '$.text') AS t FROM block b"
    "   WHERE b.draft_id = section.draft_id AND b.sid = section.sid ORDER BY b.position)), '')"
    " WHERE body <> ''",
)
# fmt: on
