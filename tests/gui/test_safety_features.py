"""The safety features as a user meets them in the window: recovery notice, search, history,
labelled snapshots, backups and packages."""

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from desktop.domain.report import Report
from desktop.gui import safety_features
from desktop.gui.main_window import MainWindow
from desktop.services import open_services
from desktop.storage import close_database
from desktop.storage.session import SessionMarker
from desktop.storage.snapshots import Snapshots
from tests.gui.typing import type_text


@pytest.fixture
def window(qtbot, data_dir):
    win = MainWindow(open_services(data_dir))
    qtbot.addWidget(win)
    safety_features.install(win)
    win.show()
    yield win
    win.safety.shutdown()
    win.close()
    close_database()


def test_recovery_notice_names_the_draft_and_time(qtbot, data_dir, monkeypatch):
    services = open_services(data_dir)
    draft_id = services.repo.create(Report.new("東京考察報告"))
    saved_at = services.repo.updated_at_of(draft_id)
    crashed = SessionMarker(data_dir)
    crashed.begin()
    crashed.note_draft(draft_id)  # ...and the process died here
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: shown.append((title, text)))
    win = MainWindow(services)
    qtbot.addWidget(win)
    safety_features.install(win)
    qtbot.waitUntil(lambda: bool(shown))
    title, text = shown[0]
    assert "東京考察報告" in text
    assert saved_at.replace("T", " ") in text
    assert win.current_draft_id() == draft_id  # and the recovered draft is open again
    win.safety.shutdown()
    win.close()
    close_database()
    assert SessionMarker(data_dir).begin() is None  # a clean exit: no notice next time


def test_daily_backup_made_at_start_and_search_on_the_toolbar(window, data_dir, qtbot):
    qtbot.waitUntil(lambda: bool(list((data_dir / "backups").glob("daily-*.db"))), timeout=5000)
    from PySide6.QtWidgets import QToolBar

    assert window.safety.search_action in window.findChild(QToolBar, "main-toolbar").actions()


def test_search_opens_draft_at_matching_chapter(window, qtbot, monkeypatch):
    report = Report.new("首爾考察")
    report.chapters[2].set_text("智慧路燈的心得很多。")
    window.services.repo.create(report)
    opened = []
    original = window.open_draft
    monkeypatch.setattr(window, "open_draft", lambda d, s=None: (opened.append((d, s)), original(d, s)))
    window.safety.search_action.trigger()
    dialog = window._search_dialog
    type_text(qtbot, dialog.query_edit, "智慧路燈")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    label = dialog.results.itemWidget(dialog.results.item(0))
    from desktop.gui import colours

    marked = colours.css(colours.tint("notice", dialog.palette(), 0.35))  # the palette's highlight tint
    assert f"<b style='background:{marked}'>智慧路燈</b>" in label.text()
    dialog.open_hit(0)
    assert opened == [(report.id, report.chapters[2].id)]
    assert window.current_draft_id() == report.id


def test_history_restore_and_undo_in_the_window(window, qtbot, monkeypatch):
    draft_id = window.services.repo.create(Report.new("報告"))
    window.open_draft(draft_id)
    editor = window.editor_page
    type_text(qtbot, editor.page("purpose").chapter_editor.text_edit, "送審時的目的")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("送審版", True))
    window.safety.snapshot_action.trigger()  # pending edits are saved first
    type_text(qtbot, editor.page("purpose").chapter_editor.text_edit, "，之後又加了一句")
    assert editor.page("purpose").chapter_editor.text_edit.toPlainText() == "送審時的目的，之後又加了一句"

    from desktop.gui.history_dialog import HistoryDialog

    dialog = HistoryDialog(window, draft_id)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    assert "送審版" in dialog.list.item(0).text()
    assert "之後又加了一句" in dialog.diff_view.toPlainText()  # compared with the draft as it is now
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    dialog.restore_selected()
    assert editor.page("purpose").chapter_editor.text_edit.toPlainText() == "送審時的目的"
    assert dialog.list.count() == 2  # the state before the restore
    dialog.list.setCurrentRow(0)
    dialog.restore_selected()  # undo the restore
    assert editor.page("purpose").chapter_editor.text_edit.toPlainText() == "送審時的目的，之後又加了一句"


