"""One body chapter: its heading, its sub-sections as a tree with computed numbers, and one text box.

Only the selected (sub-)section's blocks sit in the text box, so a chapter with fifty sub-sections
opens as fast as one with none, and typing touches nothing but a dirty flag. Moving, adding and
deleting chapters is the editor's job (the step list changes); sub-sections are edited here, each
change through the editor's undo stack (`editor.record`), by section id, so it can be taken back.

The text box holds paragraphs, lists, tables and photos (RichTextEdit, with its toolbar). Which
section a photo belongs to is the photo's placement: inserting one here places it here, and one
taken out of the text here goes to the appendix, still in the report (blocks.with_placed_photos).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.blocks import photo_ids, with_placed_photos
from desktop.domain.numbering import numbered_heading
from desktop.domain.report import APPENDIX, Section
from desktop.domain.text import clean_line
from desktop.gui.steps.chapter_photos import ChapterPhotos
from desktop.gui.widgets.paste_notice import PasteNotice
from desktop.gui.widgets.rich_actions import RichActions
from desktop.gui.widgets.rich_text_edit import RichTextEdit
from desktop.gui.widgets.text_edits import TitleLineEdit

STYLES = (("壹", "壹、貳、參…"), ("章", "第一章、第二章…"))


def _button(text: str, accessible: str, slot) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(accessible)
    b.clicked.connect(slot)
    return b


class ChapterEditor(QWidget):
    def __init__(self, editor, on_edit, compact: bool = False, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.on_edit = on_edit
        self.chapter: Section | None = None
        self.current: Section | None = None
        self.current_level = 1
        self._shown_photos: set[str] = set()
        self._dirty = False
        self._loading = False
        self.root_label = "本章前言（可留空）：" if compact else ""

        self.chapter_heading = TitleLineEdit()
        self.chapter_heading.setAccessibleName("章名")
        self.chapter_heading.setToolTip("章名可以改，例如「緣起與目的」；編號會自動計算")
        self.chapter_heading.textEdited.connect(self._chapter_renamed)
        self.number_label = QLabel()
        self.number_label.setAccessibleName("章節編號")
        self.style_combo = QComboBox()
        self.style_combo.setAccessibleName("標題樣式")
        for key, label in STYLES:
            self.style_combo.addItem(label, key)
        self.style_combo.activated.connect(
            lambda _i: self.editor.set_heading_style(self.style_combo.currentData()))
        self.up_button = _button("章節上移", "本章上移", lambda: self.editor.move_chapter(self.chapter.id, -1))
        self.down_button = _button("章節下移", "本章下移", lambda: self.editor.move_chapter(self.chapter.id, 1))
        self.add_chapter_button = _button("新增章節", "在本章之後新增章節",
                                          lambda: self.editor.add_chapter(self.chapter.id))
        self.delete_chapter_button = _button("刪除本章", "刪除本章", lambda: self.editor.delete_chapter(self.chapter.id))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("章名："))
        bar.addWidget(self.number_label)
        bar.addWidget(self.chapter_heading, 1)
        bar.addWidget(QLabel("標題樣式："))
        bar.addWidget(self.style_combo)
        for b in (self.up_button, self.down_button, self.add_chapter_button, self.delete_chapter_button):
            bar.addWidget(b)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("章節結構")
        self.tree.currentItemChanged.connect(self._selected)
        self.add_sub_button = _button("新增小節", "新增同層小節", self._add_sibling)
        self.add_child_button = _button("新增下一層", "在選取的小節下新增一層", self._add_child)
        self.sub_up_button = _button("上移", "小節上移", lambda: self._move(-1))
        self.sub_down_button = _button("下移", "小節下移", lambda: self._move(1))
        self.delete_sub_button = _button("刪除小節", "刪除選取的小節", self._delete)
        tree_box = QWidget()
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.tree, 1)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        row1.addWidget(self.add_sub_button)
        row1.addWidget(self.add_child_button)
        row2.addWidget(self.sub_up_button)
        row2.addWidget(self.sub_down_button)
        row2.addWidget(self.delete_sub_button)
        tree_layout.addLayout(row1)
        tree_layout.addLayout(row2)

        self.section_heading = TitleLineEdit()
        self.section_heading.setAccessibleName("小節標題")
        self.section_heading.setPlaceholderText("小節標題（不用寫編號）")
        self.section_heading.textEdited.connect(self._section_renamed)
        self.text_edit = RichTextEdit()
        self.text_edit.setAccessibleName("內文")
        self.text_edit.setPlaceholderText("按 Enter 開始新的段落；上方按鈕可加粗體、清單、表格與照片，"
                                          "也可以直接從 Word 或 Excel 貼上。Tab 鍵移到下一個欄位。")
        self.text_edit.textChanged.connect(self._text_changed)
        self.format_actions = RichActions(self.text_edit)
        self.format_bar = self.format_actions.toolbar()
        self.paste_notice = PasteNotice()
        self.paste_notice.watch(self.text_edit)
        self.photos = ChapterPhotos(self)
        self.format_actions.photoRequested.connect(self.photos.ask)
        self.text_edit.imagesOffered.connect(self.photos.offered)
        self.section_label = QLabel()
        text_box = QWidget()
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        head_row = QHBoxLayout()
        head_row.addWidget(self.section_label)
        head_row.addWidget(self.section_heading, 1)
        text_layout.addLayout(head_row)
        if compact:  # beside the label: the page under it (recommendations) needs the height
            head_row.addWidget(self.format_bar)
        else:
            text_layout.addWidget(self.format_bar)
        text_layout.addWidget(self.text_edit, 1)
        text_layout.addWidget(self.paste_notice)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        if compact:
            layout.addWidget(tree_box)  # kept (hidden) so the chapter's sub-sections stay reachable in code
            tree_box.hide()
            layout.addWidget(text_box, 1)
        else:
            split = QSplitter(Qt.Horizontal)
            split.addWidget(tree_box)
            split.addWidget(text_box)
            split.setStretchFactor(1, 3)
            split.setSizes([260, 700])
            layout.addWidget(split, 1)

    # ---- loading ----------------------------------------------------------------------------------
    def load(self, chapter: Section) -> None:
        self.chapter = chapter
        self._loading = True
        self.chapter_heading.setText(chapter.heading)
        self.style_combo.setCurrentIndex(max(self.style_combo.findData(self.editor.report.heading_style), 0))
        self._loading = False
        self.delete_chapter_button.setEnabled(not chapter.key)
        self.delete_chapter_button.setToolTip("必要章節不能刪除，可以改名" if chapter.key else "刪除後可按「復原」(Ctrl+Z) 救回")
        self.refresh_numbers()
        self._fill_tree(chapter.id)

    def refresh_numbers(self) -> None:
        chapters = self.editor.report.chapters
        n = next((i for i, c in enumerate(chapters, 1) if c is self.chapter), 1)
        style = self.editor.report.heading_style
        self.number_label.setText(numbered_heading(1, n, "", style).strip())
        self.up_button.setEnabled(n > 1)
        self.down_button.setEnabled(n < len(chapters))

    def _fill_tree(self, select_id: str | None) -> None:
        self.commit()
        self.tree.blockSignals(True)
        self.tree.clear()
        style = self.editor.report.heading_style
        chapters = self.editor.report.chapters
        n = next((i for i, c in enumerate(chapters, 1) if c is self.chapter), 1)
        selected = None

        def add(parent, section: Section, level: int, index: int):
            nonlocal selected
            item = QTreeWidgetItem([numbered_heading(level, index, section.heading or "（未命名）", style)])
            item.setToolTip(0, item.text(0))  # long day headings are cut off in the narrow tree
            item.setData(0, Qt.UserRole, section.id)
            item.setData(0, Qt.UserRole + 1, (level, index))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            if section.id == select_id:
                selected = item
            for i, child in enumerate(section.sections, 1):
                add(item, child, level + 1, i)
            return item

        root = add(None, self.chapter, 1, n)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.tree.setCurrentItem(selected or root)
        self._selected(selected or root, None)

    def _find(self, section_id: str) -> tuple[Section | None, list[Section] | None]:
        """(section, the list that holds it) inside this chapter."""
        def search(holder: list[Section]):
            for s in holder:
                if s.id == section_id:
                    return s, holder
                found = search(s.sections)
                if found[0] is not None:
                    return found
            return None, None

        if self.chapter.id == section_id:
            return self.chapter, None
        return search(self.chapter.sections)

    def contains(self, section_id: str) -> bool:
        return self.chapter is not None and self._find(section_id)[0] is not None

    # ---- editing text -------------------------------------------------------------------------------
    def _selected(self, item, _previous) -> None:
        if item is None:
            return
        self.commit()
        section, _holder = self._find(item.data(0, Qt.UserRole))
        if section is None:
            return
        self.current = section
        self._loading = True
        is_root = section is self.chapter
        self.section_heading.setText(section.heading)
        self.section_heading.setEnabled(not is_root)
        root = self.root_label or ("本章前言：" if section.sections else "本章內文：")
        self.section_label.setText(root if is_root else "小節標題：")
        self.section_heading.setVisible(not is_root)
        self.current_level = item.data(0, Qt.UserRole + 1)[0]
        self._show_blocks(section)
        self._loading = False
        self._dirty = False
        self.paste_notice.clear()
        for b in (self.sub_up_button, self.sub_down_button, self.delete_sub_button):
            b.setEnabled(not is_root)

    def _text_changed(self) -> None:
        if not self._loading:
            self._dirty = True  # the text is read when the editor saves, not on each keystroke
            self.on_edit()

    def note(self, text: str) -> None:
        """A line under the text box about what just happened to a paste or a photo, after what
        the paste itself said."""
        self.paste_notice.add(text)

    def photo_added(self) -> None:
        """A photo imported for the text arrived: the report's photos changed, save."""
        self._dirty = True
        self.on_edit()

    def _placed_here(self, section: Section) -> list[str]:
        return [p.id for p in self.editor.report.photos if p.placement == section.id]

    def _show_blocks(self, section: Section) -> None:
        blocks = with_placed_photos(section.blocks, section.id, self._placed_here(section))
        self.text_edit.photo_image = self.photos.figure
        self.text_edit.set_blocks(blocks, self.current_level)
        self._shown_photos = set(photo_ids(blocks))

    def commit(self) -> None:
        if self._dirty and self.current is not None:
            blocks = self.text_edit.blocks()
            kept = set(photo_ids(blocks))
            for photo in self.editor.report.photos:
                # a photo taken out of the text goes to the appendix, still in the report
                if photo.id in self._shown_photos - kept and photo.placement == self.current.id:
                    photo.placement = APPENDIX
            self._shown_photos = kept
            self.current.blocks = blocks
            self._dirty = False

    def refresh_photos(self) -> None:
        """The photos placed here may have changed in the 照片 step (placed here or elsewhere,
        captions edited): show the section again as the model has it."""
        if self.current is None:
            return
        self.commit()
        self.photos.forget_figures()
        wanted = with_placed_photos(self.current.blocks, self.current.id, self._placed_here(self.current))
        if set(photo_ids(wanted)) != self._shown_photos or self.photos.captions_changed(wanted):
            loading, self._loading = self._loading, True
            self._show_blocks(self.current)
            self._loading = loading

    def _relabel(self, item, section: Section) -> None:
        level, index = item.data(0, Qt.UserRole + 1)
        item.setText(0, numbered_heading(level, index, section.heading or "（未命名）",
                                         self.editor.report.heading_style))
        item.setToolTip(0, item.text(0))

    def _chapter_renamed(self, text: str) -> None:
        if self._loading or self.chapter is None:
            return
        self.chapter.heading = clean_line(text)
        if self.tree.topLevelItem(0) is not None:
            self._relabel(self.tree.topLevelItem(0), self.chapter)
        self.editor.chapter_renamed(self.chapter)
        self.on_edit()

    def _section_renamed(self, text: str) -> None:
        if self._loading or self.current is None or self.current is self.chapter:
            return
        self.current.heading = clean_line(text)
        if self.tree.currentItem() is not None:
            self._relabel(self.tree.currentItem(), self.current)
        self.on_edit()

    # ---- sub-section structure ----------------------------------------------------------------------
    def _parent_of(self, section_id: str) -> tuple[Section | None, int]:
        """The section holding `section_id` in its `sections`, and where."""
        for _level, parent in self.chapter.walk():
            for i, child in enumerate(parent.sections):
                if child.id == section_id:
                    return parent, i
        return None, -1

    def _section(self, section_id: str) -> Section:
        return self._find(section_id)[0]

    def _insert(self, label: str, parent_id: str, at: int, new: list[Section]) -> None:
        """Put `new` into the section `parent_id` at `at`, as one undoable edit."""
        ids = [s.id for s in new]
        previous = (self.current or self.chapter).id
        first = [True]  # only the user's own click selects the new heading for naming, not a redo

        def apply() -> None:
            self._section(parent_id).sections[at:at] = new
            self._after_structure(ids[0], rename=first.pop() if first else False)

        def revert() -> None:
            holder = self._section(parent_id).sections
            holder[:] = [s for s in holder if s.id not in ids]
            self._after_structure(previous if self.contains(previous) else parent_id)

        self.editor.record(label, apply, revert)

    def _add_sibling(self) -> None:
        self.commit()
        current = self.current or self.chapter
        parent, i = self._parent_of(current.id)
        if parent is None:  # the chapter itself is selected: a new first-level sub-section at the end
            self._insert("新增小節", self.chapter.id, len(self.chapter.sections), [Section(heading="新小節")])
        else:
            self._insert("新增小節", parent.id, i + 1, [Section(heading="新小節")])

    def _add_child(self) -> None:
        self.commit()
        parent = self.current or self.chapter
        self._insert("新增下一層", parent.id, len(parent.sections), [Section(heading="新小節")])

    def add_sections(self, sections: list[Section], label: str) -> None:
        """Append ready-made sub-sections (the itinerary's one-per-day skeleton), undoably."""
        if sections:
            self.commit()
            self._insert(label, self.chapter.id, len(self.chapter.sections), sections)

    def _move(self, step: int) -> None:
        if self.current is None or self.current is self.chapter:
            return
        section_id = self.current.id
        parent, i = self._parent_of(section_id)
        if not 0 <= i + step < len(parent.sections):
            return
        self.commit()

        def swap(by: int) -> None:
            holder = self._parent_of(section_id)[0].sections
            k = next(n for n, s in enumerate(holder) if s.id == section_id)
            holder[k], holder[k + by] = holder[k + by], holder[k]
            self._after_structure(section_id)

        self.editor.record("移動小節", lambda: swap(step), lambda: swap(-step))

    def _delete(self) -> None:
        if self.current is None or self.current is self.chapter:
            return
        self.commit()
        section = self.current
        parent, i = self._parent_of(section.id)
        parent_id = parent.id

        def apply() -> None:
            holder = self._section(parent_id).sections
            holder[:] = [s for s in holder if s.id != section.id]
            self.current = None
            self._after_structure(holder[min(i, len(holder) - 1)].id if holder else parent_id)

        def revert() -> None:
            self._section(parent_id).sections.insert(i, section)
            self._after_structure(section.id)

        name = section.heading or "（未命名）"
        self.editor.record(f"刪除小節「{name}」", apply, revert, banner=f"已刪除小節「{name}」。")

    def _after_structure(self, select_id: str | None, rename: bool = False) -> None:
        """Show the tree again; a section just added gets its heading selected, to be named."""
        self._fill_tree(select_id)
        self.on_edit()
        if rename and select_id and select_id != self.chapter.id:
            self.section_heading.setFocus()
            self.section_heading.selectAll()

    def show_section(self, section_id: str) -> None:
        it = self.tree.findItems("*", Qt.MatchWildcard | Qt.MatchRecursive)
        for item in it:
            if item.data(0, Qt.UserRole) == section_id:
                self.tree.setCurrentItem(item)
                break
        self.text_edit.setFocus()
