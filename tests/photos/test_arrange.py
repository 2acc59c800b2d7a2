"""Sorting, assigning by date, and the size budget."""

from __future__ import annotations

from datetime import date

from desktop.domain.report import APPENDIX, ItineraryDay, Photo, Report, Section
from desktop.photos.arrange import assign_by_date, placement_choices, sort_by_taken
from desktop.photos.importer import import_files
from desktop.photos.print_size import estimate_docx_bytes, print_version
from desktop.photos.store import PhotoStore
from tests.photos.images import card


def trip() -> Report:
    report = Report.new("東京考察")
    report.start_date, report.end_date = date(2025, 3, 2), date(2025, 3, 4)
    report.itinerary = [ItineraryDay(date(2025, 3, d)) for d in (2, 3, 4)]
    process = report.chapter("process")
    process.sections = [Section("3月2日 抵達東京"), Section("第二天 參訪消防廳"), Section("綜合座談")]
    return report


def test_assign_by_date_puts_photos_on_their_day():
    report = trip()
    process = report.chapter("process")
    hand_placed = Photo(taken_at="2025-03-02T10:00:00", placement=report.chapter("purpose").id)
    report.photos = [
        Photo(taken_at="2025-03-02T09:00:00"),  # 3月2日 → first sub-section
        Photo(taken_at="2025-03-03T15:30:00"),  # day 2 → 第二天
        Photo(taken_at="2025-03-04T08:00:00"),  # a day with no sub-section → the 過程 chapter
        Photo(taken_at="2025-02-20T08:00:00"),  # before the trip → stays in the appendix
        Photo(),  # no date → stays
        hand_placed,
    ]
    assert assign_by_date(report) == (3, 2)
    assert [p.placement for p in report.photos] == [
        process.sections[0].id, process.sections[1].id, process.id, APPENDIX, APPENDIX,
        report.chapter("purpose").id,
    ]


def test_sort_by_time_taken_keeps_undated_last():
    photos = [Photo(caption="b", taken_at="2025-03-03T08:00:00"), Photo(caption="x"),
              Photo(caption="a", taken_at="2025-03-02T08:00:00")]
    assert [p.caption for p in sort_by_taken(photos)] == ["a", "b", "x"]


def test_placement_choices_name_chapters_with_their_numbers():
    labels = [label for _, label in placement_choices(trip())]
    assert labels[0].startswith("附錄")
    assert "貳、過程" in labels
    assert "　一、3月2日 抵達東京" in labels


def test_second_print_copy_does_no_image_work_and_budget_uses_it(tmp_path, monkeypatch):
    store = PhotoStore(tmp_path / "data")
    src = tmp_path / "big.jpg"
    card((3000, 2000), seed=5).save(src, quality=95)
    result = next(import_files([src], store))
    photo = Photo(file=result.key, width=result.width, height=result.height)
    before = estimate_docx_bytes(store, [photo])
    first = print_version(store, photo.file)
    import PIL.Image

    def no_decoding(*_a, **_k):
        raise AssertionError("the second export opened an image")

    monkeypatch.setattr(PIL.Image, "open", no_decoding)
    assert print_version(store, photo.file) == first
    after = estimate_docx_bytes(store, [photo])
    assert after == first.stat().st_size + estimate_docx_bytes(store, [])
    assert before > estimate_docx_bytes(store, [])


def test_turning_four_times_gives_back_the_original(tmp_path):
    from desktop.photos.edit import turn_photo
    from tests.photos.images import QUADRANTS

    store = PhotoStore(tmp_path / "data")
    src = tmp_path / "card.jpg"
    card(seed=9).save(src, quality=95)
    key = next(import_files([src], store)).key
    right, w, h = turn_photo(store, key, 90)
    assert (w, h) == (60, 80)
    import PIL.Image

    with PIL.Image.open(store.path_of(right)) as im:  # turned clockwise: top-left is now top-right
        rgb = im.convert("RGB")
        for xy, corner in (((45, 20), "top_left"), ((15, 20), "bottom_left"), ((15, 60), "bottom_right")):
            assert all(abs(a - b) < 40 for a, b in zip(rgb.getpixel(xy), QUADRANTS[corner], strict=True))
    key_back = key
    for _ in range(4):
        key_back = turn_photo(store, key_back, -90)[0]
    assert key_back == key


def test_print_size_follows_the_slot_width():
    from desktop.photos.print_size import long_edge_for_slot

    assert long_edge_for_slot(160) == 1600  # the full text width
    assert long_edge_for_slot(75) == 1200  # two side by side
    assert 1200 < long_edge_for_slot(140) < 1600
