"""檔案 → 帶出離線編輯… and 帶回並合併… driven as a person does, against the test cluster: the draft
marked 帶出中 on the server, the package merged back chapter by chapter with the merge dialog where
both sides changed a chapter, and every refusal said in Chinese with the server left as it was."""

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from desktop.domain.report import Report
from desktop.interchange import package as pkg
from desktop.interchange.merge import KEEP_BOTH, TAKE_THEIRS
from desktop.storage.agency import checked_out_by
from tests.gui.editor_helpers import replace_text


@pytest.fixture
def server(pg_cluster):
    from desktop.storage import close_database
    from tests import pg_server

    name = pg_server.new_database(pg_cluster)
    yield lambda user=pg_server.WRITERS[0]: pg_cluster.url(user, name)
    close_database()
    pg_server.drop_database(pg_cluster, name)


def _window(qtbot, data_dir, url):
    from desktop.gui.agency_features import install
    from desktop.gui.main_window import MainWindow
    from desktop.services import open_services

    window = MainWindow(open_services(data_dir, url))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    install(window)
    return window


@pytest.fixture
def said(monkeypatch):
    """What the message boxes said: (kind, title, text)."""
    out = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda _parent, title, text, *_a, kind=kind: out.append((kind, title, text))))
    return out


def _save_as(monkeypatch, path: Path) -> list:
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or (str(path), "")))
    return asked


