"""Databases made by every released schema version open with today's code, after a backup."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.storage import close_database, open_repository
from desktop.storage.backup import list_backups
from desktop.storage.database import DB_FILENAME, SCHEMA_VERSION
from desktop.storage.search import SearchIndex
from desktop.storage.snapshots import Snapshots

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema-v*.db"))


def test_a_fixture_exists_for_every_released_version_before_this_one():
    versions = {int(p.stem.split("-v")[1]) for p in RELEASED}
    assert set(range(1, SCHEMA_VERSION)) <= versions


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_old_database_is_backed_up_then_migrated_with_drafts_intact(fixture, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(fixture, data / DB_FILENAME)
    old_version = int(fixture.stem.split("-v")[1])
    repo = open_repository(data)
    try:
        titles = sorted(d.title for d in repo.list_drafts())
        assert titles == ["出席「亞太城市韌性論壇」", "第二份草稿"]
        first = next(d for d in repo.list_drafts() if d.title.startswith("出席"))
        report = repo.load(first.id)
        assert report.chapters[0].text == "了解日本城市韌性政策。\n交流防災經驗。"
        assert report.photos[0].caption == "論壇會場"
        # The new features work on the migrated data.
        assert repo.uid_of(first.id)
        assert [h.draft_id for h in SearchIndex().search("防災經驗")] == [first.id]
        assert Snapshots(repo).take(first.id, "升級後") is not None
        assert repo.db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert repo.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()
    backups = [b for b in list_backups(data) if b.path.name.startswith(f"before-upgrade-v{old_version}")]
    if old_version < SCHEMA_VERSION:
        assert len(backups) == 1
        con = sqlite3.connect(backups[0].path)
        assert con.execute("PRAGMA user_version").fetchone()[0] == old_version
        assert con.execute("SELECT count(*) FROM draft").fetchone()[0] == 2
        con.close()
    else:
        assert backups == []


def test_upgrade_refused_without_a_backup_leaves_database_untouched(tmp_path, monkeypatch):
    from desktop.storage import StorageError, backup

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURES / "schema-v1.db", data / DB_FILENAME)
    before = (data / DB_FILENAME).read_bytes()

    def no_space(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "backup_file", no_space)
    with pytest.raises(StorageError, match="升級資料庫前無法先備份"):
        open_repository(data)
    assert (data / DB_FILENAME).read_bytes() == before


def test_new_database_needs_no_backup(data_dir):
    open_repository(data_dir)
    close_database()
    assert list_backups(data_dir) == []


def test_schema_2_drafts_get_the_kind_of_their_rule_set_and_a_list_of_follow_ups(tmp_path):
    """Drafts written before kinds existed: rules central/taipei/taichung become those kinds, and
    a recommendation's single follow-up becomes a list of one."""
    from desktop.storage.database import MIGRATIONS

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURES / "schema-v2.db", data / DB_FILENAME)
    con = sqlite3.connect(data / DB_FILENAME)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 2 < len(MIGRATIONS)
    con.execute("UPDATE draft SET rules = 'taipei' WHERE title LIKE '出席%'")
    con.execute("UPDATE draft SET rules = 'taichung' WHERE title = '第二份草稿'")
    con.execute("UPDATE recommendation SET follow_up = ? ", ('{"agency": "研考會", "status": "研議中", '
                                                               '"schedule": "", "budget": ""}',))
    con.commit()
    con.close()
    repo = open_repository(data)
    try:
        kinds = {d.title: d.kind for d in repo.list_drafts()}
        assert kinds == {"出席「亞太城市韌性論壇」": "taipei", "第二份草稿": "taichung"}
        first = next(d for d in repo.list_drafts() if d.kind == "taipei")
        report = repo.load(first.id)
        assert report.kind == "taipei"
        assert [(f.agency, f.status) for f in report.recommendations[0].follow_ups] == [("研考會", "研議中")]
        repo.save(report)
        assert repo.load(first.id) == report
    finally:
        close_database()


def test_schema_6_bodies_become_one_paragraph_block_per_line(tmp_path):
    """Bodies stored as plain text (one paragraph a line) become paragraph blocks: blank lines and
    the spaces around a line dropped, as the export always dropped them; the text search reads
    is the same."""
    from desktop.domain.blocks import Paragraph, Run

    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURES / "schema-v6.db", data / DB_FILENAME)
    con = sqlite3.connect(data / DB_FILENAME)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 6
    con.execute("UPDATE section SET body = ? WHERE heading = '第一天'", ("  抵達東京。\r\n\r\n\u3000參加開幕式 A&B <c>\n ",))
    con.commit()
    con.close()
    repo = open_repository(data)
    try:
        first = next(d for d in repo.list_drafts() if d.title.startswith("出席"))
        report = repo.load(first.id)
        assert report.chapters[0].blocks == [Paragraph([Run("了解日本城市韌性政策。")]), Paragraph([Run("交流防災經驗。")])]
        assert report.chapters[1].sections[0].blocks == [Paragraph([Run("抵達東京。")]),
                                                         Paragraph([Run("參加開幕式 A&B <c>")])]
        assert all(not s.blocks for _, s in report.all_sections() if not s.text)
        versions = repo.section_versions(first.id)
        repo.save(report)  # nothing to rewrite: the migrated rows are what the report holds
        assert repo.load(first.id) == report
        assert repo.section_versions(first.id) == versions  # so no co-writer is told of a change
    finally:
        close_database()


def test_a_schema_7_table_survives_every_later_migration(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURES / "schema-v7.db", data / DB_FILENAME)
    repo = open_repository(data)
    try:
        first = next(d for d in repo.list_drafts() if d.title.startswith("出席"))
        (_paragraph, table) = repo.load(first.id).chapters[1].sections[0].blocks
        assert table.caption == "論壇議程"
        assert table.cell_texts() == [["時間", "議程"], ["09:00", "開幕式"]]
        assert [h.ref for h in SearchIndex().search("開幕式")]  # table cells are searched
    finally:
        close_database()