def test_automatic_snapshot_after_ten_minutes_of_editing(window, qtbot):
    draft_id = window.services.repo.create(Report.new("報告"))
    window.open_draft(draft_id)
    snaps = Snapshots(window.services.repo)
    for minute in range(10):
        type_text(qtbot, window.editor_page.page("purpose").chapter_editor.text_edit, f"第{minute}分")
        window.editor_page.close_draft()
        window.safety._last_seen = (draft_id, "an earlier save")
        window.safety.count_editing_minute()
    assert [s.kind for s in snaps.list(draft_id)] == ["auto"]
    window.safety.count_editing_minute()  # a minute without edits does not count
    assert window.safety.editing_minutes == 0


def test_backup_dialog_restores_everything(window, qtbot, monkeypatch, data_dir):
    from desktop.gui.backup_dialog import BackupDialog

    qtbot.waitUntil(lambda: bool(list((data_dir / "backups").glob("daily-*.db"))), timeout=5000)
    repo = window.services.repo
    draft_id = repo.create(Report.new("備份後才建立的草稿"))
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    dialog.restore_selected()
    assert not repo.exists(draft_id)  # the backup was made before it existed
    assert window.list_page.table.model().rowCount() == 0
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert "還原前" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(0)
    dialog.restore_selected()
    assert repo.load(draft_id).title == "備份後才建立的草稿"


def test_pack_and_merge_through_the_window(window, qtbot, monkeypatch, tmp_path):
    from desktop.gui import package_dialogs
    from desktop.interchange.merge import TAKE_THEIRS

    repo = window.services.repo
    draft_id = repo.create(Report.new("聯合報告"))
    window.open_draft(draft_id)
    target = tmp_path / "共同.tripreport"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert package_dialogs.pack_with_dialog(window) == target
    # A colleague's version: same draft, their 心得 written.
    from desktop.interchange.package import pack

    theirs = repo.load(draft_id)
    theirs.chapters[2].set_text("同事寫的心得")
    pack(theirs, window.services.photos, tmp_path / "同事.tripreport", uid=repo.uid_of(draft_id))
    type_text(qtbot, window.editor_page.page("purpose").chapter_editor.text_edit, "我寫的目的")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "同事.tripreport"), ""))
    monkeypatch.setattr(package_dialogs, "ask_how", lambda *a: package_dialogs.MERGE)
    seen = {}

    def accept(dialog):
        seen["rows"] = dialog.table.rowCount()
        seen["defaults"] = [c.currentData() for c in dialog.combos]
        return QDialog.Accepted

    monkeypatch.setattr(package_dialogs.MergeDialog, "exec", accept)
    assert package_dialogs.unpack_with_dialog(window) == draft_id
    assert seen == {"rows": 2, "defaults": ["mine", TAKE_THEIRS]}  # 目的 (mine) and 心得 (theirs)
    merged = repo.load(draft_id)
    assert merged.chapters[0].text == "我寫的目的"
    assert merged.chapters[2].text == "同事寫的心得"
    assert window.current_draft_id() == draft_id


def test_bad_package_in_the_window_says_why(window, monkeypatch, tmp_path):
    from desktop.gui import package_dialogs

    bad = tmp_path / "壞掉.tripreport"
    bad.write_bytes(b"PK\x03\x04broken")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warnings.append(text))
    assert package_dialogs.unpack_with_dialog(window, bad) is None
    assert "不完整" in warnings[0]
    assert "沒有匯入任何內容" in warnings[0]
    assert window.services.repo.list_drafts() == []


def test_search_index_catches_up_while_idle(window):
    from desktop.storage.search import SearchIndex

    for i in range(3):
        window.services.repo.create(Report.new(f"報告{i}"))
    index = SearchIndex(window.services.repo.db)
    assert index.pending() == 3
    window.safety.index_some()
    assert window.safety.indexer.wait(10)  # on its own thread, so the window never waits for it
    assert index.pending() == 0


