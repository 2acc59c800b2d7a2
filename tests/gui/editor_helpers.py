"""Driving the step editor as a person does: keys, clicks, the input method, the clipboard."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton

from desktop.gui.main_window import MainWindow
from desktop.services import open_services
from tests.gui.typing import type_text


def make_window(qtbot, data_dir) -> MainWindow:
    window = MainWindow(open_services(data_dir))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    # shortcuts (Ctrl+PgDown, Ctrl+V on tables) only fire in the active window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def open_report(window, report):
    """Store `report` as a new draft and open it; the editor page."""
    window.open_draft(window.services.repo.create(report))
    return window.editor_page


def next_step(qtbot, editor) -> None:
    qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key_PageDown, Qt.ControlModifier)


def show(editor, step_id: str):
    page = editor.page(step_id)
    editor.show_step(editor.pages.index(page))
    return page


def replace_text(qtbot, widget, text: str) -> None:
    """Select all and type over it, as a user renames something."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(widget, Qt.Key_Backspace)
    type_text(qtbot, widget, text)


def start_typing(qtbot, table, row: int, column: int, text: str):
    """Open the cell editor (F2) and type, leaving it open; the cell editor."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key_F2)
    cell_editor = QApplication.focusWidget()
    assert cell_editor is not table, "the cell editor did not open"
    type_text(qtbot, cell_editor, text)
    return cell_editor


def type_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Open the cell editor (F2), type, and commit with Enter."""
    qtbot.keyClick(start_typing(qtbot, table, row, column, text), Qt.Key_Return)


def click(qtbot, button) -> None:
    if isinstance(button, QCheckBox):  # on the tick box itself: a stretched check box is empty on the right
        qtbot.mouseClick(button, Qt.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.LeftButton)


def button_named(widget, prefix: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text().startswith(prefix))


def select_section(qtbot, chapter_editor, heading_part: str) -> None:
    tree = chapter_editor.tree
    items = tree.findItems(heading_part, Qt.MatchContains | Qt.MatchRecursive)
    assert items, f"no sub-section containing {heading_part}"
    tree.setCurrentItem(items[0])


def review_texts(review) -> list[str]:
    return [review.list.item(i).text() for i in range(review.list.count())]


def click_review_item(qtbot, review, text_part: str) -> None:
    """Click the review's first item whose text holds `text_part`, as a person does. The item is
    looked up at the moment of the click: every save rebuilds the list and deletes its old items."""
    row = next(i for i, text in enumerate(review_texts(review)) if text_part in text)
    index = review.list.model().index(row, 0)
    review.list.scrollTo(index)
    qtbot.mouseClick(review.list.viewport(), Qt.LeftButton, pos=review.list.visualRect(index).center())
