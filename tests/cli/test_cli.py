import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from desktop.cli import main
from tests.conftest import EXAMPLE_DRAFT, REPO_ROOT


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for name in ("list", "new", "import", "show", "export"):
        assert name in out
    assert "顯示版本後結束" in out
    assert "show program" not in out


def test_import_then_export_from_newcomer_view(data_dir, capsys, tmp_path):
    code, out, _ = run(capsys, "import", str(EXAMPLE_DRAFT))
    assert code == 0
    draft_id = out.strip()
    assert draft_id.isdigit()
    target = tmp_path / "x.docx"
    code, out, _ = run(capsys, "export", draft_id, "-o", str(target))
    assert code == 0
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "臺南市政府消防局" in text
    assert "壹、目的" in text


def test_export_straight_from_json(data_dir, capsys, tmp_path):
    target = tmp_path / "j.docx"
    code, _, _ = run(capsys, "export", str(EXAMPLE_DRAFT), "-o", str(target))
    assert code == 0
    assert target.stat().st_size > 0


def test_show_json_roundtrips_through_import(data_dir, capsys, tmp_path, monkeypatch):
    run(capsys, "import", str(EXAMPLE_DRAFT))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "show", "1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["title"].startswith("出席")
    (tmp_path / "again.json").write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(tmp_path / "again.json"))
    assert code == 0
    assert out.strip() == "2"


def test_bad_json_names_the_field(data_dir, capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "tripreport-draft", "version": 1, "travellers": [{"name": 3}]}), encoding="utf-8")
    code, _, err = run(capsys, "import", str(bad))
    assert code == 1
    assert "travellers[0].name" in err


def test_missing_draft_is_a_clear_error(data_dir, capsys, tmp_path):
    code, _, err = run(capsys, "export", "99", "-o", str(tmp_path / "x.docx"))
    assert code == 1
    assert "找不到編號 99" in err


def test_data_dir_after_subcommand(capsys, tmp_path):
    folder = tmp_path / "elsewhere"
    code, out, _ = run(capsys, "new", "標題", "--data-dir", str(folder))
    assert code == 0
    assert (folder / "tripreport.db").exists()


def test_module_entry_runs_command_line(tmp_path):
    env = dict(os.environ, TRIPREPORT_DATA_DIR=str(tmp_path / "d"))
    result = subprocess.run([sys.executable, "-m", "desktop", "list"], capture_output=True, text=True,
                            encoding="utf-8", env=env, cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 0
    assert "尚無草稿" in result.stdout


def test_window_without_display_explains_and_ends_instead_of_hiding_under_xvfb(tmp_path):
    # As scripts/start does (tests/test_start_script.py): no window nobody can see, even with
    # xvfb-run at hand (a stand-in here, which notes whether it was called).
    called = tmp_path / "xvfb-run-called"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    xvfb_run = fake_bin / "xvfb-run"
    xvfb_run.write_text(f'#!/bin/sh\ntouch "{called}"\n')
    xvfb_run.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PATH"] = f"{fake_bin}{os.pathsep}{env['PATH']}"
    env["TRIPREPORT_DATA_DIR"] = str(tmp_path / "d")
    result = subprocess.run([sys.executable, "-m", "desktop"], capture_output=True, text=True, encoding="utf-8",
                            env=env, cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 2
    assert "找不到顯示器" in result.stderr
    assert "程式沒有啟動" in result.stderr
    cli = Path(sys.executable).with_name("tripreport")
    assert f"{cli} export 1 -o 報告.docx" in result.stderr
    assert f"{cli} --help" in result.stderr
    assert "Traceback" not in result.stderr
    assert not called.exists()
    assert not (tmp_path / "d").exists()  # nothing was started, not even the data folder


def test_every_subcommand_name_is_a_plain_word():
    # `python -m desktop` skips building the command line when no argument could name a subcommand.
    from desktop.__main__ import could_name_command
    from desktop.cli import command_names

    assert command_names()
    assert all(could_name_command(name) for name in command_names())
    assert not could_name_command("docs/example-draft.json")
    assert not could_name_command("--data-dir")


def test_module_entry_help_still_reaches_the_command_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True,
                            encoding="utf-8", cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 0
    assert "selftest" in result.stdout


def test_export_from_the_database_keeps_a_snapshot(data_dir, capsys, tmp_path):
    from desktop.services import open_services
    from desktop.storage import close_database
    from desktop.storage.snapshots import Snapshots

    run(capsys, "import", str(EXAMPLE_DRAFT))
    code, _, _ = run(capsys, "export", "1", "-o", str(tmp_path / "第一版.docx"))
    assert code == 0
    repo = open_services(data_dir).repo
    labels = [s.label for s in Snapshots(repo).list(1) if s.kind == "export"]
    close_database()
    assert labels == ["匯出：第一版.docx"]


def test_a_mistyped_subcommand_is_named_with_the_one_meant_instead_of_starting_the_window(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", TRIPREPORT_DATA_DIR=str(tmp_path / "d"))
    result = subprocess.run([sys.executable, "-m", "desktop", "expor", "1", "-o", "x.docx"], capture_output=True,
                            text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "沒有「expor」這個子命令" in result.stderr
    assert "是不是要用 export？" in result.stderr
    assert not (tmp_path / "d").exists()  # neither the window nor a command touched the data


def test_a_window_option_value_or_an_existing_file_is_not_taken_for_a_subcommand(tmp_path):
    from desktop.__main__ import mistyped_command

    (tmp_path / "draft").write_text("{}")
    assert mistyped_command(["--data-dir", "mydata"]) is None
    assert mistyped_command(["-style", "fusion"]) is None  # Qt's own options pass through to the window
    assert mistyped_command([str(tmp_path / "draft")]) is None
    assert mistyped_command(["--data-dir", "mydata", "lsit"]) == "lsit"


def test_argparse_speaks_chinese_in_help_and_errors(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["export", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：tripreport export")
    assert "顯示這段說明後結束" in out
    for english in ("usage", "show this help", "options"):
        assert english not in out
    with pytest.raises(SystemExit) as stop:
        main(["export", "1", "-o", "x.docx", "--format", "rtf"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "錯誤：參數 --format：沒有「rtf」這個選擇" in err
    assert "error" not in err
    assert "invalid choice" not in err
