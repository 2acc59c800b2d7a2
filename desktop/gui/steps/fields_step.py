"""A step built entirely from the form's field list (基本資料: the cover and 提要 fields)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel

from desktop.gui import colours
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage
from desktop.gui.widgets.fields import DISPLAY_ONLY, make_binding


class FieldsStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self._dirty = False
        self._loading = False
        body = self.scrolling_body()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        body.addLayout(form)
        body.addStretch(1)
        self.bindings = {}
        self.previews = {s["key"] for s in step.get("fields", []) if s["type"] in DISPLAY_ONLY}
        shared_row, row_name = None, None
        for spec in step.get("fields", []):
            binding = make_binding(spec, self._changed)
            self.bindings[binding.key] = binding
            if spec["type"] == "kind":
                binding.change_button.clicked.connect(lambda _c=False: self.editor.request_kind_change())
            label = QLabel(("＊" if binding.required else "") + binding.label + "：")
            label.setBuddy(binding.widget)
            if spec.get("row") and spec.get("row") == row_name:
                # fields the form puts on one row (the three dates, contact and phone) sit side by side
                if spec["type"] != "bool":
                    shared_row.addSpacing(12)
                    # level with the input's first line: a date field grows a line for its error
                    first_line = getattr(binding.widget, "edit", binding.widget).sizeHint().height()
                    label.setMinimumHeight(first_line)
                    shared_row.addWidget(label, 0, Qt.AlignTop)
                shared_row.addWidget(binding.widget, 1, Qt.AlignTop)
                continue
            row_name = spec.get("row")
            shared_row = QHBoxLayout()
            shared_row.addWidget(binding.widget, 1, Qt.AlignTop if spec.get("row") else Qt.Alignment())
            if spec["type"] == "bool":
                form.addRow("", shared_row)
            else:
                form.addRow(label, shared_row)
        note = QLabel("＊為必填")
        note.setStyleSheet(f"color: {colours.css(colours.muted(self.palette()))};")
        form.addRow("", note)

    def _changed(self) -> None:
        if self._loading:  # combo boxes and check boxes signal when load() sets them
            return
        self._dirty = True
        # a dozen short fields: writing them all back is cheap, and keeps the model current for
        # the cover preview and for other steps (the itinerary starts on the trip's first day)
        self.commit()
        self.mark_edited()

    def load(self, report) -> None:
        super().load(report)
        self._loading = True
        try:
            for binding in self.bindings.values():
                binding.load(report)
        finally:
            self._loading = False
        self._dirty = False

    def commit(self) -> None:
        if self._dirty and self.report is not None:
            for binding in self.bindings.values():
                binding.commit(self.report)
            self._dirty = False
            for binding in self.bindings.values():
                if binding.key in self.previews:
                    binding.load(self.report)

    def completion(self) -> str:
        # the category starts filled in (考察), so it alone does not make the step "begun"
        required = [b for b in self.bindings.values() if b.required and b.key != "categories"]
        filled = [b for b in required if _filled(getattr(self.report, b.key))]
        if not filled:
            return EMPTY
        return DONE if len(filled) == len(required) else PARTIAL

    def owns(self, target: str) -> bool:
        return target.startswith("field:") and target[6:] in self.bindings

    def focus_target(self, target: str) -> None:
        binding = self.bindings[target[6:]]
        binding.widget.setFocus()


def _filled(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return value is not None and value is not False
