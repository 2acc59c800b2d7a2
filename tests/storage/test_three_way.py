"""Merging the window's edits with what another writer stored, from the same starting point."""

import copy

from desktop.domain.report import Photo, Report, Section
from desktop.storage.three_way import merge_reports


def _base() -> Report:
    report = Report.new("基準")
    report.id = 7
    report.photos = [Photo(file="a.jpg", caption="甲"), Photo(file="b.jpg", caption="乙")]
    return report


def test_each_side_keeps_what_it_changed():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.title = "視窗改的標題"
    mine.chapters[0].set_text("視窗打的字")
    theirs.photos.append(Photo(file="c.jpg"))  # the command line imported a photo
    theirs.status = "送審中"
    merged, conflicts = merge_reports(base, mine, theirs)
    assert conflicts == []
    assert merged.title == "視窗改的標題"
    assert merged.chapters[0].text == "視窗打的字"
    assert [p.file for p in merged.photos] == ["a.jpg", "b.jpg", "c.jpg"]
    assert merged.status == "送審中"
    assert merged.id == 7


def test_items_merge_by_id_with_removals_and_order():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.photos[0].caption = "甲（改）"
    mine.photos.append(Photo(file="m.jpg"))
    del theirs.photos[1]  # they removed 乙, which I did not touch
    theirs.photos.insert(0, Photo(file="t.jpg"))
    theirs.chapters.insert(1, Section(heading="他們加的章"))
    merged, conflicts = merge_reports(base, mine, theirs)
    assert conflicts == []
    assert [p.file for p in merged.photos] == ["t.jpg", "a.jpg", "m.jpg"]
    assert merged.photos[1].caption == "甲（改）"
    assert [c.heading for c in merged.chapters][:2] == [base.chapters[0].heading, "他們加的章"]


def test_both_changed_the_same_text_keeps_mine_and_says_where():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.chapters[1].set_text("我的版本")
    theirs.chapters[1].set_text("他們的版本")
    theirs.title = "他們的標題"
    merged, conflicts = merge_reports(base, mine, theirs)
    assert merged.chapters[1].text == "我的版本"
    assert merged.title == "他們的標題"
    assert conflicts == [f"chapters[{base.chapters[1].id}].blocks"]


def test_removing_what_the_other_side_changed_keeps_it():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del mine.photos[0]
    theirs.photos[0].caption = "他們改了說明"
    merged, conflicts = merge_reports(base, mine, theirs)
    assert [p.caption for p in merged.photos] == ["他們改了說明", "乙"]
    assert len(conflicts) == 1


def _dated(name: str, day: int, placement: str = "appendix") -> Photo:
    return Photo(file=f"{name}.jpg", caption=name, taken_at=f"2026-03-{day:02d}T10:00:00", placement=placement)


def _imported(photos: list[Photo], added: list[Photo]) -> list[str]:
    """The order the photo import gives (window and command line): each photo at its date."""
    from desktop.photos.arrange import date_position

    out = list(photos)
    for photo in added:
        out.insert(date_position(out, photo), photo)
    return [p.file for p in out]


def test_photos_added_on_both_sides_come_out_in_date_order_as_an_import_would():
    """Each side imported photos of one day into the same section: the merged section prints them
    in the order they were taken, as importing all of them into one draft would have."""
    base = Report.new("照片合併")
    base.id = 7
    day = base.chapters[1].id
    base.photos = [_dated("d1", 1, day), _dated("d5", 5, day)]
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine_new, their_new = [_dated("m3", 3, day), _dated("m9", 9, day)], [_dated("t2", 2, day), _dated("t7", 7, day)]
    mine.photos = [*mine.photos[:1], mine_new[0], *mine.photos[1:], mine_new[1]]  # as the import put them
    theirs.photos = [*theirs.photos[:1], their_new[0], *theirs.photos[1:], their_new[1]]
    for left, right in ((mine, theirs), (theirs, mine)):  # whichever side saves second
        merged, conflicts = merge_reports(base, left, right)
        assert conflicts == []
        expected = _imported(base.photos, [*mine_new, *their_new])
        assert [p.file for p in merged.photos] == expected == ["d1.jpg", "t2.jpg", "m3.jpg", "d5.jpg", "t7.jpg",
                                                               "m9.jpg"]
