"""The agency's server failing in the ways a user meets: a wrong password, no server, a server of
another version, a person without rights, the connection lost in the middle of a save. Each is a
message in Chinese; nothing is half-written on the server; the work on screen can be saved again."""

import psycopg
import pytest

from desktop.domain.report import Report
from desktop.services import open_services
from desktop.storage import StorageError, close_database
from desktop.storage.database import SCHEMA_VERSION
from desktop.storage.postgres import ServerSchemaMismatch, ServerUnavailable, SignInFailed
from tests import pg_server


@pytest.fixture
def server(pg_cluster):
    name = pg_server.new_database(pg_cluster)
    yield pg_cluster, name
    close_database()
    pg_server.drop_database(pg_cluster, name)


def test_wrong_password_says_so_and_names_no_password(server, data_dir):
    cluster, name = server
    url = cluster.url(pg_server.WRITERS[0], name, password=False)
    with pytest.raises(SignInFailed) as caught:
        open_services(data_dir, url, password="not-the-password")
    assert "帳號或密碼" in str(caught.value)
    assert "not-the-password" not in str(caught.value)


def test_no_server_is_said_quickly_in_chinese(data_dir):
    with pytest.raises(ServerUnavailable) as caught:
        open_services(data_dir, f"postgresql://writer_a@127.0.0.1:{pg_server._free_port()}/tripreport")
    assert "連不上機關資料庫" in str(caught.value)
    assert "local" in str(caught.value)  # what to do meanwhile


def test_a_server_upgraded_by_a_newer_tripreport_is_refused_unchanged(server, data_dir):
    cluster, name = server
    with psycopg.connect(cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
        owner.execute("UPDATE tripreport_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(ServerSchemaMismatch) as caught:
        open_services(data_dir, cluster.url(pg_server.WRITERS[0], name))
    assert "較新版" in str(caught.value)
    assert "請更新" in str(caught.value)
    with psycopg.connect(cluster.url(pg_server.OWNER, name), autocommit=True) as owner:
        assert owner.execute("SELECT version FROM tripreport_schema").fetchone()[0] == SCHEMA_VERSION + 1


def test_an_empty_server_is_set_up_by_its_owner_and_not_by_a_writer(pg_cluster, data_dir):
    name = pg_server.new_database(pg_cluster, template="template0")
    try:
        with pytest.raises(ServerSchemaMismatch) as caught:
            open_services(data_dir, pg_cluster.url(pg_server.WRITERS[0], name))
        assert "server upgrade" in str(caught.value)
        with psycopg.connect(pg_cluster.url(pg_server.ADMIN, name), autocommit=True) as admin:
            assert admin.execute("SELECT to_regclass('draft')").fetchone()[0] is None  # nothing half-made
            admin.execute("CREATE EXTENSION pg_trgm")
        from desktop.cli import main

        assert main(["--data-dir", str(data_dir), "--database", pg_cluster.url(pg_server.OWNER, name),
                     "server", "upgrade"]) == 0
        services = open_services(data_dir, pg_cluster.url(pg_server.WRITERS[0], name))
        draft_id = services.repo.create(Report.new("第一份"))
        assert services.repo.load(draft_id).title == "第一份"
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)


def test_a_person_without_rights_is_told_whom_to_ask(server, data_dir):
    cluster, name = server
    with pytest.raises(StorageError) as caught:
        open_services(data_dir, cluster.url(pg_server.OUTSIDER, name)).repo.list_drafts()
    assert "沒有這項權限" in str(caught.value)
    assert "管理員" in str(caught.value)


def test_connection_lost_mid_save_writes_nothing_and_the_next_save_goes_through(server, data_dir, monkeypatch):
    cluster, name = server
    services = open_services(data_dir, cluster.url(pg_server.WRITERS[0], name))
    repo = services.repo
    report = Report.new("原本的標題")
    report.chapters[0].set_text("原本的內容")
    repo.create(report)
    pid = repo.db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]

    from desktop.storage import repository

    real_sync = repository._sync_sections

    def cut_then_sync(*args):
        with cluster.admin() as admin:  # the network drops after the draft row was written
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return real_sync(*args)

    report.title = "新的標題"
    report.chapters[0].set_text("新的內容")
    monkeypatch.setattr(repository, "_sync_sections", cut_then_sync)
    with pytest.raises(ServerUnavailable) as caught:
        repo.save(report)
    assert "沒有寫入伺服器" in str(caught.value)
    monkeypatch.setattr(repository, "_sync_sections", real_sync)
    with psycopg.connect(cluster.url(pg_server.WRITERS[0], name)) as other:
        assert other.execute("SELECT title FROM draft").fetchone()[0] == "原本的標題"
        assert other.execute("SELECT body FROM section WHERE body <> ''").fetchone()[0] == "原本的內容"
    repo.save(report)  # the same report, still in memory, saves once the server answers again
    assert repo.load(report.id).chapters[0].text == "新的內容"


def test_a_server_restarted_between_two_steps_of_an_export_is_reconnected(server, data_dir):
    """An export reads the draft, writes the file, then snapshots the draft: a connection the
    server dropped meanwhile (restart, network) is replaced, and the snapshot is taken."""
    from desktop.storage.snapshots import record_export

    cluster, name = server
    services = open_services(data_dir, cluster.url(pg_server.WRITERS[0], name))
    repo = services.repo
    draft_id = repo.create(Report.new("匯出中"))
    report = repo.load(draft_id)
    with cluster.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
    assert record_export(repo, report.id, data_dir / "報告.docx") is not None
    assert repo.load(draft_id).title == "匯出中"


def test_a_save_waiting_on_another_pcs_save_gives_up_and_says_so(server, data_dir, monkeypatch):
    """Another PC holds the draft (a long check-in, a stuck client): the save stops waiting after a
    moment instead of freezing the window, writes nothing, and the autosaver tries again later."""
    from desktop.storage import postgres

    monkeypatch.setattr(postgres, "LOCK_WAIT_MS", 300)
    cluster, name = server
    services = open_services(data_dir, cluster.url(pg_server.WRITERS[0], name))
    report = Report.new("被鎖住的草稿")
    services.repo.create(report)
    with psycopg.connect(cluster.url(pg_server.WRITERS[0], name)) as other, other.transaction():
        other.execute("UPDATE draft SET version = version + 1 WHERE id = %s", (report.id,))
        report.title = "改過的標題"
        with pytest.raises(StorageError) as caught:
            services.repo.save(report)
        assert "同時修改同一份草稿" in str(caught.value)
        other.execute("ROLLBACK")  # the other PC lets go
    services.repo.save(report)
    assert services.repo.load(report.id).title == "改過的標題"


def test_the_password_may_come_from_libpqs_password_file(server, data_dir, tmp_path, monkeypatch):
    """No password in any file of ours: libpq's own (PGPASSFILE, ~/.pgpass) is read as libpq reads it."""
    cluster, name = server
    pgpass = tmp_path / "pgpass.conf"
    pgpass.write_text(f"{cluster.host}:{cluster.port}:{name}:{pg_server.WRITERS[0]}:{cluster.password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    services = open_services(data_dir, cluster.url(pg_server.WRITERS[0], name, password=False))
    assert services.repo.user == pg_server.WRITERS[0]
