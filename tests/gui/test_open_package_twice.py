"""A double-clicked .tripreport opens in the app — the whole path, Chinese and spaces included —
also when the app is already running: the second start hands the file to the running window."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.gui.app import forwarded_path
from desktop.gui.launch import parse_gui_args
from desktop.gui.single_instance import SingleInstance
from tests.conftest import REPO_ROOT


def _package(services, report, folder):
    from desktop.interchange.package import pack

    folder.mkdir(parents=True, exist_ok=True)
    draft_id = services.repo.create(report)
    return pack(services.repo.load(draft_id), services.photos, folder / "出國報告 草稿.tripreport")


def test_a_windows_double_click_reaches_the_window_with_the_whole_path(monkeypatch):
    import desktop.__main__ as entry
    import desktop.gui.launch

    seen = []
    monkeypatch.setattr(desktop.gui.launch, "launch", lambda argv: seen.append(argv) or 0)
    path = r"C:\Users\王 小明\Downloads\出國報告 草稿.tripreport"
    assert entry.main([path]) == 0  # not mistaken for a subcommand
    assert parse_gui_args(seen[0]).path == path


def test_a_second_start_forwards_the_file_as_an_absolute_path(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "data")
    assert first.acquire()
    elsewhere = tmp_path / "下載 資料夾"
    elsewhere.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIPREPORT_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(REPO_ROOT))
    with qtbot.waitSignal(first.openRequested, timeout=20000) as opened:
        child = subprocess.Popen([sys.executable, "-m", "desktop", "出國報告 草稿.tripreport"], cwd=elsewhere,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=20000)
    assert child.returncode == 0
    assert opened.args == [str(elsewhere / "出國報告 草稿.tripreport")]
    first.release()


def test_the_running_window_opens_the_forwarded_package(qtbot, window, example_report, tmp_path):
    from desktop.gui.single_instance import bring_to_front

    package = _package(window.services, example_report, tmp_path / "隨身碟")
    first = SingleInstance(window.data_dir)
    first.acquire()
    # as _finish_start wires it
    first.activateRequested.connect(lambda: bring_to_front(window))
    first.openRequested.connect(lambda path: window.open_from_command_line(None, path))
    second = SingleInstance(window.data_dir)
    assert not second.take_lock()
    with qtbot.waitSignal(first.openRequested, timeout=5000):
        assert second.ask_running_to_activate(str(package))
    qtbot.waitUntil(lambda: window.current_draft_id() is not None, timeout=5000)
    assert window.editor_page.report.title == example_report.title
    first.release()


def test_forwarded_path_is_absolute_and_leaves_ids_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert forwarded_path(parse_gui_args(["草稿.json"])) == str(tmp_path / "草稿.json")
    assert forwarded_path(parse_gui_args(["--open", "12"])) is None
    assert forwarded_path(parse_gui_args([])) is None
