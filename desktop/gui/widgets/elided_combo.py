"""A combo box whose chosen text ends in … when it is wider than the box, instead of being cut off
mid-character; the whole text is in its tooltip, and the open list is as wide as its longest entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter


class ElidedComboBox(QComboBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.currentTextChanged.connect(lambda text: self.setToolTip(text.strip()))

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def text_width(self) -> int:
        """The room for the chosen text inside the box."""
        field = self.style().subControlRect(QStyle.CC_ComboBox, self._option(), QStyle.SC_ComboBoxEditField, self)
        return field.width()

    def displayed_text(self) -> str:
        # the indent that shows nesting in the open list means nothing in the closed box
        return self.fontMetrics().elidedText(self.currentText().strip(), Qt.ElideRight, self.text_width())

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        view = self.view()
        view.setMinimumWidth(min(view.sizeHintForColumn(0) + 24, self.screen().availableGeometry().width() // 2))
        super().showPopup()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        painter = QStylePainter(self)
        option = self._option()
        painter.drawComplexControl(QStyle.CC_ComboBox, option)
        option.currentText = self.displayed_text()
        painter.drawControl(QStyle.CE_ComboBoxLabel, option)
