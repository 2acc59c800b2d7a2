"""The import log: every file that was refused or changed, one line each, to read or copy."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from desktop.photos.importer import DUPLICATE, IMPORTED, REFUSED


def summary_text(results) -> str:
    counts = {IMPORTED: 0, DUPLICATE: 0, REFUSED: 0}
    for r in results:
        counts[r.status] += 1
    parts = [f"已匯入 {counts[IMPORTED]} 張"]
    if counts[DUPLICATE]:
        parts.append(f"{counts[DUPLICATE]} 張已在報告中（未重複加入）")
    if counts[REFUSED]:
        parts.append(f"{counts[REFUSED]} 個檔案無法匯入")
    noted = sum(1 for r in results if r.status == IMPORTED and r.notes)
    if noted:
        parts.append(f"{noted} 張有調整")
    return "，".join(parts) + "。"


class ImportLogDialog(QDialog):
    def __init__(self, results, parent=None):
        super().__init__(parent)
        self.setWindowTitle("匯入結果")
        self.resize(720, 420)
        worth_reading = [r for r in results if r.status != IMPORTED or r.notes]
        text = QPlainTextEdit("\n".join(r.line() for r in worth_reading) or "全部照片都已順利匯入。")
        text.setReadOnly(True)
        text.setAccessibleName("匯入結果")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary_text(results)))
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
