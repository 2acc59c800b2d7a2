"""Each released schema step in its PostgreSQL form, frozen like schema_sql.py.

A step whose SQL both engines read alike runs as it is (`PORTABLE`); the others are written here.
Step 1 is SQLite's frozen SQL with PostgreSQL's types (SERIAL keys, BOOLEAN); step 2's search
index is pg_trgm instead of FTS5 and its triggers (PostgreSQL indexes the tables themselves, so
nothing catches up later); step 6 adds, on the server only, who may see what (row-level security);
step 7's block table is guarded like every other table of a draft's content; step 8 gives the
server an index of one- and two-character words, as step 5 gave SQLite.
"""

from desktop.storage.schema_sql import V1_STATEMENTS

# fmt: off
V1 = tuple(
    s.replace('"id" INTEGER NOT NULL PRIMARY KEY', '"id" SERIAL PRIMARY KEY')
     .replace('"mainland" INTEGER NOT NULL', '"mainland" BOOLEAN NOT NULL')
    for s in V1_STATEMENTS
)

V2 = (
    'ALTER TABLE "draft" ADD COLUMN "uid" VARCHAR(64)',
    "UPDATE draft SET uid = replace(gen_random_uuid()::text, '-', '') WHERE uid IS NULL",
    'CREATE UNIQUE INDEX "draft_uid" ON "draft" ("uid")',
    'CREATE TABLE "snapshot" ("id" SERIAL PRIMARY KEY, "draft_id" INTEGER NOT NULL, '
    '"created_at" VARCHAR(32) NOT NULL, "label" TEXT NOT NULL DEFAULT \'\', "kind" VARCHAR(16) NOT NULL, '
    '"digest" VARCHAR(64) NOT NULL, "content" TEXT NOT NULL, '
    'FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "snapshot_draft_id" ON "snapshot" ("draft_id", "id")',
    # Search reads the tables through trigram indexes (three characters or more); see search_pg.py.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f'CREATE INDEX "{table}_{column}_trgm" ON "{table}" USING gin (lower("{column}") gin_trgm_ops)'
        for table, column in (("draft", "title"), ("draft", "summary"), ("section", "heading"), ("section", "body"),
                              ("recommendation", "title"), ("recommendation", "body"), ("photo", "caption"))
    ),
)

# Step 6 on the server: who owns and co-writes a draft, who changed a status, which drafts are
# taken out as packages, the photos themselves, and the row-level security that lets a person see
# only the drafts they write, unless the agency made them a reviewer.
def _content_policies(table: str) -> tuple[str, ...]:
    """A table of a draft's content: read by whoever sees the draft, written by its writers."""
    return (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id))",
        f"CREATE POLICY {table}_write ON {table} FOR ALL USING (tripreport_can_write(draft_id, current_user)) "
        f"WITH CHECK (tripreport_can_write(draft_id, current_user))",
    )


