"""附錄: the attachments (議程, 簡報, 帶回的資料), one row each with title, note and file."""

from __future__ import annotations

from desktop.domain.report import Attachment
from desktop.gui.steps.base import DONE, EMPTY, StepPage
from desktop.gui.widgets.row_table import RowTable

HEADERS = ["名稱", "說明", "檔案（可留空）"]
FIELDS = ("title", "note", "file")


class AppendixStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.rows = RowTable("附錄", HEADERS, editor.record)
        self.rows.table.setColumnWidth(0, 240)
        self.rows.table.setColumnWidth(1, 360)
        self.rows.edited.connect(self._changed)
        self.outer.addWidget(self.rows, 1)
        self._dirty = False

    def _changed(self) -> None:
        self._dirty = True
        self.mark_edited()

    def load(self, report) -> None:
        super().load(report)
        self.rows.set_rows([[getattr(a, f) for f in FIELDS] for a in report.attachments])
        self._dirty = False

    def commit(self) -> None:
        if self._dirty and self.report is not None:
            self.report.attachments = [Attachment(*cells) for cells in self.rows.rows() if any(cells)]
            self._dirty = False

    def completion(self) -> str:
        # an appendix is optional: an empty one is not unfinished work
        return DONE if self.report.attachments else EMPTY

    def owns(self, target: str) -> bool:
        return target == "attachments"

    def focus_target(self, target: str) -> None:
        self.rows.table.setFocus()
