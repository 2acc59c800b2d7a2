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
        self._update_actions()
        self.statusBar().showMessage(f"資料夾：{self.data_dir}")

    def attach_services(self, services: Services) -> None:
        """The opened database and photo store, for a window made without them."""
        self.services = services
        self.data_dir = services.data_dir
        self.list_page.set_repo(services.repo)

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
        file_menu = self.file_menu = self.menuBar().addMenu("檔案(&F)")
        self.edit_menu = self.menuBar().addMenu("編輯(&E)")
        self.tools_menu = self.menuBar().addMenu("工具(&T)")
        self.help_menu = self.menuBar().addMenu("說明(&H)")
        self.new_action = self._action("新增草稿(&N)", QKeySequence.New, self.new_draft)
        self.import_action = self._action("匯入草稿 JSON(&I)…", QKeySequence("Ctrl+I"), self.import_json)
        self.export_action = self._action("匯出(&E)…", QKeySequence("Ctrl+E"), lambda: self.export_report())
        self.export_action.setToolTip("匯出報告（.docx、.pdf、.odt、機關範本）或單頁的提要、審核表")
        self.back_action = self._action("回到草稿清單(&L)", QKeySequence("Ctrl+L"), self.show_list)
        quit_action = self._action("結束(&X)", QKeySequence.Quit, self.close)
        for action in (self.new_action, self.import_action, self.export_action, self.back_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        from desktop.gui.undo import redo_keys

        # Text fields keep these keys for their own typing while they have something to undo.
        self.undo_action = self._action("復原(&U)", QKeySequence.Undo, lambda: self.editor_page.undo_stack.undo())
        self.redo_action = self._action("重做(&R)", QKeySequence.Redo, lambda: self.editor_page.undo_stack.redo())
        self.redo_action.setShortcuts(redo_keys())
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        toolbar = self.addToolBar("工具列")
        toolbar.setObjectName("main-toolbar")
        for action in (self.back_action, self.new_action, self.export_action):
            toolbar.addAction(action)

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
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
        self.export_action.setEnabled(editing)
        self.back_action.setEnabled(editing)
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

        kind = ask_kind(self)
        if kind is None:
            return
        draft_id = self.services.repo.create(Report.new(kind=kind))
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
            QMessageBox.warning(self, APP_TITLE, f"無法開啟：{err}")

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
        from PySide6.QtWidgets import QFileDialog

        if self.services is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, "匯入草稿 JSON", "", "草稿 JSON (*.json)")
        if name:
            self._import_path(Path(name))

    def _import_path(self, path: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop.interchange.draft_files import import_draft_file
        from desktop.interchange.draft_json import DraftFormatError

        try:
            draft_id = import_draft_file(path, self.services.repo, self.services.photos)
        except DraftFormatError as err:
            QMessageBox.warning(self, "無法匯入", str(err))
            return
        self.open_draft(draft_id)

    def export_report(self, fmt: str = "docx") -> None:
        """The one export dialog (toolbar, File menu, the review step's buttons), `fmt` chosen."""
        from desktop.gui.export_dialog import open_export_dialog

        open_export_dialog(self, fmt)

    def _show_save_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, "無法儲存", f"{message}\n\n內容仍保留在視窗中，稍後會自動重試。")

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
        if self.save_pending_edits():
            event.accept()
            return

        answer = QMessageBox.question(
            self, "尚未儲存", "最近的修改無法儲存。仍要關閉嗎？（未儲存的修改會遺失）",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No,
        )
        if answer == QMessageBox.Yes:
            event.accept()
        else:
            event.ignore()
