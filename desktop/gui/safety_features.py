"""Never lose a word, in the window: `install(window)` adds history, search, backups and packages
to the menus, takes a snapshot after every 10 minutes of editing, makes the daily backup, keeps
the search index up to date while idle, and tells the user what was recovered after a crash.

It also claims the data folder and the open draft (storage/claims.py), so the command line refuses
to write what the window is editing, and runs SQLite's full integrity check once in the background
after the start (not again while the file stays as that check found it): a database found damaged is switched to read-only and the newest good backup is
offered (backup_dialog.py).

It uses only the main window's public surface (menus, open_draft, current_draft_id,
reload_current_draft, draftOpened/draftClosed) and the services.
"""

from __future__ import annotations

import contextlib
import threading

from peewee import DatabaseError
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar

from desktop.gui import colours
from desktop.gui.thread_answer import ThreadAnswer
from desktop.storage import StorageError
from desktop.storage.backup import make_daily_backup
from desktop.storage.claims import WINDOW, WINDOW_HOLDER
from desktop.storage.database import DB_FILENAME, database_access
from desktop.storage.failures import storage_error
from desktop.storage.search import BackgroundIndexer
from desktop.storage.session import SessionMarker
from desktop.storage.snapshots import Snapshots
from desktop.tempfiles import clean_stale_temp

EDIT_CHECK_MS = 60_000  # once a minute: was the open draft saved since the last look?
EDITING_MINUTES_PER_SNAPSHOT = 10
INDEX_IDLE_MS = 2000
BACKUP_START_DELAY_MS = 1000
BACKUP_CHECK_MS = 3_600_000  # the day may change while the app stays open
CLAIM_RETRY_MS = 2000  # a command held the open draft: claim it once the command has ended


