"""A full disk while saving: the stored draft stays as it was and the message says so."""

import pytest

from desktop.domain.report import Report
from desktop.storage import StorageError
from tests.engines import sqlite_only


@sqlite_only
def test_full_disk_keeps_previous_state(repo):
    report = Report.new("滿了")
    report.chapters[0].set_text("之前存好的內容")
    repo.create(report)
    pages = repo.db.execute_sql("PRAGMA page_count").fetchone()[0]
    repo.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    report.chapters[0].set_text("很長的新內容" * 20000)
    report.title = "新的名稱"
    with pytest.raises(StorageError, match="磁碟已滿.*先前儲存的內容仍完整保留"):
        repo.save(report)
    loaded = repo.load(report.id)
    assert loaded.chapters[0].text == "之前存好的內容"
    assert loaded.title == "滿了"
    assert repo.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    repo.db.execute_sql("PRAGMA max_page_count = 1073741823")
    repo.save(report)  # once there is room again, the same save succeeds
    assert repo.load(report.id).title == "新的名稱"
