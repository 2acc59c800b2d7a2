"""The preview's work off the GUI thread: making the PDF (the export and LibreOffice, seconds) and
drawing one page of it (PDFium, tens of milliseconds). Results travel by signal as plain data and
QImages, which — unlike QPixmaps — may be made outside the GUI thread."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThread, Signal
from PySide6.QtGui import QImage


class PdfMaker(QThread):
    """Export `report` (a copy the window no longer touches) to a PDF in a folder of its own.
    `made(generation, folder, pdf, sizes)`; `failed(generation, message)`; a cancelled run emits
    neither and removes its folder."""

    made = Signal(int, str, str, list)
    failed = Signal(int, str)

    def __init__(self, report, photos, generation: int, parent=None):
        super().__init__(parent)
        self.report = report
        self.photos = photos
        self.generation = generation
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        from desktop.export.page_images import PageImageError, page_sizes
        from desktop.export.render import ExportError, export_report
        from desktop.fileio import FileWriteError
        from desktop.tempfiles import work_dir

        folder = work_dir("preview")  # named with this process, so a crash's leftover is swept
        pdf = folder / "預覽.pdf"
        try:
            steps = export_report(self.report, pdf, "pdf", None, self.photos)
            for _step in steps:
                if self._stop.is_set():
                    steps.close()  # LibreOffice is stopped, its files removed
                    break
            if self._stop.is_set():
                shutil.rmtree(folder, ignore_errors=True)
                return
            sizes = page_sizes(pdf)
        except (ExportError, FileWriteError, PageImageError) as err:
            shutil.rmtree(folder, ignore_errors=True)
            self.failed.emit(self.generation, str(err))
            return
        except Exception as err:  # noqa: BLE001 — a thread's exception would vanish; the user is told
            shutil.rmtree(folder, ignore_errors=True)
            self.failed.emit(self.generation, f"預覽時發生未預期的錯誤（{type(err).__name__}：{err}）。草稿沒有受影響。")
            return
        self.made.emit(self.generation, str(folder), str(pdf), [list(s) for s in sizes])


class PageSignals(QObject):
    drawn = Signal(int, int, float, QImage)  # generation, page index, dpi, image
    failed = Signal(int, str)


class PageDrawing(QRunnable):
    """Draw one page at `dpi` (run in a pool of one thread: PDFium takes one caller at a time)."""

    def __init__(self, signals: PageSignals, generation: int, pdf: str, index: int, dpi: float):
        super().__init__()
        self.signals = signals
        self.generation = generation
        self.pdf = pdf
        self.index = index
        self.dpi = dpi

    def run(self) -> None:
        from desktop.export.page_images import PageImageError, render_page

        try:
            image = render_page(Path(self.pdf), self.index, self.dpi)
        except (PageImageError, OSError) as err:
            self.signals.failed.emit(self.generation, str(err))
            return
        data = image.tobytes("raw", "RGB")
        qimage = QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888).copy()
        self.signals.drawn.emit(self.generation, self.index, self.dpi, qimage)