class SafetyFeatures(QObject):
    integrityChecked = Signal(str)  # "" when sound, else what SQLite found

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.claims = self.services.repo.claims  # None for a repository made without a data folder
        self.snapshots = Snapshots(self.services.repo)
        self.indexer = BackgroundIndexer.for_database(self.services.repo.db)  # its own thread and connection
        self.session = SessionMarker(self.services.data_dir, self.services.store)
        self.editing_minutes = 0
        self._last_seen: tuple[int, str] | None = None
        self.recovery = None
        self._add_actions()

        self.edit_timer = QTimer(self)
        self.edit_timer.setInterval(EDIT_CHECK_MS)
        self.edit_timer.timeout.connect(self.count_editing_minute)
        self.edit_timer.start()
        self.index_timer = QTimer(self)
        self.index_timer.setInterval(INDEX_IDLE_MS)
        self.index_timer.timeout.connect(self.index_some)
        self.index_timer.start()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.daily_backup)
        self.backup_timer.start()
        self.claim_timer = QTimer(self)
        self.claim_timer.setInterval(CLAIM_RETRY_MS)
        self.claim_timer.timeout.connect(self._claim_open_draft)

        window.draftOpened.connect(self._on_opened)
        window.draftClosed.connect(lambda: self.session.note_draft(None))
        window.draftClosed.connect(self._release_draft)
        self.integrityChecked.connect(self._integrity_result)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        window.destroyed.connect(self.session.end)

    # ---- menus -------------------------------------------------------------------------------
    def _add_actions(self) -> None:
        w = self.window

        def action(menu, text, slot, shortcut=None, needs_draft=False):
            act = QAction(text, w)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            if needs_draft:
                self._draft_actions.append(act)
            return act

        self._draft_actions: list[QAction] = []
        before_quit = w.file_menu.actions()[-1]
        self.pack_action = QAction("打包草稿（.tripreport）(&P)…", w)
        self.pack_action.triggered.connect(self.pack)
        self.unpack_action = QAction("匯入草稿包（.tripreport）(&U)…", w)
        self.unpack_action.triggered.connect(self.unpack)
        w.file_menu.insertAction(before_quit, self.pack_action)
        w.file_menu.insertAction(before_quit, self.unpack_action)
        w.file_menu.insertSeparator(before_quit)

        self.search_action = action(w.edit_menu, "搜尋所有草稿(&F)…", self.search, "Ctrl+F")
        w.edit_menu.addSeparator()
        self.history_action = action(w.edit_menu, "版本紀錄(&H)…", self.history, "Ctrl+Shift+H", True)
        self.snapshot_action = action(w.edit_menu, "保存目前版本(&V)…", self.labelled_snapshot, "Ctrl+Shift+S", True)
        self.restore_backup_action = action(w.tools_menu, "從備份還原(&B)…", self.restore_backup)
        self.backup_now_action = action(w.tools_menu, "立即備份資料庫", lambda: self.daily_backup(report=True))
        w.list_page.restoreRequested.connect(self.restore_backup)
        for act in (self.search_action, self.history_action, self.snapshot_action):
            w.addAction(act)
        toolbar = w.findChild(QToolBar, "main-toolbar")
        if toolbar is not None:  # search from the draft list, one click away
            toolbar.addAction(self.search_action)
        self._update_actions()

    def _update_actions(self) -> None:
        has_draft = self.window.current_draft_id() is not None
        for act in self._draft_actions:
            act.setEnabled(has_draft)

    def _on_opened(self, draft_id: int) -> None:
        self.session.note_draft(draft_id)
        self._claim_open_draft()
        self._update_actions()

    def _claim_open_draft(self) -> None:
        """Hold the open draft, so the command line leaves it alone. A command writing it right
        now keeps it until it ends (its save then reaches the window as a merge); until then this
        is tried again every CLAIM_RETRY_MS."""
        draft_id = self.window.current_draft_id()
        if self.claims is None or draft_id is None or self.claims.holds(self.claims.draft_name(draft_id)):
            self.claim_timer.stop()
            return
        self.claims.release_drafts()
        if self.claims.claim_draft(draft_id):
            self.claim_timer.stop()
        else:
            self.claim_timer.start()

    def _release_draft(self) -> None:
        self.claim_timer.stop()
        if self.claims is not None:
            self.claims.release_drafts()

    # ---- start and stop ----------------------------------------------------------------------
    def start(self) -> None:
        """At start-up: the recovery notice (after the window is shown) and the daily backup."""
        self.recovery = self.session.begin()
        self.window.draftClosed.connect(self._update_actions)
        if self.claims is not None:
            self.claims.claim(WINDOW, WINDOW_HOLDER)
        if self.recovery is not None:
            QTimer.singleShot(0, self.show_recovery)
        QTimer.singleShot(BACKUP_START_DELAY_MS, self.daily_backup)  # after the window is up
        clean_stale_temp(background=True)  # what killed exports and imports left in the temp folder
        self.check_integrity()
        access = database_access()
        if access is not None and not access.writable:
            QTimer.singleShot(0, self, lambda: self.show_read_only(access.refusal, tell=not access.damaged))

    def show_read_only(self, reason: str, tell: bool = True) -> None:
        """Say once why nothing will be saved, and keep a mark in the status bar while it lasts."""
        from PySide6.QtWidgets import QLabel

        from desktop.gui.storage_wording import for_window

        reason = for_window(reason, self.services.data_dir)
        mark = QLabel("唯讀：修改不會儲存")
        mark.setObjectName("read-only-mark")
        problem = colours.css(colours.meaning("problem", mark.palette()))  # readable in a dark theme too
        mark.setStyleSheet(f"color: {problem}; font-weight: bold; padding: 0 6px;")
        mark.setToolTip(reason)
        self.window.statusBar().addPermanentWidget(mark)
        if tell:
            QMessageBox.warning(self.window, "資料庫只能讀取", reason)

    def show_recovery(self) -> None:
        message = self.recovery.message()
        if self.recovery.draft_id is not None and self.window.current_draft_id() is None:
            try:
                self.window.open_draft(self.recovery.draft_id)  # back where the user was
            except StorageError:
                pass
        self.window.statusBar().showMessage(message, 15000)
        QMessageBox.information(self.window, "已復原", message)

    def shutdown(self) -> None:
        self.indexer.stop()
        self.session.end()
        if self.claims is not None:
            self.claims.release_all()

    # ---- the full integrity check --------------------------------------------------------------
    def check_integrity(self) -> None:
        """SQLite's integrity_check (the start ran only quick_check) on its own read-only
        connection, off the GUI thread, unless the file is unchanged since one found it sound
        (storage/last_check.py); the result comes back through integrityChecked."""
        access = database_access()
        if access is None or access.damaged or access.server:  # a server checks itself
            return
        path = access.path
        # The thread reports through a relay of its own, not through this object: the window (and
        # this object with it) may be deleted while the check runs, and a signal of a deleted
        # object cannot be emitted. A closed window's relay has nobody left to tell.
        relay = ThreadAnswer(self.integrityChecked)

        def work() -> None:
            import sqlite3

            from desktop.storage.last_check import full_check

            try:
                problem = full_check(path)
            except sqlite3.Error:
                problem = ""  # could not read it now (a busy disk): the next start checks again
            relay.ready.emit(problem)

        threading.Thread(target=work, name="integrity-check", daemon=True).start()

    def _integrity_result(self, problem: str) -> None:
        if not problem:
            return
        from desktop.gui.backup_dialog import damaged_during_session

        damaged_during_session(self.window, problem)
        access = database_access()
        if access is not None and access.damaged:  # the user kept the damaged file open
            self.show_read_only(access.refusal, tell=False)

    # ---- automatic work ----------------------------------------------------------------------
    def count_editing_minute(self) -> None:
        """Called once a minute: a minute in which the open draft was saved is a minute of editing;
        after ten of them the draft is snapshotted."""
        draft_id = self.window.current_draft_id()
        if draft_id is None:
            self._last_seen = None
            return
        try:
            stamp = self.services.repo.updated_at_of(draft_id)
        except StorageError:
            return
        seen = (draft_id, stamp)
        if self._last_seen is not None and self._last_seen[0] == draft_id and self._last_seen != seen:
            self.editing_minutes += 1
        self._last_seen = seen
        if self.editing_minutes >= EDITING_MINUTES_PER_SNAPSHOT:
            self.editing_minutes = 0
            try:
                self.snapshots.take(draft_id, kind="auto")
            except StorageError as err:
                self.window.statusBar().showMessage(f"無法自動保存版本：{err}", 8000)
            except DatabaseError as err:  # a full disk, a read-only file: said in words
                self.window.statusBar().showMessage(f"無法自動保存版本：{storage_error(err)}", 8000)

    def index_some(self) -> None:
        access = database_access()
        if access is None or access.writable:  # a read-only or damaged database is searched as it is
            self.indexer.nudge()

    def daily_backup(self, report: bool = False) -> None:
        data_dir = self.services.data_dir
        access = database_access()
        if access is not None and access.server:
            if report:
                self.window.statusBar().showMessage("草稿在機關資料庫上，由資料庫管理員備份（pg_dump）。", 8000)
            return
        if access is not None and not access.writable and not report:
            return  # a read-only or damaged database: nothing new to keep, or nothing to trust
        try:
            made = make_daily_backup(data_dir, data_dir / DB_FILENAME)
        except StorageError as err:
            self.window.statusBar().showMessage(str(err), 10000)
            return
        if report:
            text = f"已備份：{made.name}" if made else "今天已經備份過了（每天一份，保留 7 天）。"
            self.window.statusBar().showMessage(text, 8000)

    # ---- dialogs -----------------------------------------------------------------------------
    def search(self) -> None:
        from desktop.gui.search_dialog import SearchDialog

        SearchDialog.show_for(self.window)

    def history(self) -> None:
        from desktop.gui.history_dialog import HistoryDialog

        draft_id = self.window.current_draft_id()
        if draft_id is not None:
            HistoryDialog(self.window, draft_id).exec()

    def labelled_snapshot(self) -> None:
        from desktop.gui.history_dialog import ask_labelled_snapshot

        ask_labelled_snapshot(self.window)

    def restore_backup(self) -> None:
        from desktop.gui.backup_dialog import BackupDialog

        BackupDialog(self.window).exec()

    def pack(self) -> None:
        from desktop.gui.package_dialogs import pack_with_dialog

        pack_with_dialog(self.window)

    def unpack(self) -> None:
        from desktop.gui.package_dialogs import unpack_with_dialog

        unpack_with_dialog(self.window)


