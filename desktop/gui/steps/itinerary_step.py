"""行程與過程: the itinerary table by day, and the 過程 chapter with one sub-section per day.

The table has one line per activity. A line whose date is left blank belongs to the day above it,
the way printed itineraries merge the date cell, so a day spans several rows naturally.
"""

from __future__ import annotations

import re
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QPushButton, QSplitter, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.domain.report import DAY_PARTS, ItineraryDay, ItineraryRow, Section, itinerary_date_key
from desktop.domain.roc_date import parse_roc, roc_date_with_weekday, roc_slash, weekday
from desktop.gui import colours
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage
from desktop.gui.steps.chapter_editor import ChapterEditor
from desktop.gui.steps.chapter_step import section_completion
from desktop.gui.widgets.row_table import RowTable

HEADERS = ["日期", "星期", "時間", "地點", "活動"]
DATE, WEEKDAY, TIME, PLACE, ACTIVITY = range(5)
_CLOCK = re.compile(r"^\d{1,2}[:：]\d{2}(\s*[-–~～至]\s*\d{1,2}[:：]\d{2})?$")
_WEEKDAY = re.compile(r"^[（(]?(星期|週|周)?[一二三四五六日天][）)]?$")
_WEEKDAY_SUFFIX = re.compile(r"\s*[（(](星期|週|周)?[一二三四五六日天][）)]\s*$")
# The 過程 text below the table keeps at least this much; the table shows at least MIN_ROWS rows.
EDITOR_MIN_HEIGHT = 200
MIN_ROWS = 4


def valid_time(text: str) -> bool:
    text = text.strip()
    return not text or text in DAY_PARTS or bool(_CLOCK.match(text))


def rows_to_days(rows: list[list[str]]) -> tuple[list[ItineraryDay], dict[int, str]]:
    """Days from table rows, and the text of each day whose date could not be read, by the day's
    index (such a day has no date; the text is kept in Report.pending_inputs)."""
    days: list[ItineraryDay] = []
    bad: dict[int, str] = {}
    for cells in rows:
        text = cells[DATE].strip()
        if text or not days:
            try:
                when = parse_roc(text) if text else None
            except ValueError:
                when = None
                bad[len(days)] = text
            days.append(ItineraryDay(date=when))
        row = ItineraryRow(cells[TIME], cells[PLACE], cells[ACTIVITY])
        if any((row.time, row.place, row.activity)):
            days[-1].rows.append(row)
    return days, bad


def days_to_rows(days: list[ItineraryDay], pending: dict[str, str] | None = None) -> list[list[str]]:
    """Table rows of the days; a day without a date shows the unreadable text typed for it."""
    pending = pending or {}
    rows = []
    for i, day in enumerate(days):
        shown = roc_slash(day.date) if day.date else pending.get(itinerary_date_key(i), "")
        for j, r in enumerate(day.rows or [ItineraryRow()]):
            rows.append([shown if j == 0 else "", "", r.time, r.place, r.activity])
    return rows


def first_row_of_day(days: list[ItineraryDay], day_index: int) -> int:
    return sum(max(1, len(d.rows)) for d in days[:day_index])


class ItineraryTable(RowTable):
    first_column = TIME  # a row added to the same day: its time comes first

    def __init__(self, step, record):
        super().__init__("行程表", HEADERS, record)
        self.step = step
        for col, width in ((DATE, 100), (WEEKDAY, 70), (TIME, 110), (PLACE, 200)):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setToolTip("日期留白的列屬於上一天；時間可寫 09:30、09:30-11:00 或 上午／下午／晚上")
        self.add_day_button = self._button("新增一天(&D)", self.add_day, "行程表新增一天")
        self.buttons.insertWidget(0, self.add_day_button)
        self.add_button.setText("同一天再加一列(&A)")

    def shape_pasted(self, cells: list[str]) -> list[str]:
        """Excel itineraries come as 日期｜時間｜地點｜活動 or with a 星期 column; the weekday is
        computed here, so it is dropped, also when written after the date (107/7/8（日）)."""
        date_text = _WEEKDAY_SUFFIX.sub("", cells[0]) if cells else ""
        rest = cells[1:]
        if rest and _WEEKDAY.match(rest[0]):
            rest = rest[1:]
        return [date_text, "", *rest]

    def rows_loaded(self) -> None:
        self._loading, was = True, self._loading
        try:
            for r in range(self.table.rowCount()):
                self._decorate(r)
        finally:
            self._loading = was

    def _decorate(self, r: int) -> None:
        date_item = self.table.item(r, DATE)
        text = date_item.text().strip() if date_item else ""
        label, problem = "", ""
        if text:
            try:
                label = weekday(parse_roc(text))
            except ValueError as err:
                problem = str(err)
        wd = self.table.item(r, WEEKDAY)
        if wd is None:
            wd = QTableWidgetItem()
            self.table.setItem(r, WEEKDAY, wd)
        wd.setText(label)
        wd.setFlags(wd.flags() & ~Qt.ItemIsEditable)
        if date_item is not None:
            date_item.setBackground(QBrush(colours.tint("problem", self.palette(), 0.3)) if problem else QBrush())
            date_item.setToolTip(f"{problem}（原文已保留，改正後才會套用）" if problem else "")
        time_item = self.table.item(r, TIME)
        if time_item is not None:
            ok = valid_time(time_item.text())
            time_item.setBackground(QBrush() if ok else QBrush(colours.tint("notice", self.palette(), 0.3)))
            time_item.setToolTip("" if ok else "時間請寫 09:30、09:30-11:00 或 上午／下午／晚上")

    def _item_changed(self, item) -> None:
        if self._loading:
            return
        if item.column() in (DATE, TIME):
            self._loading = True
            try:
                self._decorate(item.row())
            finally:
                self._loading = False
        self.edited.emit()

    def _last_date(self, before: int):
        for r in range(before - 1, -1, -1):
            item = self.table.item(r, DATE)
            if item and item.text().strip():
                try:
                    return parse_roc(item.text())
                except ValueError:
                    return None
        return None

    def add_day(self) -> None:
        self.step.editor.commit_all()  # the trip dates typed a moment ago on 基本資料
        last = self._last_date(self.table.rowCount())
        start = self.step.report.start_date if self.step.report else None
        when = last + timedelta(days=1) if last else start
        self.add_row_at(self.table.rowCount(), [roc_slash(when), "", "", "", ""], DATE if when is None else TIME)


class ItineraryStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.itinerary = ItineraryTable(self, editor.record)
        self.itinerary.edited.connect(self._table_changed)
        self.skeleton_button = QPushButton("依行程建立每日小節(&K)")
        self.skeleton_button.setAccessibleName("依行程在過程中建立每日小節")
        self.skeleton_button.setToolTip("每個行程日在「過程」加一個小節，標題如 107年7月8日（星期日）")
        self.skeleton_button.clicked.connect(self.make_day_sections)
        self.itinerary.buttons.addWidget(self.skeleton_button)
        self.chapter_editor = ChapterEditor(editor, self.mark_edited)
        self.split = QSplitter(Qt.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.itinerary)
        self.split.addWidget(top)
        self.split.addWidget(self.chapter_editor)
        self.split.setChildrenCollapsible(False)
        self.split.splitterMoved.connect(self._sized_by_user)
        self.outer.addWidget(self.split, 1)
        self._user_sized = False
        self._dirty = False

    @property
    def chapter(self):
        return self.chapter_editor.chapter

    def _table_changed(self) -> None:
        self._dirty = True
        self.mark_edited()
        self._fit_table()

    def _sized_by_user(self, *_args) -> None:
        self._user_sized = True

    def _fit_table(self) -> None:
        """Give the table the height its rows need (and one more), up to what leaves the 過程 text
        its minimum; the rest goes to the text. Once the user drags the divider, it stays."""
        total = self.split.height() - self.split.handleWidth()
        if self._user_sized or total <= 0:
            return
        table = self.itinerary.table
        rows = max(table.rowCount() + 1, MIN_ROWS)
        needed = (self.itinerary.buttons.sizeHint().height() + self.itinerary.layout().spacing()
                  + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
                  + rows * table.verticalHeader().defaultSectionSize())
        top = max(min(needed, total - EDITOR_MIN_HEIGHT), 0)
        self.split.setSizes([top, total - top])

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_table()

    def load(self, report) -> None:
        self.report = report

    def load_chapter(self, report, chapter) -> None:
        self.report = report
        self.itinerary.set_rows(days_to_rows(report.itinerary, report.pending_inputs))
        self._dirty = False
        self.chapter_editor.load(chapter)
        self._fit_table()

    def commit(self) -> None:
        if self._dirty and self.report is not None:
            self.report.itinerary, bad = rows_to_days(self.itinerary.rows())
            pending = {k: v for k, v in self.report.pending_inputs.items() if not k.startswith("itinerary[")}
            pending.update({itinerary_date_key(i): text for i, text in bad.items()})
            self.report.pending_inputs = pending
            self._dirty = False
        self.chapter_editor.commit()

    def shown(self) -> None:
        # the 照片 step may have placed photos in 過程, moved them away or changed their captions
        self.chapter_editor.refresh_photos()

    def make_day_sections(self) -> None:
        self.commit()
        existing = {s.heading for s in self.chapter.sections}
        new = [Section(heading=h) for day in self.report.itinerary if day.date
               if (h := roc_date_with_weekday(day.date)) not in existing]
        if not new:
            self.editor.announce("每個行程日都已有小節（或行程表還沒有日期）。")
            return
        self.chapter_editor.add_sections(new, "依行程建立每日小節")
        self.editor.announce(f"已在「{self.chapter.heading}」加入 {len(new)} 個每日小節。")

    def completion(self) -> str:
        text = section_completion(self.chapter)
        has_rows = any(day.rows for day in self.report.itinerary)
        if text == EMPTY and not has_rows:
            return EMPTY
        return DONE if text == DONE and has_rows else PARTIAL

    def owns(self, target: str) -> bool:
        return (target == "itinerary" or target.startswith("itinerary:")
                or (target.startswith("section:") and self.chapter_editor.contains(target[8:])))

    def entry_widget(self):
        return self.itinerary.table

    def focus_target(self, target: str) -> None:
        if target.startswith("itinerary:"):  # one day's date: its first row's date cell
            table = self.itinerary.table
            row = first_row_of_day(self.report.itinerary, int(target[10:]))
            table.setFocus()
            table.setCurrentCell(min(row, table.rowCount() - 1), DATE)
        elif target == "itinerary":
            self.itinerary.table.setFocus()
        else:
            self.chapter_editor.show_section(target[8:])
