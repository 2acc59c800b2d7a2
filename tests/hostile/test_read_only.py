"""A database that cannot be written: the file made immutable (`chattr +i`, or read-only by its
mode), or the whole data folder on a read-only mount. Reading and exporting work; each write says
why it cannot be done; nothing changes on disk; an upgrade that cannot be written is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_DRAFT
from tests.hostile.conditions import cli, digest, in_namespace, make_read_only, unshare_prefix

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
READS = [["list"], ["show", "1"], ["history", "1"], ["snapshot", "1"], ["backup", "--list"]]
WRITES = [["new", "新草稿"], ["import", str(EXAMPLE_DRAFT)], ["snapshot", "1", "-m", "送審版"],
          ["history", "1", "--restore", "1"], ["restore-backup"]]


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    assert cli(folder, "import", str(EXAMPLE_DRAFT)).code == 0
    assert cli(folder, "export", "1", "-o", str(tmp_path / "first.docx")).code == 0  # snapshot 1
    return folder


def _check(runs, export_target: Path) -> None:
    reads, export, writes = runs[:len(READS)], runs[len(READS)], runs[len(READS) + 1:]
    for run in runs:
        run.assert_no_traceback()
    for run in reads:
        assert run.code == 0, run.text
        assert "只能讀取" in run.err  # the user learns why nothing will be saved
    assert export.code == 0, export.text
    assert export_target.stat().st_size > 0, export.text
    for run in writes:
        assert run.code == 1, run.text
        assert "只能讀取" in run.err, run.err
        assert "完整保留" in run.err, run.err


def test_immutable_database_file(data, tmp_path):
    db = data / "tripreport.db"
    undo = make_read_only(db)
    if undo is None:
        pytest.skip("cannot make a file read-only here")
    before = digest(db)
    try:
        target = tmp_path / "out.docx"
        runs = [cli(data, *args) for args in [*READS, ["export", "1", "-o", str(target)], *WRITES]]
        assert digest(db) == before
    finally:
        undo()
    _check(runs, target)


@pytest.mark.skipif(unshare_prefix() is None, reason="cannot make a mount namespace here (unshare)")
def test_data_folder_on_a_read_only_mount(data, tmp_path):
    target = tmp_path / "out.docx"
    runs = in_namespace("ro", data, [*READS, ["export", "1", "-o", str(target)], *WRITES])
    _check(runs[:-1], target)
    assert runs[-1].out.split() == ["ok", "1"]


def test_upgrade_of_a_read_only_database_is_refused_clearly(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = data / "tripreport.db"
    shutil.copyfile(FIXTURES / "schema-v2.db", db)
    undo = make_read_only(db)
    if undo is None:
        pytest.skip("cannot make a file read-only here")
    before = digest(db)
    try:
        run = cli(data, "list")
    finally:
        undo()
    run.assert_no_traceback()
    assert run.code == 1
    assert "升級" in run.err, run.err
    assert "只能讀取" in run.err, run.err
    assert "沒有被修改" in run.err, run.err
    assert digest(db) == before
