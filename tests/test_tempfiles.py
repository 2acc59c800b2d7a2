"""What killed exports and imports leave behind is recognisably ours and is swept at the next start:
work folders and old LibreOffice profiles in the temp folder, hidden .tmp files beside reports.
Only our own items older than a day, and never one of a running process."""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from desktop import tempfiles
from desktop.fileio import atomic_target, atomic_write_text
from tests.conftest import EXAMPLE_DRAFT, REPO_ROOT
from tests.hostile import builders

DAY = 24 * 3600


def age(path: Path, seconds: float) -> Path:
    old = time.time() - seconds
    for p in [*path.rglob("*"), path] if path.is_dir() else [path]:
        os.utime(p, (old, old), follow_symlinks=False)
    return path


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(tempfiles, "_swept", threading.Event())  # a fresh process, as far as sweeping goes
    return folder


def make(folder: Path, name: str, days: float, with_file: bool = True) -> Path:
    item = folder / name
    item.mkdir()
    if with_file:
        (item / "report.docx").write_bytes(b"half a report")
    return age(item, days * DAY)


def test_only_our_stale_items_are_removed(temp_folder):
    gone = [make(temp_folder, f"tripreport-export-{dead_pid()}-a1", 2),
            make(temp_folder, "tripreport-lo-b2c3", 3),  # earlier versions: no pid in the name
            make(temp_folder, "tripreport-package-d4", 2)]
    kept = [make(temp_folder, f"tripreport-export-{dead_pid()}-e5", 0.5),  # not a day old yet
            make(temp_folder, f"tripreport-render-{os.getpid()}-f6", 5),  # a running process's
            make(temp_folder, "tripreport-print-cache", 30),  # a cache, not a leftover
            make(temp_folder, "someone-elses-export-g7", 30)]
    fresh_inside = make(temp_folder, "tripreport-export-h8", 5)
    (fresh_inside / "just-written.pdf").write_bytes(b"x")  # still being written to
    kept.append(fresh_inside)
    removed = tempfiles.clean_stale()
    assert sorted(removed) == sorted(gone)
    assert all(not p.exists() for p in gone)
    assert all(p.exists() for p in kept)


def test_a_link_is_removed_not_followed(temp_folder, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("keep")
    link = temp_folder / "tripreport-export-99999999-zz"
    link.symlink_to(precious)
    age(link, 3 * DAY)
    tempfiles.clean_stale()
    assert not link.is_symlink()
    assert (precious / "keep.txt").read_text() == "keep"


def test_the_sweep_runs_once_per_process_and_in_the_background_for_the_window(temp_folder):
    stale = make(temp_folder, "tripreport-export-i9", 2)
    tempfiles.clean_stale_temp(background=True)
    deadline = time.monotonic() + 5
    while stale.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not stale.exists()
    again = make(temp_folder, "tripreport-export-j0", 2)
    tempfiles.clean_stale_temp()
    assert again.exists()  # already swept in this process


def test_atomic_writes_are_named_as_ours_and_swept_from_their_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("desktop.fileio._swept_folders", set())
    target = tmp_path / "報告.docx"
    with atomic_target(target) as tmp:
        assert tempfiles.HIDDEN_TMP.match(tmp.name), tmp.name
        tmp.write_bytes(b"x")
    left = tmp_path / ".報告.tripreport-k3j9x2ab.docx.tmp"  # as a killed export leaves it
    recent = tmp_path / ".其他.tripreport-abcdefgh.pdf.tmp"  # another export, writing now
    users_own = tmp_path / ".筆記.docx.tmp"
    for path in (left, recent, users_own):
        path.write_bytes(b"x")
    age(left, 2 * DAY)
    age(users_own, 5 * DAY)
    monkeypatch.setattr("desktop.fileio._swept_folders", set())
    atomic_write_text(tmp_path / "另一份.txt", "內容")
    assert not left.exists()
    assert recent.exists()
    assert users_own.exists()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_export_leaves_only_what_the_next_start_removes(tmp_path):
    """SIGKILL a command-line export while an agency template renders; its work folder is named as
    ours, and the next export (a day later) removes it."""
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    template = builders.jinja_template(tmp_path, "loops", builders.ENDLESS_LOOPS)
    runner = tmp_path / "run.py"
    runner.write_text("import sys\nfrom desktop.cli import main\n"
                      "if __name__ == '__main__':\n    sys.exit(main(sys.argv[1:]))\n")
    cli = subprocess.Popen([sys.executable, str(runner), "export", str(EXAMPLE_DRAFT), "-o", str(tmp_path / "a.docx"),
                            "--template", str(template)], cwd=REPO_ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not list(temp.glob("tripreport-render-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    os.kill(cli.pid, signal.SIGKILL)
    cli.wait()
    left = [p for p in temp.iterdir() if p.name.startswith("tripreport-") and "cache" not in p.name]
    assert [p.name.split("-")[1] for p in left] == ["render"]
    time.sleep(1)  # the child notices its parent is gone and exits
    for p in left:
        age(p, 2 * DAY)
    done = subprocess.run([sys.executable, str(runner), "export", str(EXAMPLE_DRAFT), "-o", str(tmp_path / "b.docx")],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not any(p.exists() for p in left)


def test_the_window_sweeps_after_it_starts(qtbot, data_dir, temp_folder):
    from desktop.gui import safety_features
    from desktop.gui.main_window import MainWindow
    from desktop.services import open_services
    from desktop.storage import close_database

    stale = make(temp_folder, f"tripreport-lo-{dead_pid()}-profile", 3)
    window = MainWindow(open_services(data_dir))
    qtbot.addWidget(window)
    safety_features.install(window)
    try:
        qtbot.waitUntil(lambda: not stale.exists(), timeout=5000)
    finally:
        window.safety.shutdown()
        window.close()
        close_database()


def _left_by_a_crash(folder: Path) -> Path:
    """`folder` as a killed process leaves it: a day old, named with a process that is gone."""
    match = tempfiles.WORK_ITEM.match(folder.name)
    assert match is not None, folder.name
    assert match.group(2) == str(os.getpid()), folder.name
    crashed = folder.with_name(folder.name.replace(f"-{os.getpid()}-", f"-{dead_pid()}-", 1))
    folder.rename(crashed)
    return age(crashed, 2 * DAY)


def test_preview_and_package_folders_are_kept_while_in_use_and_swept_after_a_crash(
        qapp, temp_folder, tmp_path, monkeypatch, example_report):
    from PIL import Image

    from desktop.gui.preview.jobs import PdfMaker
    from desktop.interchange.package import pack, read_package
    from desktop.photos.store import PhotoStore

    def one_page_pdf(_report, target, *_args):  # LibreOffice is not what is tested here
        Image.new("RGB", (595, 842), "white").save(target, "PDF")
        yield "pdf"

    monkeypatch.setattr("desktop.export.render.export_report", one_page_pdf)
    maker = PdfMaker(example_report, None, generation=1)
    made = []
    maker.made.connect(lambda _generation, folder, _pdf, _sizes: made.append(Path(folder)))
    maker.run()  # on this thread
    store = PhotoStore(tmp_path / "data")
    contents = read_package(pack(example_report, store, tmp_path / "報告.tripreport"))
    folders = [*made, contents.folder]
    assert len(folders) == 2
    assert all(f.parent == temp_folder for f in folders)
    for folder in folders:
        age(folder, 2 * DAY)  # a window left open over a weekend shows the same preview
    assert tempfiles.clean_stale() == []  # this process still uses them
    crashed = [_left_by_a_crash(f) for f in folders]
    assert sorted(tempfiles.clean_stale()) == sorted(crashed)
