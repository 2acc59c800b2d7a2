"""Who may see what on the agency's server, enforced by PostgreSQL's row-level security: proved
with plain SQL as each person, not through the window or the repository."""

import psycopg
import pytest

from desktop.domain.blocks import table_from_texts
from desktop.domain.report import Photo, Recommendation, Report, Traveller
from desktop.storage.agency import add_author, board_entries
from tests import pg_server


@pytest.fixture
def server(pg_cluster):
    name = pg_server.new_database(pg_cluster)
    yield pg_cluster, name
    pg_server.drop_database(pg_cluster, name)


def _as(cluster, name, user):
    return psycopg.connect(cluster.url(user, name), autocommit=True)


def _secret_draft(cluster, name, data_dir):
    """writer_a's draft, with text in every kind of table."""
    from desktop.services import open_services
    from desktop.storage import close_database

    services = open_services(data_dir, cluster.url(pg_server.WRITERS[0], name))
    report = Report.new("機密考察")
    report.chapters[1].set_text("只有作者能看的內容")
    report.chapters[1].blocks.append(table_from_texts([["時間", "議程"], ["09:00", "內部議程"]]))
    report.travellers = [Traveller("王大明", unit="資訊科")]
    report.recommendations = [Recommendation("建議", "內部建議")]
    report.photos = [Photo(file="ab/" + "a" * 64 + ".jpg", caption="內部照片")]
    draft_id = services.repo.create(report)
    services.repo.set_status(draft_id, "送審中")
    return services, draft_id, close_database


TABLES = ("draft", "section", "block", "traveller", "recommendation", "photo", "status_change", "snapshot")


