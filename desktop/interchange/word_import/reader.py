"""The outline read as a report: cover and 提要 fields, 摘要, chapters and sections by their
numbering, the itinerary, traveller and follow-up tables, photos with captions, the appendix.

One pass in reading order, in one of a few modes: the front matter (cover, 提要), the 摘要, a 目次
(skipped), the body, the appendix, and the back matter (the 追蹤表 after the appendix). Nothing is
dropped silently: what is not recognised is kept as body text, and a note says so.
"""

from __future__ import annotations

import re

from desktop.domain.kinds import Kind
from desktop.domain.report import Attachment
from desktop.domain.text import clean_line
from desktop.interchange.word_import import captions, naming
from desktop.interchange.word_import.front import FieldReader
from desktop.interchange.word_import.headings import (
    Depths,
    HeadingGuess,
    guess,
    is_toc_line,
    marker_item,
    numbered,
    strip_number,
)
from desktop.interchange.word_import.notes import PLAIN, RECOGNISED, UNCERTAIN, ImportNotes
from desktop.interchange.word_import.outline import Outline, Para, Run, Table
from desktop.interchange.word_import.plan import BodyItem, PhotoRef, Plan, SectionPlan
from desktop.interchange.word_import.tables import read_follow_ups, read_itinerary, read_travellers
from desktop.interchange.word_import.vocabulary import Vocabulary, squeeze

FRONT, SUMMARY, TOC, BODY, APPENDIX, BACK = "front", "summary", "toc", "body", "appendix", "back"
DATA_TABLE_TITLES = ("行程表", "出國人員名單", "出國人員", "行程")
BULLET = re.compile(r"^\s*([●•・○◦■□◆◇▪▫►▶➢✓✔※\-–—])\s*")
ATTACHMENT_LINE = re.compile(r"^\s*附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:、.．]?\s*(?P<title>.*?)\s*$")
TITLE_STYLE = re.compile(r"title|標題$|封面", re.IGNORECASE)
DEFAULT_CHAPTER = "內容"


