"""Photos inside a chapter's text: choosing one of the draft's photos or new files for the cursor,
and bringing new files in through the photo import (the same background import as the 照片 step:
checked, turned upright, downscaled, print copies made), each appearing where it was asked for.

A photo asked for gets its id at once and a 「照片匯入中…」 picture at its place; when the import
says how it went, the picture becomes the photo, the photo already in the report (a duplicate),
or goes away with the reason said. Which section a photo belongs to is its placement, so
inserting one here places it here (blocks.with_placed_photos).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from desktop.domain.report import APPENDIX, Photo, Report, new_id
from desktop.domain.text import clean_line

IMAGE_FILTER = "照片 (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.heic *.heif *.gif);;所有檔案 (*)"


def _where(report: Report, placement: str) -> str:
    if placement == APPENDIX:
        return "附錄"
    section = report.find_section(placement)
    return f"「{section.heading or '未命名'}」" if section else "附錄"


class PhotoPicker(QDialog):
    """插入照片: one of this report's photos (Enter), or new files (從檔案加入…)."""

    def __init__(self, report: Report, store, parent=None):
        super().__init__(parent)
        self.setWindowTitle("插入照片")
        self.resize(560, 460)
        self.chosen_id = ""
        self.chosen_files: list[str] = []
        self.list = QListWidget()
        self.list.setAccessibleName("本報告的照片")
        self.list.setIconSize(QSize(96, 72))
        for photo in report.photos:
            thumb = store.thumb_path(photo.file) if store is not None else None
            icon = QIcon(QPixmap(str(thumb))) if thumb is not None and thumb.is_file() else QIcon()
            caption = clean_line(photo.caption) or "（尚無圖說）"
            item = QListWidgetItem(icon, f"{caption}\n目前在：{_where(report, photo.placement)}")
            item.setData(Qt.UserRole, photo.id)
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda _item: self.accept())
        if self.list.count():
            self.list.setCurrentRow(0)
        files = QPushButton("從檔案加入(&F)…")
        files.setAccessibleName("從檔案加入照片")
        files.clicked.connect(self._choose_files)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("插入")
        buttons.button(QDialogButtonBox.Ok).setEnabled(self.list.count() > 0)
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.addButton(files, QDialogButtonBox.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = "選一張本報告的照片放在游標處（照片會移到這一節），或從檔案加入新的照片。"
        if not self.list.count():
            hint = "這份報告還沒有照片：請按「從檔案加入…」。"
        label = QLabel(hint)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "加入照片", "", IMAGE_FILTER)
        if names:
            self.chosen_files = names
            self.done(QDialog.Accepted)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None and not self.chosen_files:
            self.chosen_id = item.data(Qt.UserRole)
        super().accept()


class PhotoFileImport(QObject):
    """Import files for photos already given their ids; one at a time in the background."""

    ready = Signal(str, str)  # the id asked for, the id of the photo it became
    failed = Signal(str, str)  # the id asked for, why (in Chinese)
    finished = Signal()

    def __init__(self, report: Report, store, section_id: str, parent=None):
        super().__init__(parent)
        self.report = report
        self.store = store
        self.section_id = section_id
        self.thread = None
        self._ids: list[str] = []

    @staticmethod
    def new_ids(count: int) -> list[str]:
        return [new_id() for _ in range(count)]

    def start(self, paths: list[str], ids: list[str]) -> None:
        from desktop.gui.photos.import_worker import ImportThread

        self._ids = list(ids)
        self._seen = 0
        self.thread = ImportThread([str(p) for p in paths], self.store, [p.file for p in self.report.photos], self)
        self.thread.result.connect(self._result)
        self.thread.failed.connect(lambda message: [self.failed.emit(i, message) for i in self._ids[self._seen:]])
        self.thread.finished.connect(self._finished)
        self.thread.start()

    def _result(self, _index: int) -> None:
        from desktop.photos.importer import DUPLICATE, IMPORTED

        while self._seen < len(self.thread.results):
            result = self.thread.results[self._seen]
            asked = self._ids[self._seen] if self._seen < len(self._ids) else ""
            self._seen += 1
            if not asked:
                continue
            if result.status == IMPORTED:
                photo = Photo(file=result.key, taken_at=result.taken_at, width=result.width, height=result.height,
                              placement=self.section_id, id=asked)
                self.report.photos.append(photo)
                self.ready.emit(asked, asked)
            elif result.status == DUPLICATE:
                existing = next((p for p in self.report.photos if p.file == result.key), None)
                if existing is None:
                    self.failed.emit(asked, f"「{Path(result.source).name}」已在報告中，但找不到那張照片。")
                else:
                    existing.placement = self.section_id
                    self.ready.emit(asked, existing.id)
            else:
                self.failed.emit(asked, f"「{Path(result.source).name}」無法加入：{result.message}")

    def _finished(self) -> None:
        self._result(0)
        for asked in self._ids[self._seen:]:  # cancelled before these were reached
            self.failed.emit(asked, "匯入已停止，照片未加入。")
        self.thread.deleteLater()
        self.thread = None
        self.finished.emit()

    def wait(self, timeout_ms: int = 60000) -> None:
        if self.thread is not None:
            self.thread.wait(timeout_ms)

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.cancel()
            self.thread.wait()
