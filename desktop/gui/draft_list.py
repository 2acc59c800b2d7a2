"""The draft list: every draft on this computer, with its status, the days left to its deadline,
filter and sort, and new / open / rename / status / delete."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# The list is the first screen: its module loads no domain code and does not touch Qt's `Qt`
# namespace (building its enums costs ~20 ms); both come when the list is filled, after the
# window's first paint. See run_app in app.py.
if TYPE_CHECKING:
    from desktop.storage import DraftRepository

COLUMNS = ("報告名稱", "出國期間", "狀態", "狀態變更", "繳交期限", "剩餘天數", "最後修改")
TITLE, PERIOD, STATUS, STATUS_AT, DEADLINE, DAYS_LEFT, UPDATED = range(len(COLUMNS))
ID_ROLE = 0x0100  # Qt.UserRole, the draft id on every cell
SORT_ROLE = ID_ROLE + 1
URGENT_DAYS = 14
FINISHED = ("已核定", "已上傳")  # no deadline to watch any more
ALL_STATUSES = "全部狀態"


class SortItem(QTableWidgetItem):
    """Sorts by a key kept beside the shown text (dates and day counts sort as values)."""

    def __lt__(self, other) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return mine < theirs


def _slash_at(stamp: str) -> str:
    """2026-01-05T10:00:00 → 115/01/05 10:00."""
    from desktop.domain.roc_date import roc_slash

    try:
        d = date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp
    return f"{roc_slash(d)} {stamp[11:16]}".strip()


class DraftListPage(QWidget):
    """Emits intents; the main window decides what opening a draft means."""

    openRequested = Signal(int)
    newRequested = Signal()
    searchRequested = Signal(str)  # search the text of every draft (the window opens the search)

    def __init__(self, repo: DraftRepository | None, parent=None, today=None):
        """`repo` None: an empty list until `set_repo` (the window is shown before the database
        is opened)."""
        super().__init__(parent)
        self.repo = repo
        self.today = today or date.today
        self._filled = False
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("草稿清單")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())

        self.new_button = QPushButton("新增草稿(&N)")
        self.open_button = QPushButton("開啟(&O)")
        self.rename_button = QPushButton("重新命名(&R)")
        self.status_button = QPushButton("變更狀態(&S)…")
        self.history_button = QPushButton("狀態紀錄(&H)")
        self.delete_button = QPushButton("刪除(&D)")
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self._open_selected)
        self.rename_button.clicked.connect(self._rename_selected)
        self.status_button.clicked.connect(self._change_status)
        self.history_button.clicked.connect(self._show_history)
        self.delete_button.clicked.connect(self._delete_selected)
        self.empty_label = QLabel("還沒有草稿。按「新增草稿」開始寫第一份出國報告。")

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("搜尋報告名稱")
        self.filter_edit.setAccessibleName("搜尋報告名稱")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("依狀態篩選")
        self.status_filter.addItem(ALL_STATUSES)  # the statuses come with the first refresh
        self.status_filter.currentTextChanged.connect(self._apply_filter)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("搜尋所有草稿的內容，按 Enter")
        self.search_edit.setAccessibleName("搜尋所有草稿的內容")
        self.search_edit.setToolTip("在每份草稿的章節、摘要、建議與圖說中找文字（Ctrl+F 也可以）")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(lambda: self.searchRequested.emit(self.search_edit.text().strip()))
        self.search_button = QPushButton("全文搜尋…")
        self.search_button.setAccessibleName("全文搜尋")
        self.search_button.clicked.connect(lambda: self.searchRequested.emit(self.search_edit.text().strip()))

        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.rename_button, self.status_button,
                  self.history_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("篩選："))
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_filter)
        filters.addSpacing(16)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        title = QLabel("我的出國報告")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.filter_edit.returnPressed.connect(self._open_first_match)  # filter, then Enter opens
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.empty_label.hide()
        if repo is not None:
            self.refresh()

    def set_repo(self, repo: DraftRepository) -> None:
        self.repo = repo
        self.refresh()

    # ---- filling ------------------------------------------------------------------------------
    def _first_fill(self) -> None:
        from PySide6.QtCore import Qt

        from desktop.domain.report import STATUSES

        self.status_filter.addItems(list(STATUSES))
        # keys of the table itself, so Enter in the search box searches instead of opening a draft
        for keys, slot in ((QKeySequence("Return"), self._open_selected),
                           (QKeySequence(QKeySequence.Delete), self._delete_selected),
                           (QKeySequence("F2"), self._rename_selected)):
            shortcut = QShortcut(keys, self.table, slot)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.table.horizontalHeader().setSortIndicator(UPDATED, Qt.DescendingOrder)  # latest edits first
        self._filled = True

    def refresh(self) -> None:
        from PySide6.QtGui import QBrush, QColor

        from desktop.domain.checks import due_date
        from desktop.domain.deadline import days_left
        from desktop.domain.report import STATUSES
        from desktop.domain.roc_date import roc_period, roc_slash

        if not self._filled:
            self._first_fill()
        drafts = self.repo.list_drafts()
        changed_at = self.repo.latest_status_changes()
        today = self.today()
        self.table.setSortingEnabled(False)  # rows would jump while being filled
        self.table.setRowCount(len(drafts))
        for row, d in enumerate(drafts):
            deadline = due_date(d.kind, d.end_date)
            left = days_left(deadline, today) if d.status not in FINISHED else None
            if left is None:
                left_text = "—"
            elif left < 0:
                left_text = f"逾期 {-left} 天"
            else:
                left_text = f"{left} 天"
            at = changed_at.get(d.id, "")
            cells = (
                (d.title or "（未命名）", d.title),
                (roc_period(d.start_date, d.end_date), d.start_date.isoformat() if d.start_date else ""),
                (d.status, STATUSES.index(d.status) if d.status in STATUSES else 99),
                (_slash_at(at), at),
                (roc_slash(deadline), deadline.isoformat() if deadline else "9999"),
                (left_text, left if left is not None else 10**6),
                (_slash_at(d.updated_at), d.updated_at),
            )
            for col, (text, key) in enumerate(cells):
                item = SortItem(text)
                item.setData(ID_ROLE, d.id)
                item.setData(SORT_ROLE, key)
                if col == DAYS_LEFT and left is not None and left < URGENT_DAYS:
                    item.setForeground(QBrush(QColor("#c62828")))
                    item.setToolTip("離繳交期限不到兩週")
                self.table.setItem(row, col, item)
        self.table.setSortingEnabled(True)
        self.empty_label.setVisible(not drafts)
        self._apply_filter()
        if drafts and not self.table.selectedItems():
            self._select_first_visible()
        self._update_buttons()

    def _apply_filter(self, *_args) -> None:
        words = self.filter_edit.text().strip().lower()
        status = self.status_filter.currentText()
        for row in range(self.table.rowCount()):
            title = self.table.item(row, TITLE).text().lower()
            shown = (not words or words in title) and status in (ALL_STATUSES, self.table.item(row, STATUS).text())
            self.table.setRowHidden(row, not shown)
        if self.selected_id() is not None and self.table.isRowHidden(self.table.currentRow()):
            self.table.clearSelection()
            self._select_first_visible()
        self._update_buttons()

    def _select_first_visible(self) -> None:
        for row in range(self.table.rowCount()):
            if not self.table.isRowHidden(row):
                self.table.selectRow(row)
                return

    def visible_titles(self) -> list[str]:
        return [self.table.item(r, TITLE).text() for r in range(self.table.rowCount())
                if not self.table.isRowHidden(r)]

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def _selected_title(self) -> str:
        items = [i for i in self.table.selectedItems() if i.column() == TITLE]
        return items[0].text() if items else ""

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for b in (self.open_button, self.rename_button, self.status_button, self.history_button,
                  self.delete_button):
            b.setEnabled(has)

    # ---- actions --------------------------------------------------------------------------------
    def _open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.openRequested.emit(draft_id)

    def _open_first_match(self) -> None:
        if self.selected_id() is None or self.table.isRowHidden(self.table.currentRow()):
            self._select_first_visible()
        self._open_selected()

    def _rename_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        from PySide6.QtWidgets import QInputDialog  # dialogs load on first use, not at start-up

        title, ok = QInputDialog.getText(self, "重新命名", "報告名稱：", text=self._selected_title())
        if ok:
            from desktop.domain.text import clean_line

            self.repo.rename(draft_id, clean_line(title))
            self.refresh()

    def _change_status(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        from PySide6.QtWidgets import QInputDialog  # dialogs load on first use, not at start-up

        from desktop.domain.report import STATUSES

        current = next((i.text() for i in self.table.selectedItems() if i.column() == STATUS), STATUSES[0])
        status, ok = QInputDialog.getItem(
            self, "變更狀態", f"「{self._selected_title()}」的新狀態：", list(STATUSES),
            STATUSES.index(current) if current in STATUSES else 0, False)
        if ok and status != current:
            self.repo.set_status(draft_id, status)
            self.refresh()
            self._select_id(draft_id)

    def _select_id(self, draft_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, TITLE).data(ID_ROLE) == draft_id:
                self.table.selectRow(row)
                return

    def _show_history(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        from PySide6.QtWidgets import QMessageBox  # dialogs load on first use, not at start-up

        history = self.repo.load(draft_id).status_history
        lines = [f"{_slash_at(s.at)}　{s.status}" for s in history] or ["（沒有紀錄）"]
        QMessageBox.information(self, "狀態紀錄", f"「{self._selected_title()}」\n\n" + "\n".join(lines))

    def _delete_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        from PySide6.QtWidgets import QMessageBox  # dialogs load on first use, not at start-up

        answer = QMessageBox.question(
            self, "刪除草稿", f"確定要刪除「{self._selected_title()}」嗎？\n刪除後無法復原。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No,
        )
        if answer == QMessageBox.Yes:
            self.repo.delete(draft_id)
            self.refresh()