class Reader:
    def __init__(self, outline: Outline, kind: Kind, vocab: Vocabulary, follow_up_titles: set[str],
                 year_hint: int | None = None):
        self.items = outline.items
        self.kind = kind
        self.vocab = vocab
        self.follow_up_titles = follow_up_titles
        self.plan = Plan(notes=ImportNotes())
        self.fields = FieldReader(vocab, kind.categories, kind.other_kinds, self.plan)
        self.mode = FRONT
        self.before_toc = FRONT
        self.depths = Depths()
        self.path: list[SectionPlan] = []
        self.appendix_part = ""  # "photos", "attachments" or "" inside the appendix
        self.front_left: list[BodyItem] = []
        self.table_caption = ""
        self.consumed: set[int] = set()
        self.year_hint = year_hint
        self.used_keys: set[str] = set()
        self.chapter_style = False
        self.implicit = self._implicit_chapter()

    def _implicit_chapter(self) -> SectionPlan | None:
        """A kind whose first chapter prints no heading (a press release's body): the text after
        the front matter is that chapter, and the numbered headings below it its sections."""
        specs = self.kind.chapters
        if not specs or specs[0].print_heading:
            return None
        chapter = SectionPlan(specs[0].title, key=specs[0].key)
        self.plan.chapters.append(chapter)
        self.path = [chapter]
        self.depths.stack = [0]
        return chapter

    # ---- the pass -----------------------------------------------------------------------------

    def read(self) -> Plan:
        for i, item in enumerate(self.items):
            if i in self.consumed:
                continue
            if isinstance(item, Table):
                self._table(item)
            else:
                self._para(i, item)
        self._finish()
        return self.plan

    def _para(self, i: int, para: Para) -> None:
        text = para.shown.strip()
        if para.pictures:
            self._pictures(i, para)
            if not text or captions.caption_label(text):
                return
        if not text:
            return
        sq = squeeze(text)
        if sq in self.vocab.fixed and sq not in naming.SUMMARY_NAMES and sq not in naming.TOC_NAMES:
            return
        if sq in self.follow_up_titles:
            self.mode = BACK
            return
        if sq in self.vocab.part_titles:
            mainland = self.vocab.part_titles[sq]
            if mainland is not None:
                self.plan.fields.setdefault("mainland", mainland)
            return
        if self.mode == TOC:
            if is_toc_line(para) or para.in_toc:
                return
            self.mode = self.before_toc
        if sq in naming.TOC_NAMES:
            self.before_toc = self.mode if self.mode != SUMMARY else BODY if self.path else FRONT
            self.mode = TOC
            return
        if para.in_toc:
            return
        heading = guess(para)
        if self.mode in (FRONT, SUMMARY, BACK):
            if self._front(para, text, heading):
                return
        if heading is not None and (self.mode in (BODY, APPENDIX) or heading.sure):
            self._heading(heading)
            return
        self._content(i, para, text)

    def _front(self, para: Para, text: str, heading: HeadingGuess | None) -> bool:
        """True when the paragraph was taken by the front matter (or the back matter)."""
        title = heading.title if heading else text
        role = naming.front_role(title, self.kind) if len(title) <= 20 else ""
        if role == "summary":
            self.mode = SUMMARY
            return True
        if self.mode == BACK:
            self.fields.line(text)
            return True
        if self.mode == SUMMARY and heading is None:
            self.plan.summary.append(clean_line(text))
            return True
        if self.fields.line(text):
            return True
        if self.mode == FRONT and heading is None:
            if "title" not in self.plan.fields and (TITLE_STYLE.search(para.style) or len(text) <= 80):
                self.plan.fields["title"] = clean_line(text)
                return True
            self.front_left.append(BodyItem("para", list(para.runs)))
            return True
        return False

    # ---- headings -----------------------------------------------------------------------------

    def _heading(self, heading: HeadingGuess) -> None:
        if self.mode in (FRONT, SUMMARY, BACK):
            self.mode = BODY
        if heading.number.startswith("第") and "章" in heading.number:
            self.chapter_style = True
        depth = self.depths.depth(heading.rank)
        title = clean_line(heading.title)
        if self.mode == APPENDIX and depth >= 2 and self._appendix_part(title):
            return
        if depth >= 2 and naming.norm(title) in naming.APPENDIX_NAMES[1:]:
            # 「一、附件」 with no 附錄 heading above it (a kind that prints no appendix title)
            self.mode = APPENDIX
            self.path = []
            self.appendix_part = "attachments"
            return
        depth = min(depth, len(self.path) + 1)
        if depth == 1:
            self.table_caption = ""
            self.appendix_part = ""
            if naming.norm(title) in naming.APPENDIX_NAMES:
                self.mode = APPENDIX
                self.path = []
                self.depths.stack = self.depths.stack[:1]
                return
            self.mode = BODY
            role = naming.front_role(title, self.kind)
            if role == "summary":
                self.mode = SUMMARY
                self.path = []
                return
            section = SectionPlan(title, heading.number)
            if role:
                section.key = f"@{role}"
            self.plan.chapters.append(section)
            self.path = [section]
            return
        if not self.path:
            # a sub-heading before any chapter (or in the appendix): it opens a chapter of its own
            section = SectionPlan(title, heading.number)
            self.plan.chapters.append(section)
            self.path = [section]
            self.mode = BODY if self.mode != APPENDIX else APPENDIX
            return
        section = SectionPlan(title, heading.number)
        parent = self.path[depth - 2]
        parent.children.append(section)
        self.path = self.path[:depth - 1] + [section]

    def _appendix_part(self, title: str) -> bool:
        """「一、活動照片」 or 「二、附件」 inside the appendix: what follows goes to photos or attachments."""
        name = naming.norm(title)
        photo_names = {naming.norm(k.photo("appendix_heading") or "") for k in _kinds()} - {""}
        if name in photo_names or name in ("照片", "活動照片"):
            self.appendix_part = "photos"
            return True
        if name in naming.APPENDIX_NAMES or name.startswith("附件"):
            self.appendix_part = "attachments"
            return True
        return False

    # ---- content ------------------------------------------------------------------------------

    def _here(self) -> SectionPlan:
        if not self.path:
            section = SectionPlan(DEFAULT_CHAPTER)
            self.plan.chapters.append(section)
            self.path = [section]
        return self.path[-1]

    def _content(self, i: int, para: Para, text: str) -> None:
        if self.mode == SUMMARY:
            self.plan.summary.append(clean_line(text))
            return
        if self.mode == APPENDIX and self.appendix_part == "attachments":
            match = ATTACHMENT_LINE.match(text)
            if match and match.group("title"):
                self.plan.attachments.append(Attachment(*_title_and_note(match.group("title"))))
                return
        if captions.is_table_caption(text) and self._next_is_table(i):
            self.table_caption = text
            return
        here = self.path[-1].items if self.path else []
        if here and here[-1].kind == "table" and not here[-1].note and captions.is_table_note(text) and \
                self._previous_is_table(i):
            here[-1].note = text
            return
        if self.mode == APPENDIX and not self.path:
            self.path = [SectionPlan("附錄")]
            self.plan.chapters.append(self.path[0])
            self.plan.notes.add(PLAIN, "附錄中的文字沒有對應的欄位，保留為一章「附錄」。")
        self._here().items.append(self._body_item(para))

    def _body_item(self, para: Para) -> BodyItem:
        runs = [Run(r.text, r.bold, r.italic, r.underline) for r in para.runs]
        if para.label and para.list_level >= 0:
            return BodyItem("list", runs, min(para.list_level, 2), para.ordered, para.label, para.indent)
        marker = marker_item(para)
        if marker:
            rest = _drop_prefix(runs, para.text.index("\t") + 1)
            return BodyItem("list", rest, 0, numbered(marker + "x") is not None, marker, para.indent)
        match = BULLET.match(para.text)
        if match and len(para.text) > match.end():
            cut = match.end()
            rest = _drop_prefix(runs, cut)
            return BodyItem("list", rest, 0, False, match.group(1))
        return BodyItem("para", runs)

    def _previous_is_table(self, i: int) -> bool:
        for item in reversed(self.items[max(0, i - 2):i]):
            if isinstance(item, Table):
                return True
            if item.shown.strip() or item.pictures:
                return False
        return False

    def _next_is_table(self, i: int) -> bool:
        for item in self.items[i + 1:i + 3]:
            if isinstance(item, Table):
                return True
            if item.shown.strip():
                return False
        return False

    # ---- pictures -----------------------------------------------------------------------------

    def _pictures(self, i: int, para: Para) -> None:
        own = para.text.strip()
        caption = captions.caption_text(own) if own and captions.is_caption(
            Para(runs=[Run(own)]), True) else ""
        if not caption:
            for j in range(i + 1, min(i + 4, len(self.items))):
                nxt = self.items[j]
                if isinstance(nxt, Table) or nxt.pictures:
                    break
                if not nxt.shown.strip():
                    continue
                if captions.is_caption(nxt, True):
                    caption = captions.caption_text(nxt.shown)
                    self.consumed.add(j)
                break
        for n, picture in enumerate(para.pictures):
            self._photo(PhotoRef(picture.part, caption if n == len(para.pictures) - 1 else "", picture.problem,
                                 picture.description))

    def _photo(self, ref: PhotoRef) -> None:
        if self.mode == APPENDIX and (self.appendix_part or not self.path):
            ref.source = "附錄"
            self.plan.appendix_photos.append(ref)
            return
        section = self._here()
        ref.source = section.heading
        section.items.append(BodyItem("photo", photo=ref))

    def _photo_table(self, table: Table) -> bool:
        """A table whose cells hold pictures and their captions only (a photo grid): its photos."""
        cells = [c for row in table.rows for c in row if c is not None]
        if not any(c.pictures for c in cells):
            return False
        for cell in cells:
            texts = [p for p in cell.paras if p.shown.strip()]
            if len(texts) > 2 or any(len(p.shown) > captions.CAPTION_MAX for p in texts):
                return False
        for cell in cells:
            if not cell.pictures:
                continue
            lines = [p.shown.strip() for p in cell.paras if p.shown.strip()]
            caption = captions.caption_text(" ".join(lines)) if lines else ""
            for n, picture in enumerate(cell.pictures):
                self._photo(PhotoRef(picture.part, caption if n == len(cell.pictures) - 1 else "", picture.problem,
                                     picture.description))
        return True

    # ---- tables -------------------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        caption, self.table_caption = self.table_caption, ""
        if self._photo_table(table):
            return
        if self.mode in (FRONT, SUMMARY) and self._label_table(table):
            return
        if self.mode == BACK:
            rows = read_follow_ups(table)
            if rows is not None:
                self.plan.follow_ups += rows
                return
        start = self.plan.fields.get("start_date")
        year = start.year if start is not None else self.year_hint
        itinerary = read_itinerary(table, year) if self.plan.itinerary is None else None
        if itinerary is not None and itinerary.days:
            self.plan.itinerary = itinerary
            self.plan.notes.add(RECOGNISED, f"行程表：{len(itinerary.days)} 天、"
                                            f"{sum(len(d.rows) for d in itinerary.days)} 列。", "itinerary")
            self._leave_front()
            return
        people = read_travellers(table) if not self.plan.table_travellers else None
        if people:
            self.plan.table_travellers = people
            self.plan.notes.add(RECOGNISED, f"出國人員名單：{len(people)} 人。", "travellers")
            self._leave_front()
            return
        rows = read_follow_ups(table)
        if rows is not None:
            self.plan.follow_ups += rows
            return
        if self.mode in (FRONT, SUMMARY):
            self.mode = BODY
        if table.pictures:
            for picture in table.pictures:
                self._photo(PhotoRef(picture.part, "", picture.problem, picture.description))
        self._here().items.append(BodyItem("table", table=table, runs=[Run(caption)] if caption else []))

    def _leave_front(self) -> None:
        """After a recognised table: the front matter is over, and a sub-section that only named
        the table (一、行程表) is closed, so the text after it belongs to its chapter again."""
        if self.mode in (FRONT, SUMMARY):
            self.mode = BODY
        if len(self.path) >= 2 and naming.norm(self.path[-1].heading) in DATA_TABLE_TITLES and not self.path[-1].items:
            self.path.pop()

    def _label_table(self, table: Table) -> bool:
        rows = [[c.text if c is not None else "" for c in row] for row in table.rows]
        read = sum(1 for row in rows if self.fields.row(row))
        if read and read * 2 >= len(rows):
            self.plan.notes.add(RECOGNISED, f"提要表：{read} 個欄位。")
            return True
        return read > 0 and len(rows) <= 2

    # ---- the end ------------------------------------------------------------------------------

    def _finish(self) -> None:
        if self.front_left and self.implicit is not None:
            self.implicit.items[:0] = self.front_left
        elif self.front_left:
            first = self.plan.chapters[0] if self.plan.chapters else None
            if first is None:
                first = SectionPlan(DEFAULT_CHAPTER)
                self.plan.chapters.append(first)
            first.items[:0] = self.front_left
            where = "第一章" if len(self.plan.chapters) > 1 else "「內容」一章"
            self.plan.notes.add(PLAIN, f"封面與本文之間有 {len(self.front_left)} 段文字不屬於任何欄位，已放在{where}的開頭。")
        self.plan.heading_style = "章" if self.chapter_style else ""
        if not any(c.heading != DEFAULT_CHAPTER for c in self.plan.chapters) and self.plan.chapters:
            self.plan.notes.add(UNCERTAIN, "找不到章節標題（壹、一、第一章… 或標題樣式），全部文字放在同一章「內容」。")


