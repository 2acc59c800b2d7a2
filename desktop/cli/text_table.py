"""Columns of text lined up on a terminal, where a Chinese character takes two cells."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

GAP = "  "


def width(text: str) -> int:
    """Terminal cells `text` takes: two for wide and full-width characters, none for combining marks."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """One line per row, each column padded to its widest cell (the last one not padded)."""
    if not rows:
        return []
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [GAP.join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip()
            for row in rows]
