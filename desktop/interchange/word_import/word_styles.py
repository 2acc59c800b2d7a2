"""Word's paragraph styles and automatic numbering, as far as the importer needs them.

A heading is a heading because of its style ("Heading 2", "標題 2", a style with an outline level)
or its number; Word's automatic numbers ("一、", "（二）", "1.") are not in the text at all but in
numbering.xml, so they are computed here the way Word counts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.numbering import chinese_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


VAL = w("val")
HEADING_NAME = re.compile(r"^(?:heading|標題)\s*(\d)$", re.IGNORECASE)


def on(el) -> bool:
    """A toggle property (<w:b/>, <w:b w:val="0"/>) is on unless its value says otherwise."""
    return el is not None and el.get(VAL, "true").lower() not in ("0", "false", "off", "none")


@dataclass
class StyleInfo:
    name: str = ""
    based_on: str = ""
    outline_level: int | None = None  # 0-based as Word stores it; 9 means body text
    num_id: str = ""
    ilvl: int = 0
    bold: bool | None = None
    centered: bool = False


@dataclass
class Styles:
    by_id: dict[str, StyleInfo] = field(default_factory=dict)
    default_paragraph: str = ""

    def chain(self, style_id: str):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            yield self.by_id[style_id]
            style_id = self.by_id[style_id].based_on

    def name(self, style_id: str) -> str:
        info = self.by_id.get(style_id)
        return info.name if info else style_id

    def heading_level(self, style_id: str) -> int:
        """1–9 for a heading style (by name or outline level, inherited), 0 otherwise."""
        for info in self.chain(style_id):
            match = HEADING_NAME.match(info.name.strip())
            if match:
                return int(match.group(1)) or 1
            if info.outline_level is not None:
                return info.outline_level + 1 if info.outline_level < 9 else 0
        return 0

    def numbering(self, style_id: str) -> tuple[str, int]:
        for info in self.chain(style_id):
            if info.num_id:
                return info.num_id, info.ilvl
        return "", 0

    def bold(self, style_id: str) -> bool:
        for info in self.chain(style_id):
            if info.bold is not None:
                return info.bold
        return False

    def centered(self, style_id: str) -> bool:
        return any(info.centered for info in self.chain(style_id))


def read_styles(root) -> Styles:
    styles = Styles()
    if root is None:
        return styles
    for el in root.iter(w("style")):
        sid = el.get(w("styleId"), "")
        info = StyleInfo()
        name = el.find(w("name"))
        info.name = name.get(VAL, "") if name is not None else sid
        based = el.find(w("basedOn"))
        info.based_on = based.get(VAL, "") if based is not None else ""
        ppr = el.find(w("pPr"))
        if ppr is not None:
            lvl = ppr.find(w("outlineLvl"))
            if lvl is not None and lvl.get(VAL, "").isdigit():
                info.outline_level = int(lvl.get(VAL))
            num = ppr.find(w("numPr"))
            if num is not None:
                nid, ilvl = num.find(w("numId")), num.find(w("ilvl"))
                info.num_id = nid.get(VAL, "") if nid is not None else ""
                info.ilvl = _int(ilvl.get(VAL) if ilvl is not None else "0")
            jc = ppr.find(w("jc"))
            info.centered = jc is not None and jc.get(VAL) == "center"
        rpr = el.find(w("rPr"))
        if rpr is not None and rpr.find(w("b")) is not None:
            info.bold = on(rpr.find(w("b")))
        styles.by_id[sid] = info
        if el.get(w("type")) == "paragraph" and el.get(w("default")) in ("1", "true"):
            styles.default_paragraph = sid
    return styles


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text or default)
    except ValueError:
        return default


# ---- automatic numbering ------------------------------------------------------------------

_CELESTIAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Bullet glyphs in the Symbol/Wingdings private-use range, as Word stores them.
_BULLET_GLYPHS = {"\uf0b7": "●", "\uf0a7": "■", "\uf0d8": "▶", "\uf076": "◆", "\uf0fc": "✓", "o": "○", "\uf06e": "■",
                  "\uf0a8": "☐", "\uf06c": "●"}


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    if n <= 0:
        n = 1
    if fmt in ("decimal", "decimalZero", ""):
        return str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("taiwaneseCountingThousand", "taiwaneseCounting", "chineseCounting", "chineseCountingThousand",
               "ideographDigital", "japaneseCounting"):
        return chinese_number(n)
    if fmt in ("ideographLegalTraditional", "chineseLegalSimplified", "taiwaneseDigital"):
        return chinese_number(n, formal=True)
    if fmt == "ideographTraditional":
        return _CELESTIAL[(n - 1) % len(_CELESTIAL)]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % len(_ZODIAC)]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if n <= len(_CIRCLED) else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """numbering.xml: each list instance (numId) with its levels, and the counters as the document
    is read in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        return self.levels.get(num_id, {}).get(ilvl)

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """The label of the next paragraph in this list at this level, and whether it is a number
        (not a bullet). ("", False) when the list is unknown or numbers nothing."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return "", False
        counts = self.counters.setdefault(num_id, [0] * 10)
        lvl = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else lvl.start
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        if lvl.fmt == "none":
            return "", False
        if lvl.fmt == "bullet":
            glyph = lvl.text.strip()
            return (_BULLET_GLYPHS.get(glyph, glyph if glyph.isprintable() and glyph else "●")), False

        def fill(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            other = levels.get(k)
            count = counts[k] if counts[k] else (other.start if other else 1)
            return format_number(count, other.fmt if other else "decimal")

        return re.sub(r"%(\d)", fill, lvl.text), True


def read_numbering(root) -> Numbering:
    numbering = Numbering()
    if root is None:
        return numbering
    abstract: dict[str, dict[int, Level]] = {}
    for el in root.iter(w("abstractNum")):
        levels: dict[int, Level] = {}
        for lvl in el.iter(w("lvl")):
            ilvl = _int(lvl.get(w("ilvl")))
            fmt, text, start = lvl.find(w("numFmt")), lvl.find(w("lvlText")), lvl.find(w("start"))
            levels[ilvl] = Level(fmt.get(VAL, "decimal") if fmt is not None else "decimal",
                                 text.get(VAL, "") if text is not None else "",
                                 _int(start.get(VAL) if start is not None else "1", 1))
        abstract[el.get(w("abstractNumId"), "")] = levels
    for el in root.iter(w("num")):
        ref = el.find(w("abstractNumId"))
        levels = dict(abstract.get(ref.get(VAL, "") if ref is not None else "", {}))
        for override in el.iter(w("lvlOverride")):
            ilvl = _int(override.get(w("ilvl")))
            start = override.find(w("startOverride"))
            if ilvl in levels and start is not None:
                base = levels[ilvl]
                levels[ilvl] = Level(base.fmt, base.text, _int(start.get(VAL), 1))
        numbering.levels[el.get(w("numId"), "")] = levels
    return numbering
