"""The thumbnail grid: a list model over report.photos, a card delegate, and a view that reorders
by dragging and takes files and folders dropped from the desktop."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QDrag, QFont, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QStyle, QStyledItemDelegate

from desktop.domain.report import Photo, Report
from desktop.domain.text import clean_line
from desktop.gui import colours
from desktop.photos.arrange import placement_label

PHOTO_MIME = "application/x-tripreport-photo-ids"
PhotoRole = Qt.UserRole + 1
# The smallest card: at 1200×720 two rows of four fit beside the side panel, at 1366×768 two of
# five; cards widen (up to 80 px) to fill the row.
CARD = QSize(156, 196)
THUMB_H = 104
MARGIN = 8

# Over a photo the page number sits on a dark veil whatever the theme: the photo is the background.
BADGE_VEIL = QColor(0, 0, 0, 150)


class PhotoListModel(QAbstractListModel):
    """Rows are report.photos itself (edited in place). Captions edited in the grid come back
    through `captionEdited` so the page can record the change for undo and save."""

    captionEdited = Signal(str, str)  # photo id, new caption

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.report: Report | None = None
        self._pixmaps: dict[str, QPixmap] = {}

    @property
    def photos(self) -> list[Photo]:
        return self.report.photos if self.report is not None else []

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def insert_photo(self, row: int, photo: Photo) -> None:
        """Put a new photo into report.photos at `row`, keeping the selection."""
        self.beginInsertRows(QModelIndex(), row, row)
        self.photos.insert(row, photo)
        self.endInsertRows()

    def photo_changed(self, photo_id: str) -> None:
        row = self.row_of(photo_id)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, photo_id: str) -> int | None:
        return next((i for i, p in enumerate(self.photos) if p.id == photo_id), None)

    def thumbnail(self, photo: Photo) -> QPixmap | None:
        """The cached thumbnail, or None while it is still being made."""
        pixmap = self._pixmaps.get(photo.file)
        if pixmap is None:
            path = self.store.thumb_path(photo.file)
            if not path.is_file():
                return None
            pixmap = QPixmap(str(path))
            if pixmap.isNull():
                return None
            self._pixmaps[photo.file] = pixmap
        return pixmap

    def thumbnail_ready(self, key: str) -> None:
        self._pixmaps.pop(key, None)
        for row, photo in enumerate(self.photos):
            if photo.file == key:
                self.dataChanged.emit(self.index(row), self.index(row))

    # ---- QAbstractListModel --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self.photos)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.photos)):
            return None
        photo = self.photos[index.row()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            return photo.caption
        if role == PhotoRole:
            return photo
        if role == Qt.ToolTipRole:
            return f"{photo.caption or '尚無圖說'}\n位置：{placement_label(self.report, photo.placement)}"
        if role == Qt.AccessibleTextRole:
            return f"第 {index.row() + 1} 張：{photo.caption or '尚無圖說'}"
        return None

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:  # noqa: N802 (Qt override)
        if role != Qt.EditRole or not index.isValid():
            return False
        photo = self.photos[index.row()]
        caption = clean_line(str(value))
        if caption != photo.caption:
            self.captionEdited.emit(photo.id, caption)
        return True

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        return Qt.ItemIsSelectable | Qt.ItemIsEnabled | Qt.ItemIsEditable | Qt.ItemIsDragEnabled

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 (Qt override)
        mime = QMimeData()
        ids = [self.photos[i.row()].id for i in sorted(indexes, key=lambda i: i.row())]
        mime.setData(PHOTO_MIME, QByteArray("\n".join(ids).encode()))
        return mime


class PhotoDelegate(QStyledItemDelegate):
    """A card: thumbnail, order number, caption (or a marked 尚無圖說), date and place in the report."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.card = QSize(CARD)  # widened by the grid so the columns fill its width

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        return self.card

    @staticmethod
    def caption_rect(rect: QRect) -> QRect:
        thumb_h = THUMB_H + (rect.width() - CARD.width() + 8) * 3 // 4
        return QRect(rect.left() + MARGIN, rect.top() + MARGIN + thumb_h + 6, rect.width() - 2 * MARGIN, 40)

    def paint(self, painter: QPainter, option, index) -> None:
        photo: Photo = index.data(PhotoRole)
        model: PhotoListModel = index.model()
        rect = option.rect.adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.State_Selected)
        missing = not photo.caption.strip()
        palette = option.palette
        accent, muted = palette.color(QPalette.ColorRole.Highlight), colours.muted(palette)
        notice = colours.meaning("notice", palette)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        card = QPainterPath()
        card.addRoundedRect(rect, 10, 10)
        base = palette.color(QPalette.ColorRole.Base)
        painter.fillPath(card, colours.blend(accent, base, 0.15) if selected else base)
        border = accent if selected else (notice if missing else colours.line(palette))
        painter.setPen(QPen(border, 2.5 if selected else (1.8 if missing else 1)))
        painter.drawPath(card)

        thumb_h = THUMB_H + (rect.width() - CARD.width() + 8) * 3 // 4  # keep 4:3 as cards widen
        thumb_box = QRect(rect.left() + MARGIN, rect.top() + MARGIN, rect.width() - 2 * MARGIN, thumb_h)
        pixmap = model.thumbnail(photo)
        if pixmap is None:
            painter.fillRect(thumb_box, colours.panel(palette))
            painter.setPen(muted)
            painter.drawText(thumb_box, Qt.AlignCenter, "處理中…")
        else:
            # scaled in device pixels: sharp on a high-DPI screen, not a small image stretched
            ratio = painter.device().devicePixelRatioF()
            scaled = pixmap.scaled(thumb_box.size() * ratio, Qt.KeepAspectRatio, Qt.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            size = scaled.deviceIndependentSize().toSize()
            at = thumb_box.topLeft() + QPoint((thumb_box.width() - size.width()) // 2,
                                              (thumb_box.height() - size.height()) // 2)
            painter.drawPixmap(at, scaled)

        badge = QRect(rect.left() + MARGIN + 4, rect.top() + MARGIN + 4, 28, 20)
        painter.setPen(Qt.NoPen)
        painter.setBrush(BADGE_VEIL)
        painter.drawRoundedRect(badge, 6, 6)
        painter.setPen(Qt.white)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1.5))
        painter.setFont(small)
        painter.drawText(badge, Qt.AlignCenter, str(index.row() + 1))

        caption_box = self.caption_rect(rect)
        painter.setFont(option.font)
        if missing:
            painter.setPen(notice)
            painter.drawText(caption_box, Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, "⚠ 尚無圖說（按兩下輸入）")
        else:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            text = option.fontMetrics.elidedText(photo.caption, Qt.ElideRight, caption_box.width() * 2 - 20)
            painter.drawText(caption_box, Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, text)

        footer = QRect(rect.left() + MARGIN, rect.bottom() - MARGIN - 18, rect.width() - 2 * MARGIN, 18)
        painter.setFont(small)
        when = photo.taken_at[:10].replace("-", "/") if photo.taken_at else "日期不明"
        painter.setPen(muted)
        painter.drawText(footer, Qt.AlignLeft | Qt.AlignVCenter, when)
        place = placement_label(model.report, photo.placement)
        room = footer.width() - painter.fontMetrics().horizontalAdvance(when) - 10  # what the date leaves
        place = painter.fontMetrics().elidedText(place, Qt.ElideRight, room - 14)
        chip_w = min(room, painter.fontMetrics().horizontalAdvance(place) + 14)
        chip = QRect(footer.right() - chip_w, footer.top(), chip_w, footer.height())
        painter.setPen(Qt.NoPen)
        in_appendix = place == "附錄"
        painter.setBrush(colours.panel(palette) if in_appendix else colours.tint("ok", palette, 0.2))
        painter.drawRoundedRect(chip, 8, 8)
        painter.setPen(muted if in_appendix else colours.meaning("ok", palette))
        painter.drawText(chip, Qt.AlignCenter, place)
        painter.restore()

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt override)
        editor = QLineEdit(parent)
        editor.setPlaceholderText("輸入圖說，Enter 確定")
        editor.setAccessibleName("圖說")
        return editor

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802 (Qt override)
        box = self.caption_rect(option.rect.adjusted(4, 4, -4, -4))
        editor.setGeometry(box.adjusted(-2, 0, 2, -12))

    def setEditorData(self, editor, index) -> None:  # noqa: N802 (Qt override)
        editor.setText(index.data(Qt.EditRole) or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 (Qt override)
        model.setData(index, editor.text(), Qt.EditRole)


class PhotoGrid(QListView):
    """Wrapping grid of cards. Dragging cards moves them (`moveRequested`); dropping files or
    folders from outside asks for an import (`filesDropped`)."""

    moveRequested = Signal(list, int)  # photo ids, the row to put them before
    filesDropped = Signal(list)  # local paths

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListView.IconMode)
        self.setMovement(QListView.Static)  # reordering goes through the model, not free placement
        self.setResizeMode(QListView.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(False)  # True caches the first card size and ignores widening
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setAccessibleName("照片")
        palette = self.palette()
        self.setStyleSheet(f"QListView {{ background: {colours.css(colours.panel(palette))}; "
                           f"border: 1px solid {colours.css(colours.line(palette))}; border-radius: 8px; }}")
        self._drop_row: int | None = None

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Widen the cards so whole columns fill the width, instead of a ragged gap on the right."""
        super().resizeEvent(event)
        delegate = self.itemDelegate()
        if isinstance(delegate, PhotoDelegate):
            gap = self.spacing()
            # Qt wraps icon rows as if the vertical scroll bar were always there.
            scrollbar = self.style().pixelMetric(QStyle.PM_ScrollBarExtent)
            available = self.maximumViewportSize().width() - scrollbar - gap - 4
            columns = max(1, available // (CARD.width() + gap))
            width = min(CARD.width() + 80, max(CARD.width(), available // columns - gap))
            if width != delegate.card.width():
                extra = (width - CARD.width()) * 3 // 4
                delegate.card = QSize(width, CARD.height() + extra)
                self.doItemsLayout()

    # ---- dragging cards --------------------------------------------------------------------------
    def startDrag(self, actions) -> None:  # noqa: N802 (Qt override)
        indexes = self.selectedIndexes()
        if not indexes:
            return
        drag = QDrag(self)
        drag.setMimeData(self.model().mimeData(indexes))
        photo = indexes[0].data(PhotoRole)
        pixmap = self.model().thumbnail(photo)
        if pixmap is not None:
            drag.setPixmap(pixmap.scaled(96, 96, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        drag.exec(Qt.MoveAction)  # the drop handler reorders; nothing is removed here
        self._set_drop_row(None)

    def drop_row_at(self, pos: QPoint) -> int:
        """The row a drop at `pos` inserts before: the left half of a card means before it."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.x() > rect.center().x() else 0)

    @staticmethod
    def _local_paths(mime: QMimeData) -> list[str]:
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        mime = event.mimeData()
        if mime.hasFormat(PHOTO_MIME) or self._local_paths(mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        mime = event.mimeData()
        if mime.hasFormat(PHOTO_MIME):
            self._set_drop_row(self.drop_row_at(event.position().toPoint()))
            event.acceptProposedAction()
        elif self._local_paths(mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._set_drop_row(None)
        event.accept()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        mime = event.mimeData()
        self._set_drop_row(None)
        if mime.hasFormat(PHOTO_MIME):
            ids = bytes(mime.data(PHOTO_MIME)).decode().split("\n")
            self.moveRequested.emit([i for i in ids if i], self.drop_row_at(event.position().toPoint()))
            event.setDropAction(Qt.MoveAction)
            event.accept()
            return
        paths = self._local_paths(mime)
        if paths:
            event.setDropAction(Qt.CopyAction)
            event.accept()
            self.filesDropped.emit(paths)
            return
        event.ignore()

    def _set_drop_row(self, row: int | None) -> None:
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()

    # ---- painting the insertion mark and the empty state ----------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.Antialiasing)
        rows = self.model().rowCount() if self.model() else 0
        if rows == 0:
            box = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.setPen(QPen(colours.line(self.palette()), 2, Qt.DashLine))
            painter.drawRoundedRect(box, 14, 14)
            painter.setPen(colours.muted(self.palette()))
            big = QFont(self.font())
            big.setPointSizeF(self.font().pointSizeF() + 3)
            painter.setFont(big)
            painter.drawText(box, Qt.AlignCenter,
                             "把手機的照片或整個資料夾拖到這裡\n或按上方的「加入照片」\n\n"
                             "照片會自動轉正、縮小，並移除 GPS 位置等個人資料")
        elif self._drop_row is not None:
            last = self._drop_row >= rows
            rect = self.visualRect(self.model().index(rows - 1 if last else self._drop_row, 0))
            x = rect.right() + 2 if last else rect.left() + 1
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 4, Qt.SolidLine, Qt.RoundCap))
            painter.drawLine(x, rect.top() + 10, x, rect.bottom() - 10)
        painter.end()
