"""The agency tier in the window: the deadline board, 工具 → 機關資料庫…, and a start-up whose
server cannot be used (the user keeps working on this computer's folder)."""

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.domain.report import Report, Traveller
from desktop.gui.agency_features import install, show_board

TODAY = date(2026, 3, 1)


def _draft(repo, title, end, unit="資訊科", status=None):
    report = Report.new(title)
    report.end_date = end
    report.travellers = [Traveller("王大明", unit=unit)]
    draft_id = repo.create(report)
    if status:
        repo.set_status(draft_id, status)
    return draft_id


@pytest.fixture
def board(window):
    repo = window.services.repo
    ids = [_draft(repo, "逾期的報告", date(2025, 6, 1)), _draft(repo, "還早", date(2026, 2, 20), unit="人事室"),
           _draft(repo, "已核定的", date(2025, 1, 1), status="已核定")]
    from desktop.gui import board_window

    install(window)
    board = board_window.BoardWindow(repo, window, today=TODAY)
    board.resize(1366, 768)
    board.show()
    return board, ids


def _texts(board, column):
    model = board.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_board_shows_every_report_most_overdue_first_in_red(board, tmp_path):
    win, ids = board
    assert _texts(win, 0) == ["逾期的報告", "還早", "已核定的"]
    assert _texts(win, 6)[0].startswith("逾期 ")
    assert _texts(win, 6)[2] == "—"  # approved: nothing to watch
    red = win.model.data(win.model.index(0, 0), Qt.ForegroundRole)
    from desktop.gui.colours import meaning

    assert red.color() == meaning("problem")
    assert win.model.data(win.model.index(1, 0), Qt.ForegroundRole) is None
    assert "已核定" in win.model.data(win.model.index(2, 0), Qt.ToolTipRole)
    win.grab().save(str(tmp_path / "board.png"))


def test_board_filters_sorts_exports_and_opens(board, tmp_path, qtbot):
    win, ids = board
    win.unit.setCurrentText("人事室")
    assert _texts(win, 0) == ["還早"]
    win.unit.setCurrentText("全部")
    win.overdue.setChecked(True)
    assert _texts(win, 0) == ["逾期的報告"]
    win.overdue.setChecked(False)
    win.table.horizontalHeader().sectionClicked.emit(0)  # by title
    assert _texts(win, 0) == sorted(_texts(win, 0))
    win.table.horizontalHeader().sectionClicked.emit(0)
    assert _texts(win, 0) == sorted(_texts(win, 0), reverse=True)
    win.export_to(str(tmp_path / "期限"))
    assert (tmp_path / "期限.xlsx").is_file()
    with qtbot.waitSignal(win.openRequested) as opened:
        win.table.doubleClicked.emit(win.model.index(0, 0))
    assert opened.args == [win.model.rows[0].id]


def test_tools_menu_opens_the_board(window):
    install(window)
    assert window.board_action in window.tools_menu.actions()
    assert window.agency_server_action in window.tools_menu.actions()
    show_board(window)
    assert window.board_window.isVisible()


def test_server_dialog_keeps_the_address_never_the_password(window, tmp_path):
    from desktop.gui.agency_dialog import AgencyServerDialog
    from desktop.storage.target import SETTING_FILE, saved_server

    dialog = AgencyServerDialog(window)
    dialog.address.setText("postgresql://wang:secret@db.example/tripreport")
    dialog.save()
    assert saved_server(window.data_dir) == "postgresql://wang@db.example/tripreport"
    assert "secret" not in (window.data_dir / SETTING_FILE).read_text(encoding="utf-8")
    dialog.address.setText("mysql://nope")
    dialog.test()
    assert "postgresql://" in dialog.result.text()
    dialog.use_local()
    assert saved_server(window.data_dir) is None
    dialog.resize(640, 300)
    dialog.grab().save(str(tmp_path / "dialog.png"))


