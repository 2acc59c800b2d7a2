"""The .tripreport package: made on one data folder, opened on another, merged between co-authors."""

import copy
import zipfile

import pytest

from desktop.domain.report import Report
from desktop.interchange.draft_files import import_draft_file
from desktop.interchange.merge import KEEP_BOTH, KEEP_MINE, TAKE_THEIRS, THEIRS_MARK, conflicts, merge
from desktop.interchange.package import (
    existing_draft,
    import_merge,
    import_new,
    import_replace,
    pack,
    read_package,
)
from desktop.services import open_services
from desktop.storage import close_database
from desktop.storage.snapshots import Snapshots
from tests.conftest import EXAMPLE_DRAFT


@pytest.fixture
def two_folders(tmp_path):
    """Open data folder A or B (one at a time, as two computers would)."""
    opened = []

    def use(name):
        close_database()
        svc = open_services(tmp_path / name)
        opened.append(svc)
        return svc

    yield use
    close_database()


def hand_over(a, draft_id, two_folders, tmp_path):
    """Pack the draft on folder A and open the package on folder B: (B, the draft's id there)."""
    first = pack(a.repo.load(draft_id), a.photos, tmp_path / "base.tripreport", uid=a.repo.uid_of(draft_id))
    b = two_folders("B")
    contents = read_package(first)
    b_id = import_new(contents, b.repo, b.photos)
    contents.cleanup()
    return b, b_id


def test_package_moves_a_draft_with_every_photo_and_caption(two_folders, tmp_path):
    a = two_folders("A")
    draft_id = import_draft_file(EXAMPLE_DRAFT, a.repo, a.photos)
    original = a.repo.load(draft_id)
    package = pack(original, a.photos, tmp_path / "出國報告", uid=a.repo.uid_of(draft_id))
    assert package.name == "出國報告.tripreport"
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
    assert {"manifest.json", "draft.json"} <= names
    assert len([n for n in names if n.startswith("photos/")]) == len({p.file for p in original.photos})

    b = two_folders("B")
    contents = read_package(package)
    try:
        assert existing_draft(contents, b.repo) is None
        new_id = import_new(contents, b.repo, b.photos)
    finally:
        contents.cleanup()
    assert not contents.folder.exists()
    copy = b.repo.load(new_id)
    assert copy.chapters == original.chapters
    assert [(p.caption, p.placement) for p in copy.photos] == [(p.caption, p.placement) for p in original.photos]
    for mine, theirs in zip(original.photos, copy.photos, strict=True):
        assert b.photos.path_of(theirs.file).read_bytes() == (tmp_path / "A" / "photos" / mine.file).read_bytes()
    assert b.repo.uid_of(new_id) == contents.uid  # the same draft, so its next package can merge


def test_coauthors_merge_keeps_both_authors_chapters(two_folders, tmp_path):
    a = two_folders("A")
    draft_id = a.repo.create(Report.new("聯合報告"))
    b, b_id = hand_over(a, draft_id, two_folders, tmp_path)
    theirs = b.repo.load(b_id)
    theirs.chapters[2].set_text("乙寫的心得")
    theirs.chapters[1].set_text("乙對過程的看法")
    b.repo.save(theirs)
    back = pack(b.repo.load(b_id), b.photos, tmp_path / "from-b.tripreport", uid=b.repo.uid_of(b_id))

    a = two_folders("A")
    mine = a.repo.load(draft_id)
    mine.chapters[0].set_text("甲寫的目的")
    mine.chapters[1].set_text("甲對過程的看法")
    a.repo.save(mine)
    contents = read_package(back)
    assert existing_draft(contents, a.repo) == draft_id
    found = {c.heading: c for c in conflicts(mine, contents.report)}
    assert set(found) == {"目的", "過程", "心得"}
    assert found["心得"].default == TAKE_THEIRS  # mine is empty there
    assert found["目的"].default == KEEP_MINE
    import_merge(contents, a.repo, a.photos, draft_id, {found["過程"].chapter_id: KEEP_BOTH})
    contents.cleanup()
    merged = a.repo.load(draft_id)
    texts = {c.heading: c.text for c in merged.chapters}
    assert texts["目的"] == "甲寫的目的"
    assert texts["心得"] == "乙寫的心得"
    assert texts["過程"] == "甲對過程的看法"
    assert texts[f"過程{THEIRS_MARK}"] == "乙對過程的看法"
    assert [c.heading for c in merged.chapters][:3] == ["目的", "過程", f"過程{THEIRS_MARK}"]
    # The state before the merge is one click away.
    snap = Snapshots(a.repo).list(draft_id)[0]
    assert snap.kind == "merge"
    assert Snapshots(a.repo).load(snap.id).chapters[2].text == ""


