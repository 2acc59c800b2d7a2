"""Exporting a draft and importing the .docx back gives the same draft (ids aside): the example
draft and a full draft of every shipped kind, and a 赴大陸地區 one."""

import pytest

from desktop.domain.kinds import registry
from desktop.interchange.word_import.importer import import_report
from desktop.photos.store import PhotoStore
from tests.interchange.word_import.round_trip import NOT_PRINTED, comparable, exported, full_draft, without


def round_trip(report, tmp_path):
    out = exported(report, tmp_path)
    return import_report(out, PhotoStore(tmp_path / "data"))


@pytest.mark.parametrize("kind_id", sorted(registry().kinds))
def test_every_kind_comes_back_as_it_was_exported(kind_id, tmp_path):
    draft = without(full_draft(kind_id), NOT_PRINTED[kind_id])
    result = round_trip(draft, tmp_path)
    assert result.report.kind == kind_id
    assert comparable(result.report, kind_id) == comparable(draft, kind_id)


def test_the_example_draft_comes_back(example_report, tmp_path):
    result = round_trip(example_report, tmp_path)
    assert comparable(result.report) == comparable(example_report)
    assert len(result.report.photos) == 3
    assert all((tmp_path / "data" / "photos" / p.file).is_file() for p in result.report.photos)


@pytest.mark.parametrize("kind_id", ["central", "taipei"])
def test_a_mainland_trip_comes_back_as_one(kind_id, tmp_path):
    draft = without(full_draft(kind_id), NOT_PRINTED[kind_id])
    draft.mainland = True
    draft.countries, draft.cities = ["中國大陸"], ["上海市"]
    result = round_trip(draft, tmp_path)
    assert result.report.mainland is True
    assert comparable(result.report) == comparable(draft)


def test_a_hand_written_cover_line_and_chapter_style_come_back(tmp_path):
    draft = without(full_draft("taipei"), NOT_PRINTED["taipei"])
    draft.traveller_line = "柯文哲市長等68人"
    draft.heading_style = "章"
    result = round_trip(draft, tmp_path)
    assert result.report.traveller_line == "柯文哲市長等68人"
    assert result.report.heading_style == "章"
    assert comparable(result.report) == comparable(draft)
