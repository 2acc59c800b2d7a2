"""A PDF's pages as images, for the page preview: pypdfium2 (PDFium, the engine of Chrome's PDF
viewer) renders them; see docs/stack-decisions.md for why this renderer.

PDFium is not safe to call from two threads at once: every call here holds one lock.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

POINTS_PER_INCH = 72
_LOCK = threading.Lock()


class PageImageError(Exception):
    """The PDF could not be read; str(err) says so in Chinese."""


@contextmanager
def _document(pdf: Path):
    """The PDF opened under the lock, closed afterwards."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            document = pdfium.PdfDocument(str(pdf))
        except pdfium.PdfiumError as err:
            raise PageImageError(f"無法讀取預覽用的 PDF（{err}）。") from err
        try:
            yield document
        finally:
            document.close()


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) of every page, in points."""
    with _document(pdf) as document:
        return [tuple(document[i].get_size()) for i in range(len(document))]


def render_page(pdf: Path, index: int, dpi: float):
    """Page `index` (0-based) at `dpi` as an RGB Pillow image."""
    with _document(pdf) as document:
        if not 0 <= index < len(document):
            raise PageImageError(f"預覽沒有第 {index + 1} 頁。")
        bitmap = document[index].render(scale=dpi / POINTS_PER_INCH)
        return bitmap.to_pil().convert("RGB")


def page_text(pdf: Path, index: int) -> str:
    """The text of one page (what a reader would find on it)."""
    with _document(pdf) as document:
        return document[index].get_textpage().get_text_range()