_CONTENT = ("section", "traveller", "itinerary_day", "recommendation", "photo", "attachment")
_LOGGED = ("status_change", "snapshot", "checkout")
V6 = (
    """ALTER TABLE "draft" ADD COLUMN "owner" VARCHAR(255) NOT NULL DEFAULT current_user""",
    """ALTER TABLE "status_change" ADD COLUMN "who" VARCHAR(255) NOT NULL DEFAULT ''""",
    """ALTER TABLE "draft" ADD COLUMN "updated_by" VARCHAR(255) NOT NULL DEFAULT ''""",
    'ALTER TABLE "section" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0',
    """ALTER TABLE "section" ADD COLUMN "edited_by" VARCHAR(255) NOT NULL DEFAULT ''""",
    'CREATE TABLE "draft_author" ("id" SERIAL PRIMARY KEY, "draft_id" INTEGER NOT NULL, '
    '"role" VARCHAR(255) NOT NULL, FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "draft_author_draft_id_role" ON "draft_author" ("draft_id", "role")',
    'CREATE TABLE "checkout" ("draft_id" INTEGER NOT NULL PRIMARY KEY, "who" VARCHAR(255) NOT NULL, '
    '"at" VARCHAR(32) NOT NULL, "note" TEXT NOT NULL DEFAULT \'\', '
    'FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE TABLE "photo_blob" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "data" BYTEA NOT NULL)',
    'CREATE INDEX "photo_file" ON "photo" ("file")',
    # The checks the policies call. SECURITY DEFINER: they read draft_author and draft without the
    # policies (which would otherwise call themselves). Inside them current_user is their owner, so
    # the policies pass the person's role in.
    """CREATE FUNCTION tripreport_is_reviewer() RETURNS boolean LANGUAGE sql STABLE AS $$
         SELECT EXISTS (SELECT 1 FROM pg_roles r
                        WHERE r.rolname = 'tripreport_reviewer' AND pg_has_role(current_user, r.oid, 'MEMBER'))
       $$""",
    """CREATE FUNCTION tripreport_can_write(did integer, who name) RETURNS boolean LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path FROM CURRENT AS $$
         SELECT EXISTS (SELECT 1 FROM draft d WHERE d.id = did AND d.owner = who)
             OR EXISTS (SELECT 1 FROM draft_author a WHERE a.draft_id = did AND a.role = who)
       $$""",
    """CREATE FUNCTION tripreport_is_coauthor(did integer, who name) RETURNS boolean LANGUAGE sql STABLE
       SECURITY DEFINER SET search_path FROM CURRENT AS $$
         SELECT EXISTS (SELECT 1 FROM draft_author a WHERE a.draft_id = did AND a.role = who)
       $$""",
    # Search. LIKE is not "leakproof", so under row-level security PostgreSQL may not use the
    # trigram indexes for it; this function searches as the tables' owner, through the indexes, and
    # returns only the drafts the person signed in (session_user: not a parameter anyone could fill
    # in with another name) owns, co-writes, or reviews.
    """CREATE FUNCTION tripreport_search(pattern text, lim integer)
       RETURNS TABLE (draft_id integer, title text, field text, ref text, heading text, body text,
                      part integer, row_id integer)
       LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT SET enable_seqscan = off AS $$
       #variable_conflict use_column
       BEGIN
         IF length(pattern) < 5 THEN  -- one or two characters: no trigram, reading the rows is faster
           PERFORM set_config('enable_seqscan', 'on', true);
         END IF;
         RETURN QUERY WITH hits AS (
           SELECT id AS draft_id, 'title'::text AS field, ''::text AS ref, ''::text AS heading, title AS body, 0 AS part, 0 AS row_id
             FROM draft WHERE lower(title) LIKE pattern
           UNION ALL
           SELECT id, 'summary', '', '', summary, 1, 0 FROM draft WHERE lower(summary) LIKE pattern
           UNION ALL
           SELECT s.draft_id, 'section', s.sid::text, s.heading, s.heading || chr(10) || s.body, 2, s.id
             FROM section s WHERE lower(s.heading) LIKE pattern OR lower(s.body) LIKE pattern
           UNION ALL
           SELECT r.draft_id, 'recommendation', r.rid::text, r.title, r.title || chr(10) || r.body, 3, r.id
             FROM recommendation r WHERE lower(r.title) LIKE pattern OR lower(r.body) LIKE pattern
           UNION ALL
           SELECT p.draft_id, 'caption', p.pid::text, '', p.caption, 4, p.id
             FROM photo p WHERE lower(p.caption) LIKE pattern
         )
         SELECT h.draft_id, d.title, h.field, h.ref, h.heading, h.body, h.part, h.row_id
           FROM hits h JOIN draft d ON d.id = h.draft_id
          WHERE d.owner = session_user
             OR EXISTS (SELECT 1 FROM draft_author a WHERE a.draft_id = d.id AND a.role = session_user)
             OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'tripreport_reviewer'
                                                  AND pg_has_role(session_user, r.oid, 'MEMBER'))
          ORDER BY d.xmin::text::bigint DESC, 1 DESC, 7, 8 LIMIT lim;  -- the draft saved last first
       END
       $$""",
    # What a policy cannot say (it sees only the new row): the owner of a draft is changed only by
    # the tables' owner (the DBA hands drafts over), and a reviewer who is not a writer of the draft
    # changes its status only, not its title, summary or cover.
    """CREATE FUNCTION tripreport_guard_draft() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         dba boolean := pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER');
         kept text[] := ARRAY['status', 'version', 'updated_at', 'updated_by'];
       BEGIN
         IF NEW.owner IS DISTINCT FROM OLD.owner AND NOT dba THEN
           RAISE EXCEPTION 'only the database owner hands a draft over' USING ERRCODE = 'insufficient_privilege';
         END IF;
         IF NOT dba AND NOT tripreport_can_write(OLD.id, current_user)
            AND (to_jsonb(NEW) - kept) IS DISTINCT FROM (to_jsonb(OLD) - kept) THEN
           RAISE EXCEPTION 'a reviewer changes the status only' USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END
       $$""",
    "CREATE TRIGGER draft_guard BEFORE UPDATE ON draft FOR EACH ROW EXECUTE FUNCTION tripreport_guard_draft()",
    "ALTER TABLE draft ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY draft_read ON draft FOR SELECT
       USING (owner = current_user OR (SELECT tripreport_is_reviewer()) OR tripreport_is_coauthor(id, current_user))""",
    "CREATE POLICY draft_create ON draft FOR INSERT WITH CHECK (owner = current_user)",
    """CREATE POLICY draft_change ON draft FOR UPDATE
       USING (owner = current_user OR tripreport_is_coauthor(id, current_user) OR (SELECT tripreport_is_reviewer()))""",
    "CREATE POLICY draft_delete ON draft FOR DELETE USING (owner = current_user)",
    *(stmt for table in _CONTENT for stmt in _content_policies(table)),
    *(stmt for table in _LOGGED for stmt in (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id))",
        f"CREATE POLICY {table}_add ON {table} FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id))",
        f"CREATE POLICY {table}_change ON {table} FOR UPDATE USING (EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id))",
        f"CREATE POLICY {table}_remove ON {table} FOR DELETE USING (EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id))",
    )),
    "ALTER TABLE itinerary_row ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY itinerary_row_read ON itinerary_row FOR SELECT
       USING (EXISTS (SELECT 1 FROM itinerary_day d WHERE d.id = day_id))""",
    """CREATE POLICY itinerary_row_write ON itinerary_row FOR ALL
       USING (EXISTS (SELECT 1 FROM itinerary_day d WHERE d.id = day_id AND tripreport_can_write(d.draft_id, current_user)))
       WITH CHECK (EXISTS (SELECT 1 FROM itinerary_day d WHERE d.id = day_id AND tripreport_can_write(d.draft_id, current_user)))""",
    "ALTER TABLE draft_author ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY draft_author_read ON draft_author FOR SELECT
       USING (role = current_user OR EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id))""",
    """CREATE POLICY draft_author_write ON draft_author FOR ALL
       USING (EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id AND d.owner = current_user))
       WITH CHECK (EXISTS (SELECT 1 FROM draft d WHERE d.id = draft_id AND d.owner = current_user))""",
    # A photo is seen by whoever sees a draft showing it; anyone may add one (content-addressed).
    "ALTER TABLE photo_blob ENABLE ROW LEVEL SECURITY",
    'CREATE POLICY photo_blob_read ON photo_blob FOR SELECT USING (EXISTS (SELECT 1 FROM photo p WHERE p.file = "key"))',
    "CREATE POLICY photo_blob_add ON photo_blob FOR INSERT WITH CHECK (true)",
)

# Step 7: the blocks of a section's body. Each stored body (plain text, one paragraph a line)
# becomes one paragraph block per non-empty line, its JSON written exactly as block_rows writes it
# (so the first save after the upgrade rewrites nothing).
_SPACE = "' ' || chr(9) || chr(12288) || chr(160)"
V7 = (
    'CREATE TABLE "block" ("id" SERIAL PRIMARY KEY, "draft_id" INTEGER NOT NULL, '
    '"sid" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, "data" TEXT NOT NULL, '
    'FOREIGN KEY ("draft_id") REFERENCES "draft" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "block_draft_id_sid_position" ON "block" ("draft_id", "sid", "position")',
    "INSERT INTO block (draft_id, sid, position, data)"
    " SELECT s.draft_id, s.sid, (row_number() OVER (PARTITION BY s.draft_id, s.sid ORDER BY l.n)) - 1,"
    f"        '{{\"type\":\"paragraph\",\"text\":' || to_json(btrim(l.line, {_SPACE}))::text || '}}'"
    "   FROM section s, regexp_split_to_table(replace(s.body, chr(13), ''), chr(10)) WITH ORDINALITY AS l(line, n)"
    f"  WHERE s.body <> '' AND btrim(l.line, {_SPACE}) <> ''",
    # the plain-text view of those blocks: the lines trimmed, the blank ones gone
    "UPDATE section s SET body = coalesce((SELECT string_agg(b.data::json ->> 'text', chr(10) ORDER BY b.position)"
    "  FROM block b WHERE b.draft_id = s.draft_id AND b.sid = s.sid), '') WHERE s.body <> ''",
    *_content_policies("block"),
)
# Step 8: an index of one- and two-character words (pg_trgm's trigrams need three), kept by
# PostgreSQL itself like the trigram indexes: a GIN index over the words of each searchable text —
# every character and every pair of neighbours, lower-cased — computed by an expression, so every
# write (the app's, a co-author's, plain SQL) keeps it current and CREATE INDEX fills it from the
# rows already there. A section's (and a recommendation's) heading and body are one text, joined by
# a line break: a query of one or two characters holds no whitespace, so the pairs across the join
# are never asked for. The pairs are cut by regexp_replace, marking the end of each pair with
# chr(1) (linear time, where substr would be quadratic); a text holding chr(1) itself takes the
# slower way, which needs no mark.
_PAIRS = r"string_to_array(regexp_replace({text}, '(..)', E'\\1' || chr(1), 'g'), chr(1))"
_PAIRS_SLOW = "ARRAY(SELECT m[1] FROM regexp_matches({text}, '(..)', 'g') AS m)"
_SHORT_TEXTS = {  # part of the search result → (index, table, text)
    0: ("draft_title_short", "draft", "title"),
    1: ("draft_summary_short", "draft", "summary"),
    2: ("section_short", "section", "heading || chr(10) || body"),
    3: ("recommendation_short", "recommendation", "title || chr(10) || body"),
    4: ("photo_caption_short", "photo", "caption"),
}
SHORT_INDEXES = tuple(index for index, _table, _text in _SHORT_TEXTS.values())
V8 = (
    f"""CREATE FUNCTION tripreport_short_words(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
         SELECT CASE WHEN strpos(l, chr(1)) = 0
                THEN array_remove(string_to_array(l, NULL) || {_PAIRS.format(text="l")}
                                  || {_PAIRS.format(text="substr(l, 2)")}, '')
                ELSE string_to_array(l, NULL) || {_PAIRS_SLOW.format(text="l")}
                     || {_PAIRS_SLOW.format(text="substr(l, 2)")} END
           FROM lower(t) AS l
       $$""",
    *(f'CREATE INDEX "{index}" ON "{table}" USING gin (tripreport_short_words({text}))'
      for index, table, text in _SHORT_TEXTS.values()),
    # The search for one or two characters: the same rows, order and rights as tripreport_search
    # (V6), found through those indexes. The hits are ordered and cut to a page by their keys
    # first, and only the page's texts are read (a frequent character is in every chapter).
    f"""CREATE FUNCTION tripreport_search_short(word text, lim integer)
       RETURNS TABLE (draft_id integer, title text, field text, ref text, heading text, body text,
                      part integer, row_id integer)
       LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT SET enable_seqscan = off AS $$
       #variable_conflict use_column
       BEGIN
         RETURN QUERY WITH hits AS (
           SELECT id AS draft_id, 0 AS part, 0 AS row_id FROM draft WHERE tripreport_short_words({_SHORT_TEXTS[0][2]}) @> ARRAY[word]
           UNION ALL
           SELECT id, 1, 0 FROM draft WHERE tripreport_short_words({_SHORT_TEXTS[1][2]}) @> ARRAY[word]
           UNION ALL
           SELECT s.draft_id, 2, s.id FROM section s WHERE tripreport_short_words({_SHORT_TEXTS[2][2]}) @> ARRAY[word]
           UNION ALL
           SELECT r.draft_id, 3, r.id FROM recommendation r WHERE tripreport_short_words({_SHORT_TEXTS[3][2]}) @> ARRAY[word]
           UNION ALL
           SELECT p.draft_id, 4, p.id FROM photo p WHERE tripreport_short_words({_SHORT_TEXTS[4][2]}) @> ARRAY[word]
         ), page AS (
           SELECT h.draft_id, h.part, h.row_id, d.xmin::text::bigint AS saved
             FROM hits h JOIN draft d ON d.id = h.draft_id
            WHERE d.owner = session_user
               OR EXISTS (SELECT 1 FROM draft_author a WHERE a.draft_id = d.id AND a.role = session_user)
               OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'tripreport_reviewer'
                                                    AND pg_has_role(session_user, r.oid, 'MEMBER'))
            ORDER BY saved DESC, 1 DESC, 2, 3 LIMIT lim  -- the draft saved last first
         )
         SELECT p.draft_id, d.title, t.field, t.ref, t.heading, t.body, p.part, p.row_id
           FROM page p JOIN draft d ON d.id = p.draft_id
           CROSS JOIN LATERAL (
             SELECT 'title'::text, ''::text, ''::text, d.title WHERE p.part = 0
             UNION ALL
             SELECT 'summary', '', '', d.summary WHERE p.part = 1
             UNION ALL
             SELECT 'section', s.sid::text, s.heading, s.heading || chr(10) || s.body
               FROM section s WHERE p.part = 2 AND s.id = p.row_id
             UNION ALL
             SELECT 'recommendation', r.rid::text, r.title, r.title || chr(10) || r.body
               FROM recommendation r WHERE p.part = 3 AND r.id = p.row_id
             UNION ALL
             SELECT 'caption', ph.pid::text, '', ph.caption FROM photo ph WHERE p.part = 4 AND ph.id = p.row_id
           ) AS t(field, ref, heading, body)
          ORDER BY p.saved DESC, 1 DESC, 7, 8;
       END
       $$""",
)
# fmt: on

PORTABLE = "portable"
# The PostgreSQL form of each step, by the name of its SQLite function in database.MIGRATIONS.
STEPS = {
    "_create_v1": V1,
    "_v2_snapshots_search_uid": V2,
    "_v3_draft_version": PORTABLE,
    "_v4_report_kinds": PORTABLE,
    # SQLite's index of one- and two-character words; a server reads short queries with LIKE.
    "_v5_short_query_index": (),
    "_v6_agency": V6,
    "_v7_body_blocks": V7,
    "_v8_server_short_query_index": V8,
}


def grants(schema: str) -> tuple[str, ...]:
    """What the people of the agency (members of tripreport_user) may do with every table; run
    after each upgrade, since an upgrade may add tables. The policies above narrow it to rows."""
    return (
        f'GRANT USAGE ON SCHEMA "{schema}" TO tripreport_user',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO tripreport_user',
        f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO tripreport_user',
        f'REVOKE ALL ON "{schema}".tripreport_schema FROM tripreport_user',
        f'GRANT SELECT ON "{schema}".tripreport_schema TO tripreport_user',
    )
