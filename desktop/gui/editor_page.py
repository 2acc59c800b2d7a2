"""The guided editor: a list of steps (with completion marks) beside the page of the current step.

The steps come from the form file (forms/full-report.json); the body chapters between them follow
the report's own chapter order, so renaming, adding and reordering chapters reorders the steps.
Typing only flags a page dirty and restarts the autosave timer; the save commits every page,
writes the whole report, and then re-runs the review checks and the marks. Structural edits go
through one undo stack (undo.py) via `record`.
"""

from __future__ import annotations

import copy
import json

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.checks import run_checks
from desktop.domain.forms import load_form, step_for_chapter
from desktop.domain.kinds import kind_of, missing_kind_notice
from desktop.domain.numbering import numbered_heading
from desktop.domain.report import Report, Section
from desktop.domain.step_marks import NOTICE, PROBLEM, review_state, step_mark
from desktop.gui import colours
from desktop.gui.autosave import Autosaver
from desktop.gui.draft_sync import DraftSync
from desktop.gui.merge_offer import offer_chapter_merge
from desktop.gui.steps import page_classes
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL
from desktop.gui.storage_wording import for_window
from desktop.gui.undo import Edit, EditorUndoStack, FieldsChange
from desktop.gui.widgets.text_edits import TitleLineEdit
from desktop.gui.widgets.undo_banner import UndoBanner
from desktop.services import Services

MARKS = {
    EMPTY: ("○", "", "尚未填寫"),  # the list's own text colour
    PARTIAL: ("◐", "partial", "部分完成"),
    DONE: ("●", "ok", "已完成"),
    NOTICE: ("⚠", "notice", "有提醒"),
    PROBLEM: ("✖", "problem", "有問題"),
}


