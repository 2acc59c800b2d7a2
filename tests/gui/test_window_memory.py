"""What the window remembers between starts (settings.ini in the data folder): its size, the
draft and step the user left, the recent drafts, the folder of each kind of file dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QToolBar, QWidget

from desktop.gui.main_window import MainWindow
from desktop.gui.settings import FILE_NAME, AppSettings
from desktop.services import open_services
from desktop.storage import close_database
from tests.gui.editor_helpers import open_report, show


def _start(qtbot, data_dir) -> MainWindow:
    """A start of the app as run_app makes it: the window, its services, then the reopening."""
    window = MainWindow(open_services(data_dir))
    qtbot.addWidget(window)
    window.show()
    window.reopen_last_draft()
    return window


def _quit(window) -> None:
    window.close()
    close_database()


def test_size_draft_and_step_survive_a_restart(qtbot, data_dir, example_report):
    first = _start(qtbot, data_dir)
    assert first.current_draft_id() is None  # the very first start shows the list
    editor = open_report(first, example_report)
    draft_id = first.current_draft_id()
    show(editor, "photos")
    # (the offscreen screen is 800 px wide, narrower than the window may be: Qt fits a restored
    # width into the screen, so the height is the size that can be checked here)
    first.resize(first.width(), 640)
    toolbar = first.findChild(QToolBar, "main-toolbar")
    toolbar.toggleViewAction().trigger()  # 檢視 → 工具列: hidden
    _quit(first)

    second = _start(qtbot, data_dir)
    assert second.current_draft_id() == draft_id
    assert second.current_step_id() == "photos"
    assert second.height() == 640
    assert second.findChild(QToolBar, "main-toolbar").isHidden()
    _quit(second)


def test_the_last_draft_left_by_a_version_without_stores_still_reopens(qtbot, data_dir, example_report):
    first = _start(qtbot, data_dir)
    open_report(first, example_report)
    draft_id = first.current_draft_id()
    show(first.editor_page, "photos")
    _quit(first)
    # the file as the versions before per-store keys wrote it: those keys at the top level
    (Path(data_dir) / FILE_NAME).write_text(
        f"[session]\ndraft={draft_id}\nstep=photos\n\n[recent]\ndrafts={draft_id}\n", encoding="utf-8")

    second = _start(qtbot, data_dir)
    assert second.current_draft_id() == draft_id
    assert second.current_step_id() == "photos"
    _quit(second)


def test_a_chapter_step_is_found_again_after_the_chapters_moved(qtbot, data_dir, example_report):
    first = _start(qtbot, data_dir)
    editor = open_report(first, example_report)
    insights = editor.report.chapter("insights")
    editor.show_step(editor.pages.index(editor.chapter_pages[insights.id]))
    editor.move_chapter(insights.id, -1)  # now before 過程
    _quit(first)

    second = _start(qtbot, data_dir)
    page = second.editor_page.stack.currentWidget()
    assert page.chapter.heading == insights.heading
    _quit(second)


def test_the_setting_to_start_at_the_list(qtbot, data_dir, example_report):
    first = _start(qtbot, data_dir)
    open_report(first, example_report)
    first.reopen_action.trigger()  # 工具 → 啟動時開啟上次編輯的草稿: off
    _quit(first)

    second = _start(qtbot, data_dir)
    assert second.current_draft_id() is None
    assert not second.reopen_action.isChecked()
    _quit(second)


def test_leaving_for_the_list_means_the_next_start_shows_the_list(qtbot, data_dir, example_report):
    first = _start(qtbot, data_dir)
    open_report(first, example_report)
    first.show_list()
    _quit(first)
    second = _start(qtbot, data_dir)
    assert second.current_draft_id() is None
    _quit(second)


def test_a_deleted_last_draft_starts_at_the_list(qtbot, data_dir, example_report):
    first = _start(qtbot, data_dir)
    open_report(first, example_report)
    draft_id = first.current_draft_id()
    _quit(first)
    open_services(data_dir).repo.delete(draft_id)
    close_database()
    second = _start(qtbot, data_dir)
    assert second.current_draft_id() is None
    _quit(second)


def test_only_what_differs_from_the_defaults_is_stored(tmp_path):
    settings = AppSettings(tmp_path)
    settings.set("start/reopen_last_draft", True)  # the default
    settings.set("preview/zoom", 0)
    settings.set("folders/import", "")
    assert settings.stored_keys() == []
    settings.set("preview/zoom", 150)
    settings.set("start/reopen_last_draft", False)
    assert sorted(settings.stored_keys()) == ["preview/zoom", "start/reopen_last_draft"]
    settings.set("preview/zoom", 0)  # back to the default: forgotten again
    assert settings.stored_keys() == ["start/reopen_last_draft"]
    assert settings.sync()
    assert AppSettings(tmp_path).get("start/reopen_last_draft") is False
    assert (tmp_path / FILE_NAME).is_file()
    with pytest.raises(KeyError):
        settings.get("no/such/setting")


def test_recent_drafts_in_the_file_menu(qtbot, window, example_report):
    repo = window.services.repo
    ids = [repo.create(example_report.__class__.new(title)) for title in ("甲報告", "乙報告", "丙報告")]
    for draft_id in ids:
        window.open_draft(draft_id)
    repo.delete(ids[1])
    menu = window.memory.recent_menu
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["&1 丙報告", "&2 甲報告", "清除清單"]
    menu.actions()[1].trigger()
    assert window.current_draft_id() == ids[0]


def test_the_open_dialog_starts_where_the_last_one_was_used(qtbot, window, monkeypatch, tmp_path):
    folder = tmp_path / "隨身碟"
    folder.mkdir()
    asked = []

    def fake_open(parent, caption, directory, filters):
        asked.append(directory)
        return (str(folder / "同事的草稿.json"), "") if len(asked) == 1 else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    monkeypatch.setattr(window, "open_from_command_line", lambda open_id, path: None)
    window.import_action.trigger()
    window.import_action.trigger()
    assert Path(asked[1]) == folder
    assert Path(asked[0]) != folder


def test_each_kind_of_file_dialog_has_its_own_folder(qtbot, window, monkeypatch, tmp_path, example_report):
    """加入照片 starts where the last photos came from, not where the last draft file was opened."""
    from tests.gui.editor_helpers import open_report, show

    phone, stick = tmp_path / "手機照片", tmp_path / "隨身碟"
    phone.mkdir()
    stick.mkdir()
    asked = []

    def fake_photos(parent, caption, directory, filters):
        asked.append(("photos", Path(directory)))
        return ([str(phone / "IMG_1.jpg")], "") if len(asked) == 1 else ([], "")

    def fake_open(parent, caption, directory, filters):
        asked.append(("open", Path(directory)))
        return str(stick / "草稿.json"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake_photos)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_open)
    monkeypatch.setattr(window, "open_from_command_line", lambda open_id, path: None)
    editor = open_report(window, example_report)
    step = show(editor, "photos")
    photo_page = next(w for w in step.findChildren(QWidget) if hasattr(w, "choose_files"))
    monkeypatch.setattr(photo_page, "add_paths", lambda paths: None)
    photo_page.choose_files()
    window.import_action.trigger()
    photo_page.choose_files()
    assert asked[2] == ("photos", phone)
    assert window.settings.folder("open") == str(stick)


def test_the_server_and_the_data_folder_each_reopen_their_own_draft(qtbot, data_dir, pg_cluster):
    """Draft ids are numbered by each store: 1 on the agency's server is another draft than 1 in
    the data folder. The draft left on one store is never opened on the other — nor listed in its
    recent drafts, nor named by the recovery notice after a crash there."""
    from desktop.domain.report import Report
    from desktop.storage.session import SessionMarker
    from tests import pg_server

    name = pg_server.new_database(pg_cluster)
    server_url = pg_cluster.url(pg_server.WRITERS[0], name)

    def start_on_server() -> MainWindow:
        window = MainWindow(open_services(data_dir, server_url))
        qtbot.addWidget(window)
        window.show()
        window.reopen_last_draft()
        return window

    try:
        local = _start(qtbot, data_dir)
        local_id = local.services.repo.create(Report.new("本機的草稿"))
        local.open_draft(local_id)
        _quit(local)
        colleague = open_services(data_dir, server_url).repo  # a colleague's draft, same number
        assert colleague.create(Report.new("同事在伺服器的草稿")) == local_id
        close_database()

        server = start_on_server()
        assert server.current_draft_id() is None  # the draft left was the data folder's
        assert server.settings.recent_drafts() == []
        server_id = server.services.repo.create(Report.new("我在伺服器的草稿"))
        server.open_draft(server_id)
        crashed = SessionMarker(data_dir, server.services.store)  # a session on the server that dies
        crashed.begin()
        crashed.note_draft(server_id)
        _quit(server)

        again = _start(qtbot, data_dir)  # the server is not used this time: the data folder
        assert again.current_draft_id() == local_id
        assert again.editor_page.report.title == "本機的草稿"
        recovery = SessionMarker(data_dir, again.services.store).begin()
        assert recovery is not None
        assert recovery.draft_id is None  # the draft of the crashed session was the server's
        again.open_draft(again.services.repo.create(Report.new("本機的第二份")))
        _quit(again)

        back = start_on_server()
        assert back.current_draft_id() == server_id
        assert back.editor_page.report.title == "我在伺服器的草稿"
        assert back.settings.recent_drafts() == [server_id]
        _quit(back)
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)
