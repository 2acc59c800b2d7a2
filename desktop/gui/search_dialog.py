"""Search across every draft (Ctrl+F): results as you type, the match highlighted, and Enter or a
double click opens the draft at the chapter where the match is. One page of hits, the newest text
first; "more" asks for the next page. While the index is still catching up (after an upgrade) the
dialog says so and searches again until it has caught up."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.gui import colours
from desktop.storage import StorageError
from desktop.storage.search import PAGE_SIZE, SearchHit, SearchIndex

TYPE_DELAY_MS = 200
PENDING_RETRY_MS = 1000  # while the index catches up, search again this often


def hit_html(hit: SearchHit, palette=None) -> str:
    """A hit as rich text, coloured for `palette` (the application's by default)."""
    a, b = hit.match_start, hit.match_start + hit.match_length
    marked = colours.css(colours.tint("notice", palette, 0.35))
    excerpt = (html.escape(hit.excerpt[:a]) + f"<b style='background:{marked}'>" + html.escape(hit.excerpt[a:b])
               + "</b>" + html.escape(hit.excerpt[b:]))
    title = html.escape(hit.draft_title or "（未命名）")
    where = f"<span style='color:{colours.css(colours.muted(palette))}'>{html.escape(hit.where)}</span>"
    return f"<b>{title}</b>　{where}<br>{excerpt}"


class SearchDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.index = SearchIndex(window.services.repo.db)
        self.hits: list[SearchHit] = []
        self.limit = PAGE_SIZE
        self.setWindowTitle("搜尋所有草稿")
        self.resize(640, 480)
        self.query_edit = QLineEdit()
        self.query_edit.setAccessibleName("搜尋文字")
        self.query_edit.setPlaceholderText("輸入要找的文字（報告名稱、章節、建議、圖說）")
        self.query_edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setAccessibleName("搜尋結果")
        self.results.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.more_button = QPushButton("顯示更多結果(&M)")
        self.more_button.clicked.connect(self.show_more)
        self.more_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addLayout(status_row)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPE_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(self._query_changed)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(PENDING_RETRY_MS)
        self._retry.timeout.connect(self._search_again)
        self.query_edit.returnPressed.connect(self._open_first_or_current)
        self.results.activated.connect(lambda index: self.open_hit(index.row()))  # a row, not its item

    @classmethod
    def show_for(cls, window) -> SearchDialog:
        dialog = getattr(window, "_search_dialog", None)
        if dialog is None:
            dialog = window._search_dialog = cls(window)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.query_edit.setFocus()
        dialog.query_edit.selectAll()
        return dialog

    def _query_changed(self, _text: str) -> None:
        self.limit = PAGE_SIZE
        self._timer.start()

    def show_more(self) -> None:
        self.limit += PAGE_SIZE
        row = self.results.currentRow()
        self.run_search()
        self.results.setCurrentRow(max(row, 0))

    def _search_again(self) -> None:
        if self.isVisible():
            row = self.results.currentRow()
            self.run_search()
            self.results.setCurrentRow(max(min(row, self.results.count() - 1), 0))

    def run_search(self) -> None:
        self._timer.stop()
        self._retry.stop()
        query = self.query_edit.text().strip()
        self.results.clear()
        self.more_button.hide()
        if not query:
            self.hits = []
            self.status.setText("")
            return
        try:
            self.hits = found = self.index.search(query, limit=self.limit)
        except StorageError as err:
            self.hits = []
            self.status.setText(str(err))
            return
        width = max(self.results.viewport().width() - 8, 200)
        for hit in found:
            item = QListWidgetItem()
            label = QLabel(hit_html(hit, self.palette()))
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(4, 4, 4, 4)
            item.setSizeHint(QSize(width, label.heightForWidth(width)))
            item.setData(Qt.AccessibleTextRole, f"{hit.draft_title} {hit.where} {hit.excerpt}")
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        self.status.setText(self._summary(found))
        self.more_button.setVisible(found.more)
        if found.pending:
            self._retry.start()
        if found:
            self.results.setCurrentRow(0)

    @staticmethod
    def _summary(found) -> str:
        drafts = len({h.draft_id for h in found})
        if found.more:
            text = f"最近的 {len(found)} 處（在 {drafts} 份草稿中）；還有更多，可再輸入幾個字縮小範圍。"
        elif found:
            text = f"在 {drafts} 份草稿中找到 {len(found)} 處。"
        else:
            text = "找不到。"
        if found.pending:
            text += f"\n搜尋索引還在建立，尚有 {found.pending} 份草稿沒有搜尋到；完成後結果會自動更新。"
        return text

    def _open_first_or_current(self) -> None:
        if self._timer.isActive() or not self.hits:
            self.run_search()
        if self.hits:
            self.open_hit(max(self.results.currentRow(), 0))

    def open_hit(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.hide()
            self.window.open_draft(hit.draft_id, hit.section_id)
