from desktop.domain.report import Report
from desktop.storage.session import SessionMarker


def test_clean_shutdown_gives_no_notice(repo, data_dir):
    marker = SessionMarker(data_dir)
    assert marker.begin() is None
    marker.note_draft(repo.create(Report.new("x")))
    marker.end()
    assert SessionMarker(data_dir).begin() is None


def test_crash_names_the_recovered_draft_and_time(repo, data_dir):
    draft_id = repo.create(Report.new("東京考察報告"))
    marker = SessionMarker(data_dir)
    marker.begin()
    marker.note_draft(draft_id)
    saved_at = repo.load(draft_id).updated_at
    # no end(): the process died
    recovery = SessionMarker(data_dir).begin()
    assert recovery.draft_id == draft_id
    assert "東京考察報告" in recovery.message()
    assert saved_at.replace("T", " ") in recovery.message()


def test_crash_at_the_list_still_says_so(repo, data_dir):
    marker = SessionMarker(data_dir)
    marker.begin()
    recovery = SessionMarker(data_dir).begin()
    assert recovery is not None
    assert recovery.draft_id is None
    assert "沒有正常結束" in recovery.message()
