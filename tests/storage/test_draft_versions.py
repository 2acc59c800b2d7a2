"""The change-detection primitive: every write to a draft counts in its version, and a save made
from an older version is refused instead of overwriting what another writer stored."""

import pytest

from desktop.domain.report import Photo, Report
from desktop.storage import open_repository
from desktop.storage.errors import DraftChanged, DraftInUse


def test_every_write_counts(repo):
    draft_id = repo.create(Report.new("版本"))
    seen = [repo.version_of(draft_id)]
    report = repo.load(draft_id)
    report.title = "改名"
    repo.save(report)
    seen.append(repo.version_of(draft_id))
    repo.rename(draft_id, "再改名")
    seen.append(repo.version_of(draft_id))
    repo.set_status(draft_id, "送審中")
    seen.append(repo.version_of(draft_id))
    report.chapters[0].set_text("打字")
    repo.save_section(draft_id, report.chapters[0])
    seen.append(repo.version_of(draft_id))
    assert seen == sorted(set(seen))
    assert len(seen) == 5


def test_save_from_an_old_version_is_refused_and_overwrites_nothing(repo, data_dir):
    draft_id = repo.create(Report.new("兩個寫入者"))
    window_copy, version = repo.load_with_version(draft_id)
    # Another process (the command line) adds a photo meanwhile.
    other = repo.load(draft_id)
    other.photos.append(Photo(file="ab/abc.jpg"))
    repo.save(other)
    window_copy.title = "視窗改的名稱"
    with pytest.raises(DraftChanged):
        repo.save(window_copy, expected_version=version)
    stored = repo.load(draft_id)
    assert stored.title == "兩個寫入者"
    assert [p.file for p in stored.photos] == ["ab/abc.jpg"]
    fresh, version = repo.load_with_version(draft_id)
    fresh.title = "視窗改的名稱"
    assert repo.save(fresh, expected_version=version) == version + 1


def test_a_draft_claimed_elsewhere_cannot_be_written(repo, data_dir):
    from tests.hostile.conditions import hold_claim

    draft_id = repo.create(Report.new("命令列正在寫"))
    other_id = repo.create(Report.new("沒人寫"))
    holder = hold_claim(data_dir, draft_id, repo.claims.store)  # another process
    try:
        report = repo.load(draft_id)
        report.title = "視窗想改"
        for write in (lambda: repo.save(report), lambda: repo.rename(draft_id, "x"), lambda: repo.delete(draft_id),
                      lambda: repo.set_status(draft_id, "送審中")):
            with pytest.raises(DraftInUse, match="正由命令列.*使用中.*沒有做任何修改；請等它完成後再試一次"):
                write()
        assert repo.load(draft_id).title == "命令列正在寫"
        repo.rename(other_id, "可以改")  # other drafts are free
    finally:
        holder.stdin.close()  # it ends without writing, and its claim with it
        holder.wait(timeout=30)
    repo.save(report)
    assert repo.load(draft_id).title == "視窗想改"


def test_the_holder_itself_may_write(data_dir):
    repo = open_repository(data_dir)
    draft_id = repo.create(Report.new("自己的"))
    assert repo.claims.claim_draft(draft_id)
    repo.rename(draft_id, "自己改")
    assert repo.load(draft_id).title == "自己改"
    repo.claims.release_all()


def test_a_claim_on_a_folder_draft_does_not_hold_the_servers_draft_of_the_same_number(repo, data_dir):
    from desktop.storage.claims import WriterClaims
    from tests.hostile.conditions import hold_claim

    draft_id = repo.create(Report.new("本機的 1 號"))
    holder = hold_claim(data_dir, draft_id)  # a command writing the folder's draft
    try:
        with pytest.raises(DraftInUse):
            WriterClaims(data_dir).check(draft_id)
        server = WriterClaims(data_dir, "db.agency.gov.tw:5432/reports")
        server.check(draft_id)  # the server's draft of that number is another draft: free
        assert server.claim_draft(draft_id)
        server.release_all()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
