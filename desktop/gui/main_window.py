"""The main window: the one place where pages are wired together and to the services."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from desktop import APP_TITLE
from desktop.gui.draft_list import DraftListPage

if TYPE_CHECKING:  # the domain and the services load after the first paint (run_app)
    from desktop.services import Services


class MainWindow(QMainWindow):
    """Public surface for feature modules (photos, history, packages…), which add their own menu
    actions through `file_menu`, `edit_menu`, `tools_menu`, `help_menu` and call `open_draft`,
    `current_draft_id`, `reload_current_draft`, `save_pending_edits`; they never reach into the
    pages."""

    draftOpened = Signal(int)
    draftClosed = Signal()

    def __init__(self, services: Services | None, parent=None, *, data_dir: Path | None = None):
        """`services` None: the window shows at once and `attach_services` follows (run_app opens
        the database after the first paint); until then the list is empty and New/Import wait."""
        super().__init__(parent)
        self.services = services
        self.data_dir = services.data_dir if services is not None else data_dir
        self.setWindowTitle(APP_TITLE)
        self.resize(1200, 720)
        from desktop.gui.settings import AppSettings
        from desktop.gui.window_memory import WindowMemory

        self.settings = AppSettings(self.data_dir, services.store if services is not None else None)
        self.memory = WindowMemory(self, self.settings)  # size and place as the user left them
        self.preview = None  # the page preview pane (preview_pane.py), built when first shown
        self.list_page = DraftListPage(services.repo if services is not None else None)
        self._editor = None  # built on first use: the step pages are most of a start-up's work
        self.active_export = None  # the export under way (export_progress.ExportJob), if any
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.setCentralWidget(self.stack)

        self.list_page.openRequested.connect(self.open_draft)
        self.list_page.newRequested.connect(self.new_draft)
        self.list_page.searchRequested.connect(self.search_all)
        self._build_actions()
        self.memory.restore_state()
        self._update_actions()
        self.statusBar().showMessage(f"資料夾：{self.data_dir}")

    def attach_services(self, services: Services) -> None:
        """The opened database and photo store, for a window made without them."""
        self.services = services
        self.data_dir = services.data_dir
        self.settings.use_store(services.store)  # the drafts it remembers are this store's
        self.list_page.set_repo(services.repo)
        self._update_actions()
        if self.settings.get("preview/visible"):  # it was open when the app was last closed
            self.preview_action.setChecked(True)
            self.toggle_preview(True)

    def reopen_last_draft(self) -> bool:
        """At start-up, with no file given: the draft and step the user left (unless a setting says
        to start at the list)."""
        return self.memory.reopen_last_draft()

    @property
    def editor_page(self):
        """The step editor, built the first time a draft is opened."""
        if self._editor is None:
            from desktop.gui.editor_page import EditorPage

            editor = self._editor = EditorPage(self.services)
            self.stack.addWidget(editor)
            editor.saved.connect(self._show_saved)
            editor.saveFailed.connect(self._show_save_error)
            editor.saved.connect(self._show_title)
            editor.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
            editor.exportRequested.connect(self.export_report)
            editor.undoChanged.connect(self._update_actions)
            editor.stack.currentChanged.connect(lambda _index: self.memory.note_step())
        return self._editor

    def _show_saved(self) -> None:
        from datetime import datetime

        self.statusBar().showMessage(f"已自動儲存 {datetime.now():%H:%M:%S}", 5000)

    def _editing(self) -> bool:
        return self._editor is not None and self.stack.currentWidget() is self._editor

    def save_pending_edits(self) -> bool:
        """Save pending edits; True when nothing is left unsaved (also when no editor exists)."""
        return self._editor is None or self._editor.close_draft()

    # ---- actions ---------------------------------------------------------------------------
    def _build_actions(self) -> None:
        """The menus in the usual order of a Windows program; feature modules add their items later
        (before 結束, which stays last in 檔案)."""
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu("檔案(&F)")
        self.edit_menu = bar.addMenu("編輯(&E)")
        self.view_menu = bar.addMenu("檢視(&V)")
        self.tools_menu = bar.addMenu("工具(&T)")
        self.help_menu = bar.addMenu("說明(&H)")
        keys = QKeySequence.StandardKey

        self.new_action = self._action("新增草稿(&N)", keys.New, self.new_draft)
        self.template_action = self._action("以此草稿為範本新增(&M)…", None, self.new_from_template)
        self.template_action.setStatusTip("新的一趟出國，沿用這份報告的機關、人員、章節與規定；日期清空，內文與照片可選擇是否帶入")
        self.copy_action = self._action("複製草稿(&D)", None, self.duplicate_draft)
        self.copy_action.setStatusTip("把整份草稿（含內文、照片、日期）複製成一份新的草稿")
        self.import_action = self._action("開啟草稿檔(&O)…", keys.Open, self.import_json)
        self.import_action.setStatusTip("開啟從其他電腦或同事傳來的草稿檔（.json 或 .tripreport），加入草稿清單；開過的不會重複加入")
        self.export_action = self._action("匯出(&E)…", QKeySequence("Ctrl+E"), lambda: self.export_report())
        self.export_action.setToolTip("匯出報告（.docx、.pdf、.odt、機關範本）或單頁的提要、審核表")
        quit_action = self._action("結束(&X)", keys.Quit, self.close)
        for action in (self.new_action, self.template_action, self.copy_action):
            file_menu.addAction(action)
        file_menu.addMenu(self.memory.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        from desktop.gui.edit_actions import EditActions
        from desktop.gui.undo import redo_keys

        # Text fields keep these keys for their own typing while they have something to undo.
        self.undo_action = self._action("復原(&U)", keys.Undo, lambda: self.editor_page.undo_stack.undo())
        self.redo_action = self._action("重做(&R)", keys.Redo, lambda: self.editor_page.undo_stack.redo())
        self.redo_action.setShortcuts(redo_keys())
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_actions = EditActions(self, self.edit_menu)
        self.edit_menu.addSeparator()
        self.replace_action = self._action("尋找與取代(&H)…", keys.Replace, self.find_and_replace)
        self.replace_action.setStatusTip("在開啟的草稿中尋找文字並取代（各章、摘要、建議、照片說明）")
        self.edit_menu.addAction(self.replace_action)
        self.edit_menu.addSeparator()

        self.back_action = self._action("回到草稿清單(&L)", QKeySequence("Ctrl+L"), self.show_list)
        self.preview_action = self._action("頁面預覽(&P)", QKeySequence("Ctrl+F2"), self.toggle_preview)
        self.preview_action.setCheckable(True)
        self.preview_action.setStatusTip("在視窗右側顯示報告印出來的樣子，邊寫邊更新（需要 LibreOffice）")
        self.view_menu.addAction(self.back_action)
        self.view_menu.addAction(self.preview_action)
        self.view_menu.addSeparator()

        self.reopen_action = QAction("啟動時開啟上次編輯的草稿(&S)", self)
        self.reopen_action.setCheckable(True)
        self.reopen_action.setChecked(self.settings.get("start/reopen_last_draft"))
        self.reopen_action.toggled.connect(lambda on: self.settings.set("start/reopen_last_draft", on))
        self.tools_menu.addAction(self.reopen_action)
        self.tools_menu.addSeparator()

        self.guide_action = self._action("使用說明(&G)", keys.HelpContents, self.show_guide)
        self.about_action = self._action(f"關於{APP_TITLE}(&A)", None, self.show_about)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

        toolbar = self.addToolBar("工具列")
        toolbar.setObjectName("main-toolbar")
        for action in (self.back_action, self.new_action, self.export_action, self.preview_action):
            toolbar.addAction(action)
        self.view_menu.addAction(toolbar.toggleViewAction())

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is None:
            action.triggered.connect(slot)
            self.addAction(action)
            return action
        # setShortcuts with a list, and no QKeySequence copied: the overload resolution of
        # setShortcut(…) and QKeySequence(QKeySequence) builds every enum of Qt's Qt namespace
        # (~15 ms) before the first paint
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))
        else:
            action.setShortcuts([shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _update_actions(self) -> None:
        editing = self._editing()
        for action in (self.export_action, self.back_action, self.replace_action, self.copy_action):
            action.setEnabled(editing)
        self.template_action.setEnabled(self.services is not None)
        label = self._editor.undo_label() if editing else ""
        self.undo_action.setEnabled(editing and self._editor.can_undo())
        self.undo_action.setText(f"復原：{label}(&U)" if label else "復原(&U)")
        self.redo_action.setEnabled(editing and self._editor.can_redo())

    # ---- navigation ------------------------------------------------------------------------
    def new_draft(self) -> None:
        if self.services is None:  # a click in the first moment, before the database is open
            return
        from desktop.domain.report import Report
        from desktop.gui.kind_dialogs import ask_kind
        from desktop.gui.storage_guard import refused, storage_errors_said

        if refused(self, "無法新增草稿"):
            return
        kind = ask_kind(self)
        if kind is None:
            return
        with storage_errors_said(self, "無法新增草稿") as outcome:
            draft_id = self.services.repo.create(Report.new(kind=kind))
        if not outcome.failed:
            self.open_draft(draft_id)

    def current_draft_id(self) -> int | None:
        if self._editing() and self._editor.report is not None:
            return self._editor.report.id
        return None

    def reload_current_draft(self) -> None:
        """Show the stored state of the open draft again (after a restore or a merge). Edits not
        yet autosaved are dropped, so they cannot overwrite what was just restored; callers that
        want them kept call `editor_page.close_draft()` before changing the stored draft."""
        draft_id = self.current_draft_id()
        if draft_id is not None:
            step = self.editor_page.current_index()
            self.editor_page.load(draft_id, discard_pending=True)
            self.editor_page.show_step(step)
            self._show_title()

    def open_draft(self, draft_id: int, section_id: str | None = None) -> None:
        """Open a draft in the editor; `section_id` asks to show that chapter (search results)."""
        if not self.save_pending_edits():
            return
        self.editor_page.load(draft_id)
        self.stack.setCurrentWidget(self.editor_page)
        self._show_title()
        if not (section_id and self.editor_page.goto(f"section:{section_id}")):
            self.editor_page.field("title").setFocus()
        self._update_actions()
        self.draftOpened.emit(draft_id)

    def _show_title(self) -> None:
        if not self._editing():
            return
        report = self._editor.report
        if report is not None:
            self.setWindowTitle(f"{report.title or '（未命名）'} — {APP_TITLE}")

    def show_list(self) -> None:
        if not self.save_pending_edits():
            return
        self.list_page.refresh()
        self.stack.setCurrentWidget(self.list_page)
        self.setWindowTitle(APP_TITLE)
        self.list_page.table.setFocus()
        self._update_actions()
        self.draftClosed.emit()

    def search_all(self, text: str = "") -> None:
        """The search across every draft (search_dialog.py), started with `text`."""
        if self.services is None:
            return
        from desktop.gui.search_dialog import SearchDialog

        dialog = SearchDialog.show_for(self)
        if text:
            dialog.query_edit.setText(text)
            dialog.run_search()

    def open_from_command_line(self, open_id: str | None, path: str | None) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop.fileio import FileWriteError
        from desktop.storage import StorageError

        try:
            if open_id and not open_id.strip().isdigit():
                path, open_id = open_id, None  # --open also takes a draft file (a double-clicked file)
            if open_id:
                self.open_draft(int(open_id))
            elif path:
                self._open_file(Path(path))
        except (StorageError, ValueError, FileWriteError) as err:  # DraftFormatError, PackageError too
            from desktop.gui.storage_guard import window_text

            QMessageBox.warning(self, APP_TITLE, f"無法開啟：{window_text(str(err))}")

    # ---- files -----------------------------------------------------------------------------
    def _open_file(self, path: Path) -> None:
        """A file given on the command line (a double-click): a draft already made from it is
        opened, not imported again — the same JSON file with unchanged content, or a package
        whose draft (its uid) is here. Anything else is imported."""
        from desktop.interchange import package as pkg
        from desktop.interchange.draft_files import open_or_import_draft_file

        if path.suffix.lower() == pkg.SUFFIX:
            contents = pkg.read_package(path)
            try:
                existing = pkg.existing_draft(contents, self.services.repo)
                if existing is None:
                    draft_id = pkg.import_new(contents, self.services.repo, self.services.photos)
                    note = f"已匯入草稿包：{path.name}"
                else:
                    draft_id = existing
                    note = (f"「{path.name}」的草稿已在清單中，已開啟它；要匯入草稿包裡的版本（取代或合併），"
                            "請用「檔案 → 匯入草稿包」。")
            finally:
                contents.cleanup()
        else:
            draft_id, imported = open_or_import_draft_file(path, self.services.repo, self.services.photos)
            note = f"已匯入：{path.name}" if imported else f"「{path.name}」先前已匯入，已開啟那份草稿（未重複匯入）。"
        self.open_draft(draft_id)
        self.statusBar().showMessage(note, 15000)

    def import_json(self) -> None:
        """開啟草稿檔: a draft file (.json) or package (.tripreport) from elsewhere joins the list;
        one already opened before is opened again, not added twice."""
        from PySide6.QtWidgets import QFileDialog

        if self.services is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, "開啟草稿檔", self.settings.folder("open"),
                                              "草稿檔 (*.json *.tripreport);;所有檔案 (*)")
        if name:
            self.settings.remember_folder("open", name)
            self.open_from_command_line(None, name)

    # ---- new drafts from earlier ones, finding, preview, help --------------------------------
    def _template_source(self) -> int | None:
        """The draft a template or copy starts from: the open one, else the one selected in the list."""
        return self.current_draft_id() or (self.list_page.selected_id() if self.services else None)

    def new_from_template(self) -> None:
        from desktop.gui.template_dialog import new_from_template

        new_from_template(self, self._template_source())

    def duplicate_draft(self) -> None:
        from desktop.gui.template_dialog import duplicate

        duplicate(self, self._template_source())

    def find_and_replace(self) -> None:
        if self._editing():
            from desktop.gui.find_replace import FindReplaceDialog

            FindReplaceDialog.show_for(self)

    def toggle_preview(self, visible: bool | None = None) -> None:
        from desktop.gui.preview.pane import PreviewDock

        if self.preview is None:
            self.preview = PreviewDock(self)
        visible = self.preview_action.isChecked() if visible is None else visible
        self.preview.setVisible(visible)
        if visible:
            self.preview.fit_screen()
        self.settings.set("preview/visible", visible)

    def current_step_id(self) -> str:
        """The form step on screen ("basic", "photos", …; a chapter's step), "" at the draft list."""
        return self._editor.stack.currentWidget().step.get("id", "") if self._editing() else ""

    def show_guide(self) -> None:
        from desktop.gui.help_window import HelpWindow

        HelpWindow.show_for(self, self.current_step_id())

    def show_about(self) -> None:
        from desktop.gui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def export_report(self, fmt: str = "docx") -> None:
        """The one export dialog (toolbar, File menu, the review step's buttons), `fmt` chosen."""
        from desktop.gui.export_dialog import open_export_dialog

        open_export_dialog(self, fmt)

    def _show_save_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, "無法儲存", f"{message}\n\n內容仍保留在視窗中，稍後會自動重試。")

    def _stop_photo_imports(self) -> None:
        """An import thread belongs to its photo page: it must end before the page is deleted with
        the window. What was imported so far reaches the draft before the last save."""
        from desktop.gui.photos.photo_page import PhotoPage

        for page in self.findChildren(PhotoPage):
            page.stop_import()

    def _closing(self) -> None:
        """The window's background work ends with it (the application may go on: tests, a
        second window), not only when the application quits."""
        self.settings.set("preview/visible", self.preview is not None and not self.preview.isHidden())
        self.memory.save()
        if self.preview is not None:
            self.preview.pane.shutdown()
        safety = getattr(self, "safety", None)
        if safety is not None:
            safety.shutdown()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        from PySide6.QtWidgets import QMessageBox

        if self.active_export is not None:
            answer = QMessageBox.question(
                self, "正在匯出", "報告還在匯出。要取消匯出並關閉視窗嗎？（取消的匯出不會留下不完整的檔案）",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No,
            )
            if answer != QMessageBox.Yes:
                event.ignore()
                return
            self.active_export.stop()
        self._stop_photo_imports()
        if self.save_pending_edits():
            self._closing()
            event.accept()
            return

        answer = QMessageBox.question(
            self, "尚未儲存", "最近的修改無法儲存。仍要關閉嗎？（未儲存的修改會遺失）",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No,
        )
        if answer == QMessageBox.Yes:
            self._closing()
            event.accept()
        else:
            event.ignore()