def test_server_dialog_signs_in_on_a_real_server_asking_the_password(window, pg_cluster, qtbot, monkeypatch):
    from desktop.gui import agency_connect
    from desktop.gui.agency_dialog import AgencyServerDialog
    from tests import pg_server

    name = pg_server.new_database(pg_cluster)
    asked = []
    monkeypatch.setattr(agency_connect, "ask_password",
                        lambda *a: asked.append(a) or pg_cluster.password)
    try:
        dialog = AgencyServerDialog(window)
        dialog.address.setText(pg_cluster.url(pg_server.REVIEWER, name, password=False))
        dialog.test()
        qtbot.waitUntil(lambda: dialog.result.text().startswith("已連線"), timeout=15000)
        assert "reviewer_c" in dialog.result.text()
        assert "審核人員" in dialog.result.text()
        assert len(asked) == 1
    finally:
        pg_server.drop_database(pg_cluster, name)


def test_start_with_an_unreachable_server_offers_the_local_folder(qtbot, data_dir, monkeypatch):
    from desktop.gui import agency_connect
    from desktop.gui.main_window import MainWindow
    from desktop.storage import close_database
    from desktop.storage.target import save_server
    from tests import pg_server

    save_server(data_dir, f"postgresql://writer_a@127.0.0.1:{pg_server._free_port()}/tripreport")
    shown, details = [], []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or details.append(box.detailedText()))
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0])  # 使用本機資料夾
    window = MainWindow(None, data_dir=data_dir)
    qtbot.addWidget(window)
    services = agency_connect.open_services_signing_in(window)
    try:
        assert services.server == ""
        assert "連不上機關資料庫" in shown[0]
        # said in Chinese; the driver's own English words only behind 顯示詳情
        assert not re.search(r"[A-Za-z]{4,}", re.sub(r"postgresql://\S+?）", "", shown[0]))
        assert "--database" not in shown[0]
        assert details[0].startswith("伺服器回應：")
        assert "refused" in details[0]
        window.attach_services(services)
        install(window)
        from PySide6.QtWidgets import QLabel

        assert window.statusBar().findChild(QLabel, "agency-mark").text() == "離線：使用本機資料夾"
        assert window.agency_offline_reason.startswith("連不上")
    finally:
        close_database()


def test_a_server_that_does_not_answer_never_freezes_the_start_and_the_user_can_go_offline(
        qtbot, data_dir, monkeypatch, tmp_path):
    """The server takes the connection but never answers (a firewall dropping it, a hung host):
    the window keeps painting while it waits, says so, and 改用本機資料夾（離線） works on this
    computer at once. The sign-in that ends later changes nothing: what is typed is saved here."""
    import socket
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from desktop.gui import agency_connect
    from desktop.gui.main_window import MainWindow
    from desktop.storage import close_database
    from desktop.storage.database import database_access
    from desktop.storage.target import save_server

    silent = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    save_server(data_dir, f"postgresql://writer_a@127.0.0.1:{silent.getsockname()[1]}/tripreport")
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    window = MainWindow(None, data_dir=data_dir)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    seen = {}

    def watch() -> None:  # runs on the GUI thread: only while it is not frozen
        seen["ticks"] = seen.get("ticks", 0) + 1
        dialog = window.findChild(QProgressDialog, "agency-connecting")
        if dialog is not None and dialog.isVisible() and "dialog" not in seen:
            seen["dialog"] = dialog.labelText()
            buttons = dialog.findChildren(QPushButton)
            seen["button"] = [b.text() for b in buttons]
            window.grab().save(str(tmp_path / "connecting-window.png"))
            dialog.grab().save(str(tmp_path / "connecting.png"))
            QTimer.singleShot(200, buttons[0].click)  # the user stops waiting

    from PySide6.QtWidgets import QPushButton

    watcher = QTimer()
    watcher.setInterval(50)
    watcher.timeout.connect(watch)
    watcher.start()
    try:
        services = agency_connect.open_services_signing_in(window)
        watcher.stop()
        assert seen.get("dialog", "").startswith("正在連線至機關伺服器…")
        assert seen["button"] == ["改用本機資料夾（離線）"]
        assert seen["ticks"] >= 5  # the window went on answering while it waited
        assert told == []  # stopping is the user's choice: no error box
        assert services.server == ""
        window.attach_services(services)
        install(window)
        from PySide6.QtWidgets import QLabel

        assert window.statusBar().findChild(QLabel, "agency-mark").text() == "離線：使用本機資料夾"
        draft_id = services.repo.create(Report.new("離線時寫的"))
        hang_up = threading.Thread(target=_hang_up_on_everyone, args=(silent,), daemon=True)
        hang_up.start()  # the late sign-in now ends: it must not take the drafts away
        agency_connect.wait_for_sign_ins()
        report = services.repo.load(draft_id)
        report.chapters[0].set_text("沒等伺服器就打的字")
        services.repo.save(report)
        assert not database_access().server  # still the data folder
    finally:
        watcher.stop()
        silent.close()
        agency_connect.wait_for_sign_ins()
        close_database()
    reopened = open_services_local(data_dir)
    try:
        assert reopened.repo.load(draft_id).chapters[0].text == "沒等伺服器就打的字"
    finally:
        close_database()


