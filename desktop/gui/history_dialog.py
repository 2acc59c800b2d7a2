"""The history of a draft: its snapshots, what changed per chapter between two of them (or between
one and the draft as it is now), and restoring one — itself undoable, because the state before a
restore is snapshotted first. Also the on-demand labelled snapshot (送審版, 退回修正前 …)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.gui.safety_features import confirm_restore
from desktop.gui.storage_guard import refused, storage_errors_said
from desktop.storage.snapshots import Snapshots, diff_reports

CURRENT = -1  # "the draft as it is now" in the comparison box
LABEL_SUGGESTIONS = ["送審版", "退回修正前", "核定版"]
STATUS_TEXT = {"added": "新增的章節", "removed": "刪除的章節", "changed": "有修改", "same": "沒有修改"}


def ask_labelled_snapshot(window) -> int | None:
    """Ask for a label and snapshot the open draft under it."""
    draft_id = window.current_draft_id()
    if draft_id is None or refused(window, "無法保存版本") or not window.save_pending_edits():
        return None
    label, ok = QInputDialog.getItem(window, "保存目前版本", "版本名稱（例如 送審版）：", LABEL_SUGGESTIONS, 0, True)
    if not ok or not label.strip():
        return None
    with storage_errors_said(window, "無法保存版本") as outcome:
        made = Snapshots(window.services.repo).take(draft_id, label=label.strip(), kind="manual")
    if outcome.failed:
        return None
    window.statusBar().showMessage(f"已保存版本「{label.strip()}」。", 6000)
    return made


def diff_html(changes, palette=None) -> str:
    """The changes as rich text, coloured for `palette` (the application's by default)."""
    from desktop.gui import colours

    muted = colours.css(colours.muted(palette))
    added = colours.css(colours.tint("ok", palette, 0.22))
    removed = colours.css(colours.tint("problem", palette, 0.22))
    parts = []
    for change in changes:
        title = html.escape(change.heading or "（未命名章節）")
        parts.append(f"<h3>{title}　<small>{STATUS_TEXT[change.status]}</small></h3>")
        for line in change.lines:
            if line.startswith("@@"):
                parts.append(f"<div style='color:{muted}'>⋯</div>")
                continue
            sign, text = line[:1], html.escape(line[1:]) or "&nbsp;"
            if sign == "+":
                parts.append(f"<div style='background:{added}'>＋ {text}</div>")
            elif sign == "-":
                parts.append(f"<div style='background:{removed};text-decoration:line-through'>－ {text}</div>")
            else:
                parts.append(f"<div style='color:{muted}'>　 {text}</div>")
    return "".join(parts) or "<p>兩個版本完全相同。</p>"


class HistoryDialog(QDialog):
    def __init__(self, window, draft_id: int):
        super().__init__(window)
        self.window = window
        self.draft_id = draft_id
        self.snapshots = Snapshots(window.services.repo)
        window.save_pending_edits()  # "the draft as it is now" includes what was typed a moment ago
        self.setWindowTitle("版本紀錄")
        self.resize(900, 600)

        self.list = QListWidget()
        self.list.setAccessibleName("版本清單")
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.currentRowChanged.connect(self.show_diff)
        self.compare_combo = QComboBox()
        self.compare_combo.setAccessibleName("比較對象")
        self.compare_combo.currentIndexChanged.connect(self.show_diff)
        self.diff_view = QTextBrowser()
        self.diff_view.setAccessibleName("各章差異")

        self.snapshot_button = QPushButton("保存目前版本(&S)…")
        self.snapshot_button.clicked.connect(self._labelled)
        self.restore_button = QPushButton("還原到此版本(&R)")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("關閉")
        buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(QLabel("版本（新的在上）："))
        left.addWidget(self.list, 1)
        left.addWidget(self.snapshot_button)
        left.addWidget(self.restore_button)
        right = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(QLabel("與"))
        row.addWidget(self.compare_combo, 1)
        row.addWidget(QLabel("比較，各章的差異："))
        right.addLayout(row)
        right.addWidget(self.diff_view, 1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        infos = self.snapshots.list(self.draft_id)
        self.list.blockSignals(True)
        self.compare_combo.blockSignals(True)
        self.list.clear()
        self.compare_combo.clear()
        self.compare_combo.addItem("目前的草稿", CURRENT)
        for info in infos:
            item = QListWidgetItem(info.title)
            item.setData(Qt.UserRole, info.id)
            self.list.addItem(item)
            self.compare_combo.addItem(info.title, info.id)
        self.list.blockSignals(False)
        self.compare_combo.blockSignals(False)
        if infos:
            self.list.setCurrentRow(0)
        else:
            self.diff_view.setHtml("<p>這份草稿還沒有保存過版本。按「保存目前版本」建立第一個（例如 送審版）。</p>")
        self.restore_button.setEnabled(bool(infos))
        self.show_diff()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def show_diff(self, *_args) -> None:
        selected = self.selected_id()
        if selected is None:
            return
        other = self.compare_combo.currentData()
        if other in (None, CURRENT):
            older, newer = self.snapshots.load(selected), self.window.services.repo.load(self.draft_id)
        else:  # always from the older to the newer, whichever was picked where
            first, second = sorted((selected, other))
            older, newer = self.snapshots.load(first), self.snapshots.load(second)
        self.diff_view.setHtml(diff_html(diff_reports(older, newer), self.diff_view.palette()))

    def _labelled(self) -> None:
        if ask_labelled_snapshot(self.window) is not None:
            self.refresh()

    def restore_selected(self) -> None:
        selected = self.selected_id()
        if selected is None:
            return
        if refused(self, "無法還原"):
            return
        title = self.list.currentItem().text()
        question = f"要把草稿還原成「{title}」嗎？\n目前的內容會先保存為一個版本，之後可以再還原回來。"
        if not confirm_restore(self, self.window, "還原版本", question):
            return
        with storage_errors_said(self, "無法還原") as outcome:
            self.snapshots.restore(selected)
        if outcome.failed:
            return
        self.window.reload_current_draft()
        self.window.statusBar().showMessage("已還原；還原前的內容已保存在版本紀錄中。", 8000)
        self.refresh()
