"""工具 → 機關資料庫…: choose where the drafts are — this computer's data folder, or the agency's
PostgreSQL server — test the sign-in, and keep the choice for the next start.

The address is kept (storage/target.py: agency-server.json in the data folder), a password never:
it is asked for at each start, or libpq's password file gives it. Testing signs in on a
connection of its own in a worker thread, so a server that does not answer never freezes the
window; the switch itself happens at the next start, when nothing is being edited.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.gui.colours import meaning

PLACEHOLDER = "postgresql://帳號@伺服器/tripreport"


class _Result(QObject):
    done = Signal(bool, str)  # (signed in, what to say)


class _Probe(QRunnable):
    def __init__(self, url: str, password: str | None):
        super().__init__()
        self.url, self.password = url, password
        # the application's, deleted on the GUI thread once it has answered (`answer_to`): the
        # pool thread drops the runnable, and Python would delete an object of its own there
        self.result = _Result(QCoreApplication.instance())

    def answer_to(self, slot) -> None:
        self.result.done.connect(slot)
        self.result.done.connect(self.result.deleteLater)  # after the slot has had the answer

    def run(self) -> None:
        from desktop.storage.errors import StorageError
        from desktop.storage.postgres import SignInFailed
        from desktop.storage.server import probe

        try:
            self.result.done.emit(True, probe(self.url, self.password))
        except SignInFailed as err:
            self.result.done.emit(False, f"password:{err}")
        except StorageError as err:
            self.result.done.emit(False, str(err))


class AgencyServerDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        from desktop.storage.target import saved_server

        self.window_ = window
        self.data_dir = window.data_dir
        self.password: str | None = getattr(window, "agency_password", None)
        self.setWindowTitle("機關資料庫")
        self.resize(640, 0)
        services = getattr(window, "services", None)
        now = f"機關資料庫 {services.server}" if services is not None and services.server else "這台電腦的本機資料夾"
        offline = getattr(window, "agency_offline_reason", "")
        problem = meaning("problem", self.palette()).name()
        intro = QLabel(
            f"目前草稿存在：<b>{now}</b>。"
            + (f"<br><span style='color:{problem}'>離線中：{offline}</span>" if offline else "")
            + "<br>機關的 PostgreSQL 伺服器讓多台電腦共用草稿，審核單位也能看到繳交期限表"
              "（設定方式見 docs/agency-server.md）。密碼不會存檔：每次開啟時詢問。")
        intro.setWordWrap(True)
        self.address = QLineEdit(saved_server(self.data_dir) or (services.server if services else "") or "")
        self.address.setPlaceholderText(PLACEHOLDER)
        self.test_button = QPushButton("測試連線")
        self.result = QLabel()
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("儲存，下次開啟時使用", QDialogButtonBox.AcceptRole)
        self.local_button = buttons.addButton("改回本機資料夾", QDialogButtonBox.ActionRole)
        buttons.addButton("關閉", QDialogButtonBox.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("連線位址："))
        layout.addWidget(self.address)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result)
        layout.addWidget(buttons)

        self.test_button.clicked.connect(self.test)
        self.save_button.clicked.connect(self.save)
        self.local_button.clicked.connect(self.use_local)
        buttons.rejected.connect(self.reject)
        self._probe: _Probe | None = None

    def _url(self) -> str | None:
        from desktop.storage.target import is_server_url

        url = self.address.text().strip()
        if not is_server_url(url):
            self.result.setText(f"請寫成 {PLACEHOLDER}。")
            return None
        return url

    def test(self) -> None:
        url = self._url()
        if url is None:
            return
        self.test_button.setEnabled(False)
        self.result.setText("連線中…")
        self._probe = _Probe(url, self.password)
        self._probe.answer_to(self._tested)
        QThreadPool.globalInstance().start(self._probe)

    def _tested(self, ok: bool, text: str) -> None:
        self.test_button.setEnabled(True)
        if not ok and text.startswith("password:"):
            from desktop.gui.agency_connect import ask_password
            from desktop.storage.target import without_password

            asked_before = self.password is not None
            self.password = ask_password(self, without_password(self.address.text().strip()),
                                         text.removeprefix("password:") if asked_before else "")
            if self.password is not None:
                self.test()
            else:
                self.result.setText("沒有登入。")
            return
        self.result.setText(text)
        self.result.setStyleSheet("" if ok else f"color: {meaning('problem', self.palette()).name()};")

    def save(self) -> None:
        from desktop.fileio import FileWriteError
        from desktop.storage.target import save_server, without_password

        url = self._url()
        if url is None:
            return
        try:
            save_server(self.data_dir, url)
        except FileWriteError as err:
            self.result.setText(f"無法儲存設定：{err}")
            return
        self.result.setText(f"已儲存。下次開啟 TripReport 時連線到 {without_password(url)}。")
        self.result.setStyleSheet("")

    def use_local(self) -> None:
        from desktop.fileio import FileWriteError
        from desktop.storage.target import save_server

        try:
            save_server(self.data_dir, None)
        except (OSError, FileWriteError) as err:
            self.result.setText(f"無法儲存設定：{err}")
            return
        self.result.setText("已改回本機資料夾：下次開啟 TripReport 時使用這台電腦的草稿。")
        self.result.setStyleSheet("")
