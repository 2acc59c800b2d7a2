"""A package given on the command line (a double-click on a .tripreport) opens the draft it is a
version of when that draft is here, and is imported otherwise."""

from desktop.domain.report import Report
from desktop.interchange import package as pkg
from tests.gui.editor_helpers import make_window


def test_a_package_of_a_draft_that_is_here_opens_it_instead_of_importing(qtbot, data_dir, tmp_path):
    window = make_window(qtbot, data_dir)
    repo = window.services.repo
    report = Report.new("大阪參訪")
    draft_id = repo.create(report)
    uid = repo.uid_of(draft_id)
    target = pkg.pack(repo.load(draft_id), window.services.photos, tmp_path / "大阪參訪.tripreport", uid=uid)

    window.open_from_command_line(None, str(target))
    assert window.current_draft_id() == draft_id
    assert [d.title for d in repo.list_drafts()] == ["大阪參訪"]
    assert "已開啟" in window.statusBar().currentMessage()

    window.show_list()
    repo.delete(draft_id)
    window.open_from_command_line(str(target), None)  # --open with a path works the same
    drafts = repo.list_drafts()
    assert [d.title for d in drafts] == ["大阪參訪"]
    assert window.current_draft_id() == drafts[0].id
    assert repo.uid_of(drafts[0].id) == uid  # the package's draft, imported again
    assert "已匯入" in window.statusBar().currentMessage()
