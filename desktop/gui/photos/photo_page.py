"""The photo step (first version): add photos, edit captions.

Contract with the editor: `set_report(report)` shows that report's photos; edits change
`report.photos` in place and emit `changed`, and the editor saves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.report import Photo, Report
from desktop.domain.text import clean_line
from desktop.services import Services

IMAGE_FILTER = "照片 (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.heic *.heif)"


class PhotoPage(QWidget):
    changed = Signal()

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.report: Report | None = None
        self.list = QListWidget()
        self.list.setAccessibleName("照片與圖說")
        self.list.itemChanged.connect(self._caption_edited)
        add = QPushButton("加入照片(&A)…")
        add.clicked.connect(self._add_photos)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)

    def set_report(self, report: Report) -> None:
        self.report = report
        self.list.blockSignals(True)
        self.list.clear()
        for photo in report.photos:
            item = QListWidgetItem(photo.caption)
            item.setFlags(item.flags() | Qt.ItemIsEditable)
            item.setData(Qt.UserRole, photo.id)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _add_photos(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "加入照片", "", IMAGE_FILTER)
        if not names or self.report is None:
            return
        for name in names:
            try:
                key = self.services.photos.add_file(Path(name))
            except OSError as err:
                QMessageBox.warning(self, "無法加入照片", f"{name}：{err.strerror or err}")
                continue
            self.report.photos.append(Photo(file=key))
        self.set_report(self.report)
        self.changed.emit()

    def _caption_edited(self, item: QListWidgetItem) -> None:
        if self.report is None:
            return
        photo = next((p for p in self.report.photos if p.id == item.data(Qt.UserRole)), None)
        if photo is not None:
            photo.caption = clean_line(item.text())
            self.changed.emit()