def _open(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _three_chapters(repo, title="帶出的報告") -> int:
    report = Report.new(title)
    for chapter, text in zip(report.chapters, ("目的：原文", "過程：原文", "心得：原文"), strict=False):
        chapter.set_text(text)
    return repo.create(report)


def _edited_on_the_laptop(package: Path, tmp_path: Path, edit) -> Path:
    """The package as it comes back: read, edited, packed again under the same draft uid."""
    from desktop.photos.store import PhotoStore

    contents = pkg.read_package(package)
    try:
        edit(contents.report)
        return pkg.pack(contents.report, PhotoStore(tmp_path / "laptop"), tmp_path / "back.tripreport",
                        uid=contents.uid)
    finally:
        contents.cleanup()


def test_the_actions_are_in_the_file_menu_only_on_a_server_each_with_its_own_key(qtbot, data_dir, server, window):
    from desktop.gui.agency_features import install

    install(window)  # the data folder: nothing to take out of a server
    assert not hasattr(window, "check_out_action")
    texts = [a.text() for a in window.file_menu.actions()]
    assert not any("帶出" in t or "帶回" in t for t in texts)
    window.close()

    on_server = _window(qtbot, data_dir, server())
    actions = on_server.file_menu.actions()
    assert on_server.check_out_action in actions
    assert on_server.check_in_action in actions
    assert actions[-1].text() == "結束(&X)"  # 結束 stays last
    keys = [a.text().split("(&")[1][0] for a in actions if "(&" in a.text()]
    assert len(keys) == len(set(keys))  # each reachable by its own letter after Alt+F
    assert on_server.check_out_action.text() == "帶出離線編輯(&C)…"
    assert on_server.check_in_action.text() == "帶回並合併(&I)…"


def test_taking_a_draft_out_marks_it_on_the_server_and_a_second_time_is_refused(
        qtbot, data_dir, server, tmp_path, monkeypatch, said):
    window = _window(qtbot, data_dir, server())
    repo = window.services.repo
    draft_id = _three_chapters(repo)
    window.open_draft(draft_id)
    replace_text(qtbot, window.editor_page.field("title"), "剛改的名稱")  # not yet autosaved
    asked = _save_as(monkeypatch, tmp_path / "出差.tripreport")
    window.check_out_action.trigger()
    assert (tmp_path / "出差.tripreport").is_file()
    assert checked_out_by(repo, draft_id)[0] == "writer_a"
    assert said[-1][0] == "information"
    assert "帶出中" in said[-1][2]
    contents = pkg.read_package(tmp_path / "出差.tripreport")
    assert contents.report.chapters[0].text == "目的：原文"
    assert contents.report.title == "剛改的名稱"  # what was on screen went with it
    contents.cleanup()

    window.check_out_action.trigger()  # again: refused before a file is asked for
    assert len(asked) == 1
    kind, title, text = said[-1]
    assert (kind, title) == ("warning", "無法帶出離線編輯")
    assert "已由 writer_a" in text
    assert "帶回並合併" in text
    assert re.search(r"於 \d{3}/\d{2}/\d{2} \d{2}:\d{2} 帶出", text)  # when, in the ROC form of the board


def test_bringing_it_back_merges_by_chapter_asking_about_the_chapter_both_sides_changed(
        qtbot, data_dir, server, tmp_path, monkeypatch, said):
    from desktop.gui.package_dialogs import MergeDialog
    from desktop.storage.snapshots import Snapshots

    window = _window(qtbot, data_dir, server())
    repo = window.services.repo
    draft_id = _three_chapters(repo)
    window.list_page.refresh()
    window.list_page.select_id(draft_id)  # taken out from the list, the draft not open
    _save_as(monkeypatch, tmp_path / "out.tripreport")
    window.check_out_action.trigger()
    assert checked_out_by(repo, draft_id) is not None

    office = repo.load(draft_id)  # meanwhile at the office
    office.chapters[1].set_text("過程：辦公室改的")
    office.chapters[2].set_text("心得：辦公室改的")
    repo.save(office)

    def offline(report):
        report.chapters[0].set_text("目的：筆電改的")
        report.chapters[1].set_text("過程：筆電改的")

    back = _edited_on_the_laptop(tmp_path / "out.tripreport", tmp_path, offline)
    offered = []

    def choose(dialog):
        offered.append([(c.heading, c.default) for c in dialog.found])
        dialog.grab().save(str(tmp_path / "merge.png"))
        dialog.combos[0].setCurrentIndex(dialog.combos[0].findData(TAKE_THEIRS))
        return QDialog.Accepted

    monkeypatch.setattr(MergeDialog, "exec", choose)
    _open(monkeypatch, back)
    window.check_in_action.trigger()
    assert offered == [[("過程", KEEP_BOTH)]]  # only the chapter both changed; both kept unless chosen
    stored = repo.load(draft_id)
    assert [c.text for c in stored.chapters[:3]] == ["目的：筆電改的", "過程：筆電改的", "心得：辦公室改的"]
    assert not any(c.heading.endswith("（對方版本）") for c in stored.chapters)
    assert checked_out_by(repo, draft_id) is None
    assert any(s.label == "帶回合併前" for s in Snapshots(repo).list(draft_id))
    assert window.current_draft_id() == draft_id  # the merged draft is shown
    assert window.editor_page.report.chapters[0].text == "目的：筆電改的"
    assert "已帶回" in window.statusBar().currentMessage()
    assert [kind for kind, *_ in said] == ["information"]  # the check-out's, no warning


def test_a_merge_left_unanswered_brings_nothing_back(qtbot, data_dir, server, tmp_path, monkeypatch, said):
    from desktop.gui.package_dialogs import MergeDialog

    window = _window(qtbot, data_dir, server())
    repo = window.services.repo
    draft_id = _three_chapters(repo)
    window.open_draft(draft_id)
    _save_as(monkeypatch, tmp_path / "out.tripreport")
    window.check_out_action.trigger()
    window.show_list()
    office = repo.load(draft_id)
    office.chapters[2].set_text("心得：辦公室改的")
    repo.save(office)
    back = _edited_on_the_laptop(tmp_path / "out.tripreport", tmp_path,
                                 lambda r: r.chapters[2].set_text("心得：筆電改的"))
    monkeypatch.setattr(MergeDialog, "exec", lambda dialog: QDialog.Rejected)
    _open(monkeypatch, back)
    window.check_in_action.trigger()
    assert repo.load(draft_id).chapters[2].text == "心得：辦公室改的"
    assert checked_out_by(repo, draft_id) is not None  # still out
    assert "沒有帶回" in window.statusBar().currentMessage()


def test_a_damaged_package_and_one_of_another_draft_are_refused_in_chinese(
        qtbot, data_dir, server, tmp_path, monkeypatch, said):
    from desktop.photos.store import PhotoStore

    window = _window(qtbot, data_dir, server())
    repo = window.services.repo
    draft_id = _three_chapters(repo)
    _save_as(monkeypatch, tmp_path / "out.tripreport")
    window.list_page.refresh()
    window.list_page.select_id(draft_id)
    window.check_out_action.trigger()
    damaged = tmp_path / "壞的.tripreport"
    damaged.write_bytes((tmp_path / "out.tripreport").read_bytes()[:200])  # a copy cut short
    other = pkg.pack(Report.new("別台電腦的草稿"), PhotoStore(tmp_path / "other"), tmp_path / "別的.tripreport",
                     uid="0b5e7d1c-0000-4000-8000-000000000000")
    for package, expected in ((damaged, "損壞"), (other, "不是從這個機關資料庫帶出的")):
        _open(monkeypatch, package)
        window.check_in_action.trigger()
        kind, title, text = said[-1]
        assert (kind, title) == ("warning", "無法帶回並合併")
        assert expected in text
        assert "沒有改變" in text
        assert "Traceback" not in text
    assert checked_out_by(repo, draft_id) is not None
    assert repo.load(draft_id).chapters[0].text == "目的：原文"


def test_another_writer_cannot_bring_back_a_draft_they_may_not_see(
        qtbot, data_dir, server, tmp_path, monkeypatch, said):
    from desktop.storage import close_database
    from tests import pg_server

    window = _window(qtbot, data_dir, server())
    draft_id = _three_chapters(window.services.repo)
    window.open_draft(draft_id)
    _save_as(monkeypatch, tmp_path / "out.tripreport")
    window.check_out_action.trigger()
    window.close()
    close_database()

    other = _window(qtbot, data_dir, server(pg_server.WRITERS[1]))
    _open(monkeypatch, tmp_path / "out.tripreport")
    other.check_in_action.trigger()
    kind, title, text = said[-1]
    assert kind == "warning"
    assert "看不到" in text
    other.close()
    close_database()

    reviewer = _window(qtbot, data_dir, server(pg_server.REVIEWER))
    assert checked_out_by(reviewer.services.repo, draft_id)[0] == "writer_a"  # still out, untouched


def test_the_busy_dialog_keeps_the_window_painting_and_closes(qtbot, data_dir, server):
    from desktop.gui.checkout_dialogs import run_off_thread

    window = _window(qtbot, data_dir, server())
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    release = threading.Event()
    seen = {}

    def look():
        dialog = window.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible():
            seen["label"] = dialog.labelText()
            release.set()

    watcher = QTimer()
    watcher.timeout.connect(look)
    watcher.start(50)
    result, error = run_off_thread(window, "帶出離線編輯", "正在處理…",
                                   lambda: release.wait(10) and window.services.repo.list_drafts() == [])
    watcher.stop()
    assert (result, error) == (True, None)  # the job ran on its own connection to the server
    assert seen["label"] == "正在處理…"  # shown while it ran: the GUI thread was free
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert QApplication.activeModalWidget() is None


def test_an_account_without_the_right_to_mark_a_draft_is_told_and_no_package_is_left(
        qtbot, data_dir, pg_cluster, server, tmp_path, monkeypatch, said):
    window = _window(qtbot, data_dir, server())
    repo = window.services.repo
    draft_id = _three_chapters(repo)
    window.open_draft(draft_id)
    name = server().rsplit("/", 1)[1]
    with pg_cluster.admin(name) as admin:  # the DBA took the right away
        admin.execute("REVOKE INSERT ON checkout FROM tripreport_user")
    _save_as(monkeypatch, tmp_path / "out.tripreport")
    window.check_out_action.trigger()
    kind, title, text = said[-1]
    assert (kind, title) == ("warning", "無法帶出離線編輯")
    assert "沒有這項權限" in text
    assert "沒有留下草稿包" in text
    assert not (tmp_path / "out.tripreport").exists()  # no package that the server does not know is out
    assert checked_out_by(repo, draft_id) is None
