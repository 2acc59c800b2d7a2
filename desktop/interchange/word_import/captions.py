"""Pictures and the lines that name them: 圖1：會場, 照片3 參訪, or a short line right under a picture."""

from __future__ import annotations

import re

from desktop.interchange.word_import.outline import Para

NUMBERED_CAPTION = re.compile(
    r"^\s*(?P<label>圖片|圖|照片|相片|附圖|Figure|Fig\.?|Photo)\s*[0-9０-９一二三四五六七八九十百]+(?:[-－.．][0-9０-９]+)?"
    r"\s*[：:、.．\-－]?\s*", re.IGNORECASE)
CAPTION_STYLE = re.compile(r"caption|標號|題注|圖說|圖片說明", re.IGNORECASE)
TABLE_CAPTION = re.compile(r"^\s*表\s*[0-9０-９一二三四五六七八九十百]+\s*[：:、.．\s]\s*")
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


TABLE_NOTE = re.compile(r"^\s*(資料來源|來源|註|說明|備註)\s*[：:]")


def is_table_note(text: str) -> bool:
    """「資料來源：…」 right under a table."""
    return bool(TABLE_NOTE.match(text)) and len(text) <= 200


def is_table_caption(text: str) -> bool:
    return bool(TABLE_CAPTION.match(text)) and len(text) <= CAPTION_MAX


def table_caption_text(text: str) -> str:
    return TABLE_CAPTION.sub("", text.strip(), count=1).strip()
