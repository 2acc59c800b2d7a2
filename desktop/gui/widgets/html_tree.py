"""Clipboard HTML as a small tree, and the text in it with HTML's whitespace rules.

html.parser gives events; browsers give a tree with the optional end tags closed (<p>, <li>,
<td>, <tr> of hand-made and Word HTML). This builds that tree, keeps the style sheets (Excel sets
bold by class), and reads emphasis from tags, classes and inline styles. Whitespace is collapsed
as a browser does, except that a line break Word wrapped into its HTML source between two Chinese
characters leaves no space. Plain Python on an untrusted string; no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "meta", "link", "col", "input", "wbr", "area", "base", "source", "param"}
# Optional end tags: a new one of these closes the open one (as browsers do).
CLOSES = {"p": {"p"}, "li": {"li", "p"}, "tr": {"tr", "td", "th", "p"}, "td": {"td", "th", "p"},
          "th": {"td", "th", "p"}, "thead": {"tbody", "thead", "tr", "td", "th"},
          "tbody": {"tbody", "thead", "tr", "td", "th"}, "tfoot": {"tbody", "thead", "tr", "td", "th"}}
SCOPE = {"table", "ul", "ol", "li", "td", "th", "body", "html"}  # implied closes stop at these

_BOLD = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.I)
_NOT_BOLD = re.compile(r"font-weight\s*:\s*(normal|lighter|[1-5]00)\b", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*(italic|oblique)", re.I)
_NOT_ITALIC = re.compile(r"font-style\s*:\s*normal", re.I)
_UNDERLINE = re.compile(r"text-decoration(-line)?\s*:[^;]*underline", re.I)
_NOT_UNDERLINE = re.compile(r"text-decoration(-line)?\s*:\s*none", re.I)
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
NEWLINE_SPACE = "\ue000"  # whitespace that held a line break: nothing between two CJK characters
WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"


# ---- a small tree of the HTML ---------------------------------------------------------------

@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str
    parent: Node | None = None

    def style(self) -> str:
        return self.attrs.get("style", "")


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.node = self.root
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        closes = CLOSES.get(tag)
        if closes:
            self._close_implied(closes)
        node = Node(tag, {k.lower(): (v or "") for k, v in attrs}, [], self.node)
        self.node.children.append(node)
        if tag == "style":
            self._in_style = True
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

    def _close_implied(self, closes: set[str]) -> None:
        node = self.node
        while node is not self.root and node.tag not in SCOPE | closes:
            node = node.parent
        if node is not self.root and node.tag in closes:
            self.node = node.parent

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "style":
            self._in_style = False
        node = self.node
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:  # an end tag nothing opened is ignored
            self.node = node.parent

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)
        self.node.children.append(data)


def class_marks(css: str) -> dict[str, tuple[bool | None, bool | None, bool | None]]:
    """Bold/italic/underline set by class rules (Excel writes .xl73 {font-weight:700})."""
    out = {}
    css = re.sub(r"/\*.*?\*/|<!--|-->", " ", css, flags=re.S)
    for selectors, body in _CSS_RULE.findall(css):
        marks = style_marks(body)
        if marks == (None, None, None):
            continue
        for selector in selectors.split(","):
            found = re.fullmatch(r"\s*[\w]*\.([\w-]+)\s*", selector)
            if found:
                out[found.group(1).lower()] = marks
    return out


def style_marks(style: str) -> tuple[bool | None, bool | None, bool | None]:
    def pick(on, off):
        return True if on.search(style) else (False if off.search(style) else None)

    return pick(_BOLD, _NOT_BOLD), pick(_ITALIC, _NOT_ITALIC), pick(_UNDERLINE, _NOT_UNDERLINE)


# ---- text with HTML's whitespace rules ----------------------------------------------------------

def text_of(node: Node) -> str:
    out = []
    for child in node.children:
        out.append(space(child) if isinstance(child, str) else ("\n" if child.tag == "br" else text_of(child)))
    return finish_text("".join(out))


def text_of_flat(node: Node) -> str:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if isinstance(n, str):
            out.append(n)
        else:
            stack.extend(reversed(n.children))
    return " ".join("".join(out).split())


def space(text: str) -> str:
    """HTML whitespace, to be collapsed later; a line break is marked, so the line wrapping Word
    puts in its HTML leaves no space between Chinese characters."""
    return re.sub(r"[\t\f\u00a0]", " ", re.sub(r"\r\n?|\n", NEWLINE_SPACE, text))


def collapse(pieces: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    """(character, marks) pairs with whitespace collapsed as a browser would, except that
    whitespace holding a line break disappears between two wide (CJK) characters; ends trimmed."""
    out: list[tuple[str, tuple]] = []
    i, n = 0, len(pieces)
    while i < n:
        ch, marks = pieces[i]
        if ch not in (" ", NEWLINE_SPACE):
            out.append((ch, marks))
            i += 1
            continue
        j, wrapped = i, False
        while j < n and pieces[j][0] in (" ", NEWLINE_SPACE):
            wrapped = wrapped or pieces[j][0] == NEWLINE_SPACE
            j += 1
        before = out[-1][0] if out else ""
        after = pieces[j][0] if j < n else ""
        if before and after and not (wrapped and is_wide(before) and is_wide(after)):
            out.append((" ", marks))
        i = j
    return out


def is_wide(ch: str) -> bool:
    return bool(re.match(f"[{WIDE}]", ch))


def finish_text(text: str) -> str:
    """A cell's text: each line collapsed and trimmed, blank lines dropped (paragraphs in a cell become lines)."""
    lines = ("".join(ch for ch, _ in collapse([(c, ()) for c in line])) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
