"""The editor's draft and the stored one, kept in step when something else writes the draft.

The command line refuses to write a draft a window is editing, but other paths remain (a draft
written just before the window claimed it, a window of an older version, a restore from the list).
So every save of the editor names the version it started from; when the stored draft moved on,
the save is refused by the repository and this module merges instead: what the user changed since
the last save is laid over what the other writer stored (storage/three_way.py). Where both changed
the same thing, the user's text stays on screen and the other version is kept as a snapshot, so
nothing is lost on either side. While nothing is pending, a change made elsewhere is simply shown:
the stored version is polled (one indexed read) and checked again when the window comes back to
the front.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from desktop.domain.report import Report
from desktop.storage.co_writing import CONFLICT_LABEL
from desktop.storage.errors import DraftChanged, StorageError

POLL_MS = 1500


class DraftSync(QObject):
    """`load` and `save` for the editor, whose autosaver it is given; `changedElsewhere(report,
    message)` asks the editor to show a report that now differs from the one it holds (already
    saved, nothing of the user's lost)."""

    changedElsewhere = Signal(object, str)
    # (ChapterMergeOffer) chapters both sides changed: the editor may offer the chapter merge
    mergeOffered = Signal(object)

    def __init__(self, repo, autosaver, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.autosaver = autosaver
        self.draft_id: int | None = None
        self.version: int | None = None
        self._base: Report | None = None  # the draft as stored by our last load or save
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if app is not None:  # back from the terminal: look at once (a method, so Qt disconnects it with us)
            app.applicationStateChanged.connect(self._on_application_state)

    # ---- the editor's load and save ----------------------------------------------------------
    def load(self, draft_id: int) -> Report:
        report, version = self.repo.load_with_version(draft_id)
        self._remember(report, version)
        self._timer.start()
        return report

    def save(self, report: Report) -> None:
        """Save the editor's report; when someone else saved the draft since, merge and emit
        `changedElsewhere` with the merged report, already saved."""
        if report.id != self.draft_id:
            self.repo.save(report)
            return
        try:
            version = self.repo.save(report, expected_version=self.version)
        except DraftChanged:
            self._merge_and_save(report)
            return
        self._remember(report, version)

    # ---- noticing ------------------------------------------------------------------------------
    def _on_application_state(self, _state) -> None:
        self.check()

    def check(self) -> None:
        """Has the draft been saved elsewhere since we last saw it? Then save what is pending
        (which merges) or, with nothing pending, show the stored draft."""
        editor = self.parent()
        if self.draft_id is None or (editor is not None and not editor.isVisible()):
            return
        try:
            version = self.repo.version_of(self.draft_id)
            if version == self.version:
                return
            if self.autosaver.pending:
                self.autosaver.flush()  # a failure is reported by the autosaver, and retried
            else:
                self._show_stored()
        except StorageError:
            return  # a deleted draft or an unreadable database is reported where it is used

    def _show_stored(self) -> None:
        report, version = self.repo.load_with_version(self.draft_id)
        self._remember(report, version)
        self.changedElsewhere.emit(report, f"這份草稿剛{self._by_whom()}被修改，已重新載入。")

    # ---- merging -------------------------------------------------------------------------------
    def _merge_and_save(self, mine: Report) -> None:
        from desktop.storage.co_writing import save_merging

        who = self._by_whom()
        saved = save_merging(self.repo, self._base, mine)
        self._remember(saved.report, saved.version)
        self.changedElsewhere.emit(saved.report, _merge_message(saved.conflicts, who))
        if saved.chapter_conflicts and saved.theirs_snapshot is not None:
            self.mergeOffered.emit(ChapterMergeOffer(saved.report.id, saved.theirs_snapshot,
                                                     saved.chapter_conflicts, who, saved.editors))

    def _by_whom(self) -> str:
        """「由 wang 在另一台電腦上」 when another person saved it (an agency server), else 「在其他地方」."""
        try:
            who = self.repo.last_writer(self.draft_id)
        except StorageError:
            who = ""
        if who and who != self.repo.user:
            return f"由 {who} 在另一台電腦上"
        return "在其他地方（例如命令列）"

    def _remember(self, report: Report, version: int) -> None:
        self.draft_id = report.id
        self.version = version
        self._base = copy.deepcopy(report)


@dataclass
class ChapterMergeOffer:
    draft_id: int
    theirs_snapshot: int  # the other side's version, kept in 版本紀錄
    chapter_ids: list[str]  # the chapters both changed (mine is on screen)
    where: str  # 「由 wang 在另一台電腦上」 or 「在其他地方（例如命令列）」
    editors: dict[str, list[str]] = field(default_factory=dict)  # chapter id → who changed it there


def _merge_message(conflicts: list[str], where: str = "在其他地方（例如命令列）") -> str:
    if not conflicts:
        return f"這份草稿剛{where}被修改：已把兩邊的修改合併，都保留了。"
    return (f"這份草稿剛{where}被修改，有 {len(conflicts)} 處兩邊都改了：畫面上保留你的內容，"
            f"另一邊的版本存在「版本紀錄」的「{CONFLICT_LABEL}」。其餘修改已合併。")
