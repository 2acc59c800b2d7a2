"""A second start on the same data folder brings the first window to the front instead of
opening the database again; a different folder is independent."""

from desktop.gui.single_instance import SingleInstance, server_name


def test_second_start_asks_the_first_to_come_forward(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "data")
    assert first.acquire()
    second = SingleInstance(tmp_path / "data")
    with qtbot.waitSignal(first.activateRequested, timeout=3000):
        assert not second.acquire()
        assert second.ask_running_to_activate()
    other_folder = SingleInstance(tmp_path / "other")
    assert other_folder.acquire()
    other_folder.release()
    first.release()
    # Once the first has quit, the next start is the one.
    third = SingleInstance(tmp_path / "data")
    assert third.acquire()
    third.release()


def test_nobody_answering_is_reported(tmp_path):
    lone = SingleInstance(tmp_path / "data")
    assert not lone.ask_running_to_activate()  # no window is running on this folder
    assert server_name(tmp_path / "data") != server_name(tmp_path / "other")


def test_second_app_start_in_a_subprocess_exits_and_says_so(qtbot, tmp_path):
    """The real entry point: a second `python -m desktop` on the same folder leaves at once."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    first = SingleInstance(tmp_path / "data")
    assert first.acquire()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIPREPORT_DATA_DIR=str(tmp_path / "data"))
    with qtbot.waitSignal(first.activateRequested, timeout=20000):
        child = subprocess.Popen([sys.executable, "-m", "desktop"], cwd=REPO_ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=20000)
    assert child.returncode == 0
    assert "已經在使用這個資料夾" in child.stderr.read()
    first.release()


def test_lock_of_a_crashed_instance_does_not_block_the_next_start(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    code = ("import sys, time\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from desktop.gui.single_instance import SingleInstance\n"
            "app = QCoreApplication([])\n"
            "inst = SingleInstance(sys.argv[1])\n"
            "print(inst.acquire(), flush=True)\n"
            "time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "data")], cwd=REPO_ROOT,
                             stdout=subprocess.PIPE, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert child.stdout.readline().strip() == "True"
    assert not SingleInstance(tmp_path / "data").acquire()  # it is running
    child.send_signal(signal.SIGKILL)
    child.wait()
    after = SingleInstance(tmp_path / "data")
    assert after.acquire()  # the crashed one's lock is stale: we may start
    after.release()


def test_a_running_instance_that_does_not_answer_is_reported(qtbot, tmp_path, monkeypatch):
    from argparse import Namespace

    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QMessageBox

    from desktop.gui.app import run_app
    from desktop.gui.single_instance import LOCK_NAME

    folder = tmp_path / "data"
    folder.mkdir()
    hung = QLockFile(str(folder / LOCK_NAME))  # holds the folder but listens to nobody
    assert hung.tryLock(100)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    assert run_app(Namespace(data_dir=str(folder), open_id=None, path=None)) == 1
    assert "沒有回應" in said[0]
    assert not (folder / "tripreport.db").exists()  # the database was never opened
    hung.unlock()
