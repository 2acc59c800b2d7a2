"""`run_app`, the real start (in a child process): the window is shown first, and the database,
the draft list, the feature menus and the single-instance socket follow its first paint."""

import json
import os
import subprocess
import sys

from desktop.domain.report import Report
from desktop.services import open_services
from desktop.storage import close_database
from tests.conftest import REPO_ROOT


def start_app(folder, open_arg: str | None = None, *flags: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("TRIPREPORT_DATA_DIR", None)
    args = [sys.executable, "-m", "tests.gui.app_start_child", str(folder)] + ([open_arg] if open_arg else []) + list(flags)
    result = subprocess.run(args, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"exit code {result.returncode}: {result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_list_fills_and_the_features_arrive_after_the_window_shows(tmp_path):
    folder = tmp_path / "data"
    open_services(folder).repo.create(Report.new("已存在的報告"))
    close_database()
    seen = start_app(folder)
    assert seen["code"] == 0
    assert seen["first_look"] == [False, 0]  # shown before the database was opened
    assert seen["titles"] == ["已存在的報告"]
    assert seen["answered"]  # a second start on this folder is answered by this window
    assert any("檢查機關範本" in t for t in seen["tools_menu"])  # export_dialog.install
    assert any("打包草稿" in t for t in seen["file_menu"])  # safety_features.install
    assert seen["said"] == []


def test_an_unusable_data_folder_is_explained_and_the_app_ends(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    seen = start_app(blocker)
    assert seen["code"] == 1
    assert len(seen["said"]) == 1
    assert "無法寫入資料夾" in seen["said"][0]


def test_opening_the_same_draft_file_twice_opens_the_draft_made_the_first_time(tmp_path):
    from desktop.interchange.draft_json import dumps

    folder = tmp_path / "data"
    draft_file = tmp_path / "東京考察.json"
    draft_file.write_text(dumps(Report.new("東京考察")), encoding="utf-8")
    first = start_app(folder, str(draft_file))
    assert first["drafts"] == ["東京考察"]
    assert first["open_draft"] is not None
    again = start_app(folder, str(draft_file))  # a second double-click on the file
    assert again["drafts"] == ["東京考察"]
    assert again["open_draft"] == first["open_draft"]
    assert again["said"] == []

    draft_file.write_text(dumps(Report.new("東京考察（修訂）")), encoding="utf-8")  # a changed file
    changed = start_app(folder, str(draft_file))
    assert changed["drafts"] == ["東京考察", "東京考察（修訂）"]
    assert changed["open_draft"] not in (None, first["open_draft"])


def test_quitting_after_copying_from_a_chapter_ends_without_a_crash(tmp_path):
    """The copied QMimeData is Python's: left on a process-only clipboard, Qt deleted it after
    Python had ended, and the app ended in a segmentation fault (exit code -11)."""
    seen = start_app(tmp_path / "data", None, "--copy-first")
    assert seen["copied"] == "帶到別的程式去的一段"
    assert seen["code"] == 0
