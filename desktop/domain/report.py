"""The whole official trip report (公務出國報告) as plain data.

Everything the cover, the 提要 sheet, the body, the itinerary, the recommendations, the photos and
the 審核表 need lives here, so screens and output fill it in rather than reshape it. No Qt, no
database: storage, export and the window all speak this model.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.blocks import Block, blocks_from_text, plain_text
from desktop.domain.kinds import DEFAULT_KIND

# 草稿 → 送審中 → 退回修正 → 已核定 → 已上傳
STATUSES = ("草稿", "送審中", "退回修正", "已核定", "已上傳")
FINISHED_STATUSES = ("已核定", "已上傳")  # no deadline to watch any more

HEADING_STYLES = ("壹", "章")  # 壹、貳、… or 第一章、第二章…

# Day parts allowed in the itinerary time column besides clock times.
DAY_PARTS = ("全日", "上午", "中午", "下午", "晚上")

APPENDIX = "appendix"  # photo placement meaning "collected in the appendix"


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class Traveller:
    name: str = ""
    agency: str = ""  # 服務機關
    unit: str = ""  # 單位
    title: str = ""  # 職稱
    rank: str = ""  # 官職等


@dataclass
class Section:
    """A chapter (level 1) or a sub-section (level 2+). Its body is a list of blocks (paragraphs,
    lists, tables, photos: domain/blocks.py); `text` is the body's plain-text view."""

    heading: str = ""
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    key: str = ""  # "purpose", "process", … for the required chapters; "" for the user's own
    id: str = field(default_factory=new_id)

    def walk(self, level: int = 1):
        """Yield (level, section) for this section and everything under it, in reading order."""
        yield level, self
        for child in self.sections:
            yield from child.walk(level + 1)

    @property
    def text(self) -> str:
        """The words of the body, one line per paragraph, list item and table row (plain_text):
        what search, the checks and merge read. Read only: the body is `blocks`."""
        return plain_text(self.blocks)

    def set_text(self, text: str) -> None:
        """Make the body these plain paragraphs, one per line (text typed or read as plain)."""
        self.blocks = blocks_from_text(text)


@dataclass
class ItineraryRow:
    time: str = ""  # "09:30", "09:30-11:00" or one of DAY_PARTS
    place: str = ""
    activity: str = ""


@dataclass
class ItineraryDay:
    date: date | None = None
    rows: list[ItineraryRow] = field(default_factory=list)


@dataclass
class FollowUp:
    """建議事項採行情形: what the responsible agency does with a recommendation (some agencies track it)."""

    agency: str = ""  # 主(協)辦機關
    status: str = ""  # 採行情形, e.g. 已採行 / 研議中 / 不採行
    schedule: str = ""  # 辦理期程
    budget: str = ""  # 經費需求


@dataclass
class Recommendation:
    """A recommendation; `follow_ups` holds one entry per responsible agency (the 追蹤表 prints a row
    for each), empty when nobody tracks it."""

    title: str = ""
    text: str = ""
    follow_ups: list[FollowUp] = field(default_factory=list)
    id: str = field(default_factory=new_id)


@dataclass
class Photo:
    """A photo of the report. `file` is a key in the app's photo store (or, in a draft JSON, a path
    relative to the JSON file). `placement` is a section id or APPENDIX."""

    file: str = ""
    caption: str = ""
    placement: str = APPENDIX
    taken_at: str = ""  # ISO date-time from EXIF, "" when unknown
    width: int = 0
    height: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class Attachment:
    title: str = ""
    note: str = ""
    file: str = ""


@dataclass
class StatusChange:
    status: str
    at: str  # ISO date-time
    who: str = ""  # the server role, or the computer's user name, that made the change


