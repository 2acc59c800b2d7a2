"""檢查與匯出: every machine check as a clickable list, a banner that turns green when all pass,
and the 匯出… button."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton

from desktop.domain.checks import ERROR, overall
from desktop.gui import colours
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage

BANNER = {  # the state's colour (colours.MEANINGS) and what to say
    "ok": ("ok", "全部符合規定，可以匯出送審。"),
    "warning": ("notice", "有 {n} 項提醒，不影響匯出；建議修正後再送審。"),
    "error": ("problem", "有 {n} 項問題待處理，按一下項目就會跳到要修改的地方。"),
}


class ReviewStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.banner = QLabel()
        self.banner.setAccessibleName("檢查結果")
        self.banner.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("檢查項目")
        self.list.setWordWrap(True)
        # By model index, never by QListWidgetItem: a jump saves, and every save rebuilds this list,
        # deleting the item that was clicked while its signal is still being delivered.
        self.list.activated.connect(self._jump)
        self.list.clicked.connect(self._jump)
        # The window's one export dialog, as the toolbar and the File menu open it: every format
        # and sheet is chosen there.
        self.export_button = QPushButton("匯出…")
        self.export_button.setAccessibleName("匯出")
        self.export_button.setToolTip("匯出報告（.docx、.pdf、.odt、機關範本）或單頁的提要、審核表（Ctrl+E）")
        self.export_button.clicked.connect(lambda: self.editor.export())
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        self.outer.addWidget(self.banner)
        self.outer.addWidget(self.list, 1)
        self.outer.addLayout(row)
        self.state = ""
        self.results = []

    def show_results(self, results) -> None:
        self.results = results
        self.state = overall(results)
        failing = [r for r in results if not r.ok]
        meaning, text = BANNER[self.state]
        palette = self.palette()
        self.banner.setText(text.format(n=len(failing)))
        self.banner.setStyleSheet(f"color: {colours.css(colours.meaning(meaning, palette))}; "
                                  f"background: {colours.css(colours.tint(meaning, palette))}; "
                                  "padding: 8px; font-weight: bold;")
        self.list.clear()
        # problems first, each with what to do; then what already passes
        for r in sorted(results, key=lambda r: (r.ok, r.severity != ERROR)):
            if r.ok:
                mark, meaning = "✔", "ok"
            elif r.severity == ERROR:
                mark, meaning = "✖", "problem"
            else:
                mark, meaning = "⚠", "notice"
            item = QListWidgetItem(f"{mark} {r.title}：{r.message}")
            item.setData(Qt.UserRole, r.target)
            item.setForeground(QBrush(colours.meaning(meaning, self.list.palette())))
            item.setToolTip("按一下前往修改" if r.target and not r.ok else "")
            self.list.addItem(item)

    def _jump(self, index: QModelIndex) -> None:
        target = index.data(Qt.UserRole) if index.isValid() else None
        if target and self.isVisible():  # one gesture may both click and activate: the first jump left
            self.editor.goto(target)

    def shown(self) -> None:
        self.editor.refresh_review()

    def completion(self) -> str:
        return {"ok": DONE, "warning": PARTIAL}.get(self.state, EMPTY)
