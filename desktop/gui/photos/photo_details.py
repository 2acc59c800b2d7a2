"""The photo step's side panel: the selected photo's preview, caption, place in the report and facts.

It scrolls rather than grow, and its preview has a fixed height, so selecting a photo never makes
the window taller than a laptop screen. Edits leave as intents: `captionEdited(text)` and
`placementChosen(value)`; the page records them (undo) and saves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout

from desktop.domain.report import Photo
from desktop.gui import colours
from desktop.gui.widgets.elided_combo import ElidedComboBox
from desktop.gui.widgets.text_edits import CleanLineEdit

PREVIEW_HEIGHT = 150
PANEL_WIDTH = 250
TIPS = ("小技巧\n・拖曳照片可調整順序\n・按兩下照片直接輸入圖說\n・Delete 移除，Ctrl+Z 復原\n"
        "・新照片先放在附錄，可改放到章節")


class PhotoDetails(QScrollArea):
    captionEdited = Signal(str)
    placementChosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        panel = QFrame()
        palette = self.palette()
        muted, quiet = colours.css(colours.muted(palette)), colours.css(colours.panel(palette))
        panel.setStyleSheet(f"QFrame#details {{ background: {colours.css(palette.color(QPalette.ColorRole.Base))}; "
                            f"border: 1px solid {colours.css(colours.line(palette))}; border-radius: 8px; }}")
        panel.setObjectName("details")
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setFixedHeight(PREVIEW_HEIGHT)
        self.preview.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)  # a wide photo must not widen it
        self.preview.setStyleSheet(f"background: {quiet}; border-radius: 6px; color: {muted};")
        self.caption_edit = CleanLineEdit()
        self.caption_edit.setAccessibleName("圖說")
        self.caption_edit.setPlaceholderText("例：與東京消防廳簡報交流")
        self.caption_edit.editingFinished.connect(self._caption_done)
        self.placement_combo = ElidedComboBox()
        self.placement_combo.setAccessibleName("放在報告的位置")
        self.placement_combo.activated.connect(self._placement_done)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setStyleSheet(f"color: {muted};")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapAllRows)  # each box gets the panel's whole width
        form.addRow("圖說(&C)：", self.caption_edit)
        form.addRow("位置(&P)：", self.placement_combo)
        tips = QLabel(TIPS)
        tips.setStyleSheet(f"color: {muted}; background: {quiet}; border-radius: 6px; padding: 6px;")
        tips.setWordWrap(True)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(self.info_label)
        layout.addStretch(1)
        layout.addWidget(tips)
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setMinimumWidth(PANEL_WIDTH)
        self._syncing = False
        self.show_photos([], None)

    def set_placements(self, choices: list[tuple[str, str]]) -> None:
        self.placement_combo.clear()
        for value, label in choices:
            self.placement_combo.addItem(label, value)

    def show_photos(self, chosen: list[Photo], thumbnail: QPixmap | None) -> None:
        """Show the first of the selected photos (`thumbnail` is its picture, None while made)."""
        self._syncing = True
        try:
            self.caption_edit.setEnabled(len(chosen) == 1)
            self.placement_combo.setEnabled(bool(chosen))
            if not chosen:
                self.preview.setPixmap(QPixmap())
                self.preview.setText("選取一張照片，\n即可編輯圖說與位置")
                self.caption_edit.clear()
                self.info_label.clear()
                return
            photo = chosen[0]
            if len(chosen) == 1:
                self.caption_edit.setText(photo.caption)
                self.caption_edit.setCursorPosition(0)  # a long caption shows its beginning
            else:
                self.caption_edit.setText("")
                self.caption_edit.setPlaceholderText(f"已選取 {len(chosen)} 張")
            self.placement_combo.setCurrentIndex(max(0, self.placement_combo.findData(photo.placement)))
            if thumbnail is not None:
                ratio = self.preview.devicePixelRatioF()  # device pixels: sharp on a high-DPI screen
                shown = thumbnail.scaled(round(max(self.preview.width() - 8, 40) * ratio),
                                         round((PREVIEW_HEIGHT - 8) * ratio), Qt.KeepAspectRatio,
                                         Qt.SmoothTransformation)
                shown.setDevicePixelRatio(ratio)
                self.preview.setPixmap(shown)
            when = photo.taken_at.replace("T", " ")[:16] if photo.taken_at else "不明"
            self.info_label.setText(f"拍攝時間：{when}\n尺寸：{photo.width}×{photo.height} 像素")
        finally:
            self._syncing = False

    def _caption_done(self) -> None:
        if not self._syncing:
            self.captionEdited.emit(self.caption_edit.text())

    def _placement_done(self, _index: int) -> None:
        if not self._syncing:
            self.placementChosen.emit(self.placement_combo.currentData())
