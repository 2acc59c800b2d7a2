"""剪下、複製、貼上、全選 in the Edit menu, acting on the widget that has the keyboard.

The menu shows the platform's keys (QKeySequence.StandardKey) but does not take them: the keys stay
with the focused widget, which knows best what Ctrl+V means there (a text field pastes text, the
itinerary table pastes rows). The menu items call the same methods on the widget that had the
focus before the menu opened.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit

TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit)
# (text, key, method): the method every text widget has
COMMANDS = (
    ("剪下(&T)", QKeySequence.StandardKey.Cut, "cut"),
    ("複製(&C)", QKeySequence.StandardKey.Copy, "copy"),
    ("貼上(&P)", QKeySequence.StandardKey.Paste, "paste"),
    ("全選(&A)", QKeySequence.StandardKey.SelectAll, "selectAll"),
)


class EditActions(QObject):
    def __init__(self, window, menu: QMenu):
        super().__init__(window)
        self.window = window
        self._target = None
        self.actions: dict[str, QAction] = {}
        for text, key, method in COMMANDS:
            action = QAction(text, window)
            action.setShortcuts(QKeySequence.keyBindings(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown, not taken
            action.triggered.connect(lambda _checked=False, m=method: self.run(m))
            menu.addAction(action)
            self.actions[method] = action
        menu.aboutToShow.connect(self.update)
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, _old, new) -> None:
        if new is not None and new.window() is self.window and not isinstance(new, QMenu):
            self._target = new

    def target(self):
        widget = self._target
        try:
            if widget is None or not widget.isVisible():
                return None
        except RuntimeError:  # the widget was deleted (a step page of a closed draft)
            return None
        return widget

    def update(self) -> None:
        """Enable what the focused widget can do: copy needs a selection, paste an editable field."""
        widget = self.target()
        text = isinstance(widget, TEXT_WIDGETS)
        selected = text and _has_selection(widget)
        editable = text and not widget.isReadOnly()
        self.actions["cut"].setEnabled(selected and editable)
        self.actions["copy"].setEnabled(selected or isinstance(widget, QAbstractItemView))
        self.actions["paste"].setEnabled(editable and bool(QApplication.clipboard().text())
                                         or _item_view_pastes(widget))
        self.actions["selectAll"].setEnabled(text or isinstance(widget, QAbstractItemView))

    def run(self, method: str) -> None:
        widget = self.target()
        if widget is None:
            return
        function = getattr(widget, method, None)
        if callable(function):
            function()
        elif method in ("copy", "paste", "cut"):  # a table that handles the keys itself
            key = dict((m, k) for _t, k, m in COMMANDS)[method]
            _send_keys(widget, QKeySequence.keyBindings(key)[0])
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _has_selection(widget) -> bool:
    if isinstance(widget, QLineEdit):
        return widget.hasSelectedText()
    return widget.textCursor().hasSelection()


def _item_view_pastes(widget) -> bool:
    return isinstance(widget, QAbstractItemView) and bool(QApplication.clipboard().text())


def _send_keys(widget, sequence: QKeySequence) -> None:
    """The keys of `sequence`, as if typed into `widget`."""
    from PySide6.QtGui import QKeyEvent

    combo = sequence[0]
    for event_type in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(event_type, combo.key(), combo.keyboardModifiers()))
