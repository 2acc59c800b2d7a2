"""以此草稿為範本新增 and 複製草稿, without Qt: what a new trip like last year's starts with."""

from __future__ import annotations

import dataclasses

from desktop.domain.draft_copy import FROM_TEMPLATE, TRIP_DETAILS, draft_from_template, duplicate_draft
from desktop.domain.report import Report


def _section_ids(report):
    return [s.id for _, s in report.all_sections()]


def test_every_part_of_a_report_is_either_kept_by_a_template_or_a_detail_of_one_trip():
    names = {f.name for f in dataclasses.fields(Report)}
    assert names == FROM_TEMPLATE | TRIP_DETAILS, "decide for each new part whether a template keeps it"
    assert not FROM_TEMPLATE & TRIP_DETAILS


def test_a_template_keeps_who_and_how_and_clears_the_trip(example_report):
    old = example_report
    assert old.start_date
    assert old.summary
    assert old.photos
    assert old.system_id
    old.kind = "taipei"  # a Taipei report stays one: its rules and template come with the kind
    old.traveller_line = "王大明副局長等3人"

    new = draft_from_template(old, "114年同一論壇")

    assert new.title == "114年同一論壇"
    assert (new.agency, new.unit, new.kind, new.categories) == (old.agency, old.unit, old.kind, old.categories)
    assert [(t.name, t.title) for t in new.travellers] == [(t.name, t.title) for t in old.travellers]
    assert (new.kind, new.traveller_line) == ("taipei", "王大明副局長等3人")
    assert [(lvl, s.heading, s.key) for lvl, s in new.all_sections()] == \
        [(lvl, s.heading, s.key) for lvl, s in old.all_sections()]
    assert all(s.text == "" for _, s in new.all_sections())
    assert (new.start_date, new.end_date, new.report_date) == (None, None, None)
    assert new.system_id == ""
    assert new.summary == ""
    assert new.itinerary == []
    assert new.recommendations == []
    assert new.photos == []
    assert new.id is None
    assert new.status == "草稿"
    assert new.status_history == []
    assert not set(_section_ids(new)) & set(_section_ids(old))  # ids are unique in the database


def test_a_template_with_texts_and_photos_keeps_them_in_place_and_still_clears_the_dates(example_report):
    old = example_report
    new = draft_from_template(old, "新", keep_texts=True, keep_photos=True)

    assert [s.text for _, s in new.all_sections()] == [s.text for _, s in old.all_sections()]
    assert new.summary == old.summary
    assert [r.title for r in new.recommendations] == [r.title for r in old.recommendations]
    assert all(day.date is None for day in new.itinerary)
    assert len(new.itinerary) == len(old.itinerary)
    assert [p.caption for p in new.photos] == [p.caption for p in old.photos]
    # a photo placed in a chapter sits in the copy of that chapter
    old_place = {s.id: s.heading for _, s in old.all_sections()}
    new_place = {s.id: s.heading for _, s in new.all_sections()}
    assert [new_place.get(p.placement, p.placement) for p in new.photos] == \
        [old_place.get(p.placement, p.placement) for p in old.photos]
    assert new.start_date is None


def test_the_template_leaves_the_earlier_draft_untouched(example_report):
    before = dataclasses.asdict(example_report)
    draft_from_template(example_report, "x", keep_texts=True, keep_photos=True)
    duplicate_draft(example_report)
    assert dataclasses.asdict(example_report) == before


def test_a_copy_keeps_everything_but_is_a_new_draft(example_report):
    old = example_report
    old.status = "已核定"
    new = duplicate_draft(old)
    assert new.title == f"{old.title}（副本）"
    assert new.status == "草稿"
    assert new.id is None
    assert (new.start_date, new.summary, len(new.photos)) == (old.start_date, old.summary, len(old.photos))
    assert [s.text for _, s in new.all_sections()] == [s.text for _, s in old.all_sections()]
    assert not set(_section_ids(new)) & set(_section_ids(old))


def test_a_template_is_stored_and_read_back_as_a_draft(repo, example_report):
    first = repo.create(example_report)
    second = repo.create(draft_from_template(repo.load(first), "明年", keep_texts=True))
    loaded = repo.load(second)
    assert loaded.title == "明年"
    assert loaded.start_date is None
    assert [s.heading for s in loaded.chapters] == [s.heading for s in example_report.chapters]


def test_a_copy_keeps_tables_lists_and_photos_in_the_text_pointing_at_its_own_photos(example_report):
    from desktop.domain.blocks import PhotoBlock, Table

    old = example_report
    day2 = next(s for _, s in old.all_sections() if any(isinstance(b, PhotoBlock) for b in s.blocks))
    copy = duplicate_draft(old)
    copied = {s.heading: s for _, s in copy.all_sections()}[day2.heading]
    (block,) = [b for b in copied.blocks if isinstance(b, PhotoBlock)]
    photo = next(p for p in copy.photos if p.id == block.photo_id)  # the copy's photo, not the old one
    assert photo.placement == copied.id
    assert block.photo_id not in {p.id for p in old.photos}
    assert any(isinstance(b, Table) for _, s in copy.all_sections() for b in s.blocks)

    texts_only = draft_from_template(old, keep_texts=True)  # no photos: no photo places in the text
    assert not [b for _, s in texts_only.all_sections() for b in s.blocks if isinstance(b, PhotoBlock)]
    assert any(isinstance(b, Table) for _, s in texts_only.all_sections() for b in s.blocks)
