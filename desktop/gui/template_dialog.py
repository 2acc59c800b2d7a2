"""以此草稿為範本新增 and 複製草稿: the window asks, domain/draft_copy.py makes the new draft."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from desktop.domain.draft_copy import draft_from_template, duplicate_draft
from desktop.gui.storage_guard import refused, storage_errors_said, window_text
from desktop.storage import StorageError

NO_SOURCE = "請先開啟一份草稿，或在草稿清單中選一份，再用它當範本或複製。"


class TemplateDialog(QDialog):
    """What to carry over from the earlier draft, and the new draft's name."""

    def __init__(self, parent, source_title: str):
        super().__init__(parent)
        self.setWindowTitle("以此草稿為範本新增")
        intro = QLabel(f"以「{source_title or '（未命名）'}」為範本新增一份草稿。\n"
                       "會沿用：報告種類與規定、服務機關、單位、出國人員、章節與標題。\n"
                       "會清空：出國期間、報告日期、系統識別號等這一趟的資料。")
        intro.setWordWrap(True)
        self.title_edit = QLineEdit(source_title)
        self.title_edit.setAccessibleName("新草稿的報告名稱")
        self.title_edit.selectAll()
        self.texts_box = QCheckBox("一併帶入各章內文、摘要、建議、附錄與行程（日期除外）")
        self.photos_box = QCheckBox("一併帶入照片與照片說明")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("新增草稿")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("報告名稱：", self.title_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.texts_box)
        layout.addWidget(self.photos_box)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())


def _source(window, source_id: int | None, title: str):
    """The draft to start from, after saving what was typed; None (having said why) if there is none."""
    if source_id is None:
        QMessageBox.information(window, title, NO_SOURCE)
        return None
    if refused(window, title):  # said before the user fills in the dialog
        return None
    if not window.save_pending_edits():
        return None
    try:
        return window.services.repo.load(source_id)
    except StorageError as err:
        QMessageBox.warning(window, title, window_text(str(err)))
        return None


def _store_and_open(window, report, note: str) -> int | None:
    with storage_errors_said(window, "無法新增草稿") as outcome:
        draft_id = window.services.repo.create(report)
    if outcome.failed:
        return None
    window.open_draft(draft_id)
    window.statusBar().showMessage(note, 10000)
    return draft_id


def new_from_template(window, source_id: int | None) -> int | None:
    """Ask, make the draft, open it; its id, or None when cancelled or impossible (said why)."""
    source = _source(window, source_id, "以此草稿為範本新增")
    if source is None:
        return None
    dialog = TemplateDialog(window, source.title)
    if dialog.exec() != QDialog.Accepted:
        return None
    report = draft_from_template(source, dialog.title_edit.text().strip(),
                                 keep_texts=dialog.texts_box.isChecked(), keep_photos=dialog.photos_box.isChecked())
    return _store_and_open(window, report, f"已以「{source.title or '（未命名）'}」為範本新增草稿。")


def duplicate(window, source_id: int | None) -> int | None:
    """Copy the whole draft (texts, photos, dates) and open the copy."""
    source = _source(window, source_id, "複製草稿")
    if source is None:
        return None
    return _store_and_open(window, duplicate_draft(source), f"已複製「{source.title or '（未命名）'}」，現在開啟的是副本。")
