"""The registry of form field types → widgets. A form file names a type; this module builds it.

Each binding moves one Report attribute between the model and its widget: `load(report)` shows it,
`commit(report)` writes it back. Widgets call `on_change` on every edit, which only schedules work;
commits happen when the editor saves, so typing costs no whole-report work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.kinds import kind_of
from desktop.domain.report import Report
from desktop.domain.roc_date import roc_period
from desktop.gui import colours
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


class KindBinding(Binding):
    """The draft's report kind, shown by name. Changing it moves chapters, so it is not edited in
    place: the button asks for the change (`change_button.clicked`), and the editor shows what
    would move before anything does."""

    def build(self, spec):
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.name_label = QLabel()
        self.name_label.setAccessibleName(self.label)
        self.name_label.setWordWrap(True)  # an agency's long kind name wraps beside its button
        self.change_button = QPushButton("變更種類…")
        self.change_button.setAccessibleName("變更報告種類")
        self.change_button.setToolTip("改用另一種報告種類（例如另一個機關的格式）：先列出章節與規則的變化，確認後才變更。")
        row.addWidget(self.name_label)
        row.addWidget(self.change_button)
        row.addStretch(1)
        return box

    def load(self, report):
        kind = kind_of(report)
        missing = "" if kind.id == report.kind else f"（「{report.kind}」無法使用，暫用此種類）"
        self.name_label.setText(kind.name + missing)

    def commit(self, report):
        """The kind changes only through the editor's preview."""


class CategoriesBinding(Binding):
    """The official list as check boxes (several may apply; the first ticked is the main one),
    and the sub-kind of 其他 as an editable list."""

    def build(self, spec):
        box = QWidget()
        grid = QVBoxLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes = {}
        self.kind_id = None
        self.ticks = ticks = QHBoxLayout()
        ticks.addStretch(1)
        grid.addLayout(ticks)
        self.other = QComboBox()
        self.other.setEditable(True)
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

    def _add_boxes(self, names) -> None:
        ticks = self.ticks
        for name in names:
            check = QCheckBox(name)
            check.setAccessibleName(f"出國類別：{name}")
            check.toggled.connect(self._toggled)
            ticks.insertWidget(len(self.boxes), check)
            self.boxes[name] = check

    def _follow_kind(self, report) -> None:
        """The kind's category list (and the draft's own categories, so none is lost)."""
        kind = kind_of(report)
        if kind.id == self.kind_id:
            return
        self.kind_id = kind.id
        for check in self.boxes.values():
            self.ticks.removeWidget(check)
            check.hide()
            check.deleteLater()
        self.boxes = {}
        self._add_boxes([*kind.categories, *[c for c in report.categories if c not in kind.categories]])
        self.other.blockSignals(True)
        self.other.clear()
        self.other.addItems(["", *kind.other_kinds])
        self.other.blockSignals(False)

    def _toggled(self, _checked) -> None:
        self.other.setEnabled(self._other_ticked())
        self.on_change()

    def _other_ticked(self) -> bool:
        return "其他" in self.boxes and self.boxes["其他"].isChecked()

    def load(self, report):
        self._follow_kind(report)
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
        label.setWordWrap(True)  # a long title wraps rather than widening the form past a laptop's room
        label.setStyleSheet(f"border: 1px solid {colours.css(colours.line(label.palette()))}; padding: 4px;")
        return label

    def load(self, report):
        kind = report.kind_word
        category = report.categories_text()
        heading = kind_of(report).wording("report", kind)
        self.widget.setText(f"{heading}（{kind}類別：{category or '未選'}）　{report.title or '〈報告名稱〉'}\n"
                            f"{kind}期間：" + (roc_period(report.start_date, report.end_date, prefix=True) or "—")
                            + f"　姓名職稱：{report.traveller_shorthand() or '—'}")

    def commit(self, report):
        self.load(report)  # shows what was just written by the other fields


FIELD_TYPES: dict[str, type[Binding]] = {
    "line": LineBinding, "text": TextBinding, "list": ListBinding, "date": DateBinding,
    "bool": BoolBinding, "kind": KindBinding, "categories": CategoriesBinding, "cover": CoverPreviewBinding,
}
DISPLAY_ONLY = ("cover",)


def make_binding(spec: dict, on_change: Callable[[], None]) -> Binding:
    try:
        kind = FIELD_TYPES[spec["type"]]
    except KeyError:
        raise ValueError(f"表單欄位 {spec.get('key')} 的類型「{spec.get('type')}」不認得") from None
    return kind(spec, on_change)
