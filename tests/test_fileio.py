"""Atomic writes: all or nothing, and the file ends up with ordinary permissions."""

import os
import stat

import pytest

from desktop.fileio import FileWriteError, atomic_target, atomic_write_text


def test_new_file_gets_umask_permissions_not_private(tmp_path):
    mask = os.umask(0o022)
    try:
        target = tmp_path / "報告.docx"
        atomic_write_text(target, "內容")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "x.txt"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_failure_leaves_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("原本的內容")
    def write_half_then_fail():
        with atomic_target(target) as tmp:
            tmp.write_text("寫到一半")
            raise RuntimeError("cancel")

    with pytest.raises(RuntimeError):
        write_half_then_fail()
    assert target.read_text() == "原本的內容"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_missing_folder_is_explained(tmp_path):
    with pytest.raises(FileWriteError, match="找不到資料夾"), atomic_target(tmp_path / "no" / "x.txt"):
        pass
