"""Colours that follow the system's palette, so a dark theme stays readable.

Neutral colours come straight from the palette's roles (text, base, window, highlight, the muted
placeholder text). The few colours that carry meaning — done, a notice, a problem — have no palette
role, so each has a shade for light windows and one for dark windows, and the shade is picked by the
palette's own window colour; tints for backgrounds are that colour laid thinly over the palette's
base. Nothing here is fixed at import time: ask with the widget's palette when painting or styling.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# name: (on a light window, on a dark window) — Material shades 800–900 and 300: the light ones
# reach a contrast of 4.5 on white (3.8 for the 部分完成 mark), the dark ones on near-black
MEANINGS = {
    "ok": ("#2e7d32", "#81c784"),
    "partial": ("#e65100", "#ffb74d"),
    "notice": ("#bf360c", "#ffb74d"),
    "problem": ("#c62828", "#ef9a9a"),
}


def palette_of(widget=None) -> QPalette:
    return widget.palette() if widget is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def meaning(name: str, palette: QPalette | None = None) -> QColor:
    """The colour of a state (ok, partial, notice, problem) that reads on this palette's windows."""
    light, dark = MEANINGS[name]
    return QColor(dark if is_dark(palette) else light)


def blend(top: QColor, bottom: QColor, amount: float) -> QColor:
    """`top` laid over `bottom` at `amount` (0–1)."""
    return QColor.fromRgbF(*(bottom_c + (top_c - bottom_c) * amount
                             for top_c, bottom_c in zip(top.getRgbF()[:3], bottom.getRgbF()[:3], strict=True)))


def tint(name: str, palette: QPalette | None = None, amount: float = 0.14) -> QColor:
    """A background for a state: its colour, thinly over the base (light or dark)."""
    palette = palette or QGuiApplication.palette()
    return blend(meaning(name, palette), palette.color(QPalette.ColorRole.Base), amount)


def role(name: QPalette.ColorRole, palette: QPalette | None = None) -> QColor:
    return (palette or QGuiApplication.palette()).color(name)


def muted(palette: QPalette | None = None) -> QColor:
    """Secondary text (notes, hints): between the text and the base, readable on both themes."""
    palette = palette or QGuiApplication.palette()
    return blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.68)


def panel(palette: QPalette | None = None) -> QColor:
    """A quiet background for hints and cards: the palette's alternate base."""
    return role(QPalette.ColorRole.AlternateBase, palette)


def line(palette: QPalette | None = None) -> QColor:
    """Borders of cards and frames."""
    palette = palette or QGuiApplication.palette()
    return blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.22)


def css(colour: QColor) -> str:
    """For style sheets and rich text."""
    return colour.name()


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1–21); text wants 4.5, large marks 3."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b_ = (channel(x) for x in c.getRgbF()[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
