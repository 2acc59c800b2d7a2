"""編輯 → 尋找與取代 (Ctrl+H): find a text in the open draft and replace one match or all of them.

The matches are listed with their place and a little context; a double-click shows the place.
Replacing goes through the editor's undo stack (one Ctrl+Z takes a 全部取代 back). The search
itself is domain/find_replace.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.domain.find_replace import find, replace, replace_all
from desktop.gui.storage_guard import refused


class FindReplaceDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("find-replace")
        self.setWindowTitle("尋找與取代（這份草稿）")
        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("尋找")
        self.replace_edit = QLineEdit()
        self.replace_edit.setAccessibleName("取代為")
        self.case_box = QCheckBox("英文字母區分大小寫")
        self.case_box.setChecked(True)
        self.results = QListWidget()
        self.results.setAccessibleName("找到的地方")
        self.count_label = QLabel()
        self.show_button = QPushButton("顯示(&S)")
        self.replace_button = QPushButton("取代(&R)")
        self.replace_all_button = QPushButton("全部取代(&A)")
        close_button = QPushButton("關閉")
        self.find_edit.textChanged.connect(self.search)
        self.case_box.toggled.connect(self.search)
        self.results.itemActivated.connect(lambda _item: self.show_match())
        self.results.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.show_button.clicked.connect(self.show_match)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_everywhere)
        close_button.clicked.connect(self.close)
        form = QFormLayout()
        form.addRow("尋找(&F)：", self.find_edit)
        form.addRow("取代為(&P)：", self.replace_edit)
        form.addRow("", self.case_box)
        buttons = QHBoxLayout()
        for button in (self.show_button, self.replace_button, self.replace_all_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self.resize(620, 460)
        self.matches = []
        self._update_buttons()

    @classmethod
    def show_for(cls, window) -> FindReplaceDialog:
        dialog = window.findChild(FindReplaceDialog, "find-replace") or cls(window)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.find_edit.setFocus()
        dialog.find_edit.selectAll()
        dialog.search()
        return dialog

    @property
    def editor(self):
        return self.window_.editor_page

    def _ignore_case(self) -> bool:
        return not self.case_box.isChecked()

    def search(self) -> None:
        editor = self.editor
        if editor.report is None or self.window_.current_draft_id() is None:
            self.matches = []
        else:
            editor.commit_all()  # what was just typed counts
            self.matches = find(editor.report, self.find_edit.text(), self._ignore_case())
        row = max(self.results.currentRow(), 0)
        self.results.clear()
        for match in self.matches:
            item = QListWidgetItem(f"{match.place.label}：{match.context}")
            item.setToolTip(match.place.label)
            self.results.addItem(item)
        if self.matches:
            self.results.setCurrentRow(min(row, len(self.matches) - 1))
        text = self.find_edit.text()
        self.count_label.setText(f"找到 {len(self.matches)} 處" if text else "輸入要尋找的文字")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.results.currentRow() >= 0 and bool(self.matches)
        self.show_button.setEnabled(has)
        self.replace_button.setEnabled(has)
        self.replace_all_button.setEnabled(bool(self.matches))

    def current_match(self):
        row = self.results.currentRow()
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def show_match(self) -> None:
        match = self.current_match()
        if match is not None:
            self.editor.goto(match.place.target)

    def replace_current(self) -> None:
        match = self.current_match()
        if match is None or refused(self, "無法取代"):
            return
        needle, new = self.find_edit.text(), self.replace_edit.text()
        editor = self.editor
        editor.commit_all()
        if match not in find(editor.report, needle, self._ignore_case()):
            self.search()  # the text changed since it was listed: list it again, replace nothing
            return
        editor.snapshot(f"取代「{needle}」為「{new}」")
        replace(editor.report, match, needle, new, self._ignore_case())
        editor.changed_in_place()
        self.search()

    def replace_everywhere(self) -> None:
        if refused(self, "無法取代"):  # the replaced text could not be saved
            return
        needle, new = self.find_edit.text(), self.replace_edit.text()
        editor = self.editor
        editor.snapshot(f"全部取代「{needle}」為「{new}」")
        count = replace_all(editor.report, needle, new, self._ignore_case())
        editor.changed_in_place()
        self.search()
        self.count_label.setText(f"已取代 {count} 處（編輯 → 復原 可以整批還原）")
        self.window_.statusBar().showMessage(f"已取代 {count} 處「{needle}」", 8000)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.hasFocus():
            self.show_match()
            return
        super().keyPressEvent(event)
