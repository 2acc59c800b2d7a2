import sqlite3
from datetime import date, timedelta

import pytest

from desktop.domain.blocks import Paragraph, blocks_from_text, paragraph, table_from_texts
from desktop.domain.report import (
    FollowUp,
    ItineraryDay,
    ItineraryRow,
    Photo,
    Recommendation,
    Report,
    Section,
    Traveller,
)
from desktop.storage import StorageError, close_database, open_repository
from desktop.storage.database import DB_FILENAME, SCHEMA_VERSION
from tests.engines import sqlite_only


def full_report() -> Report:
    report = Report.new("出席「2025亞太城市韌性論壇」")
    report.categories = ["其他", "開會"]
    report.other_kind = "國際會議"
    report.travellers = [Traveller("王大明", "臺南市政府", "局本部", "副局長", "簡任第十一職等")]
    report.countries = ["日本", "韓國"]
    report.start_date, report.end_date = date(2025, 10, 14), date(2025, 10, 16)
    report.keywords = ["城市韌性", "防災"]
    report.mainland = True
    report.summary = "摘要第一段\n摘要第二段 A & B <c>"
    report.chapters[1].sections = [Section(heading="第一天", blocks=blocks_from_text("內容"), sections=[Section(heading="更深")])]
    report.recommendations = [
        Recommendation("設體驗館", "說明", [FollowUp("消防局", "研議中", "115年", "3000萬"), FollowUp("研考會", "已採行")]),
        Recommendation("無追蹤", "說明"),
    ]
    report.photos = [Photo(file="ab/abc.jpg", caption="圖說", placement=report.chapters[1].sections[0].id)]
    return report


def test_roundtrip_whole_report(repo):
    report = full_report()
    draft_id = repo.create(report)
    loaded = repo.load(draft_id)
    assert loaded == report


def test_roundtrip_empty_fields(repo):
    report = Report()
    report.chapters = []
    draft_id = repo.create(report)
    loaded = repo.load(draft_id)
    assert loaded.title == ""
    assert loaded.start_date is None
    assert loaded.chapters == []
    assert loaded.recommendations == []


def test_roundtrip_200_itinerary_rows(repo):
    report = Report.new("長行程")
    start = date(2025, 1, 1)
    report.itinerary = [
        ItineraryDay(start + timedelta(days=d), [ItineraryRow(f"{8 + r}:00", f"地點{d}-{r}", f"活動{d}-{r}") for r in range(10)])
        for d in range(20)
    ]
    draft_id = repo.create(report)
    loaded = repo.load(draft_id)
    assert sum(len(d.rows) for d in loaded.itinerary) == 200
    assert loaded.itinerary == report.itinerary


def test_save_replaces_and_list_shows_drafts(repo):
    report = full_report()
    repo.create(report)
    report.title = "改過的名稱"
    report.chapters.pop()
    repo.save(report)
    loaded = repo.load(report.id)
    assert loaded.title == "改過的名稱"
    assert len(loaded.chapters) == 3
    assert [d.title for d in repo.list_drafts()] == ["改過的名稱"]


def test_section_fast_path_writes_only_the_blocks_that_changed(repo):
    report = Report.new()
    chapter = report.chapters[0]
    chapter.blocks = [paragraph("第一段"), table_from_texts([["時間", "議程"], ["09:00", "開幕"]], caption="議程"),
                      paragraph("第三段")]
    repo.create(report)
    before = dict(repo.db.execute_sql("SELECT position, id FROM block WHERE sid = ?", (chapter.id,)).fetchall())
    chapter.blocks[2] = paragraph("改寫的第三段")
    repo.save_section(report.id, chapter)
    after = dict(repo.db.execute_sql("SELECT position, id FROM block WHERE sid = ?", (chapter.id,)).fetchall())
    assert after == before  # rows updated in place, none rewritten
    loaded = repo.load(report.id).chapters[0]
    assert loaded.blocks == chapter.blocks
    assert loaded.text.split("\n") == ["第一段", "表：議程", "時間｜議程", "09:00｜開幕", "改寫的第三段"]


def test_every_kind_of_block_survives_the_database(repo):
    from desktop.domain.blocks import Cell, ListBlock, ListItem, PhotoBlock, Run, Table, normalize_table

    report = Report.new()
    blocks = [Paragraph([Run("粗", bold=True), Run("斜", italic=True), Run("底", underline=True)]),
              ListBlock([ListItem([Run("一")]), ListItem([Run("二")], 1)], ordered=True),
              normalize_table(Table([[Cell("年度", rowspan=2), Cell("名次", colspan=2), None],
                                     [None, Cell("臺北"), Cell("上海\n浦東")]], header_rows=2, widths=[20, 40, 40],
                                    caption="評比", note="資料來源：EIU")),
              PhotoBlock("p1")]
    report.chapters[1].sections = [Section(heading="第一天", blocks=blocks)]
    repo.create(report)
    assert repo.load(report.id).chapters[1].sections[0].blocks == blocks
    report.chapters[1].sections[0].blocks = blocks[:2]
    repo.save(report)
    assert repo.load(report.id).chapters[1].sections[0].blocks == blocks[:2]
    assert repo.db.execute_sql("SELECT count(*) FROM block WHERE draft_id = ?", (report.id,)).fetchone()[0] == 2


def test_delete_and_status(repo):
    a, b = repo.create(Report.new("甲")), repo.create(Report.new("乙"))
    repo.set_status(b, "送審中")
    assert [s.status for s in repo.load(b).status_history] == ["草稿", "送審中"]
    repo.delete(a)
    assert [d.id for d in repo.list_drafts()] == [b]
    with pytest.raises(StorageError, match="找不到"):
        repo.load(a)


@sqlite_only
def test_database_is_wal_with_foreign_keys_and_version(repo, data_dir):
    con = sqlite3.connect(data_dir / DB_FILENAME)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()
    assert repo.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopen_keeps_drafts(data_dir):
    repo = open_repository(data_dir)
    draft_id = repo.create(Report.new("重開後還在"))
    close_database()
    repo = open_repository(data_dir)
    assert repo.load(draft_id).title == "重開後還在"
    close_database()


def test_damaged_database_is_refused_and_untouched(data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(StorageError, match="損壞"):
        open_repository(data_dir)
    assert path.read_bytes() == garbage


def test_newer_database_is_refused_and_untouched(data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE future (x)")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="較新版"):
        open_repository(data_dir)
    assert path.read_bytes() == before


def test_unwritable_data_folder_gives_clear_message(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="無法寫入資料夾"):
        open_repository(blocker / "data")


def test_the_storages_raw_sql_in_sqlite_style_runs_on_either_engine(repo):
    """The repository writes raw SQL with `?` (SQLite's style); a server takes it as it is, through
    execute_sql and through a cursor of its own, with a literal % left alone."""
    report = Report.new("百分之百")
    draft_id = repo.create(report)
    cursor = repo.db.cursor()
    cursor.executemany("UPDATE section SET heading = ? WHERE draft_id = ? AND sid = ?",
                       [(f"第{i}章", draft_id, c.id) for i, c in enumerate(report.chapters)])
    assert [c.heading for c in repo.load(draft_id).chapters][:2] == ["第0章", "第1章"]
    assert repo.db.execute_sql("SELECT count(*) FROM draft WHERE title LIKE '百分%' AND id = ?",
                               (draft_id,)).fetchone()[0] == 1
    assert repo.db.execute_sql("SELECT count(*) FROM draft WHERE title LIKE '%之百'").fetchone()[0] == 1
