"""說明 → 使用說明 (F1): the user guide (docs/guide/*.md, shipped with the app), offline.

One page per step of the editor; F1 opens the page of the step on screen. QTextBrowser shows the
Markdown as it is written, with its screenshots; links between pages work, links to the web open in
the browser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QSplitter, QTextBrowser, QWidget

from desktop import APP_TITLE
from desktop.paths import docs_dir

# (file, title) in reading order; the first is the table of contents
PAGES = (
    ("index.md", "使用說明"),
    ("start.md", "開始：草稿清單與新增草稿"),
    ("basic.md", "基本資料"),
    ("travellers.md", "出國人員"),
    ("summary.md", "摘要"),
    ("chapters.md", "各章：目的、心得與自訂章節"),
    ("process.md", "過程與行程"),
    ("recommendations.md", "建議"),
    ("photos.md", "照片"),
    ("appendix.md", "附錄"),
    ("review-export.md", "檢查與匯出"),
    ("preview.md", "頁面預覽"),
    ("find-replace.md", "尋找與取代"),
    ("safety.md", "不怕遺失：備份、版本紀錄、草稿包"),
    ("settings.md", "程式記得的事與快捷鍵"),
)
# The page for each step of the form (forms/*.json step ids); other chapters share chapters.md.
STEP_PAGES = {
    "basic": "basic.md", "travellers": "travellers.md", "summary": "summary.md", "process": "process.md",
    "recommendations": "recommendations.md", "photos": "photos.md", "appendix": "appendix.md",
    "review": "review-export.md",
}


def guide_dir() -> Path:
    return docs_dir() / "guide"


def page_for_step(step_id: str) -> str:
    if not step_id:
        return "start.md"
    return STEP_PAGES.get(step_id, "chapters.md")


class HelpWindow(QWidget):
    """A window of its own beside the editor (not modal: one reads and types at once)."""

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"使用說明 — {APP_TITLE}")
        self.setObjectName("help-window")
        self.contents = QListWidget()
        self.contents.setAccessibleName("目錄")
        for file, title in PAGES:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, file)
            self.contents.addItem(item)
        self.contents.currentItemChanged.connect(lambda item, _old: item and self.open_page(item.data(Qt.ItemDataRole.UserRole)))
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("說明內容")
        self.browser.setOpenLinks(False)  # decided in _link: pages here, the web in the browser
        self.browser.anchorClicked.connect(self._link)
        self.browser.setSearchPaths([str(guide_dir())])
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 860])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1100, 700)
        self.current = ""

    @classmethod
    def show_for(cls, window, step_id: str = "") -> HelpWindow:
        helper = window.findChild(HelpWindow, "help-window")
        if helper is None:
            helper = cls(window)
        helper.open_page(page_for_step(step_id))
        helper.show()
        helper.raise_()
        helper.activateWindow()
        return helper

    def open_page(self, file: str) -> bool:
        path = guide_dir() / file
        if not path.is_file():
            self.browser.setPlainText(f"找不到說明檔「{path}」：安裝不完整，請重新安裝；線上也可閱讀專案的 docs/guide/。")
            return False
        self.current = file
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == file and self.contents.currentRow() != row:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)
        return True

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        name = Path(url.toLocalFile() or url.path()).name
        if name.endswith(".md"):
            self.open_page(name)