def test_another_writer_and_an_outsider_cannot_read_a_draft_through_sql(server, data_dir):
    cluster, name = server
    services, draft_id, close = _secret_draft(cluster, name, data_dir)
    from desktop.storage.snapshots import Snapshots

    Snapshots(services.repo).take(draft_id, "送審版")
    close()
    with _as(cluster, name, pg_server.WRITERS[0]) as owner:
        assert owner.execute("SELECT count(*) FROM section WHERE body LIKE '%只有作者%'").fetchone()[0] == 1
        assert owner.execute("SELECT count(*) FROM block WHERE data LIKE '%內部議程%'").fetchone()[0] == 1
    with _as(cluster, name, pg_server.WRITERS[1]) as other:
        for table in TABLES:
            assert other.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        # nor can they change or delete what they cannot see
        assert other.execute("UPDATE section SET body = 'x'").rowcount == 0
        assert other.execute("UPDATE block SET data = 'x'").rowcount == 0
        assert other.execute("DELETE FROM draft").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            other.execute("INSERT INTO section (draft_id, sid, position, key, heading, body) "
                          "VALUES (%s, 'zz', 9, '', '', '竄改')", (draft_id,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            other.execute("INSERT INTO block (draft_id, sid, position, data) VALUES (%s, 'zz', 9, '{}')", (draft_id,))
    with _as(cluster, name, pg_server.OUTSIDER) as outsider, pytest.raises(psycopg.errors.InsufficientPrivilege):
        outsider.execute("SELECT * FROM draft")
    with _as(cluster, name, pg_server.WRITERS[0]) as owner:
        assert owner.execute("SELECT body FROM section WHERE body LIKE '%只有作者%'").fetchone()[0] == "只有作者能看的內容\n時間｜議程\n09:00｜內部議程"


def test_a_reviewer_sees_every_draft_and_may_change_its_status_but_not_its_text(server, data_dir):
    cluster, name = server
    _services, draft_id, close = _secret_draft(cluster, name, data_dir)
    close()
    with _as(cluster, name, pg_server.REVIEWER) as reviewer:
        assert reviewer.execute("SELECT title FROM draft").fetchall() == [("機密考察",)]
        assert reviewer.execute("SELECT count(*) FROM section WHERE body <> ''").fetchone()[0] == 1
        assert reviewer.execute("UPDATE section SET body = '改掉'").rowcount == 0
        assert reviewer.execute("SELECT count(*) FROM block WHERE data LIKE '%內部議程%'").fetchone()[0] == 1
        assert reviewer.execute("UPDATE block SET data = '改掉'").rowcount == 0
        for change in ("title = '改掉的標題'", "owner = 'reviewer_c'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reviewer.execute(f"UPDATE draft SET {change}")
    from desktop.services import open_services
    from desktop.storage import close_database

    services = open_services(data_dir, cluster.url(pg_server.REVIEWER, name))
    services.repo.set_status(draft_id, "退回修正")
    entry = board_entries(services.repo)[0]
    assert [(h.status, h.who) for h in entry.history][-2:] == [("送審中", "writer_a"), ("退回修正", "reviewer_c")]
    close_database()


def test_a_co_author_sees_and_writes_the_draft(server, data_dir):
    cluster, name = server
    services, draft_id, close = _secret_draft(cluster, name, data_dir)
    add_author(services.repo, draft_id, pg_server.WRITERS[1])
    close()
    with _as(cluster, name, pg_server.WRITERS[1]) as co_author:
        assert co_author.execute("SELECT count(*) FROM draft").fetchone()[0] == 1
        assert co_author.execute("UPDATE section SET body = body || '補充' WHERE body <> ''").rowcount == 1
        # but they cannot delete it, nor take it or hand it to someone else
        assert co_author.execute("DELETE FROM draft").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            co_author.execute("UPDATE draft SET owner = 'writer_b'")
        assert co_author.execute("UPDATE draft SET title = '共同作者改的標題'").rowcount == 1


def test_search_finds_only_the_drafts_a_person_may_see(server, data_dir):
    """Search runs as the tables' owner (to use its indexes): it must still answer per person."""
    cluster, name = server
    _services, draft_id, close = _secret_draft(cluster, name, data_dir)
    close()
    from desktop.services import open_services
    from desktop.storage import close_database
    from desktop.storage.search import SearchIndex

    for user, expected in ((pg_server.WRITERS[0], [draft_id]), (pg_server.WRITERS[1], []),
                           (pg_server.REVIEWER, [draft_id])):
        open_services(data_dir, cluster.url(user, name))
        assert sorted({h.draft_id for h in SearchIndex().search("只有作者")}) == expected, user
        assert sorted({h.draft_id for h in SearchIndex().search("內")}) == expected, user  # short: read, not indexed
        close_database()
    with _as(cluster, name, pg_server.WRITERS[1]) as other:
        assert other.execute("SELECT count(*) FROM tripreport_search('%%', 10)").fetchone()[0] == 0


def test_short_searches_answer_each_person_only_with_their_drafts_and_follow_a_co_authors_writes(server, data_dir):
    """One and two characters are found through their own index (tripreport_search_short), as the
    tables' owner: it must answer per person like the longer search, and see every write at once."""
    cluster, name = server
    services, draft_id, close = _secret_draft(cluster, name, data_dir)
    add_author(services.repo, draft_id, pg_server.WRITERS[1])
    close()
    with _as(cluster, name, pg_server.WRITERS[1]) as co_author:  # a write the app never saw
        co_author.execute("UPDATE section SET body = body || '。福岡' WHERE body <> ''")

    def found(user, word):
        with _as(cluster, name, user) as conn:
            return {row[0] for row in conn.execute("SELECT draft_id FROM tripreport_search_short(%s, 50)", (word,))}

    for user in (pg_server.WRITERS[0], pg_server.WRITERS[1], pg_server.REVIEWER):
        assert found(user, "福岡") == {draft_id}, user
        assert found(user, "內") == {draft_id}, user
    with _as(cluster, name, pg_server.OWNER) as owner:  # handed to someone else: the co-writer loses it too
        owner.execute("DELETE FROM draft_author")
        owner.execute("UPDATE draft SET owner = 'writer_c_gone'")
    for user in (pg_server.WRITERS[0], pg_server.WRITERS[1]):
        assert found(user, "福岡") == set(), user
        assert found(user, "內") == set(), user
    assert found(pg_server.REVIEWER, "內") == {draft_id}
    assert found(pg_server.OUTSIDER, "內") == set()  # never let in
