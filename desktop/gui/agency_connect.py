"""Signing in to the agency's server when the window starts, and what happens when it cannot.

Signing in waits on the network — up to the connect timeout when the server does not answer — so
it runs on a SignInThread while the window keeps painting and a progress dialog says what it is
waiting for. Its button lets the user stop waiting and work on this computer's data folder
(offline) at once; a sign-in that ends after that is closed and thrown away, so the window never
switches to the server under work typed meanwhile. The thread only signs in: its connection is
handed to the window's thread, which binds the drafts to it (no second sign-in on the GUI thread).

The password is asked for (and kept in memory only) when the server wants one that libpq's own
password file does not give. When the server cannot be reached, or is of another TripReport
version, the window says so and offers to keep working on this computer's data folder — the
drafts brought home as packages are there — so nobody is stopped from writing.
"""

from __future__ import annotations

import re
import threading

from PySide6.QtCore import QEventLoop, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QLineEdit, QMessageBox, QProgressDialog

from desktop import APP_TITLE

SIGN_IN_ATTEMPTS = 3
SHOW_AFTER_MS = 300  # a server that answers at once signs in without a dialog flashing by
CONNECTING = "正在連線至機關伺服器…"
GO_OFFLINE = "改用本機資料夾（離線）"
CANCELLED_REASON = "沒有等機關伺服器回應，改用這台電腦的本機資料夾（離線）。"

# Sign-ins the user stopped waiting for: each thread runs on until the server answers or the
# connect timeout ends, and must outlive its caller; the application waits for them as it quits.
_LEFT_RUNNING: set[SignInThread] = set()


class SignInThread(QThread):
    """Signs in to `url` (storage/server.sign_in) off the window's thread. When it has finished,
    `database` is the signed-in server database (its connection for the window's thread to take
    over) or `error` the StorageError that says why not."""

    def __init__(self, url: str, password: str | None, parent=None):
        super().__init__(parent)
        self.url, self.password = url, password
        self.database = None
        self._connection = None
        self.error: Exception | None = None
        self._lock = threading.Lock()
        self._cancelled = False
        self.ended = False  # run() is over: wait() returns at once

    def run(self) -> None:
        try:
            self._sign_in()
        finally:
            self.ended = True

    def _sign_in(self) -> None:
        from desktop.storage.errors import StorageError
        from desktop.storage.server import sign_in

        try:
            db = sign_in(self.url, self.password)
        except StorageError as err:
            self.error = err
            return
        except Exception as err:  # noqa: BLE001 - a thread's exception would vanish into stderr
            self.error = StorageError(f"無法連線到機關資料庫（{type(err).__name__}：{err}）。"
                                      "這台電腦上的內容都保留。")
            return
        connection = db.hand_over()
        with self._lock:
            if not self._cancelled:
                self.database, self._connection = db, connection
                return
        connection.close()  # nobody waits for it any more

    def cancel(self) -> None:
        """Stop waiting: whatever the sign-in brings is closed, now or when it ends."""
        with self._lock:
            self._cancelled = True
            connection, self._connection, self.database = self._connection, None, None
        if connection is not None:
            connection.close()

    def take_database(self):
        """The signed-in database, its connection now the calling thread's; None if there is none."""
        db, connection = self.database, self._connection
        if db is not None:
            db.take_over(connection)
        return db


def ask_password(parent, address: str, reason: str = "") -> str | None:
    text = f"{reason}\n\n" if reason else ""
    password, ok = QInputDialog.getText(
        parent, "登入機關資料庫", f"{text}{address}\n密碼（只在這次開啟期間記得，不會存檔）：", QLineEdit.Password)
    return password if ok else None


