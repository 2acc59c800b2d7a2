"""Restore the whole database from one of the backups (the last 7 daily ones and the safety
copies made before upgrades and restores). The current state is backed up first, so the restore
shows up in this same list and can be undone.

A damaged database is never backed up or written: it is renamed and kept beside the restored one.
At start, or when the background check finds damage during a session, the user is offered the
newest good backup at once (`recover_at_start`, `damaged_during_session`); the draft open in the
window is saved again, as shown, into the restored database, so what was typed since is kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
)

from desktop import APP_TITLE
from desktop.gui.safety_features import confirm_restore, indexing_paused
from desktop.gui.storage_wording import for_window
from desktop.storage import StorageError, close_database
from desktop.storage.backup import (
    BackupInfo,
    list_backups,
    newest_good_backup,
    replace_damaged,
    restore_backup,
)
from desktop.storage.database import DB_FILENAME, database_access, open_database, stop_writing


class BackupDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.data_dir = window.services.data_dir
        self.setWindowTitle("從備份還原")
        self.resize(520, 380)
        self.list = QListWidget()
        self.list.setAccessibleName("備份清單")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        self.restore_button = self.buttons.addButton("還原(&R)", QDialogButtonBox.AcceptRole)
        self.buttons.accepted.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("選擇要還原的備份。所有草稿都會回到當時的狀態；\n"
                                "目前的資料會先另存一份備份，之後可以從這裡再還原回來。"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for backup in list_backups(self.data_dir):
            item = QListWidgetItem(backup.label)
            item.setData(Qt.UserRole, str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem("（還沒有備份：程式每天開啟時會自動備份一次）")
            self.list.item(0).setFlags(Qt.NoItemFlags)
        self.restore_button.setEnabled(self.list.currentItem() is not None
                                       and self.list.currentItem().data(Qt.UserRole) is not None)

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(Qt.UserRole) is None:
            return
        question = f"要把所有草稿還原成「{item.text()}」的狀態嗎？\n目前的資料會先另存一份備份。"
        if not confirm_restore(self, self.window, "從備份還原", question):
            return
        access = database_access()
        with indexing_paused(self.window):
            try:
                close_database()
                if access is not None and access.damaged:
                    replace_damaged(self.data_dir, self.data_dir / DB_FILENAME, Path(item.data(Qt.UserRole)))
                else:
                    restore_backup(self.data_dir, self.data_dir / DB_FILENAME, Path(item.data(Qt.UserRole)))
            except StorageError as err:
                QMessageBox.warning(self, "無法還原", for_window(str(err), self.data_dir))
                return
            finally:
                open_database(self.data_dir)  # the repository keeps using the same database object
        self.window.show_list()
        self.window.statusBar().showMessage(f"已從「{item.text()}」還原。", 8000)
        self.accept()


# ---- a damaged database --------------------------------------------------------------------------

RESTORE, READ_ONLY, QUIT = "restore", "read", "quit"
# What a refused save says in the window while the user looks at a damaged database.
DAMAGED_READ_ONLY = ("資料庫已損壞，為免損壞擴大，修改不會儲存（仍留在視窗中）。"
                     "可用「工具 → 從備份還原」換回最新的完好備份。")


def damage_text(db_file: Path, problem: str, backup: BackupInfo | None, can_read: bool) -> str:
    text = (f"資料庫「{db_file}」已損壞（SQLite 檢查結果：{problem[:120]}）。"
            "TripReport 不會寫入、備份或升級這個檔案，它也沒有被修改。\n\n")
    if backup is None:
        return text + "找不到完好的備份：請先把整個資料夾複製一份保存，再請資訊人員協助救回資料。"
    text += (f"最新的完好備份是「{backup.label}」。還原時，損壞的檔案會改名保留在同一個資料夾，不會刪除；"
             "不過備份之後的修改不在備份裡")
    return text + ("：要先把它們匯出或打包，請選「先以唯讀方式繼續」。" if can_read else "。")


def ask_about_damage(parent, message: str, backup: BackupInfo | None, can_read: bool) -> str:
    """RESTORE, READ_ONLY (when the damaged file can still be read) or QUIT, as the user chooses."""
    box = QMessageBox(QMessageBox.Critical, f"資料庫已損壞 — {APP_TITLE}", message, parent=parent)
    choices = {}
    if backup is not None:
        choices[box.addButton(f"用「{backup.label}」還原", QMessageBox.AcceptRole)] = RESTORE
    if can_read:
        choices[box.addButton("先以唯讀方式繼續（可檢視、匯出）", QMessageBox.RejectRole)] = READ_ONLY
    else:
        choices[box.addButton("結束 TripReport", QMessageBox.RejectRole)] = QUIT
    box.setDefaultButton(next(iter(choices)))
    box.exec()
    return choices.get(box.clickedButton(), READ_ONLY if can_read else QUIT)


def _restore_newest(parent, data_dir: Path, backup: BackupInfo) -> bool:
    try:
        close_database()
        aside = replace_damaged(data_dir, data_dir / DB_FILENAME, backup.path)
    except StorageError as err:
        QMessageBox.warning(parent, "無法還原", for_window(str(err), data_dir))
        return False
    QMessageBox.information(parent, "已還原", f"已用「{backup.label}」還原所有草稿。\n"
                            f"損壞的資料庫保留為「{aside.name}」，沒有刪除。")
    return True


def recover_at_start(parent, data_dir: Path, problem: str, services=None):
    """The database is damaged (`problem`: what SQLite found): offer the newest good backup.
    Returns the services to work with (of the restored database, or the read-only `services` of
    the damaged one when the user wants to look first), or None to end."""
    from desktop.services import open_services

    backup = newest_good_backup(data_dir)
    can_read = services is not None
    choice = ask_about_damage(parent, damage_text(data_dir / DB_FILENAME, problem, backup, can_read), backup, can_read)
    if choice == RESTORE and backup is not None and _restore_newest(parent, data_dir, backup):
        try:
            return open_services(data_dir)
        except StorageError as err:
            QMessageBox.critical(parent, APP_TITLE, for_window(str(err), data_dir))
            return None
    if services is None:
        return None
    open_database(data_dir)  # read-only again if the restore failed half-way
    stop_writing(DAMAGED_READ_ONLY, damaged=True, problem=problem)
    return services


def damaged_during_session(window, problem: str) -> None:
    """The background check found damage: stop writing, offer the backup, and keep the open
    draft as the window shows it."""
    data_dir = window.services.data_dir
    backup = newest_good_backup(data_dir)
    stop_writing(DAMAGED_READ_ONLY, damaged=True, problem=problem)
    choice = ask_about_damage(window, damage_text(data_dir / DB_FILENAME, problem, backup, True), backup, True)
    if choice != RESTORE or backup is None:
        return
    shown = None
    if window.current_draft_id() is not None:
        window.editor_page.commit_all()
        shown = window.editor_page.report
    with indexing_paused(window):
        restored = _restore_newest(window, data_dir, backup)
        open_database(data_dir)
    if not restored:
        stop_writing(DAMAGED_READ_ONLY, damaged=True, problem=problem)
        return
    if shown is not None:
        keep_shown_draft(window, shown)
    else:
        window.show_list()


def keep_shown_draft(window, report) -> None:
    """Store the draft the window shows into the restored database (as a new draft when the
    backup predates it), then show it again from there."""
    import copy

    repo = window.services.repo
    report = copy.deepcopy(report)
    if not repo.exists(report.id):
        report.id = None
    repo.save(report)
    window.editor_page.autosaver.discard()
    window.open_draft(report.id)
    window.statusBar().showMessage(f"畫面上的草稿「{report.title or '（未命名）'}」已存回還原後的資料庫。", 15000)
