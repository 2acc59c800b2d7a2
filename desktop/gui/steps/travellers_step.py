"""出國人員: the traveller table, pasteable from Excel, with the cover's shorthand shown live."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.domain.report import Traveller
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage
from desktop.gui.widgets.row_table import RowTable

HEADERS = ["姓名", "服務機關", "單位", "職稱", "官職等"]
FIELDS = ("name", "agency", "unit", "title", "rank")


class TravellersStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.rows = RowTable("出國人員", HEADERS, editor.record)
        for col, width in enumerate((110, 200, 200, 120)):
            self.rows.table.setColumnWidth(col, width)
        self.rows.edited.connect(self._changed)
        self.shorthand = QLabel()
        self.shorthand.setAccessibleName("封面姓名職稱")
        self.shorthand.setStyleSheet("font-size: 12pt;")
        self.outer.addWidget(self.rows, 1)
        self.outer.addWidget(self.shorthand)
        self._dirty = False

    def _changed(self) -> None:
        self._dirty = True
        self.commit()  # a small table: keep the model current so the shorthand is exact
        self._show_shorthand()
        self.mark_edited()

    def _show_shorthand(self) -> None:
        text = self.report.traveller_shorthand() if self.report else ""
        self.shorthand.setText(f"封面顯示：{text or '（尚未填寫）'}")

    def load(self, report) -> None:
        super().load(report)
        self.rows.set_rows([[getattr(t, f) for f in FIELDS] for t in report.travellers])
        self._dirty = False
        self._show_shorthand()

    def commit(self) -> None:
        if self._dirty and self.report is not None:
            self.report.travellers = [Traveller(**dict(zip(FIELDS, cells, strict=True)))
                                      for cells in self.rows.rows() if any(cells)]
            self._dirty = False

    def completion(self) -> str:
        people = [t for t in self.report.travellers if t.name.strip()]
        if not people:
            return EMPTY
        return DONE if all(t.title.strip() for t in people) else PARTIAL

    def owns(self, target: str) -> bool:
        return target == "travellers"

    def focus_target(self, target: str) -> None:
        self.rows.table.setFocus()
