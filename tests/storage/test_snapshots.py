import copy

from desktop.domain.blocks import blocks_from_text
from desktop.domain.report import Report, Section
from desktop.storage.snapshots import Snapshots, diff_reports


def test_labelled_snapshot_restore_and_undo(repo):
    report = Report.new("報告")
    report.chapters[0].set_text("第一版目的")
    repo.create(report)
    snaps = Snapshots(repo)
    first = snaps.take(report.id, "送審版")
    report.chapters[0].set_text("改寫後的目的")
    repo.save(report)
    undo = snaps.restore(first)
    assert repo.load(report.id).chapters[0].text == "第一版目的"
    # The restore itself can be undone.
    snaps.restore(undo)
    assert repo.load(report.id).chapters[0].text == "改寫後的目的"
    labels = [s.label for s in snaps.list(report.id)]
    assert labels[-1] == "送審版"
    assert any(label.startswith("還原") for label in labels)


def test_unchanged_draft_is_not_snapshotted_twice_automatically(repo):
    draft_id = repo.create(Report.new("x"))
    snaps = Snapshots(repo)
    assert snaps.take(draft_id, kind="auto") is not None
    assert snaps.take(draft_id, kind="auto") is None
    assert snaps.take(draft_id, "退回修正前") is not None  # a label always counts
    assert len(snaps.list(draft_id)) == 2


def test_snapshot_keeps_photos_and_subsections(repo, example_report):
    draft_id = repo.create(example_report)
    snaps = Snapshots(repo)
    sid = snaps.take(draft_id)
    loaded = snaps.load(sid)
    stored = repo.load(draft_id)
    assert loaded.chapters == stored.chapters
    assert loaded.photos == stored.photos


def test_diff_per_chapter():
    old = Report.new()
    old.chapters[0].set_text("甲\n乙")
    new = Report.new()
    for a, b in zip(old.chapters, new.chapters, strict=True):
        b.id = a.id
    new.chapters[0].set_text("甲\n丙")
    new.chapters.pop(2)
    new.chapters.append(Section(heading="附加章", blocks=blocks_from_text("新內容")))
    changes = {c.heading: c for c in diff_reports(old, new)}
    assert changes["目的"].status == "changed"
    assert "-乙" in changes["目的"].lines
    assert "+丙" in changes["目的"].lines
    assert changes["過程"].status == "same"
    assert changes["心得"].status == "removed"
    assert changes["附加章"].status == "added"
    assert changes["附加章"].lines == ["+新內容"]


def test_deleting_a_draft_removes_its_snapshots(repo):
    draft_id = repo.create(Report.new("x"))
    snaps = Snapshots(repo)
    snaps.take(draft_id, "v1")
    repo.delete(draft_id)
    assert snaps.list(draft_id) == []


def test_a_changed_table_cell_reads_as_which_table_and_row():
    from desktop.domain.blocks import PhotoBlock, paragraph, table_from_texts
    from desktop.domain.report import Photo

    old = Report.new()
    old.photos = [Photo(file="a.jpg", caption="開幕式", placement=old.chapters[1].id)]
    old.chapters[1].blocks = [paragraph("議程如下"),
                              table_from_texts([["時間", "議程"], ["09:00", "開幕"], ["10:00", "演講"]], caption="議程")]
    new = copy.deepcopy(old)
    new.chapters[1].blocks[1].rows[1][1].text = "開幕致詞"
    new.chapters[1].blocks.append(PhotoBlock(old.photos[0].id))
    change = next(c for c in diff_reports(old, new) if c.heading == "過程")
    assert "-表「議程」第 2 列：09:00｜開幕" in change.lines
    assert "+表「議程」第 2 列：09:00｜開幕致詞" in change.lines
    assert "+〔照片〕開幕式" in change.lines
    assert not any("第 3 列" in line and line[0] in "+-" for line in change.lines)  # the unchanged row
