"""What the reader found, before it becomes a Report: plain data the mapping turns into a draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.report import Attachment, Traveller
from desktop.interchange.word_import.notes import ImportNotes
from desktop.interchange.word_import.outline import Run, Table
from desktop.interchange.word_import.tables import FollowUpRow, Itinerary


@dataclass
class PhotoRef:
    part: str  # the media part in the package, "" when the picture cannot be imported
    caption: str = ""
    problem: str = ""
    description: str = ""
    source: str = ""  # where it was, for notes: the section heading or 附錄
    photo_id: str = ""  # the draft photo's id once imported


@dataclass
class BodyItem:
    """One thing in a section's body, in order: a paragraph (runs), a list item, a table or a photo."""

    kind: str  # "para", "list", "table", "photo"
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # list level
    ordered: bool = False
    marker: str = ""  # the list item's number or bullet as printed
    indent: int = 0  # a list item's text indent (twips): deeper items are further in
    table: Table | None = None
    note: str = ""  # a table's 資料來源：… line under it
    photo: PhotoRef | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class RecommendationPlan:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    title_guessed: bool = False  # taken from the first clause of a one-paragraph item


@dataclass
class SectionPlan:
    heading: str
    number: str = ""
    key: str = ""
    items: list[BodyItem] = field(default_factory=list)
    children: list[SectionPlan] = field(default_factory=list)
    recommendations: list[RecommendationPlan] = field(default_factory=list)
    section_id: str = ""  # the draft section's id once mapped

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Plan:
    fields: dict = field(default_factory=dict)  # Report attribute → value
    pending: dict[str, str] = field(default_factory=dict)  # pending_inputs for dates that could not be read
    summary: list[str] = field(default_factory=list)
    sheet_summary: list[str] = field(default_factory=list)  # 內容摘要 of the 提要
    sheet_travellers: list[Traveller] = field(default_factory=list)
    sheet_travellers_with_rank: bool = True
    table_travellers: list[Traveller] = field(default_factory=list)
    traveller_line: str = ""
    chapters: list[SectionPlan] = field(default_factory=list)
    itinerary: Itinerary | None = None
    follow_ups: list[FollowUpRow] = field(default_factory=list)
    appendix_photos: list[PhotoRef] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    heading_style: str = ""
    notes: ImportNotes = field(default_factory=ImportNotes)

    def photos(self) -> list[PhotoRef]:
        out = []
        for chapter in self.chapters:
            for section in chapter.walk():
                out += [i.photo for i in section.items if i.kind == "photo" and i.photo is not None]
        return out + self.appendix_photos
