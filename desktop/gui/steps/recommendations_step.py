"""建議: the recommendation list (short title + paragraph, reorderable), each with a table of its
responsible agencies' follow-ups (採行情形, 辦理期程, 經費需求: one row per agency, as the 追蹤表
prints them), under the chapter's heading and an optional lead-in text.

Adding, deleting and moving a recommendation or an agency row are edits on the editor's undo stack
(`editor.record`), each touching only its own recommendation; an agency row's edit is undone on
the recommendation it was made on, whichever one is shown at the time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.kinds import kind_of
from desktop.domain.report import FollowUp, Recommendation
from desktop.domain.text import clean_line
from desktop.gui import colours
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage
from desktop.gui.steps.chapter_editor import ChapterEditor
from desktop.gui.widgets.paste_notice import PasteNotice
from desktop.gui.widgets.row_table import RowTable
from desktop.gui.widgets.text_edits import CleanLineEdit, CleanPlainTextEdit

FOLLOW_HEADERS = ["主（協）辦機關", "採行情形", "辦理期程", "經費需求"]
FOLLOW_FIELDS = ("agency", "status", "schedule", "budget")


class RecommendationsStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.chapter_editor = ChapterEditor(editor, self.mark_edited, compact=True)
        self._describe_text("")

        self.list = QListWidget()
        self.list.setAccessibleName("建議清單")
        self.list.currentRowChanged.connect(self._selected)
        self.add_button = self._button("新增建議(&A)", "新增一項建議", self.add)
        self.remove_button = self._button("刪除", "刪除選取的建議", self.remove)
        self.up_button = self._button("上移", "建議上移", lambda: self.move(-1))
        self.down_button = self._button("下移", "建議下移", lambda: self.move(1))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        # two rows of buttons: the list stays narrow enough to sit beside the page preview
        for pair in ((self.add_button, self.remove_button), (self.up_button, self.down_button)):
            row = QHBoxLayout()
            for b in pair:
                row.addWidget(b)
            left_layout.addLayout(row)

        self.title_edit = CleanLineEdit()
        self.title_edit.setAccessibleName("建議標題")
        self.title_edit.setPlaceholderText("短標題，例如「推動智慧路燈共桿」")
        self.title_edit.textEdited.connect(self._title_edited)
        self.text_edit = CleanPlainTextEdit()
        self.text_edit.setAccessibleName("建議說明")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._text_edited)
        self.paste_notice = PasteNotice()
        self.paste_notice.watch(self.text_edit)
        self.follow_box = QGroupBox("採行情形追蹤")
        follow_layout = QVBoxLayout(self.follow_box)
        self.follow_rows = RowTable("採行情形", FOLLOW_HEADERS, self._record_follow_up)
        self.follow_rows.paste_button.hide()
        self.follow_rows.add_button.setText("新增機關(&G)")
        for col, width in enumerate((150, 230, 110)):
            self.follow_rows.table.setColumnWidth(col, width)
        self.follow_rows.table.setToolTip("採行情形可寫：已採行、部分採行、研議中、不採行，並說明理由")
        self.follow_rows.edited.connect(self._follow_edited)
        follow_layout.addWidget(self.follow_rows)
        note = QLabel("印在建議事項採行情形追蹤表：每個主協辦機關一列，不需追蹤可留空。"
                      "採行情形請寫「已採行／部分採行／研議中／不採行」並說明理由。")
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {colours.css(colours.muted(self.palette()))};")
        follow_layout.addWidget(note)
        self.detail = QWidget()
        detail_layout = QFormLayout(self.detail)
        detail_layout.addRow("標題：", self.title_edit)
        detail_layout.addRow("說明：", self.text_edit)
        detail_layout.addRow(self.paste_notice)
        detail_layout.addRow(self.follow_box)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setSizes([300, 600])
        top = QSplitter(Qt.Vertical)
        top.addWidget(self.chapter_editor)
        top.addWidget(split)
        top.setSizes([140, 460])
        self.outer.addWidget(top, 1)
        self._loading = False
        self._current: Recommendation | None = None
        # The agency rows as last shown for each recommendation, blank ones included (those are
        # not stored): the table's undo commands count rows, so the rows must come back the same.
        self._shown_rows: dict[str, list[list[str]]] = {}

    def _button(self, text, accessible, slot) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(accessible)
        b.clicked.connect(slot)
        return b

    @property
    def chapter(self):
        return self.chapter_editor.chapter

    def load(self, report) -> None:
        self.report = report

    def load_chapter(self, report, chapter) -> None:
        self.report = report
        spec = kind_of(report).chapter_spec(chapter.key)
        self._describe_text(spec.text_label if spec else "")
        self.chapter_editor.load(chapter)
        self._fill(0)

    def _describe_text(self, text_label: str) -> None:
        """Say what the text above the list is: the kind's own part (心得) or an optional preface."""
        if text_label:
            self.chapter_editor.root_label = f"{text_label}："
            placeholder = f"在這裡寫{text_label}；建議事項請寫在下方清單。"
        else:
            self.chapter_editor.root_label = "本章前言（可留空）："
            placeholder = "本章前言（可留空），建議事項請寫在下方清單。"
        self.chapter_editor.text_edit.setPlaceholderText(placeholder)

    def _label(self, i: int, rec: Recommendation) -> str:
        agencies = "、".join(f.agency for f in rec.follow_ups if f.agency.strip())
        mark = f"　（{agencies}）" if agencies else ("　（追蹤）" if rec.follow_ups else "")
        return f"{i}. {rec.title or '（未命名建議）'}{mark}"

    def _fill(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for i, rec in enumerate(self.report.recommendations, 1):
            self.list.addItem(self._label(i, rec))
        self.list.blockSignals(False)
        if self.report.recommendations:
            select = max(0, min(select, len(self.report.recommendations) - 1))
            self.list.setCurrentRow(select)
            self._selected(select)
        else:
            self._selected(-1)

    def _selected(self, row: int) -> None:
        recs = self.report.recommendations if self.report else []
        self._current = recs[row] if 0 <= row < len(recs) else None
        rec = self._current
        self._loading = True
        self.detail.setEnabled(rec is not None)
        self.title_edit.setText(rec.title if rec else "")
        self.text_edit.setPlainText(rec.text if rec else "")
        self.paste_notice.clear()
        self.follow_rows.set_rows(self._rows_of(rec) if rec else [])
        self._loading = False

    def _rows_of(self, rec: Recommendation) -> list[list[str]]:
        stored = [[getattr(f, k) for k in FOLLOW_FIELDS] for f in rec.follow_ups]
        shown = self._shown_rows.get(rec.id)
        if shown is not None and [r for r in shown if any(c.strip() for c in r)] == stored:
            return shown
        return stored

    def _title_edited(self, text: str) -> None:
        if self._current is None or self._loading:
            return
        self._current.title = clean_line(text)
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._label(self.list.currentRow() + 1, self._current))
        self.mark_edited()

    def _text_edited(self) -> None:
        if self._current is None or self._loading:
            return
        self._current.text = self.text_edit.text()  # one paragraph: cheap to keep current
        self.mark_edited()

    def _follow_edited(self) -> None:
        if self._current is None or self._loading:
            return
        rows = self.follow_rows.rows()
        self._shown_rows[self._current.id] = rows
        self._current.follow_ups = [FollowUp(**dict(zip(FOLLOW_FIELDS, cells, strict=True)))
                                    for cells in rows if any(c.strip() for c in cells)]
        item = self.list.currentItem()
        if item is not None:
            item.setText(self._label(self.list.currentRow() + 1, self._current))
        self.mark_edited()

    # ---- structure: undoable edits ---------------------------------------------------------------
    def add(self) -> None:
        at = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else len(self.report.recommendations)
        rec = Recommendation()
        self.editor.record("新增建議", lambda: self._insert(at, rec), lambda: self._take(rec.id))
        self.title_edit.setFocus()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        rec = self.report.recommendations[row]
        name = rec.title or "（未命名建議）"
        self.editor.record(f"刪除建議「{name}」", lambda: self._take(rec.id), lambda: self._insert(row, rec),
                           banner=f"已刪除建議「{name}」。")

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < len(self.report.recommendations):
            return
        rec_id = self.report.recommendations[row].id
        self.editor.record("移動建議", lambda: self._shift(rec_id, step), lambda: self._shift(rec_id, -step))

    def _index(self, rec_id: str) -> int:
        return next(i for i, r in enumerate(self.report.recommendations) if r.id == rec_id)

    def _insert(self, at: int, rec: Recommendation) -> None:
        self.report.recommendations.insert(at, rec)
        self._fill(at)

    def _take(self, rec_id: str) -> None:
        at = self._index(rec_id)
        self.report.recommendations.pop(at)
        self._fill(at)

    def _shift(self, rec_id: str, step: int) -> None:
        recs = self.report.recommendations
        at = self._index(rec_id)
        recs[at], recs[at + step] = recs[at + step], recs[at]
        self._fill(at + step)

    def _record_follow_up(self, label: str, apply, revert, banner: str = "") -> None:
        """The agency table's row edits (row_table.py), made, undone and redone on the
        recommendation shown when they were made."""
        if self._current is None:
            return
        rec_id = self._current.id

        def on_own(change):
            def run() -> None:
                if self._current is None or self._current.id != rec_id:
                    self.list.setCurrentRow(self._index(rec_id))  # shows its rows (_selected)
                change()
            return run

        self.editor.record(label, on_own(apply), on_own(revert), banner=banner)

    def commit(self) -> None:
        self.chapter_editor.commit()

    def completion(self) -> str:
        recs = [r for r in self.report.recommendations if r.title.strip() or r.text.strip()]
        if not recs and not self.chapter.text.strip():
            return EMPTY
        return DONE if recs and all(r.title.strip() and r.text.strip() for r in recs) else PARTIAL

    def owns(self, target: str) -> bool:
        return (target == "recommendations" or target.startswith("recommendation:")
                or (target.startswith("section:") and self.chapter_editor.contains(target[8:])))

    def focus_target(self, target: str) -> None:
        if target.startswith("recommendation:"):
            ids = [r.id for r in self.report.recommendations]
            if target[15:] in ids:
                self.list.setCurrentRow(ids.index(target[15:]))
                self.text_edit.setFocus()
                return
        if target.startswith("section:"):
            self.chapter_editor.show_section(target[8:])
            return
        self.list.setFocus()
