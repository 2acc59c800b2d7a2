"""The draft list: every draft on this computer, with new / open / rename / delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roc_date import roc_period
from desktop.storage import DraftRepository

COLUMNS = ("報告名稱", "出國期間", "狀態", "最後修改")


class DraftListPage(QWidget):
    """Emits intents; the main window decides what opening a draft means."""

    openRequested = Signal(int)
    newRequested = Signal()

    def __init__(self, repo: DraftRepository, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("草稿清單")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())

        self.new_button = QPushButton("新增草稿(&N)")
        self.open_button = QPushButton("開啟(&O)")
        self.rename_button = QPushButton("重新命名(&R)")
        self.delete_button = QPushButton("刪除(&D)")
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self._open_selected)
        self.rename_button.clicked.connect(self._rename_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.empty_label = QLabel("還沒有草稿。按「新增草稿」開始寫第一份出國報告。")
        self.empty_label.setAlignment(Qt.AlignCenter)

        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        title = QLabel("我的出國報告")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        QShortcut(QKeySequence(Qt.Key_Return), self.table, self._open_selected)
        QShortcut(QKeySequence.Delete, self.table, self._delete_selected)
        QShortcut(QKeySequence(Qt.Key_F2), self.table, self._rename_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        drafts = self.repo.list_drafts()
        self.table.setRowCount(len(drafts))
        for row, d in enumerate(drafts):
            values = (d.title or "（未命名）", roc_period(d.start_date, d.end_date), d.status,
                      d.updated_at.replace("T", " "))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, d.id)
                self.table.setItem(row, col, item)
        self.empty_label.setVisible(not drafts)
        if drafts and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.UserRole) if items else None

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for b in (self.open_button, self.rename_button, self.delete_button):
            b.setEnabled(has)

    def _open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.openRequested.emit(draft_id)

    def _rename_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        current = self.table.item(self.table.currentRow(), 0).text()
        title, ok = QInputDialog.getText(self, "重新命名", "報告名稱：", text=current)
        if ok:
            from desktop.domain.text import clean_line

            self.repo.rename(draft_id, clean_line(title))
            self.refresh()

    def _delete_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        title = self.table.item(self.table.currentRow(), 0).text()
        answer = QMessageBox.question(
            self, "刪除草稿", f"確定要刪除「{title}」嗎？\n刪除後無法復原。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No,
        )
        if answer == QMessageBox.Yes:
            self.repo.delete(draft_id)
            self.refresh()
