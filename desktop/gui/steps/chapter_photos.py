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

LOADING_TEXT = "照片讀取中…"
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
    """Import files for photos already given their ids; one at a time in the background.

    It belongs to the application, not to the chapter page: a page is deleted when another draft
    is opened, and a running import thread must not be deleted with it. Quitting stops it."""

    ready = Signal(str, str)  # the id asked for, the id of the photo it became
    failed = Signal(str, str)  # the id asked for, why (in Chinese)
    finished = Signal()

    def __init__(self, report: Report, store, section_id: str):
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        super().__init__(app)
        app.aboutToQuit.connect(self.stop)
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
        self.deleteLater()

    def wait(self, timeout_ms: int = 60000) -> None:
        if self.thread is not None:
            self.thread.wait(timeout_ms)

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.cancel()
            self.thread.wait()


def local_image_files(images, folder: Path) -> tuple[list[str], list[int], list[str]]:
    """The files behind pasted pictures: (paths, index of each in `images`, reasons for the rest).
    file:// paths are used where they are; data: pictures are written into `folder`; pictures on
    the web are not fetched (the app works offline)."""
    import base64
    import binascii

    from PySide6.QtCore import QUrl

    paths, indexes, reasons = [], [], []
    for i, image in enumerate(images):
        src = image.src.strip()
        if src.lower().startswith("data:image/") and ";base64," in src[:64]:
            kind = src[11:src.index(";")].lower()
            try:
                data = base64.b64decode(src[src.index(",") + 1:], validate=False)
            except (binascii.Error, ValueError):
                reasons.append("一張貼上的圖片資料已損壞")
                continue
            target = folder / f"pasted-{i}.{'jpg' if kind in ('jpeg', 'jpg') else kind[:5]}"
            target.write_bytes(data)
            paths.append(str(target))
            indexes.append(i)
            continue
        url = QUrl(src)
        if url.isLocalFile() or (not url.scheme() and Path(src).is_file()):
            local = url.toLocalFile() if url.isLocalFile() else src
            if Path(local).is_file():
                paths.append(local)
                indexes.append(i)
            else:
                reasons.append(f"找不到圖片檔「{Path(local).name}」（來源程式關閉後就不在了）")
            continue
        reasons.append("網頁上的圖片不會自動下載：請先另存成檔案，再按「插入照片」加入")
    return paths, indexes, reasons


