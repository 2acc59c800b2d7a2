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
    mine.chapters[0].text = "視窗打的字"
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
    mine.chapters[1].text = "我的版本"
    theirs.chapters[1].text = "他們的版本"
    theirs.title = "他們的標題"
    merged, conflicts = merge_reports(base, mine, theirs)
    assert merged.chapters[1].text == "我的版本"
    assert merged.title == "他們的標題"
    assert conflicts == [f"chapters[{base.chapters[1].id}].text"]


def test_removing_what_the_other_side_changed_keeps_it():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del mine.photos[0]
    theirs.photos[0].caption = "他們改了說明"
    merged, conflicts = merge_reports(base, mine, theirs)
    assert [p.caption for p in merged.photos] == ["他們改了說明", "乙"]
    assert len(conflicts) == 1