def install(window) -> SafetyFeatures:
    """Add the features to the window and start them (recovery notice, daily backup)."""
    features = SafetyFeatures(window)
    window.safety = features
    features.start()
    return features


def snapshot_on_export(window, label: str = "") -> None:
    """For the export path: a snapshot of what was exported (the lead wires it into export)."""
    draft_id = window.current_draft_id()
    if draft_id is not None:
        try:
            Snapshots(window.services.repo).take(draft_id, label=label, kind="export")
        except StorageError:
            pass


@contextlib.contextmanager
def indexing_paused(window):
    """Around a restore of the whole database: the background search indexer (which keeps a
    connection of its own, and a restore needs every other connection closed) is stopped first
    and started again after, so the restored drafts are indexed at once. A window without the
    safety features (at start, before they are installed) has no indexer to stop."""
    features = getattr(window, "safety", None)
    if features is None:
        yield
        return
    features.index_timer.stop()  # no nudge from the idle timer while the restore runs
    features.indexer.stop()
    try:
        yield
    finally:
        features.index_timer.start()
        features.index_some()


def confirm_restore(parent, window, title: str, question: str) -> bool:
    """Ask before a restore overwrites stored text, then save what was just typed; False (after
    saying why) when the user says no or the pending edits cannot be saved."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, title, question, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    if answer != QMessageBox.Yes:
        return False
    if not window.save_pending_edits():
        QMessageBox.warning(parent, "無法還原", "目前的修改無法儲存，為免遺失，這次不還原。")
        return False
    return True