@dataclass
class Report:
    id: int | None = None
    title: str = ""  # 報告名稱 / 計畫名稱
    categories: list[str] = field(default_factory=lambda: ["考察"])
    other_kind: str = ""  # sub-kind when 其他 is chosen (國際會議 …)
    agency: str = ""  # 服務機關 on the cover
    unit: str = ""  # 單位
    host_agency: str = ""  # 出國計畫主辦機關
    travellers: list[Traveller] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    visited_agencies: str = ""  # 參訪機關
    start_date: date | None = None
    end_date: date | None = None
    report_date: date | None = None
    system_id: str = ""  # 系統識別號, e.g. C10602068
    keywords: list[str] = field(default_factory=list)
    topic: str = ""  # 主題分類 / 施政分類
    contact_name: str = ""
    contact_phone: str = ""
    mainland: bool = False  # 赴大陸地區: the cover says 赴大陸地區報告 instead of 出國報告
    summary: str = ""  # 摘要
    heading_style: str = "壹"
    kind: str = DEFAULT_KIND  # the report kind (forms/<kind>.json or an agency's kinds/<kind>/): rules and templates
    traveller_line: str = ""  # the cover's 姓名職稱 written by hand (柯文哲市長等68人); "" = made from the list
    chapters: list[Section] = field(default_factory=list)
    itinerary: list[ItineraryDay] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    status: str = "草稿"
    # What the user typed where a date was expected but could not be read (明天, 114/13/40), kept
    # so no typed text is lost: the form shows it again, red, and the review lists it. Keys name
    # the place: "start_date", "end_date", "report_date", or "itinerary[N].date" for the N-th day
    # (0-based) of `itinerary`, whose `date` is then None. See pending_dates() in checks.py.
    pending_inputs: dict[str, str] = field(default_factory=dict)
    status_history: list[StatusChange] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""

    @classmethod
    def new(cls, title: str = "", kind=None) -> Report:
        """A fresh draft of a kind (a Kind, a kind id, or None for the default kind): its chapters,
        heading style and first category come from the kind."""
        from desktop.domain.kinds import get_kind

        if not hasattr(kind, "chapters"):
            kind = get_kind(kind)
        report = cls(title=title, kind=kind.id, heading_style=kind.heading_style)
        report.categories = kind.categories[:1]
        report.chapters = [Section(heading=c.title, key=c.key) for c in kind.chapters]
        return report

    def chapter(self, key: str) -> Section | None:
        return next((c for c in self.chapters if c.key == key), None)

    def all_sections(self):
        """(level, section) for every chapter and sub-section in reading order."""
        for chapter in self.chapters:
            yield from chapter.walk(1)

    def find_section(self, section_id: str) -> Section | None:
        return next((s for _, s in self.all_sections() if s.id == section_id), None)

    @property
    def category(self) -> str:
        return self.categories[0] if self.categories else ""

    def categories_text(self) -> str:
        """開會、考察 — every chosen category, 其他 with its sub-kind, as the cover prints them."""
        return "、".join(f"其他（{self.other_kind}）" if name == "其他" and self.other_kind else name
                        for name in self.categories)

    @property
    def kind_word(self) -> str:
        """出國 or 赴大陸地區, the word the cover and the 提要 use."""
        return "赴大陸地區" if self.mainland else "出國"

    def traveller_shorthand(self) -> str:
        """The cover line: the hand-written one, else 林○○ 副市長 等2人 (or one name alone)."""
        if self.traveller_line.strip():
            return self.traveller_line.strip()
        people = [t for t in self.travellers if t.name.strip()]
        if not people:
            return ""
        first = people[0]
        head = " ".join(p for p in (first.name.strip(), first.title.strip()) if p)
        return f"{head} 等{len(people)}人" if len(people) > 1 else head


DATE_FIELDS = ("start_date", "end_date", "report_date")


def itinerary_date_key(day_index: int) -> str:
    """The `pending_inputs` key of the date of the itinerary's day at this (0-based) index."""
    return f"itinerary[{day_index}].date"


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text field: one per non-empty line. Users type one paragraph per line in the
    editor, the way Word treats Enter; blank lines are spacing, not content."""
    return [line.strip() for line in text.split("\n") if line.strip()]
