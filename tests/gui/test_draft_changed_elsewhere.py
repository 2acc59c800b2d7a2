"""A draft open in the window is saved by someone else (another process, an older TripReport, a
restore): the window shows the change, and when the user has typed meanwhile both sides' work is
kept — never the window's old state written over the other one."""

from __future__ import annotations

import pytest

from desktop.domain.report import Photo, Report
from desktop.gui import safety_features
from desktop.gui.draft_sync import CONFLICT_LABEL
from desktop.storage import close_database
from desktop.storage.repository import DraftRepository
from desktop.storage.snapshots import Snapshots
from tests.gui.editor_helpers import make_window, show
from tests.gui.typing import type_text


@pytest.fixture
def opened(qtbot, data_dir):
    window = make_window(qtbot, data_dir)
    safety_features.install(window)
    report = Report.new("福岡防災考察")
    report.photos = [Photo(file=f"aa/{i}.jpg", caption=f"原有 {i}") for i in range(3)]
    draft_id = window.services.repo.create(report)
    window.open_draft(draft_id)
    yield window, draft_id
    window.safety.shutdown()
    window.close()
    close_database()


def elsewhere(window) -> DraftRepository:
    """A writer that is not the window and ignores its claim (as a TripReport too old to know it)."""
    return DraftRepository(window.services.repo.db)


def test_a_change_made_elsewhere_is_shown(qtbot, opened):
    window, draft_id = opened
    other = elsewhere(window)
    stored = other.load(draft_id)
    stored.photos += [Photo(file=f"bb/{i}.jpg") for i in range(5)]
    other.save(stored)
    editor = window.editor_page
    qtbot.waitUntil(lambda: "已重新載入" in window.statusBar().currentMessage(), timeout=5000)
    assert len(editor.report.photos) == 8
    assert show(editor, "photos").photo_page.model.rowCount() == 8


def test_typing_meanwhile_keeps_both_sides(qtbot, opened):
    """The issue's case: 5 photos added elsewhere while the title is being typed."""
    window, draft_id = opened
    editor = window.editor_page
    type_text(qtbot, editor.field("title"), "（修訂）")
    other = elsewhere(window)
    stored = other.load(draft_id)
    stored.photos += [Photo(file=f"bb/{i}.jpg") for i in range(5)]
    other.save(stored)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    result = window.services.repo.load(draft_id)
    assert result.title == "福岡防災考察（修訂）"
    assert len(result.photos) == 8  # before: the autosave wrote the window's 3 photos back
    qtbot.waitUntil(lambda: "合併" in window.statusBar().currentMessage(), timeout=5000)
    assert editor.report.title == "福岡防災考察（修訂）"
    assert len(editor.report.photos) == 8
    assert editor.field("title").text() == "福岡防災考察（修訂）"
    assert show(editor, "photos").photo_page.model.rowCount() == 8


def test_both_sides_changing_one_chapter_keeps_mine_on_screen_and_theirs_in_history(qtbot, opened):
    window, draft_id = opened
    editor = window.editor_page
    page = show(editor, "purpose")
    type_text(qtbot, page.chapter_editor.text_edit, "視窗裡打的目的")
    other = elsewhere(window)
    stored = other.load(draft_id)
    stored.chapter("purpose").set_text("命令列寫的目的")
    other.save(stored)
    qtbot.waitUntil(lambda: "版本紀錄" in window.statusBar().currentMessage(), timeout=5000)
    assert window.services.repo.load(draft_id).chapter("purpose").text == "視窗裡打的目的"
    snaps = Snapshots(window.services.repo)
    kept = [s for s in snaps.list(draft_id) if s.label == CONFLICT_LABEL]
    assert len(kept) == 1
    assert snaps.load(kept[0].id).chapter("purpose").text == "命令列寫的目的"


def test_a_command_writing_the_draft_when_the_window_opens_it(qtbot, data_dir, monkeypatch):
    """`tripreport photos import 1` is running when the user opens draft 1 and types: the window
    cannot save while the command holds the draft (said once, the text stays), and once the
    command has saved its photos the window's text is merged in and the window takes the draft."""
    from PySide6.QtWidgets import QMessageBox

    from tests.hostile.conditions import hold_claim

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: warned.append(text)))
    window = make_window(qtbot, data_dir)
    safety_features.install(window)
    draft_id = window.services.repo.create(Report.new("福岡防災考察"))
    command = hold_claim(data_dir, draft_id)
    try:
        window.open_draft(draft_id)
        editor = window.editor_page
        failures = []
        editor.autosaver.failed.connect(failures.append)
        type_text(qtbot, editor.field("title"), "（修訂）")
        qtbot.waitUntil(lambda: bool(failures), timeout=5000)
        assert "正由命令列（tripreport photos import）使用中" in failures[0]
        command.stdin.write("write\n")
        command.stdin.flush()
        assert command.stdout.readline().strip() == "written"
        command.wait(timeout=30)
        qtbot.waitUntil(lambda: not editor.autosaver.pending, timeout=15000)
        stored = window.services.repo.load(draft_id)
        assert stored.title == "福岡防災考察（修訂）"
        assert [p.caption for p in stored.photos] == [f"命令列 {i}" for i in range(5)]
        assert len(failures) == 1
        assert len(warned) == 1  # the window said it once: 無法儲存…內容仍保留在視窗中
        qtbot.waitUntil(lambda: window.safety.claims.holds(f"draft-{draft_id}"), timeout=5000)
    finally:
        if command.poll() is None:
            command.kill()
        window.safety.shutdown()
        window.close()
        close_database()


def test_both_sides_changing_one_chapter_offers_the_chapter_merge(qtbot, opened, monkeypatch):
    """Two writers, one chapter: the window asks whether to merge chapter by chapter, and the
    package's chapter merge keeps both versions when asked to."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.gui import package_dialogs
    from desktop.interchange.merge import KEEP_BOTH, THEIRS_MARK

    asked = []

    def answer_merge(box):  # the user clicks 逐章合併…
        asked.append(box.text())
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda _b: box.buttons()[0])
        box.finished.emit(0)

    chosen = []

    def keep_both(dialog):
        chosen.append([c.heading for c in dialog.found])
        for combo in dialog.combos:
            combo.setCurrentIndex(combo.findData(KEEP_BOTH))
        return package_dialogs.MergeDialog.Accepted

    monkeypatch.setattr(QMessageBox, "open", answer_merge)
    monkeypatch.setattr(package_dialogs.MergeDialog, "exec", keep_both)
    window, draft_id = opened
    editor = window.editor_page
    page = show(editor, "purpose")
    type_text(qtbot, page.chapter_editor.text_edit, "視窗裡打的目的")
    other = elsewhere(window)
    stored = other.load(draft_id)
    stored.chapter("purpose").set_text("命令列寫的目的")
    other.save(stored)
    qtbot.waitUntil(lambda: bool(chosen), timeout=5000)
    assert "「目的」兩邊都改了" in asked[0]
    assert chosen == [["目的"]]
    result = window.services.repo.load(draft_id)
    texts = {c.heading: c.text for c in result.chapters}
    assert texts["目的"] == "視窗裡打的目的"
    assert texts[f"目的{THEIRS_MARK}"] == "命令列寫的目的"
    assert [c.heading for c in editor.report.chapters] == [c.heading for c in result.chapters]
