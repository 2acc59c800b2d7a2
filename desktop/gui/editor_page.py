"""The draft editor (first version): the cover fields and the body chapters, autosaved."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.report import CATEGORIES, Report
from desktop.domain.text import clean_line
from desktop.gui.autosave import Autosaver
from desktop.gui.widgets.roc_date_edit import RocDateEdit
from desktop.gui.widgets.text_edits import CleanLineEdit, CleanPlainTextEdit
from desktop.storage import DraftRepository


def _split_list(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";"):
        text = text.replace(sep, "、")
    return [part.strip() for part in text.split("、") if part.strip()]


class EditorPage(QWidget):
    saveFailed = Signal(str)
    saved = Signal()

    def __init__(self, repo: DraftRepository, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.report: Report | None = None
        self._loading = False
        self.autosaver = Autosaver(self._save, parent=self)
        self.autosaver.failed.connect(self.saveFailed)
        self.autosaver.saved.connect(self.saved)

        self.title_edit = self._line("報告名稱", "例：出席2026年亞太智慧城市論壇")
        self.category_combo = QComboBox()
        self.category_combo.addItems(CATEGORIES)
        self.category_combo.setAccessibleName("出國類別")
        self.category_combo.currentTextChanged.connect(self._changed)
        self.agency_edit = self._line("服務機關", "例：臺中市政府")
        self.unit_edit = self._line("單位", "例：秘書處國際事務科")
        self.countries_edit = self._line("派赴國家/地區", "以頓號分隔，例：日本、韓國")
        self.start_edit = self._date("出國日期")
        self.end_edit = self._date("返國日期")
        self.report_date_edit = self._date("報告日期")

        cover = QGroupBox("封面")
        form = QFormLayout(cover)
        form.addRow("報告名稱(&T)：", self.title_edit)
        form.addRow("出國類別：", self.category_combo)
        form.addRow("服務機關：", self.agency_edit)
        form.addRow("單位：", self.unit_edit)
        form.addRow("派赴國家/地區：", self.countries_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("至"))
        dates.addWidget(self.end_edit)
        form.addRow("出國期間：", dates)
        form.addRow("報告日期：", self.report_date_edit)

        self.summary_edit = self._text("摘要", "用 200–300 字說明這次出國的目的、過程與主要建議。")
        self.chapter_combo = QComboBox()
        self.chapter_combo.setAccessibleName("章節")
        self.chapter_combo.currentIndexChanged.connect(self._show_chapter)
        self.chapter_edit = self._text("章節內容", "一行一段。")

        body = QGroupBox("本文")
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(QLabel("摘要(&S)："))
        body_layout.addWidget(self.summary_edit, 1)
        chapter_row = QHBoxLayout()
        chapter_row.addWidget(QLabel("章節："))
        chapter_row.addWidget(self.chapter_combo, 1)
        body_layout.addLayout(chapter_row)
        body_layout.addWidget(self.chapter_edit, 3)

        layout = QHBoxLayout(self)
        layout.addWidget(cover, 2)
        layout.addWidget(body, 3)

    # ---- construction helpers --------------------------------------------------------------
    def _line(self, name: str, placeholder: str) -> CleanLineEdit:
        edit = CleanLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._changed)
        return edit

    def _date(self, name: str) -> RocDateEdit:
        edit = RocDateEdit()
        edit.setAccessibleName(name)
        edit.dateChanged.connect(self._changed)
        return edit

    def _text(self, name: str, placeholder: str) -> CleanPlainTextEdit:
        edit = CleanPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.textChanged.connect(self._changed)
        return edit

    # ---- loading and saving ----------------------------------------------------------------
    def load(self, draft_id: int) -> None:
        self.autosaver.flush()
        self._loading = True
        try:
            self.report = report = self.repo.load(draft_id)
            self.title_edit.setText(report.title)
            self.category_combo.setCurrentText(report.category or CATEGORIES[0])
            self.agency_edit.setText(report.agency)
            self.unit_edit.setText(report.unit)
            self.countries_edit.setText("、".join(report.countries))
            self.start_edit.set_date(report.start_date)
            self.end_edit.set_date(report.end_date)
            self.report_date_edit.set_date(report.report_date)
            self.summary_edit.setPlainText(report.summary)
            self.chapter_combo.clear()
            self.chapter_combo.addItems([c.heading or "（未命名章節）" for c in report.chapters])
            self._show_chapter(0)
        finally:
            self._loading = False

    def _show_chapter(self, index: int) -> None:
        if self.report is None or not (0 <= index < len(self.report.chapters)):
            return
        was_loading, self._loading = self._loading, True
        self.chapter_edit.setPlainText(self.report.chapters[index].text)
        self._loading = was_loading

    def _changed(self, *_args) -> None:
        if self._loading or self.report is None:
            return
        self._collect()
        self.autosaver.schedule()

    def _collect(self) -> None:
        r = self.report
        r.title = self.title_edit.text()
        rest = [c for c in r.categories[1:] if c != self.category_combo.currentText()]
        r.categories = [self.category_combo.currentText(), *rest]
        r.agency = self.agency_edit.text()
        r.unit = self.unit_edit.text()
        r.countries = [clean_line(c) for c in _split_list(self.countries_edit.text())]
        r.start_date = self.start_edit.date()
        r.end_date = self.end_edit.date()
        r.report_date = self.report_date_edit.date()
        r.summary = self.summary_edit.text()
        index = self.chapter_combo.currentIndex()
        if 0 <= index < len(r.chapters):
            r.chapters[index].text = self.chapter_edit.text()

    def _save(self) -> None:
        if self.report is not None:
            self.repo.save(self.report)

    def close_draft(self) -> bool:
        """Save what is pending; False if it could not be saved (the caller keeps the draft open)."""
        return self.autosaver.flush()
