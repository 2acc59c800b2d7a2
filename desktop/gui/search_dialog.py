"""Search across every draft (Ctrl+F): results as you type, the match highlighted, and Enter or a
double click opens the draft at the chapter where the match is."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from desktop.storage import StorageError
from desktop.storage.search import SearchHit, SearchIndex

TYPE_DELAY_MS = 200
SLOW_CATCH_UP_DRAFTS = 20


def hit_html(hit: SearchHit) -> str:
    a, b = hit.match_start, hit.match_start + hit.match_length
    excerpt = (html.escape(hit.excerpt[:a]) + "<b style='background:#ffe066'>" + html.escape(hit.excerpt[a:b])
               + "</b>" + html.escape(hit.excerpt[b:]))
    title = html.escape(hit.draft_title or "（未命名）")
    return f"<b>{title}</b>　<span style='color:#666'>{html.escape(hit.where)}</span><br>{excerpt}"


class SearchDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.index = SearchIndex(window.services.repo.db)
        self.hits: list[SearchHit] = []
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPE_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(lambda _t: self._timer.start())
        self.query_edit.returnPressed.connect(self._open_first_or_current)
        self.results.itemActivated.connect(lambda item: self.open_hit(self.results.row(item)))

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

    def run_search(self) -> None:
        self._timer.stop()
        query = self.query_edit.text().strip()
        self.results.clear()
        if not query:
            self.hits = []
            self.status.setText("")
            return
        try:
            if self.index.pending() > SLOW_CATCH_UP_DRAFTS:  # e.g. the first search after an upgrade
                self.status.setText("正在建立搜尋索引（只有第一次需要），請稍候…")
                self.status.repaint()
            self.hits = self.index.search(query)
        except StorageError as err:
            self.status.setText(str(err))
            return
        for hit in self.hits:
            item = QListWidgetItem()
            label = QLabel(hit_html(hit))
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(4, 4, 4, 4)
            width = max(self.results.viewport().width() - 8, 200)
            item.setSizeHint(QSize(width, label.heightForWidth(width)))
            item.setData(Qt.AccessibleTextRole, f"{hit.draft_title} {hit.where} {hit.excerpt}")
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        drafts = len({h.draft_id for h in self.hits})
        self.status.setText(f"在 {drafts} 份草稿中找到 {len(self.hits)} 處。" if self.hits else "找不到。")
        if self.hits:
            self.results.setCurrentRow(0)

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