def sign_in_waiting(window, url: str, password: str | None):
    """Sign in on a SignInThread while a progress dialog offers to go offline; returns the thread
    once it has finished, or None when the user stopped waiting (or the application is quitting)."""
    from desktop.storage.postgres import CONNECT_TIMEOUT_S
    from desktop.storage.target import without_password

    thread = SignInThread(url, password)
    dialog = QProgressDialog("", GO_OFFLINE, 0, 0, window)
    label = QLabel(f"{CONNECTING}\n{without_password(url)}\n\n伺服器沒有回應時，最多等 {CONNECT_TIMEOUT_S} 秒左右；"
                   "不想等的話，可以先用這台電腦的本機資料夾工作，之後再連線。")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
    dialog.setLabel(label)
    dialog.setObjectName("agency-connecting")
    dialog.setWindowTitle(APP_TITLE)
    dialog.setWindowModality(Qt.WindowModal)
    shower = QTimer(dialog)  # its own minimum-duration timer keeps the 4 s it was made with
    shower.setSingleShot(True)
    shower.timeout.connect(dialog.show)
    dialog.setMinimumWidth(460)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    stopped = []

    def stop_waiting() -> None:
        stopped.append(True)
        loop.quit()

    thread.finished.connect(loop.quit)  # queued from the worker: safe even if it ends first
    dialog.canceled.connect(stop_waiting)
    thread.start()
    shower.start(SHOW_AFTER_MS)
    said_before = window.statusBar().currentMessage()
    window.statusBar().showMessage(CONNECTING)
    try:
        loop.exec()  # the window keeps painting; also left when the application quits under it
    finally:
        window.statusBar().showMessage(said_before)
        shower.stop()
        dialog.canceled.disconnect(stop_waiting)  # closing a progress dialog says "canceled" too
        dialog.reset()  # stops its own timer: it never shows up later behind a message
        dialog.close()
        dialog.deleteLater()
    if not stopped and thread.ended:
        thread.wait()  # past run(): at once
        return thread
    thread.cancel()
    if not thread.isFinished():
        _leave_running(thread)
    return None


def _leave_running(thread: SignInThread) -> None:
    """Keep the thread until it has ended. The ended ones are let go here, on the window's thread
    and outside any signal of theirs: dropping the last reference from a slot of `finished` would
    delete the QThread while it is still finishing."""
    _LEFT_RUNNING.difference_update({t for t in _LEFT_RUNNING if t.isFinished()})
    if not _LEFT_RUNNING:
        QApplication.instance().aboutToQuit.connect(wait_for_sign_ins)
    _LEFT_RUNNING.add(thread)


def wait_for_sign_ins() -> None:
    """Wait for the sign-ins the user stopped waiting for (a QThread must not be destroyed while it
    runs); each ends by the connect timeout at the latest."""
    for thread in list(_LEFT_RUNNING):
        thread.wait()
    _LEFT_RUNNING.clear()


def open_services_signing_in(window, database: str | None = None):
    """The services for the window: the server it is set to use (asking for the password), or —
    when the user chooses so — the local data folder. None to end."""
    from desktop.services import open_services
    from desktop.storage.postgres import ServerSchemaMismatch, ServerUnavailable, SignInFailed
    from desktop.storage.target import resolve_database, without_password

    url = resolve_database(database, window.data_dir)
    if not url:
        return open_services(window.data_dir, database)
    password = None
    for _attempt in range(SIGN_IN_ATTEMPTS):
        signing_in = sign_in_waiting(window, url, password)
        if signing_in is None:
            return _work_offline(window, CANCELLED_REASON)
        err = signing_in.error
        if isinstance(err, SignInFailed):
            password = ask_password(window, without_password(url), "" if password is None else str(err))
            if password is None:
                break
            continue
        if isinstance(err, ServerUnavailable | ServerSchemaMismatch):
            return _offer_local(window, *said_in_window(err))
        if err is not None:
            raise err  # the start-up says it (app._open_or_recover)
        services = open_services(window.data_dir, url, password, signed_in=signing_in.take_database())
        window.agency_password = password  # the dialogs reuse it for this session, never saved
        return services
    return _offer_local(window, "沒有登入機關資料庫。")


def said_in_window(err: Exception) -> tuple[str, str]:
    """(what the start-up box says, the server's own words for 顯示詳細資料): the storage message
    without the driver's English line and without the command line's way to go offline — the
    box offers it as a button."""
    text = str(err)
    cause = err.__cause__
    detail = (str(cause).strip().splitlines() or [""])[0] if cause is not None else ""
    if detail:
        text = text.replace(f"（{detail}）", "")
    pieces = re.split(r"(?<=[。；])", text)
    text = "".join(p for p in pieces if "--database local" not in p).rstrip("；")
    return (text if text.endswith("。") else f"{text}。"), detail


def _offer_local(window, why: str, detail: str = ""):
    box = QMessageBox(QMessageBox.Warning, APP_TITLE,
                      f"無法使用機關伺服器。\n\n{why}\n\n可以先用這台電腦的本機資料夾繼續工作（出差帶回的草稿包也在這裡），"
                      "之後再連線；或結束程式。", parent=window)
    if detail:
        box.setDetailedText(f"伺服器回應：{detail}")
    local = box.addButton("使用本機資料夾", QMessageBox.AcceptRole)
    box.addButton("結束", QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is not local:
        return None
    return _work_offline(window, why)


def _work_offline(window, why: str):
    from desktop.services import open_services

    services = open_services(window.data_dir, "local")
    window.agency_offline_reason = why
    return services
