"""檔案 → 帶出離線編輯… and 檔案 → 帶回並合併…, for a window working on the agency's server.

Taking a draft out writes it as a package and marks it on the server (帶出中, who and when), as
`tripreport checkout` does; bringing it back merges the package chapter by chapter from the state
it left in (interchange/checkout.py). Where both sides changed a chapter the window offers the
chapter merge (package_dialogs.MergeDialog), each such chapter kept twice unless the user picks
otherwise. Both talk to the server and read or write a package, so they run off the GUI thread
behind a busy dialog; every failure is said in Chinese and leaves the server as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QThread
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog

from desktop.gui.package_dialogs import FILTER, MergeDialog, choose_draft
from desktop.gui.storage_guard import refused, storage_errors_said, window_text

OUT_TITLE, IN_TITLE = "帶出離線編輯", "帶回並合併"
MERGE_NOTE = ("帶出之後，以下章節在機關資料庫上和帶回的草稿包裡都改過了。"
              "「我的」是機關資料庫上的內容，「對方」是帶回的內容；預設兩者都保留（帶回的標示「（對方版本）」）：")


def install(window) -> None:
    """Add the two actions to 檔案, before 結束 — only when the window works on a server."""
    if not window.services.server:
        return
    window.check_out_action = QAction(f"{OUT_TITLE}(&C)…", window)
    window.check_out_action.setStatusTip("把草稿存成草稿包帶到筆電離線編輯；機關資料庫上會標示「帶出中」")
    window.check_out_action.triggered.connect(lambda _checked=False: check_out_with_dialog(window))
    window.check_in_action = QAction(f"{IN_TITLE}(&I)…", window)
    window.check_in_action.setStatusTip("把帶出的草稿包帶回機關資料庫，逐章合併兩邊的修改")
    window.check_in_action.triggered.connect(lambda _checked=False: check_in_with_dialog(window))
    menu = window.file_menu
    actions = menu.actions()
    quit_action = actions[-1]
    before = actions[-2] if len(actions) > 1 and actions[-2].isSeparator() else quit_action
    menu.insertAction(before, window.check_out_action)
    menu.insertAction(before, window.check_in_action)
    if before is quit_action:
        menu.insertSeparator(quit_action)


class _Work(QThread):
    """Runs `job` on its own thread with its own connection to the server (closed at the end);
    the window reads `result`, or `error` (the exception) once it has finished."""

    def __init__(self, job, parent=None):
        super().__init__(parent)
        self.job = job
        self.result = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from desktop.storage.models import db

        try:
            self.result = self.job()
        except Exception as err:  # noqa: BLE001 - said by the window, never lost in a thread
            self.error = err
        finally:
            if db.obj is not None and not db.is_closed():
                db.close()  # this thread's connection only


def run_off_thread(window, title: str, label: str, job):
    """(result, error) of `job`, run while a busy dialog shows and the window keeps painting."""
    work = _Work(job, window)
    dialog = QProgressDialog(label, "", 0, 0, window)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)  # a transaction under way is not cut off half-way
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setMinimumWidth(380)
    loop = QEventLoop()
    work.finished.connect(loop.quit)  # queued from the worker: safe even if it ends first
    work.start()
    try:
        loop.exec()
    finally:
        work.wait()
        dialog.close()
        dialog.deleteLater()
        work.deleteLater()
    return work.result, work.error


def failure_text(err: BaseException, what: str) -> str:
    """Why the check-out or check-in failed, in Chinese; `what` says what was left as it was."""
    from desktop.fileio import FileWriteError
    from desktop.interchange.draft_json import DraftFormatError
    from desktop.interchange.package import PackageError
    from desktop.storage.failures import explain

    if isinstance(err, PackageError | DraftFormatError | FileWriteError):
        return f"{window_text(str(err))}\n\n{what}"
    known = explain(err)
    if known is not None:
        return f"{window_text(str(known))}\n\n{what}"
    return (f"發生未預期的問題（{type(err).__name__}：{err}）。{what}"
            "請再試一次；仍不行時，請把這段訊息告訴資訊單位。")


def _look_up(window, draft_id: int) -> tuple[bool, tuple[str, str] | None, str]:
    """(read, who holds it out and since when or None, its title); the failure said when not read."""
    from desktop.storage.agency import checked_out_by

    with storage_errors_said(window, f"無法{OUT_TITLE}"):
        repo = window.services.repo
        return True, checked_out_by(repo, draft_id), repo.load(draft_id).title
    return False, None, ""


def check_out_with_dialog(window, target: Path | None = None) -> Path | None:
    """Ask which draft and where, write the package and mark the draft on the server."""
    from desktop.gui.settings import note_folder, start_folder
    from desktop.interchange.checkout import check_out, held_out

    if refused(window, f"無法{OUT_TITLE}"):
        return None
    draft_id = choose_draft(window, OUT_TITLE, "帶出")
    if draft_id is None:
        return None
    read, held, title = _look_up(window, draft_id)  # said before a file is asked for
    if not read:
        return None
    if held is not None:
        QMessageBox.warning(window, f"無法{OUT_TITLE}", held_out(*held))
        return None
    if window.current_draft_id() == draft_id and not window.save_pending_edits():
        QMessageBox.warning(window, f"無法{OUT_TITLE}", "畫面上的修改還沒能存到機關資料庫，帶出的草稿包會少了它們，"
                            "所以這次不帶出。請等連線恢復、修改存好後再試。")
        return None
    if target is None:
        suggested = str(Path(start_folder(window, "package")) / f"{(title or '出國報告')[:40]}.tripreport")
        name, _ = QFileDialog.getSaveFileName(window, f"{OUT_TITLE}：草稿包存到哪裡？", suggested, FILTER)
        if not name:
            return None
        note_folder(window, "package", name)
        target = Path(name)
    services = window.services
    written, error = run_off_thread(window, OUT_TITLE, "正在把草稿寫成草稿包，並在機關資料庫上標示帶出中…",
                                    lambda: check_out(services.repo, services.photos, draft_id, target))
    if error is not None:
        QMessageBox.warning(window, f"無法{OUT_TITLE}",
                            failure_text(error, "草稿沒有標示為帶出中，也沒有留下草稿包。"))
        return None
    window.list_page.refresh()
    QMessageBox.information(window, OUT_TITLE,
                            f"已帶出到「{written}」，機關資料庫上標示為帶出中。\n\n"
                            "在筆電上以「檔案 → 匯入草稿包」開啟離線編輯，改好後再「打包草稿」；"
                            "回來後以「檔案 → 帶回並合併」帶回這個草稿包。")
    return written


def check_in_with_dialog(window, path: Path | None = None) -> int | None:
    """Ask for the package, merge it into its draft on the server (asking about the chapters both
    sides changed) and clear the mark; the draft's id, or None when nothing was brought back."""
    from desktop.gui.settings import note_folder, start_folder
    from desktop.interchange.checkout import finish_check_in, read_check_in

    if refused(window, f"無法{IN_TITLE}"):
        return None
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, f"{IN_TITLE}：選擇帶回的草稿包", start_folder(window, "package"),
                                              FILTER)
        if not name:
            return None
        note_folder(window, "package", name)
        path = Path(name)
    if not window.save_pending_edits():
        QMessageBox.warning(window, f"無法{IN_TITLE}", "畫面上的修改還沒能存到機關資料庫，為免合併時遺失，這次不帶回。"
                            "請等連線恢復、修改存好後再試。")
        return None
    services = window.services
    prepared, error = run_off_thread(window, IN_TITLE, "正在讀取草稿包，並和機關資料庫上的草稿比對…",
                                     lambda: read_check_in(services.repo, services.photos, path))
    if error is not None:
        QMessageBox.warning(window, f"無法{IN_TITLE}", failure_text(error, "機關資料庫上的草稿都沒有改變。"))
        return None
    unchanged = "機關資料庫上的草稿沒有改變，仍標示帶出中。"
    choices = None
    found = prepared.conflicts()
    if found:
        dialog = MergeDialog(window, found, MERGE_NOTE)
        dialog.setWindowTitle(f"{IN_TITLE}：逐章合併")
        if dialog.exec() != QDialog.Accepted:
            window.statusBar().showMessage(f"沒有帶回「{path.name}」。{unchanged}", 10000)
            return None
        choices = dialog.choices()
    twice, error = run_off_thread(window, IN_TITLE, "正在把合併的結果存到機關資料庫…",
                                  lambda: finish_check_in(services.repo, prepared, choices))
    if error is not None:
        QMessageBox.warning(window, f"無法{IN_TITLE}", failure_text(error, unchanged))
        return None
    draft_id = prepared.draft_id
    if window.current_draft_id() == draft_id:
        window.reload_current_draft()
    else:
        window.open_draft(draft_id)
    window.list_page.refresh()
    both = f"兩個版本都保留的章節（帶回的標示「（對方版本）」）：{'、'.join(twice)}。" if twice else ""
    window.statusBar().showMessage(f"已帶回「{path.name}」並合併，帶出中的標示已清除。{both}"
                                   "合併前的內容存在版本紀錄。", 15000)
    return draft_id