def test_replace_takes_a_snapshot_first(two_folders, tmp_path):
    a = two_folders("A")
    report = Report.new("原稿")
    report.chapters[0].set_text("本機的內容")
    draft_id = a.repo.create(report)
    other = Report.new("對方的稿")
    other.chapters[0].set_text("對方的內容")
    package = pack(other, a.photos, tmp_path / "x.tripreport", uid=a.repo.uid_of(draft_id))
    contents = read_package(package)
    import_replace(contents, a.repo, a.photos, draft_id)
    contents.cleanup()
    assert a.repo.load(draft_id).chapters[0].text == "對方的內容"
    snaps = Snapshots(a.repo)
    assert snaps.load(snaps.list(draft_id)[0].id).chapters[0].text == "本機的內容"


def test_import_as_copy_gets_its_own_identity(two_folders, tmp_path):
    a = two_folders("A")
    draft_id = a.repo.create(Report.new("原稿"))
    package = pack(a.repo.load(draft_id), a.photos, tmp_path / "x.tripreport", uid=a.repo.uid_of(draft_id))
    contents = read_package(package)
    copy_id = import_new(contents, a.repo, a.photos, as_copy=True)
    contents.cleanup()
    assert copy_id != draft_id
    assert a.repo.load(copy_id).title == "原稿（副本）"
    assert a.repo.uid_of(copy_id) != a.repo.uid_of(draft_id)


def test_merge_keep_mine_and_take_theirs_choices():
    mine = Report.new()
    theirs = Report.new()
    for m, t in zip(mine.chapters, theirs.chapters, strict=True):
        t.id = m.id
    mine.chapters[0].set_text("我的")
    theirs.chapters[0].set_text("你的")
    assert merge(mine, theirs, {mine.chapters[0].id: KEEP_MINE}).chapters[0].text == "我的"
    assert merge(mine, theirs, {mine.chapters[0].id: TAKE_THEIRS}).chapters[0].text == "你的"
    assert mine.chapters[0].text == "我的"  # the input is not changed


def test_merge_puts_their_photos_at_their_dates_not_at_the_end():
    """The package merge (window and command line): a photo the co-author took in the middle of the
    trip lands between mine of the days around it, where the export prints it in date order."""
    from desktop.domain.report import Photo

    mine = Report.new("照片")
    day = mine.chapters[1].id
    mine.photos = [Photo(file=f"{n}.jpg", taken_at=f"2026-03-0{n}T09:00:00", placement=day) for n in (1, 5)]
    theirs = copy.deepcopy(mine)
    theirs.photos.insert(1, Photo(file="3.jpg", taken_at="2026-03-03T09:00:00", placement=day))
    theirs.photos.append(Photo(file="undated.jpg", placement=day))
    merged = merge(mine, theirs)
    assert [p.file for p in merged.photos] == ["1.jpg", "3.jpg", "5.jpg", "undated.jpg"]


def test_coauthors_tables_and_a_photo_in_the_text_travel_and_merge_by_chapter(two_folders, tmp_path):
    """甲 writes an agenda table in 過程, 乙 a numbered list and a photo between paragraphs in 心得:
    after the package goes there and back, both chapters come through whole."""
    from desktop.domain.blocks import ListBlock, ListItem, PhotoBlock, Run, paragraph, table_from_texts

    a = two_folders("A")
    draft_id = import_draft_file(EXAMPLE_DRAFT, a.repo, a.photos)
    b, b_id = hand_over(a, draft_id, two_folders, tmp_path)
    theirs = b.repo.load(b_id)
    photo = theirs.photos[0]
    insights = theirs.chapter("insights")
    photo.placement = insights.id
    insights.blocks = [paragraph("乙的心得前段"), PhotoBlock(photo.id), paragraph("乙的心得後段"),
                       ListBlock([ListItem([Run("第一點")]), ListItem([Run("細項")], 1)], ordered=True)]
    b.repo.save(theirs)
    back = pack(b.repo.load(b_id), b.photos, tmp_path / "from-b.tripreport", uid=b.repo.uid_of(b_id))

    a = two_folders("A")
    mine = a.repo.load(draft_id)
    agenda = table_from_texts([["時間", "議程"], ["09:00", "開幕"]], caption="議程", note="資料來源：主辦單位")
    mine.chapter("process").blocks = [paragraph("甲的過程"), agenda]
    a.repo.save(mine)
    contents = read_package(back)
    found = {c.heading: c for c in conflicts(mine, contents.report)}
    assert {"過程", "心得"} <= set(found)
    import_merge(contents, a.repo, a.photos, draft_id, {found["心得"].chapter_id: TAKE_THEIRS,
                                                          found["過程"].chapter_id: KEEP_MINE})
    contents.cleanup()
    merged = a.repo.load(draft_id)
    assert merged.chapter("process").blocks == [paragraph("甲的過程"), agenda]
    assert merged.chapter("insights").blocks == insights.blocks
    moved = next(p for p in merged.photos if p.id == photo.id)
    assert moved.placement == merged.chapter("insights").id
    assert a.photos.has(moved.file)
