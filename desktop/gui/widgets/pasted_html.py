"""What a paste into a plain-text field (the 摘要, a recommendation) loses from Word or a web page:
which kinds of formatting (so the field can say it kept only the text) and which lines were list
items (so their bullets and numbers are not left behind as typed characters).

Plain Python on the HTML the clipboard offers next to its plain text, read by html_blocks; no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.blocks import ListBlock, Paragraph, Table
from desktop.gui.widgets.html_blocks import read_html

# The kinds of formatting named in the notice, in the order they are named.
KINDS = ("粗體", "斜體", "底線", "清單", "表格", "標題")
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
        # worded as a chapter body's notice (RichTextEdit), naming what became plain text
        return f"貼上的內容中，{'、'.join(self.formatting)}已改為純文字（這一欄只保留文字與段落）。"


def read_pasted_html(html: str) -> PastedHtml:
    """What a paste into a plain-text field loses: the kinds of formatting it carried, and the
    text of its list items (with and without a typed marker) so their bullets can be dropped."""
    read = read_html(html)
    found: set[str] = set()
    items: set[str] = set()
    for block in read.blocks:
        runs = []
        if isinstance(block, Paragraph):
            runs = block.runs
        elif isinstance(block, ListBlock):
            found.add("清單")
            for item in block.items:
                runs += item.runs
                text = _normal(item.text)
                items.update({text, _normal(LIST_MARKER.sub("", text, count=1))})
        elif isinstance(block, Table):
            found.add("表格")
        for run in runs:
            found.update(name for name, on in zip(("粗體", "斜體", "底線"), run.marks(), strict=True) if on)
    if read.headings:
        found.add("標題")
    return PastedHtml([k for k in KINDS if k in found], items)
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
