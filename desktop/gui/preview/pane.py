"""檢視 → 頁面預覽: a pane beside the editor with the report's pages as they will print.

The open draft is exported to PDF through LibreOffice (jobs.PdfMaker) a moment after the user stops
typing — each autosave restarts the wait, and an edit made while a PDF is being made cancels it and
starts again — and the page on screen is drawn by PDFium at the zoom and the screen's pixel ratio
(jobs.PageDrawing), so it stays sharp on a high-DPI screen. Without LibreOffice the pane says so
and what still works.
"""

from __future__ import annotations

import copy
import shutil
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.preview.jobs import PageDrawing, PageSignals, PdfMaker

WAIT_AFTER_EDIT_MS = 1500
SCREEN_DPI = 96  # 100 % shows a page at its printed size on a 96-dpi screen
MAX_DPI = 400
ZOOMS = (0, 50, 75, 100, 125, 150, 200)  # 0: fit the pane's width
NO_LIBREOFFICE = (
    "找不到 LibreOffice，所以無法顯示頁面預覽。\n\n"
    "其他功能都不受影響：編輯、自動儲存、檢查，以及匯出 .docx（用 Word 開啟就能看到版面）、提要與審核表。\n\n"
    "安裝免費的 LibreOffice（https://zh-tw.libreoffice.org/）後重新開啟本程式，就能在這裡預覽，也能匯出 PDF。"
)
NO_DRAFT = "開啟一份草稿後，這裡會顯示報告印出來的樣子。"
# Narrow enough that the widest step and the pane share a 1366 px laptop screen; wide enough for
# the page buttons and a readable page at 符合寬度.
DOCK_MIN_WIDTH = 260
# Its width when first opened: an A4 page still readable beside the widest form at 1366 px.
DOCK_FIRST_WIDTH = 340
FLOATING = "螢幕寬度不夠讓頁面預覽並排顯示，已改為獨立的預覽視窗；可拖到其他螢幕，或按 Ctrl+F2 關閉。"


def screen_width(widget: QWidget) -> int:
    """The usable width of the screen the window is on (without a side taskbar); 0 if unknown."""
    screen = widget.screen()
    return screen.availableGeometry().width() if screen is not None else 0


