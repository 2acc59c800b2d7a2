"""Running an export off the GUI thread, with a progress dialog that moves with the work.

The export generator runs in an ExportThread and each Progress it yields reaches the dialog by a
signal. The .docx steps fill the bar one by one; the LibreOffice conversion, which reports nothing
while it works, shows a busy bar with the seconds spent. 取消 — or closing the window, after it has
asked — stops the generator between two steps (LibreOffice is killed) and leaves no file. The
caller waits in an event loop, so the window keeps painting and answering; the dialog is not modal
(a window blocked by a modal dialog never hears its close button), the window's own controls are
disabled meanwhile instead.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QToolBar, QWidget

DONE, CANCELLED, FAILED = "done", "cancelled", "failed"


class ExportThread(QThread):
    progressed = Signal(int, int, str)

    def __init__(self, steps: Iterator, parent=None):
        super().__init__(parent)
        self._steps = steps
        self._stop = threading.Event()
        self.outcome = FAILED
        self.error = ""

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        from desktop.export.render import ExportError
        from desktop.fileio import FileWriteError

        steps = self._steps
        try:
            for step in steps:
                if self._stop.is_set():
                    steps.close()  # the generators remove their temporary files, LibreOffice is killed
                    self.outcome = CANCELLED
                    return
                self.progressed.emit(step.step, step.total, step.message)
            self.outcome = DONE
        except (ExportError, FileWriteError) as err:
            self.error = str(err)
        except OSError as err:
            self.error = f"無法寫入匯出的檔案：{err.strerror or err}。沒有留下不完整的檔案。"
        except Exception as err:  # noqa: BLE001 - a thread's exception would vanish into stderr
            self.error = (f"匯出時發生未預期的錯誤（{type(err).__name__}：{err}）。草稿沒有受影響；"
                          "請先改匯出 .docx，或把這段訊息告訴資訊單位。")


class ExportJob(QObject):
    """One export under way: `run()` returns DONE, CANCELLED or FAILED (then `error` says why)."""

    def __init__(self, parent: QWidget, steps: Iterator, converts: bool):
        super().__init__(parent)
        self.parent_widget = parent
        self.converts = converts  # .pdf/.odt: the last step is LibreOffice's
        self.thread = ExportThread(steps, self)
        self.thread.progressed.connect(self._show)
        self.dialog = QProgressDialog("準備匯出…", "取消", 0, 0, parent)
        self.dialog.setWindowTitle("匯出")
        self.dialog.setWindowModality(Qt.NonModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self.dialog.canceled.connect(self.cancel)
        self._busy_since: float | None = None
        self._busy_text = ""
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self.error = ""

    def run(self) -> str:
        window = self.parent_widget.window()
        blocked = _disable_controls(window)
        holder = window if hasattr(window, "active_export") else None
        if holder is not None:
            holder.active_export = self
        loop = QEventLoop()
        self.thread.finished.connect(loop.quit)  # queued from the worker: safe even if it ends first
        self.thread.start()
        try:
            loop.exec()  # also left when the application quits under it
        finally:
            if self.thread.isRunning():
                self.stop()
            self._clock.stop()
            self.dialog.close()
            for widget in blocked:
                widget.setEnabled(True)
            if holder is not None:
                holder.active_export = None
        self.error = self.thread.error
        return self.thread.outcome

    def cancel(self) -> None:
        self.thread.cancel()
        self.dialog.setLabelText("正在取消…")

    def stop(self) -> None:
        """Cancel and wait until the export has stopped and cleaned up (closing the window)."""
        self.cancel()
        self.thread.wait()

    def _show(self, step: int, total: int, message: str) -> None:
        if self.converts and step == total - 1:
            if self._busy_since is None:  # LibreOffice reports nothing until it is done
                self._busy_since = time.monotonic()
                self.dialog.setRange(0, 0)
                self._clock.start()
            if message != "完成":  # the .docx made in between says 完成 too
                self._busy_text = message
            self._tick()
            return
        self.dialog.setRange(0, total)
        self.dialog.setValue(total if step >= total else max(step - 1, 0))  # a step is announced before it runs
        self.dialog.setLabelText(message)

    def _tick(self) -> None:
        seconds = int(time.monotonic() - (self._busy_since or time.monotonic()))
        self.dialog.setLabelText(f"{self._busy_text or '轉檔中'}…　已 {seconds} 秒\n（LibreOffice 轉檔時無法得知進度）")


def _disable_controls(window: QWidget) -> list[QWidget]:
    """The window's own controls, disabled while the export runs; the close button stays."""
    if not isinstance(window, QMainWindow):
        return []
    # the window's own toolbars; those inside pages go with the central widget (and a page of a
    # draft just closed may be deleted while the export runs)
    widgets = [window.centralWidget(), window.menuBar(),
               *window.findChildren(QToolBar, options=Qt.FindDirectChildrenOnly)]
    enabled = [w for w in widgets if w is not None and w.isEnabled()]
    for widget in enabled:
        widget.setEnabled(False)
    return enabled
