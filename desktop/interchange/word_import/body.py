"""A section's imported body items as the draft stores a body: one paragraph per line.

Lists keep their numbers or bullets and tables their rows (cells joined by ｜), so no word is lost;
the notes say which sections hold a table or a list written out this way.
"""

from __future__ import annotations

from desktop.domain.text import clean_line
from desktop.interchange.word_import.plan import BodyItem

CELL_SEPARATOR = "｜"


def body_text(items: list[BodyItem]) -> str:
    lines: list[str] = []
    for item in items:
        if item.kind == "para":
            lines += [clean_line(x) for x in item.text.split("\n") if x.strip()]
        elif item.kind == "list":
            lines.append(clean_line(f"{item.marker}{item.text}"))
        elif item.kind == "photo" and item.photo is not None and not item.photo.photo_id:
            lines.append(refused_line(item.photo))
        elif item.kind == "table" and item.table is not None:
            if item.text.strip():
                lines.append(clean_line(item.text))
            for row in item.table.texts():
                lines.append(CELL_SEPARATOR.join(clean_line(t) for t in row))
            if item.note:
                lines.append(clean_line(item.note))
    return "\n".join(line for line in lines if line)


def refused_line(photo) -> str:
    """Where a picture could not be imported: why, and its caption, so no words are lost."""
    return clean_line(f"〔圖片未匯入：{photo.problem or '無法讀取'}〕{photo.caption}")


def kept_as_text(items: list[BodyItem]) -> list[str]:
    """What the plain-text body could not keep as such: 「表格」, 「清單」, 「粗體」."""
    out = []
    if any(i.kind == "table" for i in items):
        out.append("表格")
    if any(i.kind == "list" for i in items):
        out.append("清單")
    if any(r.bold for i in items if i.kind == "para" for r in i.runs if r.text.strip()):
        out.append("粗體")
    return out
