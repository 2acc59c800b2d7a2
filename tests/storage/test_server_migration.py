"""The same migration steps on the agency's server: a server left at an older schema by an older
TripReport is upgraded by its owner with the drafts on it intact, in one transaction."""

import psycopg

from desktop.services import open_services
from desktop.storage import close_database, schema_pg
from desktop.storage.database import MIGRATIONS, SCHEMA_VERSION
from desktop.storage.server import connect, schema_version, upgrade_schema
from tests import pg_server


def test_every_step_has_a_postgresql_form():
    assert [step.__name__ for step in MIGRATIONS] == list(schema_pg.STEPS)


def _server_at(cluster, name: str, version: int) -> None:
    """Bring an empty database to `version` the way that version of TripReport did."""
    with psycopg.connect(cluster.url(pg_server.ADMIN, name), autocommit=True) as admin:
        admin.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    db = connect(cluster.url(pg_server.OWNER, name))
    try:
        upgrade_schema(db, to_version=version)
    finally:
        db.close()


def test_a_server_at_schema_4_is_upgraded_with_its_drafts(pg_cluster, data_dir):
    name = pg_server.new_database(pg_cluster, template="template0")
    try:
        _server_at(pg_cluster, name, 4)
        with psycopg.connect(pg_cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
            did = owner.execute(
                "INSERT INTO draft (title, status, summary, mainland, heading_style, rules, meta, created_at, "
                "updated_at, uid, kind) VALUES ('舊伺服器的草稿', '草稿', '', false, '壹', 'central', '{}', '', '', "
                "'u1', 'central') RETURNING id").fetchone()[0]
            owner.execute("INSERT INTO section (draft_id, sid, position, key, heading, body) "
                          "VALUES (%s, 's1', 0, 'purpose', '目的', '交流防災經驗')", (did,))
            # before the upgrade the server has no notion of owners: the DBA hands the draft over
        db = connect(pg_cluster.url(pg_server.OWNER, name))
        try:
            assert schema_version(db) == 4
            assert upgrade_schema(db) == SCHEMA_VERSION - 4
            assert schema_version(db) == SCHEMA_VERSION
        finally:
            db.close()
        with psycopg.connect(pg_cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
            assert owner.execute("SELECT owner FROM draft").fetchone()[0] == pg_server.OWNER  # who ran the upgrade
            owner.execute("UPDATE draft SET owner = %s", (pg_server.WRITERS[0],))
        services = open_services(data_dir, pg_cluster.url(pg_server.WRITERS[0], name))
        report = services.repo.load(did)
        assert report.chapters[0].text == "交流防災經驗"
        from desktop.storage.search import SearchIndex

        assert [h.draft_id for h in SearchIndex().search("防災經驗")] == [did]
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)


def test_a_server_at_schema_6_gets_its_bodies_as_paragraph_blocks(pg_cluster, data_dir):
    """The block table's step on a server: each line of a stored body becomes a paragraph block,
    written as the repository writes it, so the first save after the upgrade changes no section
    (a co-writer would otherwise be told of a change nobody made)."""
    from desktop.domain.blocks import Paragraph, Run

    name = pg_server.new_database(pg_cluster, template="template0")
    try:
        _server_at(pg_cluster, name, 6)
        with psycopg.connect(pg_cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
            did = owner.execute(
                "INSERT INTO draft (title, status, summary, mainland, heading_style, rules, meta, created_at, "
                "updated_at, uid, kind, owner) VALUES ('升級前的草稿', '草稿', '', false, '壹', 'central', '{}', '', '', "
                "'u6', 'central', %s) RETURNING id", (pg_server.WRITERS[0],)).fetchone()[0]
            owner.execute("INSERT INTO section (draft_id, sid, position, key, heading, body, version) VALUES "
                          "(%s, 's1', 0, 'purpose', '目的', %s, 3), (%s, 's2', 1, 'process', '過程', '', 1)",
                          (did, '  抵達東京。\r\n\r\n\u3000參加 "開幕式" A&B 50%\\n ', did))
        db = connect(pg_cluster.url(pg_server.OWNER, name))
        try:
            assert upgrade_schema(db) == SCHEMA_VERSION - 6
        finally:
            db.close()
        services = open_services(data_dir, pg_cluster.url(pg_server.WRITERS[0], name))
        report = services.repo.load(did)
        assert report.chapters[0].blocks == [Paragraph([Run("抵達東京。")]), Paragraph([Run('參加 "開幕式" A&B 50%\\n')])]
        assert report.chapters[1].blocks == []
        versions = services.repo.section_versions(did)
        services.repo.save(report)
        assert services.repo.section_versions(did) == versions
        assert services.repo.load(did) == report
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)


def test_a_server_at_schema_7_finds_its_existing_texts_by_one_and_two_characters(pg_cluster, data_dir):
    """Step 8 indexes the rows already on the server (CREATE INDEX reads them): no text written
    before the upgrade is missing from a short search, in any part of a draft."""
    name = pg_server.new_database(pg_cluster, template="template0")
    try:
        _server_at(pg_cluster, name, 7)
        with psycopg.connect(pg_cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
            did = owner.execute(
                "INSERT INTO draft (title, status, summary, mainland, heading_style, rules, meta, created_at, "
                "updated_at, uid, kind, owner) VALUES ('福岡考察', '草稿', '摘要：防災', false, '壹', 'central', '{}', '', "
                "'', 'u7', 'central', %s) RETURNING id", (pg_server.WRITERS[0],)).fetchone()[0]
            owner.execute("INSERT INTO section (draft_id, sid, position, key, heading, body) VALUES "
                          "(%s, 's1', 0, 'process', '過程', '時間｜議程' || chr(10) || '09:00｜韌性論壇')", (did,))
            owner.execute("INSERT INTO recommendation (draft_id, rid, position, title, body) "
                          "VALUES (%s, 'r1', 0, '建議', '設置體驗館')", (did,))
            owner.execute("INSERT INTO photo (draft_id, pid, position, file, caption, placement, taken_at, width, "
                          "height) VALUES (%s, 'p1', 0, 'ab/c.jpg', '會場合影', 'appendix', '', 0, 0)", (did,))
        db = connect(pg_cluster.url(pg_server.OWNER, name))
        try:
            assert upgrade_schema(db) == SCHEMA_VERSION - 7
        finally:
            db.close()
        open_services(data_dir, pg_cluster.url(pg_server.WRITERS[0], name))
        from desktop.storage.search import SearchIndex

        index = SearchIndex()
        for word, where in (("福岡", "報告名稱"), ("災", "摘要"), ("韌", "章節「過程」"), ("程", "章節「過程」"),
                            ("驗", "建議「建議」"), ("合影", "圖說")):
            assert [h.where for h in index.search(word)] == [where], word
        (hit,) = index.search("09")
        assert hit.excerpt[hit.match_start:hit.match_start + 2] == "09"
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)


def test_the_servers_short_words_of_a_text_are_exactly_its_characters_and_pairs(pg_cluster):
    """What the index of one- and two-character words holds for a text (schema_pg.V8), computed by
    the server, against the definition: a query of one or two characters is found exactly when
    the lower-cased text holds it, whatever the text holds (line breaks, a chr(1), letters of
    other scripts, characters outside the BMP)."""
    from desktop.storage.search import fold

    texts = ["", "a", "Ab", "防災", "本府應邀出席「2018世界城市峰會」(World Cities Summit)；討論。",
             "行一\n行二\r\n  ＡＩ與5G\t%_\\", "含\x01控制字元\x01的文字", "𠀋𡈽𩸽與ÄÖ", "x" * 5001]
    with psycopg.connect(pg_cluster.url(pg_server.ADMIN, "tripreport_template"), autocommit=True) as conn:
        for text in texts:
            words = conn.execute("SELECT tripreport_short_words(%s)", (text,)).fetchone()[0]
            low = fold(text)
            assert set(words) == set(low) | {low[i:i + 2] for i in range(len(low) - 1)}, text
