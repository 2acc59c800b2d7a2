"""The deadline board for the reviewing unit: every report this person may see (a reviewer on the
agency's server: all of them), with its deadline by kind, days left, status and who changed it.

A model over domain/board.BoardRow: filtering and sorting are the domain's functions (the command
line's too), so 5,000 rows are shown without one widget item each. Overdue rows are red; a row's
tooltip is its status history; a double-click asks the window to open the draft.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.domain.board import COLUMNS, BoardFilter, BoardRow, board_rows, filter_rows, shown, sort_rows
from desktop.domain.report import STATUSES

ALL = "全部"


class BoardModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[BoardRow] = []

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802 (Qt override)
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index, role=Qt.DisplayRole):
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.DisplayRole:
            return shown(row, key)
        if role == Qt.ForegroundRole and row.overdue:
            from desktop.gui.colours import meaning

            return QBrush(meaning("problem"))
        if role == Qt.ToolTipRole:
            lines = [f"{h.at.replace('T', ' ')}　{h.status}　{h.who}" for h in row.history]
            if row.checked_out:
                lines.append(f"由 {row.checked_out} 帶出離線編輯中")
            return "\n".join(lines) or None
        if role == Qt.UserRole:
            return row.id
        return None


class BoardWindow(QDialog):
    """`openRequested(draft_id)` asks the main window to open a draft."""

    openRequested = Signal(int)

    def __init__(self, repo, parent=None, today: date | None = None):
        super().__init__(parent)
        self.repo = repo
        self.today = today or date.today()
        self.setWindowTitle("繳交期限表")
        self.resize(1200, 640)
        self.all_rows: list[BoardRow] = []
        self.sort_key, self.descending = "days_left", False

        self.words = QLineEdit(placeholderText="報告名稱、出國人員或單位")
        self.status = QComboBox()
        self.status.addItems([ALL, *STATUSES])
        self.unit = QComboBox()
        self.overdue = QCheckBox("只看逾期")
        refresh = QPushButton("重新整理")
        export = QPushButton("匯出…")
        filters = QHBoxLayout()
        for label, widget in (("搜尋", self.words), ("狀態", self.status), ("單位", self.unit)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        filters.addWidget(refresh)
        filters.addWidget(export)

        self.model = BoardModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setEditTriggers(QTableView.NoEditTriggers)
        self.table.setSortingEnabled(False)  # sorted by the domain's rule; the header shows the order
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.summary = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)

        self.words.textChanged.connect(self.apply)
        self.status.currentIndexChanged.connect(self.apply)
        self.unit.currentIndexChanged.connect(self.apply)
        self.overdue.toggled.connect(self.apply)
        header.sectionClicked.connect(self._sort_by)
        refresh.clicked.connect(self.reload)
        export.clicked.connect(self.export)
        self.table.doubleClicked.connect(lambda index: self.openRequested.emit(self.model.data(index, Qt.UserRole)))
        self.reload()

    # ---- content ---------------------------------------------------------------------------------
    def reload(self) -> None:
        from desktop.storage import StorageError
        from desktop.storage.agency import board_entries

        try:
            self.all_rows = board_rows(board_entries(self.repo), self.today)
        except StorageError as err:
            QMessageBox.warning(self, "繳交期限表", str(err))
            return
        current = self.unit.currentText()
        units = sorted({r.unit for r in self.all_rows if r.unit})
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItems([ALL, *units])
        self.unit.setCurrentText(current if current in units else ALL)
        self.unit.blockSignals(False)
        self.apply()

    def current_filter(self) -> BoardFilter:
        pick = lambda box: "" if box.currentText() == ALL else box.currentText()  # noqa: E731
        return BoardFilter(self.words.text(), pick(self.status), pick(self.unit), self.overdue.isChecked())

    def shown_rows(self) -> list[BoardRow]:
        return sort_rows(filter_rows(self.all_rows, self.current_filter()), self.sort_key, self.descending)

    def apply(self, *_args) -> None:
        rows = self.shown_rows()
        self.model.set_rows(rows)
        column = [k for k, _h in COLUMNS].index(self.sort_key)
        self.table.horizontalHeader().setSortIndicator(column, Qt.DescendingOrder if self.descending
                                                       else Qt.AscendingOrder)
        overdue = sum(r.overdue for r in rows)
        self.summary.setText(f"共 {len(rows)} 份報告（全部 {len(self.all_rows)} 份）"
                             f"{f'，逾期 {overdue} 份以紅字標示' if overdue else ''}。連按兩下開啟草稿。")
        for col, width in ((0, 230), (1, 120), (2, 80), (3, 210), (4, 200), (5, 80), (6, 90), (7, 70), (8, 160)):
            self.table.setColumnWidth(col, width)

    def _sort_by(self, column: int) -> None:
        key = COLUMNS[column][0]
        self.descending = not self.descending if key == self.sort_key else False
        self.sort_key = key
        self.apply()

    # ---- export ----------------------------------------------------------------------------------
    def export(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, "匯出繳交期限表", "繳交期限表.xlsx",
                                                "Excel 活頁簿 (*.xlsx);;CSV (*.csv)")
        if target:
            self.export_to(target)

    def export_to(self, target: str) -> None:
        from pathlib import Path

        from desktop.export.board_export import export_board
        from desktop.fileio import FileWriteError

        path = Path(target)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        try:
            written = export_board(self.shown_rows(), path)
        except (ValueError, FileWriteError, OSError) as err:
            QMessageBox.warning(self, "無法匯出", f"沒有匯出：{err}")
            return
        self.summary.setText(f"已匯出 {self.model.rowCount()} 份報告到「{written}」。")