def _hang_up_on_everyone(server) -> None:
    server.settimeout(0.5)
    try:
        while True:
            server.accept()[0].close()
    except OSError:  # timed out with nobody left, or closed
        return


def open_services_local(data_dir):
    from desktop.services import open_services

    return open_services(data_dir, "local")


def test_typing_survives_the_server_going_away_and_is_saved_when_it_returns(qtbot, data_dir, pg_cluster):
    """The editor's save path (Autosaver → DraftSync → repository) with the server gone mid-work:
    the edit stays pending with a Chinese reason, nothing half-written, saved once it is back."""
    from desktop.gui.autosave import Autosaver
    from desktop.gui.draft_sync import DraftSync
    from desktop.services import open_services
    from desktop.storage import close_database
    from tests import pg_server

    name = pg_server.new_database(pg_cluster)
    try:
        repo = open_services(data_dir, pg_cluster.url(pg_server.WRITERS[0], name)).repo
        draft_id = repo.create(Report.new("伺服器會斷線"))
        holder = {}
        autosaver = Autosaver(lambda: sync.save(holder["report"]), delay_ms=10)
        sync = DraftSync(repo, autosaver)
        holder["report"] = report = sync.load(draft_id)
        failures = []
        autosaver.failed.connect(failures.append)

        with pg_cluster.admin() as admin:  # the server goes away: no new connections, the old one cut
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        report.chapters[0].set_text("斷線時打的字")
        autosaver.schedule()
        qtbot.waitUntil(lambda: bool(failures), timeout=10000)
        assert "連不上機關資料庫" in failures[0]
        assert autosaver.pending  # kept, and retried
        with pg_cluster.admin() as admin:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        assert autosaver.flush()
        assert repo.load(draft_id).chapters[0].text == "斷線時打的字"
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)


def test_the_draft_lists_status_history_says_who(window, monkeypatch):
    repo = window.services.repo
    draft_id = _draft(repo, "送審的報告", date(2026, 2, 20), status="送審中")
    window.list_page.refresh()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: shown.append(text)))
    window.list_page.select_id(draft_id)
    window.list_page.history_button.click()
    assert shown[0].splitlines()[-1].endswith(f"送審中　{repo.user}")


def test_start_with_a_saved_server_asks_the_password_and_keeps_it_in_memory(qtbot, data_dir, pg_cluster,
                                                                            monkeypatch):
    from desktop.gui import agency_connect
    from desktop.gui.main_window import MainWindow
    from desktop.storage import close_database
    from desktop.storage.target import SETTING_FILE, save_server
    from tests import pg_server

    name = pg_server.new_database(pg_cluster)
    answers = iter(["wrong-password", pg_cluster.password])
    reasons = []
    monkeypatch.setattr(agency_connect, "ask_password",
                        lambda _parent, _address, reason="": reasons.append(reason) or next(answers))
    save_server(data_dir, pg_cluster.url(pg_server.WRITERS[0], name, password=False))
    window = MainWindow(None, data_dir=data_dir)
    qtbot.addWidget(window)
    try:
        services = agency_connect.open_services_signing_in(window)
        assert services.server.endswith(f"/{name}")
        from desktop.storage.models import db

        assert not db.obj.is_closed()  # the worker's connection is the window's now: no second sign-in
        assert reasons[0] == ""  # first asked plainly, then told why the first answer failed
        assert "帳號或密碼" in reasons[1]
        assert window.agency_password == pg_cluster.password
        assert pg_cluster.password not in (data_dir / SETTING_FILE).read_text(encoding="utf-8")
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)
