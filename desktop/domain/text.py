"""Cleaning text where it enters the app, so nothing downstream (SQLite, docxtpl, Word) chokes.

Word and web pages paste vertical tabs, form feeds and stray control characters; XML 1.0 cannot hold
them, docxtpl silently truncates at them and python-docx raises. We keep paragraphs and tabs and drop
the rest.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0 controls except \t and \n, DEL, lone surrogates, and the two non-characters XML forbids.
_INVALID = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str | None) -> str:
    if not text:
        return ""
    return _INVALID.sub("", _LINE_BREAKS.sub("\n", text))


def clean_line(text: str | None) -> str:
    """A one-line field (a title, a name): line breaks become spaces."""
    return clean_text(text).replace("\n", " ").strip()


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def count_chinese(text: str) -> int:
    """Chinese characters only (the 摘要 200–300 rule counts 字, not punctuation or Latin)."""
    return len(_HAN.findall(text or ""))
