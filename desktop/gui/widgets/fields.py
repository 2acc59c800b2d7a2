"""The registry of form field types → widgets. A form file names a type; this module builds it.

Each binding moves one Report attribute between the model and its widget: `load(report)` shows it,
`commit(report)` writes it back. Widgets call `on_change` on every edit, which only schedules work;
commits happen when the editor saves, so typing costs no whole-report work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.checks import RULE_SETS
from desktop.domain.report import CATEGORIES, OTHER_KINDS, Report
from desktop.domain.roc_date import roc_period
from desktop.gui.widgets.roc_date_field import RocDateField
from desktop.gui.widgets.text_edits import CleanLineEdit, CleanPlainTextEdit


def split_list(text: str) -> list[str]:
    for sep in ("，", ",", "；", ";", "/"):
        text = text.replace(sep, "、")
    return [part.strip() for part in text.split("、") if part.strip()]


class Binding:
    def __init__(self, spec: dict, on_change: Callable[[], None]):
        self.key = spec["key"]
        self.label = spec.get("label", self.key)
        self.required = bool(spec.get("required"))
        self.on_change = on_change
        self.widget: QWidget = self.build(spec)
        self.focus_widget: QWidget = self.widget
        if spec.get("tooltip"):
            self.widget.setToolTip(spec["tooltip"])

    def build(self, spec: dict) -> QWidget:
        raise NotImplementedError

    def load(self, report: Report) -> None:
        raise NotImplementedError

    def commit(self, report: Report) -> None:
        raise NotImplementedError


class LineBinding(Binding):
    def build(self, spec):
        edit = CleanLineEdit()
        edit.setAccessibleName(self.label)
        edit.setPlaceholderText(spec.get("placeholder", ""))
        edit.textEdited.connect(lambda _t: self.on_change())
        return edit

    def load(self, report):
        self.widget.setText(getattr(report, self.key))

    def commit(self, report):
        setattr(report, self.key, self.widget.text())


class TextBinding(Binding):
    def build(self, spec):
        edit = CleanPlainTextEdit()
        edit.setAccessibleName(self.label)
        edit.setPlaceholderText(spec.get("placeholder", ""))
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(90)
        edit.textChanged.connect(self.on_change)
        return edit

    def load(self, report):
        self.widget.setPlainText(getattr(report, self.key))

    def commit(self, report):
        setattr(report, self.key, self.widget.text())


class ListBinding(LineBinding):
    """A list of short texts typed as 日本、韓國 (頓號, comma or semicolon all separate)."""

    def load(self, report):
        self.widget.setText("、".join(getattr(report, self.key)))

    def commit(self, report):
        setattr(report, self.key, split_list(self.widget.text()))


class DateBinding(Binding):
    """A date; text that is not a date is kept in report.pending_inputs under the field's key
    (and shown again on loading), so an unfinished or mistyped date is never lost."""

    def build(self, spec):
        field = RocDateField(self.label)
        field.inputChanged.connect(self.on_change)
        return field

    def load(self, report):
        self.widget.set_date(getattr(report, self.key))
        pending = report.pending_inputs.get(self.key, "")
        if pending:
            self.widget.set_pending(pending)

    def commit(self, report):
        setattr(report, self.key, self.widget.date())
        pending = self.widget.pending_text()
        if pending:
            report.pending_inputs[self.key] = pending
        else:
            report.pending_inputs.pop(self.key, None)


class BoolBinding(Binding):
    def build(self, spec):
        box = QCheckBox(self.label)
        box.setAccessibleName(self.label)
        box.toggled.connect(lambda _v: self.on_change())
        return box

    def load(self, report):
        self.widget.setChecked(bool(getattr(report, self.key)))

    def commit(self, report):
        setattr(report, self.key, self.widget.isChecked())


class RulesBinding(Binding):
    def build(self, spec):
        combo = QComboBox()
        combo.setAccessibleName(self.label)
        for key, rules in RULE_SETS.items():
            combo.addItem(rules.label, key)
        combo.currentIndexChanged.connect(lambda _i: self.on_change())
        return combo

    def load(self, report):
        index = self.widget.findData(report.rules)
        self.widget.setCurrentIndex(max(index, 0))

    def commit(self, report):
        report.rules = self.widget.currentData()


class CategoriesBinding(Binding):
    """The official list as check boxes (several may apply; the first ticked is the main one),
    and the sub-kind of 其他 as an editable list."""

    def build(self, spec):
        box = QWidget()
        grid = QVBoxLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes = {}
        ticks = QHBoxLayout()
        for name in CATEGORIES:
            check = QCheckBox(name)
            check.setAccessibleName(f"出國類別：{name}")
            check.toggled.connect(self._toggled)
            ticks.addWidget(check)
            self.boxes[name] = check
        ticks.addStretch(1)
        grid.addLayout(ticks)
        self.other = QComboBox()
        self.other.setEditable(True)
        self.other.addItems(["", *OTHER_KINDS])
        self.other.setAccessibleName("其他類別細項")
        self.other.setToolTip("勾選「其他」時的細項，例如 國際會議")
        self.other.currentTextChanged.connect(lambda _t: self.on_change())
        row = QHBoxLayout()
        row.addWidget(QLabel("其他細項："))
        row.addWidget(self.other, 1)
        row.addStretch(2)
        grid.addLayout(row)
        self.order: list[str] = []
        return box

    def _toggled(self, _checked) -> None:
        self.other.setEnabled(self.boxes["其他"].isChecked())
        self.on_change()

    def load(self, report):
        self.order = list(report.categories)
        for name, check in self.boxes.items():
            check.blockSignals(True)
            check.setChecked(name in report.categories)
            check.blockSignals(False)
        self.other.blockSignals(True)
        self.other.setCurrentText(report.other_kind)
        self.other.blockSignals(False)
        self.other.setEnabled("其他" in report.categories)

    def commit(self, report):
        ticked = [n for n, c in self.boxes.items() if c.isChecked()]
        # keep the user's main category first when it is still ticked
        report.categories = [c for c in self.order if c in ticked] + [c for c in ticked if c not in self.order]
        self.order = list(report.categories)
        report.other_kind = self.other.currentText().strip() if "其他" in ticked else ""


class CoverPreviewBinding(Binding):
    """Not an input: the cover's first lines as they will print, so the 赴大陸地區 switch and the
    category show their effect at once."""

    def build(self, spec):
        label = QLabel()
        label.setAccessibleName(self.label)
        label.setStyleSheet("color: #37474f; border: 1px solid #cfd8dc; padding: 4px;")
        return label

    def load(self, report):
        kind = report.kind_word
        category = report.categories_text()
        self.widget.setText(f"{kind}報告（{kind}類別：{category or '未選'}）　{report.title or '〈報告名稱〉'}\n"
                            f"{kind}期間：" + (roc_period(report.start_date, report.end_date, prefix=True) or "—"))

    def commit(self, report):
        self.load(report)  # shows what was just written by the other fields


FIELD_TYPES: dict[str, type[Binding]] = {
    "line": LineBinding, "text": TextBinding, "list": ListBinding, "date": DateBinding,
    "bool": BoolBinding, "rules": RulesBinding, "categories": CategoriesBinding, "cover": CoverPreviewBinding,
}
DISPLAY_ONLY = ("cover",)


def make_binding(spec: dict, on_change: Callable[[], None]) -> Binding:
    try:
        kind = FIELD_TYPES[spec["type"]]
    except KeyError:
        raise ValueError(f"表單欄位 {spec.get('key')} 的類型「{spec.get('type')}」不認得") from None
    return kind(spec, on_change)
