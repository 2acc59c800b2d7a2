"""Every write the window offers, on a database that cannot be written (an immutable file, or a
damaged one the user chose to look at first): each says why in Chinese, in the window's words,
and nothing reaches stderr or the exception hook — no write is silently dropped."""

from __future__ import annotations

import sys
import traceback

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QPushButton

from desktop.domain.kinds import registry
from desktop.domain.report import Report
from desktop.gui import kind_dialogs, safety_features
from desktop.gui.backup_dialog import DAMAGED_READ_ONLY
from desktop.gui.find_replace import FindReplaceDialog
from desktop.gui.history_dialog import HistoryDialog
from desktop.gui.main_window import MainWindow
from desktop.gui.template_dialog import TemplateDialog
from desktop.interchange.draft_files import open_or_import_draft_file, write_draft_file
from desktop.interchange.package import pack
from desktop.services import open_services
from desktop.storage import close_database
from desktop.storage.database import DB_FILENAME, stop_writing
from desktop.storage.snapshots import Snapshots
from tests.conftest import EXAMPLE_DRAFT
from tests.hostile.conditions import digest, make_read_only
from tests.photos.images import oriented_jpeg

REASON = {"file": "只能讀取", "damaged": "已損壞"}


@pytest.fixture(params=["file", "damaged"])
def stored(request, data_dir, tmp_path):
    """The example draft (with a labelled version), a colleague's draft file and package, two
    new photos; then the database made read-only the way `request.param` says."""
    services = open_services(data_dir)
    draft_id, _ = open_or_import_draft_file(EXAMPLE_DRAFT, services.repo, services.photos)
    Snapshots(services.repo).take(draft_id, label="送審版")
    colleague = Report.new("同事的草稿")
    write_draft_file(colleague, services.photos, tmp_path / "同事.json")
    pack(colleague, services.photos, tmp_path / "同事.tripreport", uid="colleague-draft")
    photos = [str(oriented_jpeg(tmp_path / f"新照片{n}.jpg", 1, seed=n)) for n in (1, 2)]
    close_database()
    db = data_dir / DB_FILENAME
    undo = make_read_only(db) if request.param == "file" else (lambda: None)
    if undo is None:
        pytest.skip("cannot make a file read-only here")
    before = digest(db)
    yield request.param, draft_id, photos, tmp_path
    close_database()
    undo()
    assert digest(db) == before  # nothing was written


def test_every_write_says_why_it_cannot_be_done(qtbot, data_dir, stored, monkeypatch, capfd):
    condition, draft_id, photos, folder = stored
    hooked: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: hooked.append("".join(traceback.format_exception(*exc))))
    said: list[tuple[str, str]] = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda _p, title, text, *_a: said.append((title, text))))
    # Every question answered yes, every dialog filled in: only the database may stop a write.
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.Yes))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("新的名稱", True)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda _p, _t, _l, items, *_a, **_k: (items[-1], True)))
    monkeypatch.setattr(TemplateDialog, "exec", lambda _self: QDialog.Accepted)
    monkeypatch.setattr(kind_dialogs, "ask_kind", lambda *_a, **_k: registry().get("taipei"))
    monkeypatch.setattr(kind_dialogs, "confirm_kind_change", lambda *_a, **_k: True)

    window = MainWindow(open_services(data_dir))
    qtbot.addWidget(window)
    if condition == "damaged":  # the user chose to look first (backup_dialog.recover_at_start)
        stop_writing(DAMAGED_READ_ONLY, damaged=True, problem="database disk image is malformed")
    safety_features.install(window)
    window.resize(1366, 768)
    window.show()
    said.clear()  # the notice at start is not what is tested here

    def pick(name: str) -> None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (name, "")))

    def history_restore() -> None:
        dialog = HistoryDialog(window, draft_id)
        qtbot.addWidget(dialog)
        dialog.restore_button.click()

    def find_and_replace() -> None:
        window.replace_action.trigger()
        dialog = window.findChild(FindReplaceDialog, "find-replace")
        dialog.find_edit.setText("水")
        dialog.replace_edit.setText("氵")
        dialog.replace_all_button.click()

    def add_photos() -> None:
        page = window.editor_page.page("photos").photo_page
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: (photos, "")))
        page.add_action.trigger()
        page.wait_for_import()

    def change_kind() -> None:
        basic = window.editor_page.page("basic")
        next(b for b in basic.findChildren(QPushButton) if b.text().startswith("變更種類")).click()

    on_the_list = [
        ("新增草稿", window.new_action.trigger),
        ("重新命名", window.list_page.rename_button.click),
        ("變更狀態", window.list_page.status_button.click),
        ("刪除", window.list_page.delete_button.click),
        ("開啟草稿檔", lambda: (pick(str(folder / "同事.json")), window.import_action.trigger())),
        ("匯入草稿包", lambda: (pick(str(folder / "同事.tripreport")), window.safety.unpack_action.trigger())),
        ("以此草稿為範本新增", window.template_action.trigger),
    ]
    in_the_editor = [
        ("複製草稿", window.copy_action.trigger),
        ("保存目前版本", window.safety.snapshot_action.trigger),
        ("還原版本", history_restore),
        ("變更種類", change_kind),
        ("尋找與取代", find_and_replace),
        ("加入照片", add_photos),
    ]
    unheard = []

    def attempt(what: str, act) -> None:
        said.clear()
        act()
        qtbot.wait(20)
        texts = [text for _title, text in said]
        if not any(REASON[condition] in text for text in texts):
            unheard.append((what, texts))
        for text in texts:
            assert "--data-dir" not in text, (what, text)  # the command line's way out, not the window's
            assert "tripreport " not in text, (what, text)

    for what, act in on_the_list:
        attempt(what, act)
    window.list_page.select_id(draft_id)
    window.open_draft(draft_id)
    for what, act in in_the_editor:
        attempt(what, act)
    assert hooked == []
    assert unheard == []
    assert "Traceback" not in capfd.readouterr().err
    assert [d.title for d in window.services.repo.list_drafts()] == ["出席「2025亞太城市韌性論壇」暨參訪日本福岡市防災設施"]
    window.safety.shutdown()


def test_packing_keeps_what_the_window_shows(qtbot, data_dir, stored, monkeypatch):
    # The read-only message advises packing the drafts: typed text that could not be stored goes too.
    from desktop.gui import package_dialogs
    from desktop.interchange.package import read_package
    from tests.gui.typing import type_text

    condition, draft_id, _photos, folder = stored
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: said.append(text)))
    window = MainWindow(open_services(data_dir))
    qtbot.addWidget(window)
    if condition == "damaged":
        stop_writing(DAMAGED_READ_ONLY, damaged=True, problem="database disk image is malformed")
    window.show()
    window.open_draft(draft_id)
    try:
        type_text(qtbot, window.editor_page.field("title"), "（未能儲存）")
        target = folder / "帶走.tripreport"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), "")))
        assert package_dialogs.pack_with_dialog(window) == target
        contents = read_package(target)
        try:
            assert contents.report.title.endswith("（未能儲存）")
            assert len(contents.report.photos) == len(window.editor_page.report.photos) > 0
        finally:
            contents.cleanup()
        assert any(REASON[condition] in text for text in said)  # the failed save was said, once
        assert "尚未能儲存" in window.statusBar().currentMessage()
    finally:
        window.editor_page.autosaver.discard()  # closing would ask what to do with the unsaved text
