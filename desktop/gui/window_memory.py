"""What the window remembers between starts: its size and place, the toolbars and panes, the draft
and step the user left, the recent drafts (File → 最近開啟的草稿). It uses the window's public
surface (draftOpened, current_draft_id, open_draft, editor_page) and AppSettings."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.gui.settings import AppSettings

CHAPTER_PREFIX = "chapter:"


def step_key(page) -> str:
    """A name for a step that survives a restart: the form step's id, or the chapter's id (a
    chapter's place in the list changes when chapters are added or moved)."""
    chapter = getattr(page, "chapter", None)
    if chapter is not None:
        return CHAPTER_PREFIX + chapter.id
    return page.step.get("id", "")


def step_index(pages: list, key: str) -> int | None:
    for i, page in enumerate(pages):
        if key and step_key(page) == key:
            return i
    return None


class WindowMemory(QObject):
    def __init__(self, window: QMainWindow, settings: AppSettings):
        super().__init__(window)
        self.window = window
        self.settings = settings
        geometry = settings.get("window/geometry")
        if not geometry.isEmpty():
            window.restoreGeometry(geometry)
        window.draftOpened.connect(self._opened)
        window.draftClosed.connect(lambda: self._note_step(None))
        self.recent_menu = QMenu("最近開啟的草稿(&R)", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def restore_state(self) -> None:
        """Toolbars and panes as they were; after they exist (restoreState ignores the rest)."""
        state = self.settings.get("window/state")
        if not state.isEmpty():
            self.window.restoreState(state)

    def save(self) -> None:
        """At close: the window's place, and the step being edited."""
        self.settings.set("window/geometry", self.window.saveGeometry())
        self.settings.set("window/state", self.window.saveState())
        self.note_step()
        self.settings.sync()

    # ---- the draft and step the user left -------------------------------------------------------
    def _opened(self, draft_id: int) -> None:
        self.settings.note_opened(draft_id)
        self.note_step()

    def note_step(self) -> None:
        """Remember the step on screen (called whenever the editor shows another step)."""
        window = self.window
        if window.current_draft_id() is None:
            return
        self._note_step(window.editor_page.stack.currentWidget())

    def _note_step(self, page) -> None:
        if page is None:  # back at the list: the next start shows the list
            self.settings.set("session/draft", 0)
            self.settings.set("session/step", "")
            return
        self.settings.set("session/step", step_key(page))

    def reopen_last_draft(self) -> bool:
        """Open the draft and step the user left, when the setting asks for it and it still exists."""
        window = self.window
        draft_id = self.settings.get("session/draft")
        if not self.settings.get("start/reopen_last_draft") or not draft_id or window.services is None:
            return False
        if window.current_draft_id() is not None:
            return False  # a file given on the command line, or a recovered draft, comes first
        from desktop.storage import StorageError

        key = self.settings.get("session/step")  # opening notes the first step: read it before
        try:
            if not window.services.repo.exists(draft_id):
                self.settings.forget_draft(draft_id)
                return False
            window.open_draft(draft_id)
        except StorageError:
            return False
        editor = window.editor_page
        index = step_index(editor.pages, key)
        if index is not None:
            editor.show_step(index)
            editor.focus_step()
        return True

    # ---- recent drafts ---------------------------------------------------------------------------
    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        titles = self._titles()
        shown = [d for d in self.settings.recent_drafts() if d in titles]
        for n, draft_id in enumerate(shown, 1):
            action = QAction(f"&{n} {titles[draft_id] or '（未命名）'}", menu)
            action.triggered.connect(lambda _checked=False, d=draft_id: self.window.open_draft(d))
            menu.addAction(action)
        if not shown:
            empty = menu.addAction("（沒有最近開啟的草稿）")
            empty.setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("清除清單", lambda: self.settings.set("recent/drafts", []))

    def _titles(self) -> dict[int, str]:
        services = self.window.services
        if services is None:
            return {}
        from desktop.storage import StorageError

        try:
            return {d.id: d.title for d in services.repo.list_drafts()}
        except StorageError:
            return {}
