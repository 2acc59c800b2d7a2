"""摘要 with a live count of Chinese characters against the kind's band (200–300 字, 500 字以上 …)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar

from desktop.domain.checks import summary_band
from desktop.domain.kinds import kind_of
from desktop.domain.text import count_chinese
from desktop.gui import colours
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage
from desktop.gui.widgets.paste_notice import PasteNotice
from desktop.gui.widgets.text_edits import CleanProseEdit


class SummaryStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.edit = CleanProseEdit()
        self.edit.setAccessibleName("摘要")
        self.edit.setPlaceholderText("例：本次赴新加坡出席論壇，目的在…；期間拜會…；主要建議為…")
        self.edit.textChanged.connect(self._changed)
        self.paste_notice = PasteNotice()
        self.paste_notice.watch(self.edit)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("摘要字數")
        self.band = QProgressBar()
        self.band.setTextVisible(False)
        self.band.setMaximumHeight(10)
        self.band.setAccessibleName("摘要字數範圍")
        self.outer.addWidget(self.edit, 1)
        self.outer.addWidget(self.paste_notice)
        self.outer.addWidget(self.band)
        self.outer.addWidget(self.count_label)
        self._dirty = False
        self._loading = False

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._show_count()
        self.mark_edited()

    def _show_count(self) -> None:
        # 摘要 is a few hundred characters, so counting on each keystroke is cheap.
        n = count_chinese(self.edit.toPlainText())
        kind = kind_of(self.report) if self.report is not None else None
        rule = kind.summary_rule if kind else None
        if rule is None:
            self.band.setVisible(False)
            self.count_label.setText(f"中文字數：{n}")
            self.count_label.setStyleSheet("")
            return
        self.band.setVisible(True)
        self.band.setRange(0, (rule.max or rule.min) + 100)
        self.band.setValue(min(n, self.band.maximum()))
        # the same colours as the review: red for a rule the kind makes an error, orange for a reminder
        off = "problem" if rule.severity == "error" else "partial"
        if n >= rule.min and (rule.max is None or n <= rule.max):
            colour, note = "ok", "在範圍內"
        elif n < rule.min:
            colour, note = off, f"還差 {rule.min - n} 字"
        else:
            colour, note = off, f"超過 {n - rule.max} 字"
        word = "規定" if rule.severity == "error" else "建議"
        self.count_label.setText(f"中文字數：{n}（{word} {summary_band(kind)}，{note}）")
        colour = colours.css(colours.meaning(colour, self.palette()))
        self.count_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.band.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")

    def load(self, report) -> None:
        super().load(report)
        self._loading = True
        self.edit.setPlainText(report.summary)
        self.paste_notice.clear()
        self._loading = False
        self._dirty = False
        self._show_count()

    def commit(self) -> None:
        if self._dirty and self.report is not None:
            self.report.summary = self.edit.text()
            self._dirty = False

    def completion(self) -> str:
        from desktop.domain.checks import summary_state

        if not self.report.summary.strip():
            return EMPTY
        return DONE if summary_state(self.report, kind_of(self.report))[1] else PARTIAL

    def owns(self, target: str) -> bool:
        return target == "field:summary"

    def focus_target(self, target: str) -> None:
        self.edit.setFocus()
