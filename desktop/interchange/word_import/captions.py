"""Pictures and the lines that name them: 圖1：會場, 照片3 參訪, or a short line right under a picture."""

from __future__ import annotations

import re

from desktop.domain.blocks import looks_like_caption, looks_like_note
from desktop.interchange.word_import.outline import Para

NUMBERED_CAPTION = re.compile(
    r"^\s*(?P<label>圖片|圖|照片|相片|附圖|Figure|Fig\.?|Photo)\s*[0-9０-９一二三四五六七八九十百]+(?:[-－.．][0-9０-９]+)?"
    r"\s*[：:、.．\-－]?\s*", re.IGNORECASE)
CAPTION_STYLE = re.compile(r"caption|標號|題注|圖說|圖片說明", re.IGNORECASE)
CAPTION_MAX = 80


def caption_label(text: str) -> str:
    """圖 or 照片 when the line starts like a numbered caption, else ""."""
    match = NUMBERED_CAPTION.match(text)
    return match.group("label") if match else ""


def caption_text(text: str) -> str:
    """The caption without its number (the export numbers photos itself)."""
    return NUMBERED_CAPTION.sub("", text.strip(), count=1).strip()


def is_caption(para: Para, right_after_picture: bool) -> bool:
    text = para.shown.strip()
    if not text or para.pictures or len(text) > CAPTION_MAX:
        return False
    if NUMBERED_CAPTION.match(text) or CAPTION_STYLE.search(para.style):
        return True
    return right_after_picture and len(text) <= 50 and not text.endswith("。") and (para.centered or len(text) <= 40)


# A table's caption (表3：議程) above it and its note (資料來源：…) under it: the same rules as a
# paste into the editor reads (domain/blocks.py).
is_table_caption = looks_like_caption
is_table_note = looks_like_note