def test_full_disk_while_typing_tells_the_user_and_keeps_the_saved_text(window, qtbot, monkeypatch):
    repo = window.services.repo
    draft_id = repo.create(Report.new("出差報告"))
    window.open_draft(draft_id)
    type_text(qtbot, window.editor_page.page("purpose").chapter_editor.text_edit, "已經存好的一段")
    assert window.editor_page.close_draft()
    pages = repo.db.execute_sql("PRAGMA page_count").fetchone()[0]
    repo.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the disk is full from now on
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warnings.append(text))
    window.editor_page.page("purpose").chapter_editor.text_edit.setPlainText("已經存好的一段" + "很長的新內容" * 20000)
    assert not window.editor_page.close_draft()
    assert "磁碟已滿" in warnings[0]
    assert "先前儲存的內容仍完整保留" in warnings[0]
    assert repo.load(draft_id).chapters[0].text == "已經存好的一段"
    repo.db.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed: the retry saves it
    assert window.editor_page.close_draft()
    assert repo.load(draft_id).chapters[0].text.endswith("很長的新內容")


@pytest.mark.parametrize(("button", "expected"), [("逐章合併", "merge"), ("匯入為副本", "copy"),
                                                   ("取代本機的", "replace"), ("取消", None)])
def test_existing_draft_question_offers_merge_copy_replace(window, monkeypatch, button, expected):
    from desktop.gui import package_dialogs

    def click(box):
        next(b for b in box.buttons() if b.text().startswith(button)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    assert package_dialogs.ask_how(window, "聯合報告") == expected


def test_a_window_closed_during_the_integrity_check_is_not_called_back(qtbot, data_dir, monkeypatch):
    import threading

    from desktop.storage import health

    release = threading.Event()
    real_check = health.check_file

    def slow_check(path, full=False):
        release.wait(10)
        return real_check(path, full=full)

    monkeypatch.setattr(health, "check_file", slow_check)
    failures = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    win = MainWindow(open_services(data_dir))
    safety_features.install(win)
    checks = [t for t in threading.enumerate() if t.name == "integrity-check"]
    assert checks
    win.safety.shutdown()
    win.close()
    win.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(win))
    release.set()
    for check in checks:
        check.join(10)
    qtbot.wait(20)  # the result, had it been sent, would arrive now
    close_database()
    assert failures == []


def test_a_restore_stops_the_search_indexer_and_then_indexes_the_restored_drafts(window, qtbot, monkeypatch,
                                                                                  data_dir):
    import time
    from datetime import date

    from desktop.gui import backup_dialog
    from desktop.storage.backup import make_daily_backup
    from desktop.storage.database import DB_FILENAME
    from desktop.storage.search import SearchIndex

    window.safety.index_timer.stop()  # here the test decides when indexing runs
    repo = window.services.repo
    index = SearchIndex(repo.db)
    for i in range(3):
        repo.create(Report.new(f"備份裡的草稿{i}"))
    make_daily_backup(data_dir, data_dir / DB_FILENAME, date(2026, 1, 1))  # with three drafts not indexed
    index.catch_up()
    repo.create(Report.new("備份後才建立的草稿"))

    real_catch_up = SearchIndex.catch_up

    def slow_catch_up(self, limit=None, budget_s=None):
        time.sleep(0.2)
        return real_catch_up(self, limit, budget_s)

    monkeypatch.setattr(SearchIndex, "catch_up", slow_catch_up)
    indexer = window.safety.indexer
    indexer.nudge()
    assert not indexer.wait(0)  # busy with the new draft
    running_at_restore = []
    real_restore = backup_dialog.restore_backup

    def watched_restore(*args):
        running_at_restore.append(not indexer.wait(0))
        return real_restore(*args)

    monkeypatch.setattr(backup_dialog, "restore_backup", watched_restore)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    dialog = backup_dialog.BackupDialog(window)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count()) if "2026-01-01" in dialog.list.item(i).text()))
    dialog.restore_selected()
    assert running_at_restore == [False]
    assert sorted(d.title for d in repo.list_drafts()) == [f"備份裡的草稿{i}" for i in range(3)]
    assert index.pending() == 3
    assert indexer.wait(10)  # started again at once: no timer has run since
    assert index.pending() == 0