def _title_and_note(text: str) -> tuple[str, str]:
    """論壇議程（大會提供之議程（日文、英文）） → the title and the note in its closing brackets."""
    text = text.strip()
    if not text.endswith(("）", ")")):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in "）)":
            depth += 1
        elif text[i] in "（(":
            depth -= 1
            if depth == 0:
                return (text[:i].strip(), text[i + 1:-1].strip()) if text[:i].strip() else (text, "")
    return text, ""


def _drop_prefix(runs: list[Run], n: int) -> list[Run]:
    out = []
    for run in runs:
        if n >= len(run.text):
            n -= len(run.text)
            continue
        out.append(Run(run.text[n:], run.bold, run.italic, run.underline))
        n = 0
    return out


def _kinds():
    from desktop.domain.kinds import registry

    return registry().kinds.values()


def heading_titles(outline: Outline) -> tuple[list[str], bool]:
    """The chapter-level heading titles a document shows, and whether it numbers chapters 第一章."""
    titles = []
    chapter_style = False
    for item in outline.items:
        if isinstance(item, Para) and not item.in_toc and not is_toc_line(item):
            found = guess(item)
            if found is not None and found.rank <= 0:
                titles.append(strip_number(item.shown))
                chapter_style = chapter_style or found.number.startswith("第")
    return titles, chapter_style
