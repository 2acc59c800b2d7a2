"""How a photo looks inside the body text: its thumbnail with the caption under it, drawn as one
picture, so the text box treats photo and caption as one thing that moves and deletes whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from desktop.gui import colours

FIGURE_WIDTH = 300
PICTURE_HEIGHT = 200
PENDING_TEXT = "照片匯入中…"


def figure_image(thumbnail: Path | None, caption: str, *, number_hint: str = "圖",
                 pending: str = PENDING_TEXT) -> QImage:
    """The picture shown in the text for one photo: thumbnail (or a grey box saying `pending` when
    there is none yet, or that the file is missing) and below it 「圖：caption」, or a reminder when
    there is no caption."""
    picture = QImage(str(thumbnail)) if thumbnail is not None and Path(thumbnail).is_file() else QImage()
    font = QFont(QApplication.font())
    metrics = QFontMetrics(font)
    text = f"{number_hint}：{caption}" if caption.strip() else f"{number_hint}：（尚無圖說，請在「照片」步驟輸入）"
    text_rect = metrics.boundingRect(QRect(0, 0, FIGURE_WIDTH - 8, 1000), Qt.TextWordWrap | Qt.AlignHCenter, text)
    if not picture.isNull():
        picture = picture.scaled(FIGURE_WIDTH, PICTURE_HEIGHT, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    picture_height = picture.height() if not picture.isNull() else PICTURE_HEIGHT // 2
    image = QImage(FIGURE_WIDTH, picture_height + text_rect.height() + 14, QImage.Format_ARGB32_Premultiplied)
    image.fill(colours.role(QPalette.ColorRole.Base))
    painter = QPainter(image)
    try:
        if picture.isNull():
            painter.fillRect(QRect(0, 0, FIGURE_WIDTH, picture_height), colours.panel())
            painter.setPen(colours.muted())
            painter.setFont(font)
            painter.drawText(QRect(0, 0, FIGURE_WIDTH, picture_height), Qt.AlignCenter,
                             pending if thumbnail is None else "（照片檔不見了）")
        else:
            painter.drawImage((FIGURE_WIDTH - picture.width()) // 2, 0, picture)
        painter.setFont(font)
        painter.setPen(colours.role(QPalette.ColorRole.Text) if caption.strip() else colours.meaning("notice"))
        painter.drawText(QRect(4, picture_height + 6, FIGURE_WIDTH - 8, text_rect.height() + 4),
                         Qt.TextWordWrap | Qt.AlignHCenter, text)
        painter.setPen(colours.line())
        painter.drawRect(0, 0, FIGURE_WIDTH - 1, image.height() - 1)
    finally:
        painter.end()
    return image
