"""Merging a co-author's version of a draft into mine, chapter by chapter.

Chapters are matched by their id (it travels with the draft JSON and the package). For each
chapter that differs the user picks: keep mine, take theirs, or keep both (theirs is added right
after mine, marked 對方版本). A chapter only they have is offered as "take theirs" by default;
when one side is empty the other side's text is the default, so two people who each wrote their
own chapters of one report get both with no clicks. Photos and recommendations they added are
added (photos at their date, as importing them would place them); everything else (cover fields)
stays mine.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from desktop.domain.blocks import has_content
from desktop.domain.report import Report, Section, new_id

KEEP_MINE, TAKE_THEIRS, KEEP_BOTH = "mine", "theirs", "both"
CHOICE_LABELS = {KEEP_MINE: "保留我的", TAKE_THEIRS: "採用對方的", KEEP_BOTH: "兩者都保留"}
THEIRS_MARK = "（對方版本）"


@dataclass
class ChapterConflict:
    chapter_id: str
    heading: str
    mine: Section | None  # None: only they have this chapter
    theirs: Section | None  # None: only I have it (never a conflict: mine is kept)
    default: str

    @property
    def summary(self) -> str:
        def size(s: Section | None) -> str:
            return "沒有此章" if s is None else f"{sum(len(x.text) for _, x in s.walk())} 字"

        return f"我的：{size(self.mine)}；對方：{size(self.theirs)}"


def _is_blank(section: Section) -> bool:
    return not any(has_content(s.blocks) for _, s in section.walk())


def _same(a: Section, b: Section) -> bool:
    return [(lvl, s.id, s.heading, s.blocks) for lvl, s in a.walk()] == [(lvl, s.id, s.heading, s.blocks)
                                                                          for lvl, s in b.walk()]


def conflicts(mine: Report, theirs: Report) -> list[ChapterConflict]:
    """The chapters that differ, in their reading order (mine first, then ones only they have)."""
    their_by_id = {c.id: c for c in theirs.chapters}
    out = []
    for chapter in mine.chapters:
        other = their_by_id.get(chapter.id)
        if other is None or _same(chapter, other):
            continue
        if _is_blank(chapter) and not _is_blank(other):
            default = TAKE_THEIRS
        else:
            default = KEEP_MINE
        out.append(ChapterConflict(chapter.id, chapter.heading, chapter, other, default))
    mine_ids = {c.id for c in mine.chapters}
    for chapter in theirs.chapters:
        if chapter.id not in mine_ids:
            out.append(ChapterConflict(chapter.id, chapter.heading, None, chapter, TAKE_THEIRS))
    return out


def _renumbered(section: Section, mark: str = "") -> tuple[Section, dict[str, str]]:
    """A copy with new ids (so both versions can live in one draft); returns old id -> new id."""
    clone = copy.deepcopy(section)
    mapping = {}
    for _, s in clone.walk():
        mapping[s.id] = new = new_id()
        s.id = new
    clone.heading = f"{clone.heading}{mark}"
    return clone, mapping


def merge(mine: Report, theirs: Report, choices: dict[str, str] | None = None) -> Report:
    """The merged report (a new object; `mine` is not changed). `choices` maps chapter id to
    KEEP_MINE / TAKE_THEIRS / KEEP_BOTH; chapters not named get their conflict's default."""
    from desktop.photos.arrange import date_position

    choices = dict(choices or {})
    result = copy.deepcopy(mine)
    found = {c.chapter_id: c for c in conflicts(mine, theirs)}
    pick = {cid: choices.get(cid, c.default) for cid, c in found.items()}
    their_by_id = {c.id: c for c in theirs.chapters}
    photo_ids: dict[str, str] = {}  # their section ids that now live under a new id
    taken: set[str] = set()  # section ids of the chapters taken from them
    chapters: list[Section] = []
    for chapter in result.chapters:
        choice = pick.get(chapter.id)
        other = their_by_id.get(chapter.id)
        if choice is None or other is None or choice == KEEP_MINE:
            chapters.append(chapter)
        elif choice == TAKE_THEIRS:
            chapters.append(copy.deepcopy(other))
            taken.update(s.id for _, s in other.walk())
        else:  # both
            chapters.append(chapter)
            clone, mapping = _renumbered(other, THEIRS_MARK)
            photo_ids.update(mapping)
            chapters.append(clone)
    # Chapters only they have, placed after the chapter that precedes them in their draft.
    for index, chapter in enumerate(theirs.chapters):
        if chapter.id in {c.id for c in mine.chapters} or pick.get(chapter.id, TAKE_THEIRS) == KEEP_MINE:
            continue
        before = theirs.chapters[index - 1].id if index else None
        at = next((i + 1 for i, c in enumerate(chapters) if c.id == before), len(chapters) if before else 0)
        chapters.insert(at, copy.deepcopy(chapter))
    result.chapters = chapters

    present = {s.id for _, s in result.all_sections()}
    their_photos = {p.id: p for p in theirs.photos}
    for photo in result.photos:  # a photo they placed in a chapter taken from them goes with it
        other_photo = their_photos.get(photo.id)
        if other_photo is not None and other_photo.placement in taken:
            photo.placement = other_photo.placement
    my_photo_ids = {p.id for p in result.photos}
    for photo in theirs.photos:
        if photo.id in my_photo_ids:
            continue
        added = copy.deepcopy(photo)
        if added.placement in photo_ids:  # their photo goes with their copy of the chapter
            added.placement = photo_ids[added.placement]
        elif added.placement != "appendix" and added.placement not in present:
            added.placement = "appendix"
        result.photos.insert(date_position(result.photos, added), added)
    my_recs = {r.id for r in result.recommendations}
    result.recommendations += [copy.deepcopy(r) for r in theirs.recommendations if r.id not in my_recs]
    return result
