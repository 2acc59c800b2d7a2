"""The draft list: every draft on this computer, with its status, the days left to its deadline,
filter and sort, and new / open / rename / status / delete.

A table view over DraftTableModel (draft_table.py): only the rows on screen are ever turned into
text, so the list opens as fast with 5,000 drafts as with 50, and `refresh` repaints only the drafts
that changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

# The list is the first screen: this module loads no domain code, no peewee and no Python item
# model, and does not touch Qt's `Qt` namespace (building its enums costs ~15–20 ms). Until the
# database is open the view shows a C++ model holding only the column titles; the real model, the
# domain code and the shortcuts come with the first refresh, after the window's first paint (see
# run_app in app.py).
if TYPE_CHECKING:
    from desktop.gui.draft_table import DraftTableModel
    from desktop.storage import DraftRepository

# The column titles; draft_table.COLUMNS says what each column shows and sorts by.
HEADERS = ("報告名稱", "出國期間", "狀態", "狀態變更", "繳交期限", "剩餘天數", "最後修改")
ALL_STATUSES = "全部狀態"
UNREADABLE = ("無法讀取草稿清單：資料庫檔案已損壞，清單所在的部分讀不出來。"
              "請按「從備份還原…」換回最新的完好備份；損壞的檔案會改名保留在同一個資料夾，不會刪除。")
CELL_PADDING = 24  # pixels beside a column's widest usual text


class DraftListPage(QWidget):
    """Emits intents; the main window decides what opening a draft means."""

    openRequested = Signal(int)
    newRequested = Signal()
    searchRequested = Signal(str)  # search the text of every draft (the window opens the search)
    restoreRequested = Signal()  # the list cannot be read: restore a backup (工具 → 從備份還原)

    def __init__(self, repo: DraftRepository | None, parent=None, today=None):
        """`repo` None: an empty list until `set_repo` (the window is shown before the database
        is opened). `today` (a function returning a date) stands in for the clock in tests."""
        super().__init__(parent)
        self.repo = repo
        self.today = today
        self.model: DraftTableModel | None = None
        self._kept_id: int | None = None
        self.table = QTableView()
        placeholder = QStandardItemModel(0, len(HEADERS), self.table)
        placeholder.setHorizontalHeaderLabels(HEADERS)
        self.table.setModel(placeholder)
        self.table.setAccessibleName("草稿清單")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
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
        self.unreadable_label = QLabel()
        self.unreadable_label.setWordWrap(True)
        self.unreadable_label.setAccessibleName("草稿清單無法讀取")
        self.restore_button = QPushButton("從備份還原(&B)…")
        self.restore_button.clicked.connect(self.restoreRequested)
        self.unreadable = QWidget()
        unreadable_layout = QHBoxLayout(self.unreadable)
        unreadable_layout.setContentsMargins(0, 0, 0, 0)
        unreadable_layout.addWidget(self.unreadable_label, 1)
        unreadable_layout.addWidget(self.restore_button)
        self.unreadable.hide()

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
        heading = QFont(title.font())  # a font, not a style sheet: that would load Qt's CSS engine
        heading.setPointSize(16)
        heading.setBold(True)
        title.setFont(heading)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.unreadable)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        self.filter_edit.returnPressed.connect(self._open_first_match)  # filter, then Enter opens
        self._update_buttons()
        self.empty_label.hide()
        if repo is not None:
            self.refresh()

    def set_repo(self, repo: DraftRepository) -> None:
        self.repo = repo
        self.refresh()

    # ---- filling ------------------------------------------------------------------------------
    def _first_fill(self) -> None:
        from datetime import date

        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        from desktop.domain.report import STATUSES
        from desktop.gui.draft_table import COLUMNS, UPDATED, DraftTableModel

        self.model = DraftTableModel(self)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.status_filter.addItems(list(STATUSES))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        metrics = self.table.fontMetrics()
        for col, column in enumerate(COLUMNS[1:], start=1):  # sized by a sample, not by reading every row
            widest = max(metrics.horizontalAdvance(column.header), metrics.horizontalAdvance(column.sample))
            header.resizeSection(col, widest + CELL_PADDING)
        # keys of the table itself, so Enter in the search box searches instead of opening a draft
        for keys, slot in ((QKeySequence("Return"), self._open_selected),
                           (QKeySequence(QKeySequence.Delete), self._delete_selected),
                           (QKeySequence("F2"), self._rename_selected)):
            shortcut = QShortcut(keys, self.table, slot)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.today = self.today or date.today
        header.setSortIndicator(UPDATED, Qt.DescendingOrder)  # latest edits first
        self.table.setSortingEnabled(True)

    def refresh(self) -> None:
        """Read the list again; only drafts that changed since the last refresh are repainted."""
        from desktop.storage.errors import DatabaseDamaged, StorageError

        if self.model is None:
            self._first_fill()
        try:
            drafts = self.repo.list_drafts_with_status_times()
        except StorageError as err:  # damage on the list's own pages, a lost server: say so, no traceback
            self.unreadable_label.setText(UNREADABLE if isinstance(err, DatabaseDamaged)
                                          else f"無法讀取草稿清單：{err}")
            self.restore_button.setVisible(isinstance(err, DatabaseDamaged))
            self._colour_problem(self.unreadable_label)
            self.unreadable.show()
            self.model.set_drafts([], self.today())
            self.empty_label.hide()
            self._update_buttons()
            return
        self.unreadable.hide()
        self.model.set_drafts(drafts, self.today())
        self.empty_label.setVisible(self.model.total() == 0)
        if self.selected_id() is None:
            self._select_row(0)
        self._update_buttons()

    @staticmethod
    def _colour_problem(label: QLabel) -> None:
        from desktop.gui import colours

        palette = label.palette()  # a palette, not a style sheet (see the heading above)
        palette.setColor(palette.ColorRole.WindowText, colours.meaning("problem", palette))
        label.setPalette(palette)

    def _apply_filter(self, *_args) -> None:
        if self.model is None:
            return
        status = self.status_filter.currentText()
        self.model.set_filter(self.filter_edit.text(), "" if status == ALL_STATUSES else status)

    def _remember_selection(self) -> None:
        self._kept_id = self.selected_id()

    def _after_reset(self) -> None:
        """A reset (filter, drafts added or deleted) drops the selection: keep the same draft
        selected when it is still shown, otherwise the first one."""
        if self._kept_id is None or not self.select_id(self._kept_id):
            self._select_row(0)
        self._update_buttons()

    def _select_row(self, row: int) -> None:
        if self.model is not None and 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    def select_id(self, draft_id: int) -> bool:
        row = self.model.position_of(draft_id) if self.model is not None else None
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def visible_titles(self) -> list[str]:
        return [row.title for row in self.model.shown_rows()] if self.model is not None else []

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.model is not None else []
        return self.model.row(rows[0].row()).id if rows else None

    def _selected_row(self):
        rows = self.table.selectionModel().selectedRows() if self.model is not None else []
        return self.model.row(rows[0].row()) if rows else None

    def _selected_title(self) -> str:
        row = self._selected_row()
        return row.title if row is not None else ""

    def _update_buttons(self, *_args) -> None:
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
        if self.selected_id() is None:
            self._select_row(0)
        self._open_selected()

    def _rename_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        from PySide6.QtWidgets import QInputDialog  # dialogs load on first use, not at start-up

        from desktop.gui.storage_guard import refused, storage_errors_said

        if refused(self, "無法重新命名"):
            return
        title, ok = QInputDialog.getText(self, "重新命名", "報告名稱：", text=self._selected_title())
        if ok:
            from desktop.domain.text import clean_line

            with storage_errors_said(self, "無法重新命名"):
                self.repo.rename(draft_id, clean_line(title))
            self.refresh()

    def _change_status(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        from PySide6.QtWidgets import QInputDialog  # dialogs load on first use, not at start-up

        from desktop.domain.report import STATUSES
        from desktop.gui.storage_guard import refused, storage_errors_said

        if refused(self, "無法變更狀態"):
            return
        current = row.summary.status
        status, ok = QInputDialog.getItem(
            self, "變更狀態", f"「{row.title}」的新狀態：", list(STATUSES),
            STATUSES.index(current) if current in STATUSES else 0, False)
        if ok and status != current:
            with storage_errors_said(self, "無法變更狀態"):
                self.repo.set_status(row.id, status)
            self.refresh()
            self.select_id(row.id)

    def _show_history(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        from PySide6.QtWidgets import QMessageBox  # dialogs load on first use, not at start-up

        from desktop.gui.draft_table import slash_at

        history = self.repo.load(draft_id).status_history
        lines = [f"{slash_at(s.at)}　{s.status}{f'　{s.who}' if s.who else ''}" for s in history] or ["（沒有紀錄）"]
        QMessageBox.information(self, "狀態紀錄", f"「{self._selected_title()}」\n\n" + "\n".join(lines))

    def _delete_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        from PySide6.QtWidgets import QMessageBox  # dialogs load on first use, not at start-up

        from desktop.gui.storage_guard import refused, storage_errors_said

        if refused(self, "無法刪除"):
            return
        answer = QMessageBox.question(
            self, "刪除草稿", f"確定要刪除「{self._selected_title()}」嗎？\n刪除後無法復原。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No,
        )
        if answer == QMessageBox.Yes:
            with storage_errors_said(self, "無法刪除"):
                self.repo.delete(draft_id)
            self.refresh()
