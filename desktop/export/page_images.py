"""A PDF's pages as images, for the page preview: pypdfium2 (PDFium, the engine of Chrome's PDF
viewer) renders them; see docs/stack-decisions.md for why this renderer.

PDFium is not safe to call from two threads at once: every call here holds one lock.
"""

from __future__ import annotations

import threading
from pathlib import Path

POINTS_PER_INCH = 72
_LOCK = threading.Lock()


class PageImageError(Exception):
    """The PDF could not be read; str(err) says so in Chinese."""


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) of every page, in points."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            document = pdfium.PdfDocument(str(pdf))
        except pdfium.PdfiumError as err:
            raise PageImageError(f"無法讀取預覽用的 PDF（{err}）。") from err
        try:
            return [tuple(document[i].get_size()) for i in range(len(document))]
        finally:
            document.close()


def render_page(pdf: Path, index: int, dpi: float):
    """Page `index` (0-based) at `dpi` as an RGB Pillow image."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            document = pdfium.PdfDocument(str(pdf))
        except pdfium.PdfiumError as err:
            raise PageImageError(f"無法讀取預覽用的 PDF（{err}）。") from err
        try:
            if not 0 <= index < len(document):
                raise PageImageError(f"預覽沒有第 {index + 1} 頁。")
            page = document[index]
            bitmap = page.render(scale=dpi / POINTS_PER_INCH)
            return bitmap.to_pil().convert("RGB")
        finally:
            document.close()


def page_text(pdf: Path, index: int) -> str:
    """The text of one page (what a reader would find on it)."""
    import pypdfium2 as pdfium

    with _LOCK:
        document = pdfium.PdfDocument(str(pdf))
        try:
            return document[index].get_textpage().get_text_range()
        finally:
            document.close()
