"""When two writers changed the same chapter: the window keeps this writer's text on screen (the
other version is in 版本紀錄) and offers the chapter merge that packages use (interchange/merge.py):
for each such chapter keep mine, take theirs, or keep both. Asked without blocking the typing: a
window-modal question that waits for the user, then the choice is laid over what is on screen and
saved by the editor's own autosave.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desktop.interchange.merge import conflicts, merge


def offer_chapter_merge(editor, offer) -> None:
    """`offer` is draft_sync.ChapterMergeOffer; `editor` the EditorPage showing that draft."""
    from desktop.storage.errors import StorageError
    from desktop.storage.snapshots import Snapshots

    if editor.report is None or editor.report.id != offer.draft_id:
        return
    try:
        theirs = Snapshots(editor.repo).load(offer.theirs_snapshot)
    except StorageError:
        return  # the version stays in 版本紀錄 for later
    me = editor.repo.user
    chapters = "、".join(f"「{c.heading}」{_by(offer.editors.get(c.id, []), me)}" for c in editor.report.chapters
                        if c.id in offer.chapter_ids)
    box = QMessageBox(QMessageBox.Question, "兩邊都改了同一章",
                      f"這份草稿剛{offer.where}被修改，{chapters}兩邊都改了。"
                      "畫面上是你的內容，另一邊的版本已存在版本紀錄。\n\n要逐章決定保留哪一邊（或兩者都保留）嗎？",
                      parent=editor)
    merge_button = box.addButton("逐章合併…", QMessageBox.AcceptRole)
    box.addButton("保留我的", QMessageBox.RejectRole)
    box.finished.connect(lambda _result: _answered(editor, offer, theirs, box.clickedButton() is merge_button))
    box.open()


def _by(editors: list[str], me: str) -> str:
    others = [e for e in editors if e != me]
    return f"（{'、'.join(others)} 改的）" if others else ""


def _answered(editor, offer, theirs, wants_merge: bool) -> None:
    if not wants_merge or editor.report is None or editor.report.id != offer.draft_id:
        return
    from desktop.gui.package_dialogs import MergeDialog

    found = [c for c in conflicts(editor.report, theirs) if c.chapter_id in offer.chapter_ids]
    if not found:
        return
    dialog = MergeDialog(editor, found)
    if dialog.exec() != MergeDialog.Accepted:
        return
    editor.commit_all()  # what was typed since is part of "mine"
    merged = merge(editor.report, theirs, dialog.choices())
    editor.show_changed_elsewhere(merged, "已逐章合併，並已儲存。")
    editor.autosaver.schedule()
    editor.autosaver.flush()
