"""Export targets that are not what they seem: a symbolic link, a folder, a FIFO or a device, and a
name whose suffix is not the format's. None is replaced; each is refused in Chinese by the one
check the command line and the window share (render.target_problem), and by the atomic writer
itself for every other writer."""

import os
import stat

import pytest

from desktop.cli import main
from desktop.export.render import target_problem, with_export_suffix
from desktop.fileio import FileWriteError, atomic_write_text
from tests.conftest import EXAMPLE_DRAFT


def export(target, *extra):
    return main(["export", str(EXAMPLE_DRAFT), "-o", str(target), *extra])


def test_symlink_target_is_refused_and_both_ends_are_kept(tmp_path, capsys):
    real = tmp_path / "real.docx"
    real.write_bytes(b"the user's own file")
    link = tmp_path / "report.docx"
    link.symlink_to(real)
    assert export(link) == 1
    assert "符號連結" in capsys.readouterr().err
    assert link.is_symlink()
    assert real.read_bytes() == b"the user's own file"


def test_dangling_symlink_is_refused(tmp_path, capsys):
    link = tmp_path / "report.docx"
    link.symlink_to(tmp_path / "elsewhere" / "x.docx")
    assert export(link) == 1
    assert "符號連結" in capsys.readouterr().err
    assert link.is_symlink()


def test_folder_named_like_a_report_is_refused(tmp_path, capsys):
    folder = tmp_path / "report.docx"
    folder.mkdir()
    assert export(folder) == 1
    assert "資料夾" in capsys.readouterr().err
    assert folder.is_dir()


def test_fifo_target_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "report.docx"
    os.mkfifo(fifo)
    assert export(fifo) == 1
    assert "不是一般檔案" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can make a device node")
def test_device_node_is_not_replaced_even_as_root(tmp_path, capsys):
    """The same device as /dev/full, made in the test's own folder so a failure harms nothing."""
    device = tmp_path / "full.docx"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    assert export(device) == 1
    assert "裝置" in capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize(("name", "wanted"), [("out.txt", "out.docx"), ("out", "out.docx")])
def test_wrong_or_missing_suffix_is_refused_with_the_right_name(tmp_path, capsys, name, wanted):
    assert export(tmp_path / name) == 1
    err = capsys.readouterr().err
    assert f"請改成「{wanted}」" in err
    assert list(tmp_path.iterdir()) == []


def test_wrong_suffix_with_explicit_format_is_refused(tmp_path, capsys):
    assert export(tmp_path / "out.txt", "--format", "docx") == 1
    assert "out.docx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_window_adds_the_suffix_and_shares_the_check(tmp_path):
    assert with_export_suffix(tmp_path / "報告.txt", "docx").name == "報告.txt.docx"
    assert with_export_suffix(tmp_path / "報告", "pdf").name == "報告.pdf"
    assert with_export_suffix(tmp_path / "報告.PDF", "pdf").name == "報告.PDF"
    link = tmp_path / "報告.docx"
    link.symlink_to(tmp_path / "x.docx")
    assert "符號連結" in target_problem(link, "docx")
    assert target_problem(tmp_path / "新報告.docx", "docx") is None


def test_every_atomic_write_refuses_a_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(FileWriteError, match="符號連結"):
        atomic_write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "keep"


def test_the_window_refuses_a_link_in_chinese_and_keeps_both_ends(qtbot, services, tmp_path, monkeypatch):
    """The user picks, in the save dialog, a name that is a link to another file."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

    from desktop.domain.report import Report
    from desktop.gui.export_dialog import export_with_dialog

    real = tmp_path / "別人的檔案.docx"
    real.write_bytes(b"keep")
    link = tmp_path / "報告.docx"
    link.symlink_to(real)
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(link), "")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, title, text, *a, **k: shown.append(text)))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert export_with_dialog(parent, services, Report.new("報告")) is None
    assert "符號連結" in shown[0]
    assert link.is_symlink()
    assert real.read_bytes() == b"keep"
