"""The photo step: import, caption, order, turn and place the report's photos.

Contract with the editor: `set_report(report)` shows that report's photos; every edit changes
`report.photos` in place and emits `changed`, and the editor saves. Importing runs in the
background (ImportThread) and photos appear one by one, each where its date puts it; everything
else is instant and undoable, on the editor's undo stack when one is given (the window's Ctrl+Z),
else on the page's own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.report import Photo, Report
from desktop.gui import colours
from desktop.gui.photos.dialogs import ImportLogDialog, summary_text
from desktop.gui.photos.import_worker import ImportThread, run_task
from desktop.gui.photos.photo_details import PANEL_WIDTH, PhotoDetails
from desktop.gui.photos.photo_grid import PhotoDelegate, PhotoGrid, PhotoListModel
from desktop.gui.photos.photo_undo import PhotoChange, snapshot
from desktop.gui.storage_guard import refused
from desktop.gui.widgets.undo_banner import UndoBanner
from desktop.photos.arrange import (
    assign_by_date,
    date_position,
    placement_choices,
    sort_by_taken,
    uncaptioned,
)
from desktop.photos.importer import IMPORTED
from desktop.photos.print_size import DEFAULT_SIZE_LIMIT, estimate_docx_bytes
from desktop.services import Services

IMAGE_FILTER = "照片 (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.heic *.heif *.gif);;所有檔案 (*)"


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


class PhotoPage(QWidget):
    changed = Signal()
    importFinished = Signal()

    def __init__(self, services: Services, parent=None, size_limit: int = DEFAULT_SIZE_LIMIT,
                 undo_stack: QUndoStack | None = None):
        super().__init__(parent)
        self.services = services
        self.size_limit = size_limit
        self.report: Report | None = None
        self.shared_undo = undo_stack is not None
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._thread: ImportThread | None = None
        self._queued: list[str] = []
        self._results: list = []

        self.model = PhotoListModel(services.photos, self)
        self.model.captionEdited.connect(self.set_caption)
        self.grid = PhotoGrid()
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(PhotoDelegate(self.grid))
        self.grid.moveRequested.connect(self.move_photos)
        self.grid.filesDropped.connect(self.add_paths)
        self.grid.selectionModel().selectionChanged.connect(self._selection_changed)
        self.grid.setContextMenuPolicy(Qt.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._context_menu)

        QApplication.instance().aboutToQuit.connect(self.stop_import)
        self._build_actions()
        self.toolbar = self._build_toolbar()
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("照片統計")
        self.budget_label = QLabel()
        self.budget_label.setAccessibleName("預估檔案大小")
        header = QHBoxLayout()  # no title of its own: the 照片 step above already has one
        header.addWidget(self.summary_label)
        header.addStretch(1)
        header.addWidget(self.budget_label)

        self.banner = QFrame()
        self.banner.setStyleSheet(f"QFrame {{ background: {colours.css(colours.panel(self.palette()))}; "
                                  "border-radius: 6px; }")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.details_button = QPushButton("詳細…")
        self.details_button.clicked.connect(self.show_import_log)
        close_banner = QToolButton()
        close_banner.setText("✕")
        close_banner.setAccessibleName("關閉訊息")
        close_banner.clicked.connect(self.banner.hide)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(10, 4, 4, 4)
        banner_row.addWidget(self.banner_label, 1)
        banner_row.addWidget(self.details_button)
        banner_row.addWidget(close_banner)
        self.banner.hide()
        self.undo_banner = UndoBanner()

        self.progress = QProgressBar()
        self.progress.setAccessibleName("匯入進度")
        self.cancel_button = QPushButton("取消匯入")
        self.cancel_button.clicked.connect(self.cancel_import)
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.cancel_button)
        self.progress_row.hide()

        splitter = QSplitter()
        splitter.addWidget(self.grid)
        self.details = PhotoDetails()
        self.details.captionEdited.connect(self._caption_from_panel)
        self.details.placementChosen.connect(self._placement_from_panel)
        # what the review's jump and the tests reach for
        self.caption_edit, self.placement_combo = self.details.caption_edit, self.details.placement_combo
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([1000, PANEL_WIDTH])

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.undo_banner)
        layout.addWidget(self.progress_row)
        layout.addWidget(splitter, 1)
        self._update_everything()

    # ---- construction ------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        action.setToolTip(tip or text)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action("加入照片…", self.choose_files, "Ctrl+Shift+O", "選擇照片檔（可多選）")
        self.add_folder_action = self._action("加入資料夾…", self.choose_folder, None, "匯入資料夾內所有照片")
        self.sort_action = self._action("依拍攝時間排序", self.sort_by_time)
        self.assign_action = self._action(
            "依日期分配到行程", self.assign_by_date, None,
            "把仍在附錄的照片放到拍攝當天的「過程」小節（沒有小節就放在「過程」章）")
        self.left_action = self._action("↺ 向左轉", lambda: self.turn_selected(-90), "Ctrl+Alt+Left")
        self.right_action = self._action("↻ 向右轉", lambda: self.turn_selected(90), "Ctrl+Alt+Right")
        # Reordering without a mouse: the same move a drag makes.
        self.earlier_action = self._action("往前移", lambda: self.shift_selected(-1), "Ctrl+Shift+Left")
        self.later_action = self._action("往後移", lambda: self.shift_selected(1), "Ctrl+Shift+Right")
        self.remove_action = self._action("移除", self.remove_selected, QKeySequence.Delete,
                                          "從報告移除選取的照片（可復原）")
        # Fixed labels (the stack's own actions rename themselves "復原 移動照片", which makes the
        # toolbar jump); what would be undone goes in the tooltip. A shared stack has its keys on
        # the window (two actions on one key would cancel each other out).
        own_keys = not self.shared_undo
        self.undo_action = self._action("復原", lambda: self.undo_stack.undo(), QKeySequence.Undo if own_keys else None)
        self.redo_action = self._action("重做", lambda: self.undo_stack.redo(), QKeySequence.Redo if own_keys else None)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        # Methods, not lambdas: a shared stack outlives this page, and only a method's connection
        # ends with the page.
        self.undo_stack.undoTextChanged.connect(self._undo_text_changed)
        self.undo_stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_action.setEnabled(self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.undo_stack.canRedo())

    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setToolTip(f"復原：{text}")

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setToolTip(f"重做：{text}")

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setIconSize(QSize(16, 16))
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for group in ((self.add_action, self.add_folder_action), (self.sort_action, self.assign_action),
                      (self.left_action, self.right_action, self.remove_action),
                      (self.undo_action, self.redo_action)):
            for action in group:
                bar.addAction(action)
            bar.addSeparator()
        palette = self.palette()  # the main action in the system's accent colour
        bar.widgetForAction(self.add_action).setStyleSheet(
            f"QToolButton {{ background: {colours.css(palette.color(QPalette.ColorRole.Highlight))}; "
            f"color: {colours.css(palette.color(QPalette.ColorRole.HighlightedText))}; "
            "border-radius: 5px; padding: 4px 12px; }")
        return bar

    # ---- the report ----------------------------------------------------------------------------
    def set_report(self, report: Report) -> None:
        if report is self.report:  # shown again (an undo elsewhere reloaded every step)
            self.model.refresh()
            self._refresh_placements()
            self._update_everything()
            return
        self.stop_import()  # photos still coming belong to the report that was open
        self.report = report
        if not self.shared_undo:  # a shared stack is cleared by its owner
            self.undo_stack.clear()
        self.undo_banner.hide()
        self.model.set_report(report)
        self._refresh_placements()
        self._update_everything()
        self._make_missing_thumbnails(report.photos)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Chapters may have been added or renamed in another step since: refresh their names.
        super().showEvent(event)
        self.undo_banner.hide()  # it spoke of a removal made before the user went elsewhere
        if self.report is not None:
            self._refresh_placements()
            self.grid.viewport().update()
            self._show_details()

    def _refresh_placements(self) -> None:
        self.details.set_placements(placement_choices(self.report) if self.report is not None else [])

    def selected_photos(self) -> list[Photo]:
        rows = sorted(i.row() for i in self.grid.selectionModel().selectedIndexes())
        return [self.model.photos[r] for r in rows if r < len(self.model.photos)]

    def select_ids(self, ids: list[str]) -> None:
        selection = QItemSelection()
        for pid in ids:
            row = self.model.row_of(pid)
            if row is not None:
                selection.select(self.model.index(row), self.model.index(row))
        self.grid.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)
        if ids and (row := self.model.row_of(ids[0])) is not None:
            self.grid.selectionModel().setCurrentIndex(self.model.index(row), QItemSelectionModel.NoUpdate)

    # ---- recording edits -------------------------------------------------------------------------
    def _record(self, text: str, change, *, reset: bool = True) -> None:
        if self.report is None:
            return
        keep = [p.id for p in self.selected_photos()]
        before = snapshot(self.report.photos)
        change()
        command = PhotoChange(text, lambda: self.report.photos, before, snapshot(self.report.photos),
                              self._applied_from_undo)
        if command.is_empty():
            return
        self.undo_stack.push(command)
        self._after_edit(keep, reset)

    def _applied_from_undo(self) -> None:
        self._after_edit([p.id for p in self.selected_photos()], True)

    def _after_edit(self, keep_ids: list[str], reset: bool) -> None:
        if reset:
            self.model.refresh()
            self.select_ids(keep_ids)
        else:
            for pid in keep_ids:
                self.model.photo_changed(pid)
        self._update_everything()
        self.changed.emit()

    # ---- edits -----------------------------------------------------------------------------------
    def set_caption(self, photo_id: str, caption: str) -> None:
        photo = next((p for p in self.model.photos if p.id == photo_id), None)
        if photo is None or photo.caption == caption:
            return
        self._record("修改圖說", lambda: setattr(photo, "caption", caption), reset=False)
        self.model.photo_changed(photo_id)

    def move_photos(self, ids: list[str], row: int) -> None:
        photos = self.model.photos
        moving = [p for p in photos if p.id in ids]
        if not moving:
            return
        before_row = sum(1 for p in photos[:row] if p.id in ids)

        def change() -> None:
            rest = [p for p in photos if p.id not in ids]
            at = max(0, min(len(rest), row - before_row))
            photos[:] = rest[:at] + moving + rest[at:]

        self._record("移動照片", change)
        self.select_ids([p.id for p in moving])

    def sort_by_time(self) -> None:
        photos = self.model.photos
        self._record("依拍攝時間排序", lambda: photos.__setitem__(slice(None), sort_by_taken(photos)))

    def assign_by_date(self) -> None:
        if self.report is None:
            return
        outcome = {}
        self._record("依日期分配", lambda: outcome.update(result=assign_by_date(self.report)))
        assigned, left = outcome["result"]
        message = f"已把 {assigned} 張照片放到拍攝當天的行程。"
        if left:
            message += f" {left} 張沒有拍攝日期或不在行程期間內，仍在附錄。"
        if self.report.chapter("process") is None:
            message = "報告沒有「過程」章，無法依日期分配。"
        self.show_banner(message)

    def set_placement(self, photos: list[Photo], placement: str) -> None:
        def change() -> None:
            for photo in photos:
                photo.placement = placement

        self._record("變更照片位置", change)

    def shift_selected(self, step: int) -> None:
        chosen = self.selected_photos()
        if not chosen:
            return
        photos = self.model.photos
        rows = [photos.index(p) for p in chosen]
        target = min(rows) - 1 if step < 0 else max(rows) + 2
        if 0 <= target <= len(photos):
            self.move_photos([p.id for p in chosen], target)

    def _context_menu(self, pos) -> None:
        index = self.grid.indexAt(pos)
        if not index.isValid():
            return
        if not self.grid.selectionModel().isSelected(index):
            self.select_ids([self.model.photos[index.row()].id])
        menu = QMenu(self)
        caption = menu.addAction("輸入圖說")
        caption.triggered.connect(lambda: self.grid.edit(index))
        menu.addSeparator()
        for action in (self.left_action, self.right_action, self.earlier_action, self.later_action):
            menu.addAction(action)
        place = menu.addMenu("放到")
        for value, label in placement_choices(self.report):
            place.addAction(label).triggered.connect(
                lambda _checked=False, v=value: self.set_placement(self.selected_photos(), v))
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.popup(self.grid.viewport().mapToGlobal(pos))

    def remove_selected(self) -> None:
        chosen = {p.id for p in self.selected_photos()}
        if not chosen:
            return
        photos = self.model.photos
        first = min(i for i, p in enumerate(photos) if p.id in chosen)
        self._record(f"移除 {len(chosen)} 張照片",
                     lambda: photos.__setitem__(slice(None), [p for p in photos if p.id not in chosen]))
        if photos:  # the next photo takes the place, so another Delete goes on
            self.select_ids([photos[min(first, len(photos) - 1)].id])
        self.undo_banner.show_for(f"已移除 {len(chosen)} 張照片。", self.undo_stack)

    def turn_selected(self, clockwise: int) -> None:
        from desktop.photos.edit import turn_photo

        if self.selected_photos() and refused(self, "無法轉動照片"):
            return
        store = self.services.photos
        for photo in self.selected_photos():
            key, pid = photo.file, photo.id

            def done(result, error, pid=pid):
                if error is not None:
                    self.show_banner(f"無法轉動照片：{error}")
                    return
                target = next((p for p in self.model.photos if p.id == pid), None)
                if target is None:
                    return
                new_key, width, height = result

                def change() -> None:
                    target.file, target.width, target.height = new_key, width, height

                self._record("轉動照片", change)
                self.model.thumbnail_ready(new_key)
                self._show_details()

            run_task(lambda key=key: turn_photo(store, key, clockwise), done, self)

    def _caption_from_panel(self, caption: str) -> None:
        chosen = self.selected_photos()
        if len(chosen) == 1:
            self.set_caption(chosen[0].id, caption)

    def _placement_from_panel(self, placement: str) -> None:
        chosen = self.selected_photos()
        if chosen:
            self.set_placement(chosen, placement)

    # ---- import -------------------------------------------------------------------------------
    def choose_files(self) -> None:
        from desktop.gui.settings import note_folder, start_folder

        names, _ = QFileDialog.getOpenFileNames(self, "加入照片", start_folder(self, "photos"), IMAGE_FILTER)
        if names:
            note_folder(self, "photos", names[0])
            self.add_paths(names)

    def choose_folder(self) -> None:
        from desktop.gui.settings import note_folder, start_folder

        folder = QFileDialog.getExistingDirectory(self, "加入資料夾內的照片", start_folder(self, "photos"))
        if folder:
            note_folder(self, "photos", Path(folder).parent)  # next time: beside this folder
            self.add_paths([folder])

    def add_paths(self, paths: list[str]) -> None:
        if self.report is None:
            QMessageBox.information(self, "加入照片", "請先開啟一份草稿。")
            return
        if refused(self, "無法加入照片"):  # the photos would be stored but never reach the draft
            return
        self._queued.extend(str(p) for p in paths)
        if self._thread is None:
            self._start_import()

    def _start_import(self) -> None:
        paths, self._queued = self._queued, []
        self._results = []
        self.progress.setRange(0, 0)  # until the folders are listed
        self.progress.setFormat("正在讀取檔案清單…")
        self.progress_row.show()
        self.cancel_button.setEnabled(True)
        self._thread = ImportThread(paths, self.services.photos, [p.file for p in self.report.photos], self)
        self._thread.result.connect(self._on_result)
        self._thread.failed.connect(self.show_banner)
        self._thread.finished.connect(self._on_import_done)
        self._thread.start()

    def _on_result(self, _position: int = 0) -> None:
        # Take every result not shown yet, in order (stop_import may have taken some already).
        thread = self._thread
        if thread is None:
            return
        while len(self._results) < len(thread.results):
            self._show_result(thread.results[len(self._results)])

    def _show_result(self, result) -> None:
        self._results.append(result)
        self.progress.setRange(0, result.total)
        self.progress.setValue(result.index)
        self.progress.setFormat(f"正在匯入 {result.index}/{result.total}：{Path(result.source).name}")
        if result.status == IMPORTED and self.report is not None:
            photo = Photo(file=result.key, taken_at=result.taken_at, width=result.width, height=result.height)
            self.model.insert_photo(date_position(self.report.photos, photo), photo)
            self._update_everything()
            self.changed.emit()

    def cancel_import(self) -> None:
        if self._thread is not None:
            self._thread.cancel()
            self._queued = []
            self.cancel_button.setEnabled(False)
            self.progress.setFormat("正在停止…")

    def stop_import(self) -> None:
        """Cancel and wait (switching drafts, quitting); what was imported so far is kept."""
        thread = self._thread
        if thread is None:
            return
        self._queued = []
        thread.cancel()
        thread.wait()
        self._on_result()
        self._on_import_done()

    def _on_import_done(self) -> None:
        if self._thread is None:  # already finished by stop_import
            return
        cancelled = self._thread.cancelled
        self._thread.result.disconnect(self._on_result)
        self._thread.finished.disconnect(self._on_import_done)
        self._thread.deleteLater()
        self._thread = None
        self.progress_row.hide()
        message = summary_text(self._results)
        if cancelled:
            message = "已取消匯入。" + message
        self.show_banner(message, details=any(r.status != IMPORTED or r.notes for r in self._results))
        self.importFinished.emit()
        if self._queued:
            self._start_import()

    def is_importing(self) -> bool:
        return self._thread is not None

    def wait_for_import(self, timeout_ms: int = 60000) -> None:
        """Block until the import thread ends (closing the window, tests)."""
        if self._thread is not None:
            self._thread.wait(timeout_ms)

    def show_import_log(self) -> None:
        ImportLogDialog(self._results, self).exec()

    def show_banner(self, message: str, details: bool = False) -> None:
        self.banner_label.setText(message)
        self.details_button.setVisible(details)
        self.banner.show()

    def _make_missing_thumbnails(self, photos: list[Photo]) -> None:
        from desktop.photos.edit import ensure_thumbnail

        store = self.services.photos
        for photo in photos:
            if not store.thumb_path(photo.file).is_file() and store.has(photo.file):
                run_task(lambda key=photo.file: (key, ensure_thumbnail(store, key)),
                         lambda result, error: result and self.model.thumbnail_ready(result[0]), self)

    # ---- what the page shows -----------------------------------------------------------------
    def _update_everything(self) -> None:
        photos = self.model.photos
        missing = len(uncaptioned(photos))
        text = f"共 {len(photos)} 張"
        palette = self.palette()
        notice, ok = (colours.css(colours.meaning(name, palette)) for name in ("notice", "ok"))
        if missing:
            text += f"　<span style='color:{notice}'>⚠ {missing} 張尚無圖說</span>"
        elif photos:
            text += f"　<span style='color:{ok}'>✓ 每張都有圖說</span>"
        self.summary_label.setText(text)
        size = self.estimated_size()
        if size > self.size_limit:
            self.budget_label.setText(
                f"<span style='color:{colours.css(colours.meaning('problem', palette))}'>⚠ 預估 .docx 約 {megabytes(size)}，超過 {megabytes(self.size_limit)}"
                "：請移除部分照片</span>")
        else:
            self.budget_label.setText(f"預估 .docx 約 {megabytes(size)}（上限 {megabytes(self.size_limit)}）")
        has_selection = bool(photos) and self.grid.selectionModel().hasSelection()
        for action in (self.left_action, self.right_action, self.remove_action, self.earlier_action,
                       self.later_action):
            action.setEnabled(has_selection)
        for action in (self.sort_action, self.assign_action):
            action.setEnabled(len(photos) > 0)
        self._show_details()

    def estimated_size(self) -> int:
        """Each photo at the size it will print: alone on its row or two side by side, as the
        export lays them out (two a row, the built-in templates' rule)."""
        from desktop.export.photos_layout import plan_photos

        edges = {}
        if self.report is not None:
            edges = {placed.photo.id: placed.slot.long_edge_px for placed in plan_photos(self.report).all()}
        return estimate_docx_bytes(self.services.photos, self.model.photos, long_edges=edges)

    def _selection_changed(self, *_args) -> None:
        self._update_everything()

    def _show_details(self) -> None:
        chosen = self.selected_photos()
        self.details.show_photos(chosen, self.model.thumbnail(chosen[0]) if chosen else None)