class ChapterPhotos(QObject):
    """The photos of the chapter editor's text box: their pictures, and the ones being added."""

    def __init__(self, chapter_editor):
        super().__init__(chapter_editor)
        self.chapter_editor = chapter_editor
        self._drawn: dict[str, tuple[str, str]] = {}  # photo id → (file, caption) its picture shows
        self._figures: dict[str, object] = {}
        self._importing: list[PhotoFileImport] = []
        self._thumbnails_tried: set[str] = set()  # photo files whose small picture was asked for
        self._work = None  # a temporary folder for pasted pictures

    @property
    def report(self) -> Report:
        return self.chapter_editor.editor.report

    @property
    def store(self):
        return self.chapter_editor.editor.services.photos

    @property
    def edit(self):
        return self.chapter_editor.text_edit

    def figure(self, photo_id: str):
        from desktop.gui.widgets.photo_figure import figure_image

        photo = next((p for p in self.report.photos if p.id == photo_id), None)
        key = (photo.file, photo.caption) if photo is not None else ("", "")
        if photo_id in self._figures and self._drawn.get(photo_id) == key:
            return self._figures[photo_id]
        thumb = self.store.thumb_path(photo.file) if photo is not None and photo.file else None
        caption = clean_line(photo.caption) if photo is not None else ""
        if thumb is not None and not thumb.is_file() and photo.file not in self._thumbnails_tried:
            # a photo this PC has no small picture of yet (a co-author's on the agency server, one
            # from a package): fetched and made off the window's thread, then drawn again
            self._make_thumbnail(photo.file)
            image = figure_image(None, caption, pending=LOADING_TEXT)
        else:
            image = figure_image(thumb, caption)
        self._figures[photo_id] = image
        self._drawn[photo_id] = key
        return image

    def _make_thumbnail(self, file: str) -> None:
        from desktop.gui.photos.import_worker import run_task
        from desktop.photos.edit import ensure_thumbnail

        self._thumbnails_tried.add(file)
        store = self.store
        run_task(lambda: ensure_thumbnail(store, file), lambda _path, _error: self._thumbnail_done(file), self)

    def _thumbnail_done(self, file: str) -> None:
        """Draw again every photo showing `file`: its picture, or that the file is missing."""
        for photo in self.report.photos if self.report is not None else []:
            if photo.file == file and photo.id in self._figures:
                self._figures.pop(photo.id)
                self.edit.refresh_photo(photo.id)

    def forget_figures(self) -> None:
        self._figures.clear()

    def captions_changed(self, blocks) -> bool:
        from desktop.domain.blocks import photo_ids

        by_id = {p.id: p for p in self.report.photos}
        return any(pid in by_id and self._drawn.get(pid) != (by_id[pid].file, by_id[pid].caption)
                   for pid in photo_ids(blocks))

    # ---- asking ------------------------------------------------------------------------------
    def ask(self) -> None:
        section = self.chapter_editor.current
        if section is None or self.report is None:
            return
        picker = PhotoPicker(self.report, self.store, self.chapter_editor)
        if picker.exec() != QDialog.Accepted:
            return
        if picker.chosen_files:
            self.add_files(picker.chosen_files)
        elif picker.chosen_id:
            photo = next(p for p in self.report.photos if p.id == picker.chosen_id)
            photo.placement = section.id
            self._insert_at(self.edit.textCursor().position(), photo.id)
        self.edit.setFocus()

    def add_files(self, paths: list[str], positions: list[int] | None = None) -> None:
        """Import files as photos of this section, each at its position (the cursor by default)."""
        section = self.chapter_editor.current
        ids = PhotoFileImport.new_ids(len(paths))
        where = positions or [self.edit.textCursor().position()] * len(paths)
        # from the last position back, so earlier positions stay where they were
        for pid, position in sorted(zip(ids, where, strict=True), key=lambda x: x[1], reverse=True):
            self._insert_at(position, pid)
        job = PhotoFileImport(self.report, self.store, section.id)
        job.ready.connect(self._ready)
        job.failed.connect(self._failed)
        job.finished.connect(lambda: self._importing.remove(job) if job in self._importing else None)
        self._importing.append(job)
        job.start(paths, ids)

    def offered(self, offers: list) -> None:
        """Pictures that came with a paste: added as photos only when the user says so."""
        from PySide6.QtWidgets import QMessageBox

        count = len(offers)
        answer = QMessageBox.question(
            self.chapter_editor, "貼上的圖片",
            f"貼上的內容有 {count} 張圖片。要把它們加入為報告的照片（放在貼上的位置）嗎？\n"
            "選「否」只貼上文字與表格。", QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            self.chapter_editor.note(f"貼上的 {count} 張圖片未加入。")
            return
        import tempfile

        if self._work is None:
            self._work = tempfile.TemporaryDirectory(prefix="tripreport-pasted-")
        paths, indexes, reasons = local_image_files([o[0] for o in offers], Path(self._work.name))
        if paths:
            self.add_files(paths, [offers[i][1] for i in indexes])
        if reasons:
            self.chapter_editor.note("；".join(dict.fromkeys(reasons)) + "。")

    # ---- placing -------------------------------------------------------------------------------
    def _insert_at(self, position: int, photo_id: str) -> None:
        from desktop.domain.blocks import PhotoBlock

        cursor = self.edit.textCursor()
        cursor.setPosition(min(position, self.edit.document().characterCount() - 1))
        self.edit.setTextCursor(cursor)
        self.edit.paste_blocks([PhotoBlock(photo_id)])
        self.chapter_editor._shown_photos.add(photo_id)

    def _ready(self, asked: str, photo_id: str) -> None:
        self._figures.pop(asked, None)
        if asked == photo_id:
            self.edit.refresh_photo(photo_id)
        else:
            self.edit.replace_photo(asked, photo_id)
            self.chapter_editor._shown_photos.add(photo_id)
        self.chapter_editor.photo_added()

    def _failed(self, asked: str, reason: str) -> None:
        self.edit.remove_photo(asked)
        self.chapter_editor.note(reason)

    def wait(self) -> None:
        """Let every import end (tests, closing)."""
        for job in list(self._importing):
            job.wait()
