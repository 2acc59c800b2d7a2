"""Which paragraphs are headings, and at what depth.

Official reports number their outline 壹、 → 一、 → （一） → 1. → (1) (or 第一章 / 第一節 above 一、),
the sequence desktop/domain/numbering.py writes. A paragraph is a heading when its style says so
(Heading 1–9, an outline level) or when it starts with one of these numbers and reads like a title
(short, no full stop at the end) rather than a numbered paragraph of text. Depth comes from the
numbering, not from the style alone: a document that starts at 一、 has 一、 chapters. The stack
below gives each heading its depth the way a reader does: a number seen before closes back to its
level, a new one opens under the current heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.interchange.word_import.outline import Para

_CN = "一二三四五六七八九十百零〇"
_FORMAL = "壹貳參叁肆伍陸柒捌玖拾佰零"
# (rank, pattern): smaller ranks are higher in the outline.
NUMBERS: tuple[tuple[int, re.Pattern], ...] = (
    (0, re.compile(rf"^第\s*[{_CN}\d]+\s*章[、.．:：\s]*")),
    (0, re.compile(rf"^[{_FORMAL}]+\s*[、.．]\s*")),
    (1, re.compile(rf"^第\s*[{_CN}\d]+\s*節[、.．:：\s]*")),
    (2, re.compile(rf"^[{_CN}]+\s*、\s*")),
    (3, re.compile(rf"^[（(]\s*[{_CN}]+\s*[）)]\s*[、.．]?\s*")),
    (4, re.compile(r"^[0-9０-９]{1,2}\s*[.．、](?![0-9０-９])\s*")),
    (5, re.compile(r"^[（(]\s*[0-9０-９]{1,2}\s*[）)]\s*[、.．]?\s*")),
    (6, re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
)
STYLE_RANKS = {1: 0, 2: 2, 3: 3, 4: 4, 5: 5}
TITLE_MAX = 40  # a numbered line longer than this, or ending in 。, is text, not a title
PAGE_NUMBER = re.compile(r"(?:[\t.·…．‥_\-\s]{2,}|\t)\s*[0-9０-９ivxIVX]+\s*$")
TOC_STYLE = re.compile(r"^(toc|目錄|目次)\s*\d", re.IGNORECASE)


@dataclass
class Numbered:
    rank: int
    number: str  # the number as printed (壹、, （一）)
    title: str  # the rest


def numbered(text: str) -> Numbered | None:
    text = text.strip()
    for rank, pattern in NUMBERS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return Numbered(rank, match.group().strip(), text[match.end():].strip())
    return None


def strip_number(text: str) -> str:
    found = numbered(text)
    return found.title if found else text.strip()


def looks_like_title(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= TITLE_MAX and not text.endswith(("。", "；", ";", "，", ",")) and "。" not in text[:-1]


@dataclass
class HeadingGuess:
    rank: int
    title: str
    number: str
    styled: bool  # its style says heading: a strong sign
    sure: bool  # styled, or numbered and short


def guess(para: Para) -> HeadingGuess | None:
    """The paragraph as a heading, or None when it reads as text."""
    if para.in_text_box or para.in_toc or not para.text.strip() and not para.label:
        return None
    if marker_item(para):
        return None
    shown = para.shown.strip()
    found = numbered(shown)
    styled = 1 <= para.heading_level <= 9
    if found is not None:
        if styled:
            return HeadingGuess(found.rank, found.title, found.number, True, True)
        if looks_like_title(found.title) or (para.all_bold and len(found.title) <= 2 * TITLE_MAX):
            return HeadingGuess(found.rank, found.title, found.number, False, True)
        return None
    if styled and looks_like_title(shown) or styled and len(shown) <= 2 * TITLE_MAX:
        return HeadingGuess(STYLE_RANKS.get(para.heading_level, 5), shown, "", True, True)
    return None


class Depths:
    """Depth (1 = chapter) of each heading from the ranks seen so far."""

    def __init__(self):
        self.stack: list[int] = []

    def reset(self) -> None:
        self.stack = []

    def depth(self, rank: int) -> int:
        if rank in self.stack:
            del self.stack[self.stack.index(rank) + 1:]
        else:
            while self.stack and self.stack[-1] > rank:
                self.stack.pop()
            self.stack.append(rank)
        return len(self.stack)


MARKER_TAB = re.compile(r"^\s*(?P<marker>[^\s\t]{1,8})\t")


def marker_item(para: Para) -> str:
    """The marker of a list item written as Word and our export write one without automatic
    numbering: the marker, a tab, the text, the first line hanging out ("●\t…", "（一）\t…")."""
    if not para.hanging:
        return ""
    match = MARKER_TAB.match(para.text)
    return match.group("marker") if match else ""


def is_toc_line(para: Para) -> bool:
    """A line of a typed or generated 目次: in a TOC field or style, or a title ending in a page number."""
    if para.in_toc or TOC_STYLE.match(para.style.strip()):
        return True
    text = para.shown.rstrip()
    return bool(PAGE_NUMBER.search(text)) and len(text) <= 80 and not text.endswith("。")
