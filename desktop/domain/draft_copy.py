"""New drafts made from an earlier one: 以此草稿為範本新增 (a new trip like last year's) and 複製草稿.

Both return a new, unsaved Report; the caller stores it. Every part of a report is named once in
FROM_TEMPLATE or TRIP_DETAILS below, so a part added to the report later has to be placed in one of
them (a test checks it): a template never carries a part nobody decided about.
"""

from __future__ import annotations

import copy
import dataclasses

from desktop.domain.blocks import PhotoBlock
from desktop.domain.report import Report, Section, new_id

# Parts a template keeps: who writes, for which agency and rules, and how the report is built.
FROM_TEMPLATE = frozenset({
    "kind", "categories", "other_kind", "agency", "unit", "host_agency", "travellers", "traveller_line",
    "mainland", "heading_style", "topic", "keywords", "contact_name", "contact_phone",
    "chapters",  # their structure and headings; their texts only when asked
})
# Parts of one trip: a template starts without them. TEXTS and PHOTOS are kept when asked.
TEXTS = frozenset({"summary", "recommendations", "attachments", "itinerary"})
PHOTOS = frozenset({"photos"})
TRIP_DETAILS = frozenset({
    "id", "title", "countries", "cities", "visited_agencies", "start_date", "end_date", "report_date",
    "system_id", "status", "pending_inputs", "status_history", "created_at", "updated_at",
}) | TEXTS | PHOTOS


def draft_from_template(report: Report, title: str = "", *, keep_texts: bool = False,
                        keep_photos: bool = False) -> Report:
    """A new draft shaped like `report`: the same report kind (its rules), agency, unit, travellers and
    chapters with their headings; no dates, no report number, status 草稿. Chapter texts, the
    summary, recommendations, attachments and the itinerary (without its dates) come along only
    with `keep_texts`; photos (and their captions) only with `keep_photos`."""
    source = copy.deepcopy(report)
    fresh = Report(title=title)
    for name in FROM_TEMPLATE:
        setattr(fresh, name, getattr(source, name))
    fresh.chapters = [_renewed(chapter, keep_texts) for chapter in source.chapters]
    if keep_texts:
        fresh.summary = source.summary
        fresh.recommendations = source.recommendations
        for recommendation in fresh.recommendations:
            recommendation.id = new_id()
            recommendation.follow_ups = []  # how it was followed up is the old trip's
        fresh.attachments = source.attachments
        fresh.itinerary = source.itinerary
        for day in fresh.itinerary:
            day.date = None
    if keep_photos:
        fresh.photos = _photos_for(source, fresh, source.photos)
    _photo_blocks_follow(fresh, source.photos)
    return fresh


def duplicate_draft(report: Report, title: str | None = None) -> Report:
    """A copy of the whole draft — texts, photos, dates — as a new draft in status 草稿 (its history
    starts anew); `title` defaults to the old one with （副本）."""
    source = copy.deepcopy(report)
    fresh = copy.deepcopy(source)
    fresh.id = None
    fresh.title = title if title is not None else f"{source.title or '（未命名）'}（副本）"
    fresh.status = Report().status
    fresh.status_history = []
    fresh.created_at = fresh.updated_at = ""
    fresh.chapters = [_renewed(chapter, True) for chapter in source.chapters]
    for recommendation in fresh.recommendations:
        recommendation.id = new_id()
    fresh.photos = _photos_for(source, fresh, source.photos)
    _photo_blocks_follow(fresh, source.photos)
    return fresh


def _renewed(section: Section, keep_text: bool) -> Section:
    """The section and its sub-sections with new ids: ids are unique in the database."""
    return Section(heading=section.heading, blocks=copy.deepcopy(section.blocks) if keep_text else [],
                   key=section.key, sections=[_renewed(child, keep_text) for child in section.sections])


def _photo_blocks_follow(fresh: Report, old_photos: list) -> None:
    """Photos placed in the text name the copies' new ids; where the photos were not copied, their
    places in the text go too."""
    renamed = {old.id: new.id for old, new in zip(old_photos, fresh.photos, strict=False)} if fresh.photos else {}
    for _level, section in fresh.all_sections():
        section.blocks = [PhotoBlock(renamed[b.photo_id]) if isinstance(b, PhotoBlock) else b
                          for b in section.blocks if not isinstance(b, PhotoBlock) or b.photo_id in renamed]


def _photos_for(source: Report, fresh: Report, photos: list) -> list:
    """The photos with new ids, each placed in the copy of the section it was placed in (the copy
    has the same sections in the same order)."""
    new_ids = {old.id: new.id for (_, old), (_, new)
               in zip(source.all_sections(), fresh.all_sections(), strict=True)}
    return [dataclasses.replace(photo, id=new_id(), placement=new_ids.get(photo.placement, photo.placement))
            for photo in photos]
