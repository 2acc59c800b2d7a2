"""One TripReport at a time on one data folder.

Two windows writing one database would each overwrite the other's autosaves. The first start
holds a lock file in the data folder (QLockFile: a crashed holder's stale lock is taken over) and
listens on a local socket named after the folder. A second start finds the lock taken, asks the
first one through the socket to bring its window to the front, and quits; if the first one does
not answer, it says so instead of opening the database.

The lock is taken before the window is shown; the socket (QtNetwork) is opened after the first
paint (`listen`), so a second start in that moment waits a little for the first one to listen.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

LOCK_NAME = "tripreport.lock"
ACTIVATE = b"activate\n"
OPEN = b"open "  # + the absolute path of a file to open, UTF-8, + newline (a double-clicked package)
TIMEOUT_MS = 1000

ALREADY_RUNNING = "TripReport 已經在使用這個資料夾（{folder}），已切換到開著的視窗。"
NOT_ANSWERING = ("另一個 TripReport 正在使用這個資料夾（{folder}），但沒有回應。\n"
                 "請先關閉它（或在工作管理員中結束），再重新開啟。為了不讓兩個視窗互相覆蓋，這次不會開啟。")


def server_name(data_dir: Path) -> str:
    import hashlib  # ~4 ms: not before the window is shown

    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"tripreport-{digest}"


class SingleInstance(QObject):
    """`acquire()` True: we are the one; keep this object alive while the window is open."""

    activateRequested = Signal()
    openRequested = Signal(str)  # a later start was given this file to open

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # opening the services explains an unusable folder properly
        self._lock = QLockFile(str(self.data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when the holder's process is gone
        self._server: QLocalServer | None = None

    @property
    def name(self) -> str:
        return server_name(self.data_dir)

    def acquire(self) -> bool:
        """take_lock() and listen(): the whole first-start protocol at once."""
        if not self.take_lock():
            return False
        self.listen()
        return True

    def take_lock(self) -> bool:
        """False when another TripReport holds the folder. Cheap: no socket yet."""
        if not self._lock.tryLock(100):
            # Only "held by a live process" means another TripReport; an unwritable folder is
            # reported by opening the database, with its own message.
            return self._lock.error() != QLockFile.LockFailedError
        return True

    def listen(self) -> None:
        """Answer later starts (after take_lock succeeded; nothing to do without the lock)."""
        if not self._lock.isLocked() or self._server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.UserAccessOption)
        if not self._server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left behind by a crash (Unix)
            self._server.listen(self.name)
        self._server.newConnection.connect(self._on_connection)

    def ask_running_to_activate(self, open_path: str | None = None) -> bool:
        """Second start: ask the first one to come to the front (and to open `open_path`, an
        absolute path, when the second start was given a file). True when it answered. The first
        one may hold the lock but not listen yet (it listens after its first paint), so a missing
        server is retried until the timeout."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + TIMEOUT_MS / 1000
        socket = QLocalSocket()
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(TIMEOUT_MS):
                break
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        message = ACTIVATE + (OPEN + open_path.encode("utf-8") + b"\n" if open_path else b"")
        socket.write(message)
        ok = socket.waitForBytesWritten(TIMEOUT_MS)
        socket.abort()
        return ok

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._read_clients)
            self._read_clients()

    def _read_clients(self) -> None:
        if self._server is None:
            return
        from PySide6.QtNetwork import QLocalSocket

        for socket in self._server.findChildren(QLocalSocket):
            if not socket.bytesAvailable():
                continue
            received = bytes(socket.property("received") or b"") + bytes(socket.readAll())
            if ACTIVATE not in received or not received.endswith(b"\n"):
                socket.setProperty("received", received)  # the rest is on its way
                continue
            socket.readyRead.disconnect(self._read_clients)
            socket.abort()
            socket.deleteLater()
            self.activateRequested.emit()
            for line in received.splitlines():
                if line.startswith(OPEN):
                    self.openRequested.emit(line[len(OPEN):].decode("utf-8", "replace"))


def bring_to_front(window) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
