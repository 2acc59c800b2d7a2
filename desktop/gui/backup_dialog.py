"""Restore the whole database from one of the backups (the last 7 daily ones and the safety
copies made before upgrades and restores). The current state is backed up first, so the restore
shows up in this same list and can be undone."""

from __future__ import annotations

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

from desktop.gui.safety_features import confirm_restore
from desktop.storage import StorageError, close_database
from desktop.storage.backup import list_backups, restore_backup
from desktop.storage.database import DB_FILENAME, open_database


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
        from pathlib import Path

        try:
            close_database()
            restore_backup(self.data_dir, self.data_dir / DB_FILENAME, Path(item.data(Qt.UserRole)))
        except StorageError as err:
            QMessageBox.warning(self, "無法還原", str(err))
            return
        finally:
            open_database(self.data_dir)  # the repository keeps using the same database object
        self.window.show_list()
        self.window.statusBar().showMessage(f"已從「{item.text()}」還原。", 8000)
        self.accept()
