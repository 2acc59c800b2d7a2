"""What a paste from Word or a web page carried besides its text: which kinds of formatting (so the
editor can say it kept only the text) and which lines were list items (so their bullets and numbers
are not left behind as typed characters).

Plain Python on the HTML the clipboard offers next to its plain text; no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# The kinds of formatting named in the notice, in the order they are named.
KINDS = ("粗體", "斜體", "底線", "清單", "表格", "標題")
_TAG_KINDS = {"b": "粗體", "strong": "粗體", "i": "斜體", "em": "斜體", "u": "底線", "ul": "清單", "ol": "清單",
              "li": "清單", "table": "表格", **{f"h{n}": "標題" for n in range(1, 7)}}
_BOLD = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_NOT_BOLD = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-4]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
_UNDERLINE = re.compile(r"text-decoration[\w-]*\s*:[^;]*underline", re.I)
_WORD_LIST = re.compile(r"mso-list\s*:\s*l\d", re.I)  # a paragraph Word numbered or bulleted
_WORD_MARKER = re.compile(r"mso-list\s*:\s*ignore", re.I)  # the bullet Word writes as text
# A bullet or a list number at the start of a line: - • · ● ○ ■ ▪ ◦ ‧ ・ *, 1. 1、 1) (1) a. a)
LIST_MARKER = re.compile(r"^[ \t\u3000\u00a0]*(?:[-–—•·●○■□▪◦‧・*]|\d{1,3}[.、)）]|[（(]\d{1,3}[)）]|[A-Za-z][.)])"
                         r"[ \t\u3000\u00a0]+")


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u3000", " ").split())


@dataclass
class PastedHtml:
    formatting: list[str] = field(default_factory=list)
    list_items: set[str] = field(default_factory=set)

    def notice(self) -> str:
        """The one-line notice, or "" when nothing was dropped."""
        if not self.formatting:
            return ""
        return f"已移除格式（{'、'.join(self.formatting)}）：內文目前只保留文字與段落。"


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.items: set[str] = set()
        self._stack: list[tuple[str, bool, bool]] = []  # tag, starts a list item, hides its text
        self._item: list[str] | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        style = " ".join(v or "" for k, v in attrs if k == "style")
        kind = _TAG_KINDS.get(tag)
        if kind == "粗體" and _NOT_BOLD.search(style):
            kind = None  # Google Docs wraps everything in <b style="font-weight:normal">
        if kind:
            self.found.add(kind)
        if _BOLD.search(style):
            self.found.add("粗體")
        if _ITALIC.search(style):
            self.found.add("斜體")
        if _UNDERLINE.search(style):
            self.found.add("底線")
        if tag in ("br", "img", "hr", "meta", "link", "col", "input"):
            return  # void elements have no end tag
        starts_item = tag == "li" or (tag == "p" and bool(_WORD_LIST.search(style)))
        if starts_item:
            self.found.add("清單")
            self._finish_item()
            self._item = []
        hides = bool(_WORD_MARKER.search(style))
        self._hidden += hides
        self._stack.append((tag, starts_item, hides))

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, starts_item, hides = self._stack.pop()
            self._hidden -= hides
            if starts_item:
                self._finish_item()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._item is not None and not self._hidden:
            self._item.append(data)

    def _finish_item(self) -> None:
        if self._item is not None:
            text = _normal("".join(self._item))
            if text:
                self.items.add(text)
                stripped = LIST_MARKER.sub("", text, count=1)
                self.items.add(_normal(stripped))
            self._item = None


def read_pasted_html(html: str) -> PastedHtml:
    reader = _Reader()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # noqa: BLE001 - a clipboard's HTML is untrusted; the plain text still pastes
        return PastedHtml()
    reader._finish_item()
    return PastedHtml([k for k in KINDS if k in reader.found], reader.items)


def drop_list_markers(text: str, items: set[str]) -> str:
    """`text` with the bullet or number removed from each line that was a list item in the HTML;
    a line that merely starts with "- " in the source text is left as it is."""
    if not items:
        return text
    lines = []
    for line in text.split("\n"):
        marker = LIST_MARKER.match(line)
        if marker and _normal(line[marker.end():]) in items:
            line = line[marker.end():]
        lines.append(line)
    return "\n".join(lines)
