"""A laptop takes a draft out of the agency's server as a package, works offline in its own data
folder, and brings it back: the chapters merged from the state it left in, the mark cleared."""

import pytest

from desktop.domain.report import Report
from desktop.interchange import package as pkg
from desktop.interchange.checkout import check_in, check_out
from desktop.storage.agency import checked_out_by
from desktop.storage.errors import StorageError

on_server = pytest.mark.parametrize("services", ["postgresql"], indirect=True)


def _offline_edit(tmp_path, package, edit):
    """What the laptop does: unpack into its own data folder, edit, pack again."""
    from desktop.services import open_services

    laptop = open_services(tmp_path / "laptop", "local")
    contents = pkg.read_package(package)
    draft_id = pkg.import_new(contents, laptop.repo, laptop.photos)
    contents.cleanup()
    report = laptop.repo.load(draft_id)
    edit(report)
    laptop.repo.save(report)
    back = tmp_path / "back.tripreport"
    pkg.pack(laptop.repo.load(draft_id), laptop.photos, back, uid=laptop.repo.uid_of(draft_id))
    return back


@on_server
def test_checkout_marks_the_draft_and_checkin_merges_both_sides(services, tmp_path):
    from desktop.storage.database import close_database

    repo = services.repo
    report = Report.new("帶出的報告")
    report.chapters[0].set_text("目的：原文")
    report.chapters[1].set_text("過程：原文")
    report.chapters[2].set_text("心得：原文")
    draft_id = repo.create(report)
    package = check_out(repo, services.photos, draft_id, tmp_path / "out.tripreport")
    who, _at = checked_out_by(repo, draft_id)
    assert who == "writer_a"
    with pytest.raises(StorageError, match="已由 writer_a"):
        check_out(repo, services.photos, draft_id, tmp_path / "again.tripreport")

    # Meanwhile, at the office: a co-writer changes 心得 and 過程.
    office = repo.load(draft_id)
    office.chapters[1].set_text("過程：辦公室改的")
    office.chapters[2].set_text("心得：辦公室改的")
    repo.save(office)
    url = services.server  # the laptop's own folder must not replace the server binding below
    close_database()

    def offline(r):
        r.chapters[0].set_text("目的：筆電改的")
        r.chapters[1].set_text("過程：筆電改的")

    back = _offline_edit(tmp_path, package, offline)
    close_database()
    from desktop.services import open_services

    services = open_services(services.data_dir, _signed_in(url))
    merged_id, both = check_in(services.repo, services.photos, back)
    assert merged_id == draft_id
    stored = services.repo.load(draft_id)
    texts = [c.text for c in stored.chapters]
    assert texts[0] == "目的：筆電改的"  # only the laptop changed it
    assert "心得：辦公室改的" in texts  # only the office changed it
    assert both == ["過程"]  # both changed it: both kept, the laptop's marked
    assert "過程：辦公室改的" in texts
    assert "過程：筆電改的" in texts
    assert any(c.heading.endswith("（對方版本）") for c in stored.chapters)
    assert checked_out_by(services.repo, draft_id) is None


def _signed_in(shown_url):
    from tests import pg_server

    # services.server has no password; the test cluster's password is added back
    return shown_url.replace("writer_a@", f"writer_a:{pg_server.PASSWORD}@")