class EditorPage(QWidget):
    saveFailed = Signal(str)
    saved = Signal()
    exportRequested = Signal(str)
    message = Signal(str)
    undoChanged = Signal()

    def __init__(self, services: Services, form_name: str | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.repo = services.repo
        self.form = load_form(form_name) if form_name else load_form()
        self._fixed_form = form_name is not None
        self.report: Report | None = None
        self._unsettled: list[FieldsChange] = []  # snapshots whose edit is being made
        self.autosaver = Autosaver(self._save, parent=self)
        self.autosaver.failed.connect(self._save_failed)
        self.autosaver.saved.connect(self._after_save)
        self.sync = DraftSync(self.repo, self.autosaver, self)  # saves from elsewhere are merged, not overwritten
        self.sync.changedElsewhere.connect(self.show_changed_elsewhere)
        self.sync.mergeOffered.connect(lambda offer: offer_chapter_merge(self, offer))  # gui/merge_offer.py
        self._classes = page_classes()

        self.step_list = QListWidget()
        self.step_list.setAccessibleName("步驟")
        self.step_list.setFixedWidth(210)
        self.step_list.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 5px; }")
        self.step_list.currentRowChanged.connect(self._step_chosen)
        self.prev_button = QPushButton("◀ 上一步")
        self.prev_button.setAccessibleName("上一步")
        self.prev_button.setToolTip("Ctrl+PgUp")
        self.prev_button.clicked.connect(lambda: self.move_step(-1))
        self.next_button = QPushButton("下一步 ▶")
        self.next_button.setAccessibleName("下一步")
        self.next_button.setToolTip("Ctrl+PgDown")
        self.next_button.clicked.connect(lambda: self.move_step(1))
        self.stack = QStackedWidget()
        self.undo_stack = EditorUndoStack(self.stack.currentWidget, self.commit_all, self._after_undo, self)
        self.undo_stack.indexChanged.connect(self.undoChanged)
        self.undo_banner = UndoBanner()

        self.chapter_pages: dict[str, QWidget] = {}
        # every page made for the open draft, by (chapter id or "", its step as JSON): kept across
        # kind changes while the undo stack may name their widgets (_build_form_pages)
        self._built_pages: dict[tuple[str, str], QWidget] = {}
        self.pages: list[QWidget] = []
        self.pre_pages, self.post_pages = [], []
        self._build_form_pages()

        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        left = QVBoxLayout()
        left.addWidget(self.step_list, 1)
        left.addLayout(nav)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.undo_banner)
        right.addWidget(self.stack, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        for keys, step in ((QKeySequence("Ctrl+PgDown"), 1), (QKeySequence("Ctrl+PgUp"), -1)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.move_step(s))

    # ---- pages ---------------------------------------------------------------------------------
    def _build_form_pages(self) -> None:
        """The steps that are not chapters are built once per kind; chapter pages follow the report.
        A page whose step the new kind also has is kept, and one it lacks is kept hidden until
        another draft is shown: the undo stack's earlier edits name the widgets of the pages they
        were made on, and undoing the kind change shows those very pages again."""
        self.chapter_pages = {}  # the chapters' steps may differ too: found again in _chapter_page
        steps = self.form["steps"]
        chapter_steps = [s for s in steps if s.get("chapter")]
        first = steps.index(chapter_steps[0]) if chapter_steps else next(
            (i for i, s in enumerate(steps) if s["page"] in ("photos", "appendix", "review")), len(steps))
        last = steps.index(chapter_steps[-1]) if chapter_steps else first - 1
        self.pre_pages = [self._form_page(s) for s in steps[:first]]
        self.post_pages = [self._form_page(s) for s in steps[last + 1:]]
        self.review_page = next((p for p in self.post_pages if p.step.get("page") == "review"), None)

    def _follow_kind(self) -> None:
        """Show the steps of the open draft's kind (a press release has other steps than a report)."""
        form = kind_of(self.report).form
        same = (form["steps"], form["extra_chapter"]) == (self.form["steps"], self.form["extra_chapter"])
        self.form = form if not self._fixed_form else self.form
        if not self._fixed_form and not same:
            self._build_form_pages()

    def _form_page(self, step: dict, chapter_id: str = ""):
        """The page of `step` (for the chapter `chapter_id`), made the first time it is asked for."""
        key = (chapter_id, json.dumps(step, sort_keys=True, ensure_ascii=False))
        page = self._built_pages.get(key)
        if page is None:
            page = self._built_pages[key] = self._make_page(step)
        return page

    def _drop_unused_pages(self, chapters_too: bool = False) -> None:
        """Delete the pages kept for undo once nothing can name them (the undo stack was cleared)."""
        in_use = {id(p) for p in self.pre_pages + self.post_pages}
        if not chapters_too:
            in_use |= {id(p) for p in self.chapter_pages.values()}
        for key, page in list(self._built_pages.items()):
            if id(page) not in in_use:
                del self._built_pages[key]
                self.stack.removeWidget(page)
                page.deleteLater()
        if chapters_too:
            self.chapter_pages.clear()

    def _make_page(self, step: dict):
        page = self._classes[step["page"]](self, step)
        page.edited.connect(self._on_edit)
        self.stack.addWidget(page)
        return page

    def _chapter_page(self, chapter: Section):
        page = self.chapter_pages.get(chapter.id)
        if page is None:
            step = step_for_chapter(self.form, chapter.key) or self.form["extra_chapter"]
            page = self.chapter_pages[chapter.id] = self._form_page(step, chapter.id)
        return page

    def _rebuild(self, select: QWidget | None = None) -> None:
        """Lay the steps out again after chapters were added, removed, moved or restored. The page
        of a removed chapter is kept (hidden) until another draft is shown: undo puts the chapter
        back on it, and the undo commands may name its widgets."""
        current = select or self.stack.currentWidget()
        chapter_pages = []
        for chapter in self.report.chapters:
            page = self._chapter_page(chapter)
            chapter_pages.append(page)
        self.pages = [*self.pre_pages, *chapter_pages, *self.post_pages]
        for chapter, page in zip(self.report.chapters, chapter_pages, strict=True):
            page.load_chapter(self.report, chapter)
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for _page in self.pages:
            self.step_list.addItem(QListWidgetItem())
        self.step_list.blockSignals(False)
        self._relabel()
        index = self.pages.index(current) if current in self.pages else 0
        self.show_step(index)
        self.refresh_review()

    def step_title(self, page) -> str:
        chapter = getattr(page, "chapter", None)
        if chapter is None:
            return page.step.get("title", "")
        # numbered as printed: after the chapters the kind prints first (e.g. 壹、摘要, 貳、出國人員名單)
        first = len(kind_of(self.report).front_chapters)
        n = next(i for i, c in enumerate(self.report.chapters, 1 + first) if c is chapter)
        title = numbered_heading(1, n, chapter.heading or "（未命名章節）", self.report.heading_style)
        return f"{title}（含行程）" if page.step.get("page") == "itinerary" else title

    def _relabel(self, marks: dict | None = None) -> None:
        for i, page in enumerate(self.pages):
            item = self.step_list.item(i)
            title = self.step_title(page)
            page.set_title(title)
            mark = (marks or {}).get(id(page), item.data(Qt.UserRole) or EMPTY)
            symbol, colour, word = MARKS[mark]
            item.setText(f"{symbol}  {title}")
            item.setData(Qt.UserRole, mark)
            item.setForeground(QBrush(colours.meaning(colour, self.step_list.palette())) if colour else QBrush())
            item.setToolTip(f"{title}：{word}")
            item.setData(Qt.AccessibleTextRole, f"{title}，{word}")  # screen readers skip the symbol
            item.setData(Qt.AccessibleDescriptionRole, word)

    # ---- navigation ----------------------------------------------------------------------------
    def show_step(self, index: int) -> None:
        if not self.pages:
            return
        index = max(0, min(index, len(self.pages) - 1))
        page = self.pages[index]
        if page is not self.stack.currentWidget():
            self.undo_banner.hide()  # it spoke of the step being left
        if self.step_list.currentRow() != index:
            self.step_list.blockSignals(True)
            self.step_list.setCurrentRow(index)
            self.step_list.blockSignals(False)
        self.stack.setCurrentWidget(page)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        page.shown()

    def _step_chosen(self, index: int) -> None:
        if index >= 0:
            self.show_step(index)

    def current_index(self) -> int:
        return self.step_list.currentRow()

    def move_step(self, step: int) -> None:
        self.show_step(self.current_index() + step)
        self.focus_step()

    def focus_step(self) -> None:
        """Put the keyboard in the step shown: its main input (a chapter's text), else its first
        field, and never with a field's text selected (the next keys would replace it)."""
        page = self.stack.currentWidget()
        target = page.entry_widget() or _first_input(page)
        (target or page).setFocus(Qt.OtherFocusReason)

    def page(self, step_id: str):
        """The page of a form step ("basic", "summary", "purpose", …)."""
        return next(p for p in self.pages if p.step.get("id") == step_id)

    def field(self, key: str):
        """The widget of a form field (field:title → the title line edit)."""
        for page in self.pre_pages:
            bindings = getattr(page, "bindings", {})
            if key in bindings:
                widget = bindings[key].widget
                return getattr(widget, "edit", widget)
        raise KeyError(key)

    def goto(self, target: str) -> bool:
        """Show the step holding what a review check points at and focus it."""
        self.commit_all()
        for i, page in enumerate(self.pages):
            if page.owns(target):
                self.show_step(i)
                page.focus_target(target)
                return True
        if target.startswith("chapter:"):
            return self.restore_required_chapter(target[8:])
        return False

    def restore_required_chapter(self, key: str) -> bool:
        """Put back a required chapter that an imported draft lacks, where the kind expects it."""
        specs = kind_of(self.report).chapters
        names = {c.key: c.title for c in specs}
        if key not in names or self.report.chapter(key) is not None:
            return False
        answer = QMessageBox.question(self, "加回必要章節", f"報告少了「{names[key]}」章節，要加回嗎？",
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            return False
        order = [c.key for c in specs]
        earlier = set(order[:order.index(key)])
        at = max((i + 1 for i, c in enumerate(self.report.chapters) if c.key in earlier), default=0)
        chapter = Section(heading=names[key], key=key)
        self.record(f"加回章節「{names[key]}」", lambda: self._insert_chapter(at, chapter),
                    lambda: self._remove_chapter(chapter.id))
        return True

    def export(self, fmt: str = "docx") -> None:
        """The review step's 匯出… asks; the main window owns the dialog."""
        self.exportRequested.emit(fmt)

    def announce(self, text: str) -> None:
        self.message.emit(text)

    # ---- loading and saving --------------------------------------------------------------------
    def load(self, draft_id: int, discard_pending: bool = False) -> None:
        """Show a stored draft. Pending edits of the open one are saved first, unless the caller
        has just replaced the stored draft (a restore) and wants exactly that shown."""
        if discard_pending:
            self.autosaver.discard()
        else:
            self.autosaver.flush()
        self.report = self.sync.load(draft_id)
        self._follow_kind()
        self.undo_stack.clear()  # before the pages its commands name are deleted
        self._unsettled.clear()
        self._drop_unused_pages(chapters_too=True)
        self.undo_banner.hide()
        self._show_report(first=True)
        notice = missing_kind_notice(self.report)
        if notice:  # after what the caller says on opening (已匯入…), which would hide it at once
            QTimer.singleShot(0, self, lambda: self.announce(notice))

    def _show_report(self, first: bool = False) -> None:
        for page in self.pre_pages + self.post_pages:
            page.load(self.report)
        self._rebuild(self.pre_pages[0] if first and self.pre_pages else None)

    def show_changed_elsewhere(self, report: Report, message: str) -> None:
        """The draft was saved elsewhere (draft_sync.py gives the merged or stored state): show
        it on the same step. Undo history is dropped: undoing would remove the other side's work."""
        step = self.current_index()
        self.report = report
        self._follow_kind()
        self.undo_stack.clear()
        self._unsettled.clear()
        self._drop_unused_pages()
        self.undo_banner.hide()
        self._show_report()
        self.show_step(step)
        # after the autosave's own 已自動儲存; dropped if the editor is gone by then
        QTimer.singleShot(0, self, lambda: self.announce(message))

    def _on_edit(self) -> None:
        while self._unsettled:  # the edit announced by snapshot() is made: note what it changed
            self._unsettled.pop().settle()
        self.autosaver.schedule()

    def commit_all(self) -> None:
        for page in self.pages:
            page.commit()

    def _save(self) -> None:
        if self.report is not None:
            self.commit_all()
            self.sync.save(self.report)

    def _save_failed(self, message: str) -> None:
        self.saveFailed.emit(for_window(message, self.services.data_dir))

    def _after_save(self) -> None:
        self.refresh_review()
        self.saved.emit()

    def refresh_review(self) -> None:
        if self.report is None:
            return
        self.commit_all()
        results = run_checks(self.report)
        if self.review_page is not None:
            self.review_page.show_results(results)
        # the marks read the same results as the review panel (domain/step_marks.py)
        marks = {}
        for page in self.pages:
            if page is self.review_page:
                marks[id(page)] = review_state(results)
            else:
                marks[id(page)] = step_mark(page.completion(), [r for r in results if r.target and page.owns(r.target)])
        self._relabel(marks)

    def request_kind_change(self) -> None:
        """Change the draft's kind after showing what moves (gui/kind_dialogs.py); undoable."""
        from desktop.domain.kind_change import change_kind
        from desktop.gui.kind_dialogs import ask_kind, confirm_kind_change
        from desktop.gui.storage_guard import refused

        if refused(self, "無法變更種類"):  # the change could not be saved
            return
        self.commit_all()
        old = kind_of(self.report)
        new = ask_kind(self, "變更報告種類", current=old.id)
        if new is None or new.id == self.report.kind:
            return
        change = change_kind(self.report, old, new)
        if not confirm_kind_change(self, old, new, change):
            return
        # a kind change touches only these parts of the report (domain/kind_change.py)
        parts = ("kind", "chapters", "heading_style")
        before = {name: copy.deepcopy(getattr(self.report, name)) for name in parts}
        after = {name: getattr(change.report, name) for name in parts}

        def put(values: dict) -> None:
            for name, value in values.items():
                setattr(self.report, name, copy.deepcopy(value))
            self._follow_kind()
            self._show_report()

        self.record(f"報告種類改為「{new.name}」", lambda: put(after), lambda: put(before))
        self.announce(f"報告種類已改為「{new.name}」，可按 Ctrl+Z（「編輯 → 復原」）改回。")

    def close_draft(self) -> bool:
        """Save what is pending; False if it could not be saved (the caller keeps the draft open)."""
        return self.autosaver.flush()

    # ---- structure and undo --------------------------------------------------------------------
    def record(self, label: str, apply, revert, banner: str = "") -> None:
        """Make a structural edit as one undoable step: `apply` makes it and `revert` takes it back
        (both run again on redo and undo). `banner` says what was deleted, with a 復原 button."""
        if self.report is None:
            return
        self.commit_all()

        def saving(change):
            def run() -> None:
                change()
                self.autosaver.schedule()
            return run

        self.undo_stack.push(Edit(label, saving(apply), saving(revert)))
        if banner:
            self.undo_banner.show_for(banner, self.undo_stack)

    def snapshot(self, label: str) -> None:
        """For a step that changes the report in place right after calling this: the change is
        undone by putting back the parts of the report it changed."""
        if self.report is None:
            return
        self.commit_all()
        change = FieldsChange(label, self.report, self._reload_pages)
        self._unsettled.append(change)
        self.undo_stack.push(change)

    def changed_in_place(self) -> None:
        """After `snapshot` and an edit made to the report itself (尋找與取代): show it, save it."""
        self._reload_pages()
        self._on_edit()

    def _reload_pages(self) -> None:
        step = self.current_index()
        self._follow_kind()
        self._show_report()
        self.show_step(step)

    def _after_undo(self, command, verb: str) -> None:
        """Show the step the edit was made on, and say what was undone or redone."""
        page = getattr(command, "place", None)
        if page in self.pages and page is not self.stack.currentWidget():
            self.show_step(self.pages.index(page))
        self.autosaver.schedule()
        self.announce(f"{verb}：{command.text()}")

    def can_undo(self) -> bool:
        return self.undo_stack.canUndo()

    def can_redo(self) -> bool:
        return self.undo_stack.canRedo()

    def undo_label(self) -> str:
        return self.undo_stack.undoText()

    def _chapter_index(self, chapter_id: str) -> int:
        return next(i for i, c in enumerate(self.report.chapters) if c.id == chapter_id)

    def _insert_chapter(self, at: int, chapter: Section) -> None:
        self.report.chapters.insert(at, chapter)
        self._rebuild(self._chapter_page(chapter))

    def _remove_chapter(self, chapter_id: str) -> None:
        i = self._chapter_index(chapter_id)
        self.report.chapters.pop(i)
        chapters = self.report.chapters
        neighbour = chapters[min(i, len(chapters) - 1)] if chapters else None
        self._rebuild(self.chapter_pages.get(neighbour.id) if neighbour else None)

    def _swap_chapter(self, chapter_id: str, step: int) -> None:
        i = self._chapter_index(chapter_id)
        chapters = self.report.chapters
        chapters[i], chapters[i + step] = chapters[i + step], chapters[i]
        self._rebuild(self.chapter_pages[chapter_id])

    def move_chapter(self, chapter_id: str, step: int) -> None:
        if 0 <= self._chapter_index(chapter_id) + step < len(self.report.chapters):
            self.record("移動章節", lambda: self._swap_chapter(chapter_id, step),
                        lambda: self._swap_chapter(chapter_id, -step))

    def add_chapter(self, after_id: str | None = None) -> Section:
        chapter = Section(heading="新章節")
        at = self._chapter_index(after_id) + 1 if after_id else len(self.report.chapters)
        self.record("新增章節", lambda: self._insert_chapter(at, chapter), lambda: self._remove_chapter(chapter.id))
        editor = self.chapter_pages[chapter.id].chapter_editor
        editor.chapter_heading.setFocus()  # the user asked for a chapter: its name is next
        editor.chapter_heading.selectAll()
        return chapter

    def delete_chapter(self, chapter_id: str) -> None:
        i = self._chapter_index(chapter_id)
        chapter = self.report.chapters[i]
        if chapter.key:
            self.announce("必要章節不能刪除，可以改名。")
            return
        name = chapter.heading or "（未命名章節）"
        self.record(f"刪除章節「{name}」", lambda: self._remove_chapter(chapter.id),
                    lambda: self._insert_chapter(i, chapter), banner=f"已刪除章節「{name}」。")
        self.focus_step()

    def _set_heading_style(self, style: str) -> None:
        self.report.heading_style = style
        self._rebuild()

    def set_heading_style(self, style: str) -> None:
        if self.report is None or style == self.report.heading_style:
            return
        old = self.report.heading_style
        self.record("變更標題樣式", lambda: self._set_heading_style(style), lambda: self._set_heading_style(old))

    def chapter_renamed(self, chapter: Section) -> None:
        self._relabel()


INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractItemView)


def _first_input(page: QWidget) -> QWidget | None:
    """The first place inside `page`, in Tab order, where typing enters content: a text box or a
    list or table, never a heading (renaming is not why one enters a step) nor a button or a
    choice box (the arrow keys would change it); else the first widget Tab reaches."""
    first = None
    widget = page.nextInFocusChain()
    for _ in range(5000):  # the chain is a ring through the whole window
        if widget is page or widget is None:
            break
        if (page.isAncestorOf(widget) and widget.isVisibleTo(page) and widget.isEnabled()
                and widget.focusPolicy().value & Qt.TabFocus.value):
            if isinstance(widget, INPUTS) and not isinstance(widget, TitleLineEdit):
                return widget
            first = first or widget
        widget = widget.nextInFocusChain()
    return first
