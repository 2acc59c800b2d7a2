"""Choosing a report kind (新增草稿, 變更種類) and confirming what a change of kind moves."""

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

from desktop.domain.kinds import Kind, registry


class KindDialog(QDialog):
    """The kinds as a list, each with what it is for; broken agency kinds are listed, greyed, with why."""

    def __init__(self, parent=None, title: str = "新增草稿", current: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(620, 460)
        reg = registry()
        layout = QVBoxLayout(self)
        intro = QLabel("選擇報告種類：它決定章節、檢查的規定（摘要字數、繳交期限、建議項數）與匯出的格式。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("報告種類")
        self.list.setWordWrap(True)
        self.list.setStyleSheet("QListWidget::item { padding: 6px; }")
        for kind in reg.ordered():
            owner = "" if kind.builtin else "（機關自訂）"
            item = QListWidgetItem(f"{kind.name}{owner}\n{kind.data['description']}")
            item.setData(Qt.UserRole, kind.id)
            item.setToolTip(kind.data["description"])
            self.list.addItem(item)
            if kind.id == current:
                self.list.setCurrentItem(item)
        for broken in reg.unusable:
            item = QListWidgetItem(f"{broken.id}（無法使用）\n{broken.reason}")
            item.setFlags(Qt.NoItemFlags)
            self.list.addItem(item)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("確定")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> Kind | None:
        item = self.list.currentItem()
        kind_id = item.data(Qt.UserRole) if item is not None else None
        return registry().get(kind_id) if kind_id else None


def ask_kind(parent, title: str = "新增草稿", current: str | None = None) -> Kind | None:
    dialog = KindDialog(parent, title, current)
    return dialog.chosen() if dialog.exec() == QDialog.Accepted else None


def confirm_kind_change(parent, old: Kind, new: Kind, change) -> bool:
    box = QMessageBox(parent)
    box.setWindowTitle("變更報告種類")
    box.setIcon(QMessageBox.Question)
    box.setText(f"由「{old.name}」改為「{new.name}」，會有下列變化（內容都會保留）：")
    box.setInformativeText(change.summary)
    change_button = box.addButton("變更", QMessageBox.AcceptRole)
    box.addButton("取消", QMessageBox.RejectRole)
    box.exec()
    return box.clickedButton() is change_button
