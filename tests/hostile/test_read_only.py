"""A database that cannot be written: the file made immutable (`chattr +i`, or read-only by its
mode), or the whole data folder on a read-only mount. Reading and exporting work; each write says
why it cannot be done; nothing changes on disk; an upgrade that cannot be written is refused."""

from __future__ import annotations

import shutil
import zipfile
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


@pytest.fixture
def cold(tmp_path) -> Path:
    """A draft with photos whose print-size copies were never made (photos imported by an older
    version, or the copies cleaned away): an export has to make them."""
    folder = tmp_path / "cold"
    assert cli(folder, "import", str(EXAMPLE_DRAFT)).code == 0
    shutil.rmtree(folder / "print-cache")
    return folder


def exported_photos(docx: Path) -> int:
    with zipfile.ZipFile(docx) as z:
        return sum(1 for n in z.namelist() if n.startswith("word/media/photo"))


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
        assert "--data-dir" in run.err, run.err  # the command line's own way out (the window says another)


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


def test_export_makes_missing_print_copies_although_the_data_folder_is_read_only(cold, tmp_path):
    undo = make_read_only(cold)
    if undo is None:
        pytest.skip("cannot make a folder read-only here")
    target = tmp_path / "out.docx"
    try:
        export = cli(cold, "export", "1", "-o", str(target))
    finally:
        undo()
    export.assert_no_traceback()
    assert export.code == 0, export.text
    assert exported_photos(target) == 3  # the example draft's three pictures
    assert not (cold / "print-cache").exists()  # nothing was written into the data folder


@pytest.mark.skipif(unshare_prefix() is None, reason="cannot make a mount namespace here (unshare)")
def test_export_makes_missing_print_copies_on_a_read_only_mount(cold, tmp_path):
    target = tmp_path / "out.docx"
    export, _after = in_namespace("ro", cold, [["export", "1", "-o", str(target)]])
    export.assert_no_traceback()
    assert export.code == 0, export.text
    assert exported_photos(target) == 3  # the example draft's three pictures