class PreviewPane(QWidget):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.main_window = window  # not `window`: QWidget.window() must stay a method
        self.settings = window.settings
        self.generation = 0
        self.maker: PdfMaker | None = None
        self.again = False  # an edit arrived while a PDF was being made
        self.folder: Path | None = None
        self.pdf: Path | None = None
        self.sizes: list[list[float]] = []
        self.made_at = ""
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # PDFium takes one caller at a time
        self.page_signals = PageSignals(self)
        self.page_signals.drawn.connect(self._drawn)
        self.page_signals.failed.connect(self._draw_failed)
        self._wanted: tuple[int, int, float] | None = None
        self._editor_connected = False
        self.stale = False  # edited while the pane was hidden: make the PDF again when shown

        self.wait_timer = QTimer(self)
        self.wait_timer.setSingleShot(True)
        self.wait_timer.setInterval(WAIT_AFTER_EDIT_MS)
        self.wait_timer.timeout.connect(self.refresh)
        self.resize_timer = QTimer(self)
        self.resize_timer.setSingleShot(True)
        self.resize_timer.setInterval(150)
        self.resize_timer.timeout.connect(self.draw_page)

        # tool buttons, not push buttons: the bar must fit the pane's narrow minimum (DOCK_MIN_WIDTH)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setAccessibleName("上一頁")
        self.prev_button.setToolTip("上一頁（PgUp）")
        self.prev_button.clicked.connect(lambda: self.go_to(self.page_spin.value() - 2))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setAccessibleName("下一頁")
        self.next_button.setToolTip("下一頁（PgDown）")
        self.next_button.clicked.connect(lambda: self.go_to(self.page_spin.value()))
        for button in (self.prev_button, self.next_button):  # a click leaves PgUp/PgDown in the pane
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName("頁碼")
        self.page_spin.setPrefix("第 ")
        self.page_spin.setMinimum(1)
        self.page_spin.valueChanged.connect(lambda n: self.go_to(n - 1))
        self.count_label = QLabel()
        self.zoom_box = QComboBox()
        self.zoom_box.setAccessibleName("縮放")
        for zoom in ZOOMS:
            self.zoom_box.addItem("符合寬度" if zoom == 0 else f"{zoom}%", zoom)
        saved = self.settings.get("preview/zoom")
        self.zoom_box.setCurrentIndex(ZOOMS.index(saved) if saved in ZOOMS else 0)
        self.zoom_box.currentIndexChanged.connect(self._zoom_chosen)
        bar = QHBoxLayout()
        for widget in (self.prev_button, self.page_spin, self.count_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.zoom_box)

        self.status = QLabel(NO_DRAFT)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("預覽狀態")
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_label.setAccessibleName("預覽頁面")
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setBackgroundRole(self.palette().ColorRole.Dark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)
        for keys, step in ((QKeySequence.StandardKey.MoveToNextPage, 1), (QKeySequence.StandardKey.MoveToPreviousPage, -1)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.go_to(self.page_spin.value() - 1 + s))
        self._show_pages_ui(False)

        window.draftOpened.connect(self._draft_opened)
        window.draftClosed.connect(self._draft_closed)
        if window.current_draft_id() is not None:  # shown for a draft already open
            self._follow_editor()

    def _follow_editor(self) -> None:
        if not self._editor_connected:
            self.main_window.editor_page.saved.connect(self.schedule)
            self._editor_connected = True

    # ---- when to make the PDF ------------------------------------------------------------------
    def _draft_opened(self, _draft_id: int) -> None:
        self._follow_editor()
        self.refresh()

    def _draft_closed(self) -> None:
        self._cancel()
        self._forget_pdf()
        self._show_pages_ui(False)
        self.status.setText(NO_DRAFT)
        self.status.show()

    def schedule(self) -> None:
        """An edit was saved: make the PDF again once the user pauses (or when next shown)."""
        if self.isVisible():
            self.wait_timer.start()
        else:
            self.stale = True

    def refresh(self) -> None:
        """Make the PDF of the open draft now (or as soon as the one being made is given up)."""
        from desktop.export import libreoffice

        self.wait_timer.stop()
        if not self.isVisible() or self.main_window.current_draft_id() is None:
            return
        self.stale = False
        if not libreoffice.available():
            self.status.setText(NO_LIBREOFFICE)
            self.status.show()
            return
        if self.maker is not None:  # its result would be stale already
            self.again = True
            self.maker.cancel()
            return
        editor = self.main_window.editor_page
        editor.commit_all()
        self.generation += 1
        services = self.main_window.services
        self.maker = PdfMaker(copy.deepcopy(editor.report), services.photos if services else None, self.generation)
        self.maker.made.connect(self._made)
        self.maker.failed.connect(self._failed)
        self.maker.finished.connect(self._maker_finished)
        self.status.setText("正在更新預覽…（以 LibreOffice 排版，需要幾秒）")
        self.status.show()
        self.maker.start()

    def _maker_finished(self) -> None:
        maker, self.maker = self.maker, None
        if maker is not None:
            maker.deleteLater()
        if self.again:
            self.again = False
            self.refresh()

    def _made(self, generation: int, folder: str, pdf: str, sizes: list) -> None:
        if generation != self.generation:
            shutil.rmtree(folder, ignore_errors=True)
            return
        self._forget_pdf()
        self.folder, self.pdf, self.sizes = Path(folder), Path(pdf), sizes
        self.made_at = datetime.now().strftime("%H:%M:%S")
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, len(sizes)))
        self.page_spin.blockSignals(False)
        self.count_label.setText(f"/ {len(sizes)} 頁")
        self._show_pages_ui(True)
        self.status.setText(f"預覽為 {self.made_at} 儲存的內容；繼續編輯時會自動更新。")
        self.draw_page()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.status.setText(f"無法更新預覽：{message}")
            self.status.show()

    # ---- pages and zoom ------------------------------------------------------------------------
    def page_count(self) -> int:
        return len(self.sizes)

    def current_page(self) -> int:
        return self.page_spin.value() - 1

    def go_to(self, index: int) -> None:
        if not self.sizes:
            return
        index = max(0, min(index, len(self.sizes) - 1))
        if self.page_spin.value() != index + 1:
            self.page_spin.blockSignals(True)
            self.page_spin.setValue(index + 1)
            self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.sizes) - 1)
        self.scroll.verticalScrollBar().setValue(0)
        self.draw_page()

    def zoom(self) -> int:
        return self.zoom_box.currentData()

    def set_zoom(self, percent: int) -> None:
        self.zoom_box.setCurrentIndex(ZOOMS.index(percent))

    def _zoom_chosen(self) -> None:
        self.settings.set("preview/zoom", self.zoom())
        self.draw_page()

    def scale(self) -> float:
        """Screen pixels (device-independent) per point for the page on screen."""
        if self.zoom():
            return self.zoom() / 100 * SCREEN_DPI / 72
        width_pt = self.sizes[self.current_page()][0] if self.sizes else 595
        room = self.scroll.viewport().width() - 16
        return max(room, 100) / width_pt

    def draw_page(self) -> None:
        if self.pdf is None or not self.sizes:
            return
        ratio = self.devicePixelRatioF()
        dpi = min(MAX_DPI, round(self.scale() * 72 * ratio, 1))
        wanted = (self.generation, self.current_page(), dpi)
        if wanted == self._wanted:
            return
        self._wanted = wanted
        self.pool.start(PageDrawing(self.page_signals, self.generation, str(self.pdf), self.current_page(), dpi))

    def _drawn(self, generation: int, index: int, dpi: float, image: QImage) -> None:
        if (generation, index, dpi) != self._wanted:
            return  # a later page or zoom was asked for meanwhile
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.page_label.setPixmap(pixmap)

    def _draw_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.status.setText(f"無法顯示這一頁：{message}")
            self.status.show()

    def shown_pixmap(self) -> QPixmap:
        return self.page_label.pixmap()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.zoom() == 0:
            self.resize_timer.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.pdf is None or self.stale:
            QTimer.singleShot(0, self.refresh)

    def _show_pages_ui(self, on: bool) -> None:
        for widget in (self.prev_button, self.next_button, self.page_spin, self.count_label, self.zoom_box, self.scroll):
            widget.setVisible(on)
        if on:
            self.go_to(min(self.current_page(), len(self.sizes) - 1))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The width the window gives the pane when it first places it (later the user's own,
        kept with the window's state): its scroll area's own hint is far wider."""
        return QSize(DOCK_FIRST_WIDTH, super().sizeHint().height())

    # ---- clean up --------------------------------------------------------------------------------
    def _cancel(self) -> None:
        self.wait_timer.stop()
        self.again = False
        if self.maker is not None:
            self.maker.cancel()

    def _forget_pdf(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = self.pdf = None
        self.sizes = []
        self._wanted = None
        self.page_label.clear()

    def shutdown(self) -> None:
        """At close: stop LibreOffice if it is working, wait for the threads, remove the PDF."""
        self._cancel()
        if self.maker is not None:
            self.maker.wait()
        self.pool.waitForDone()
        self._forget_pdf()


class PreviewDock(QDockWidget):
    def __init__(self, window):
        super().__init__("頁面預覽", window)
        self.setObjectName("preview-dock")
        self.pane = PreviewPane(window, self)
        self.setWidget(self.pane)
        self.setMinimumWidth(DOCK_MIN_WIDTH)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        window.restoreDockWidget(self)  # as the user left it, if ever shown before
        window.draftOpened.connect(self._draft_opened)
        # the dock's own close button unticks 檢視 → 頁面預覽
        self.visibilityChanged.connect(lambda _visible: window.preview_action.setChecked(not self.isHidden()))

    def _draft_opened(self, _draft_id: int) -> None:
        self.fit_screen()  # a wider draft's pages may no longer leave the pane its room

    def fit_screen(self) -> str:
        """Float the pane when docking it would make the window wider than its screen while the
        window alone fits (a small laptop): the editor keeps its room. The note to show, or ""."""
        window = self.parent()
        room = screen_width(window)
        if not room or self.isHidden() or self.isFloating():
            return ""
        alone = window.centralWidget().minimumSizeHint().width()
        separator = window.style().pixelMetric(window.style().PixelMetric.PM_DockWidgetSeparatorExtent)
        if alone <= room < alone + separator + self.minimumWidth():
            self.setFloating(True)
            screen = window.screen().availableGeometry()
            width = max(self.minimumWidth(), min(420, screen.width() // 3))
            self.setGeometry(screen.right() - width, screen.top() + 40, width, screen.height() - 80)
            window.statusBar().showMessage(FLOATING, 15000)
            return FLOATING
        return ""
