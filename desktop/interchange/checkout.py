"""Taking a draft out of the agency's server as a package, and bringing it back.

Checking out packs the draft (photos included) for a laptop that will be offline, marks it on the
server (who, when; the board and the window show it) and snapshots the draft as it left. Checking
in merges what came back with what the server holds now, from that snapshot: a chapter changed on
only one side is taken from that side, and a chapter both sides changed keeps both versions, the
one from the package placed right after the server's and marked （對方版本）(the chapter merge
packages already use, interchange/merge.py) unless the user chooses otherwise for it (the window
asks: read_check_in, then finish_check_in with the choices). A snapshot is taken first, so the
check-in can be undone from 版本紀錄. The mark is cleared once the merge is saved.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.report import Report
from desktop.interchange import package as pkg
from desktop.interchange.draft_files import store_photos
from desktop.interchange.merge import KEEP_BOTH, ChapterConflict, conflicts, merge


def held_out(who: str, at: str) -> str:
    """Why a draft already taken out cannot be taken out again, and what to do."""
    from desktop.domain.board import when_text

    return (f"這份草稿已由 {who} 於 {when_text(at)} 帶出，尚未帶回，不能再帶出一份。"
            "請等帶出的人帶回（檔案 → 帶回並合併，或 tripreport checkin）後再帶出。")


def check_out(repo, store, draft_id: int, target: Path) -> Path:
    from desktop.storage.agency import checked_out_by, mark_checked_out
    from desktop.storage.errors import StorageError
    from desktop.storage.snapshots import Snapshots

    held = checked_out_by(repo, draft_id)
    if held is not None:
        raise StorageError(held_out(*held))
    report = repo.load(draft_id)
    written = pkg.pack(report, store, Path(target), uid=repo.uid_of(draft_id))
    try:
        snapshot = Snapshots(repo).take(draft_id, label=f"帶出：{Path(target).name}", kind="checkout", force=True)
        mark_checked_out(repo, draft_id, json.dumps({"snapshot": snapshot, "file": Path(target).name},
                                                    ensure_ascii=False))
    except BaseException:  # not marked on the server (no rights, the server gone): no package either
        written.unlink(missing_ok=True)
        raise
    return written


@dataclass
class CheckIn:
    """A package read back and merged with the server's draft, not yet saved: `mine` is what the
    server holds (with every chapter only one side changed already taken from that side), `theirs`
    the same with the package's version of each chapter both sides changed, and `defaults` how
    each of those is merged unless the user chooses otherwise."""

    draft_id: int
    mine: Report
    theirs: Report
    defaults: dict[str, str] = field(default_factory=dict)

    def conflicts(self) -> list[ChapterConflict]:
        """The chapters that differ, each with the choice it gets unless the user picks another."""
        found = conflicts(self.mine, self.theirs)
        for c in found:
            c.default = self.defaults.get(c.chapter_id, c.default)
        return found

    def merged(self, choices: dict[str, str] | None = None) -> tuple[Report, list[str]]:
        """(the merged report, headings of the chapters now there twice)."""
        picked = {c.chapter_id: c.default for c in self.conflicts()} | dict(choices or {})
        twice = [c.heading for c in self.mine.chapters if picked.get(c.id) == KEEP_BOTH]
        return merge(self.mine, self.theirs, picked), twice


def read_check_in(repo, store, package: Path) -> CheckIn:
    """Read the package and merge it with what the server holds now, from the snapshot taken when
    it left: a chapter changed on one side only is taken from that side; for a chapter both sides
    changed both versions are kept unless the caller chooses otherwise. The package's photos are
    stored (a merge compares them by their key in the store); nothing else is written."""
    from desktop.storage import models as m
    from desktop.storage.co_writing import MergedSave
    from desktop.storage.errors import StorageError
    from desktop.storage.three_way import merge_reports

    contents = pkg.read_package(Path(package))
    try:
        draft_id = pkg.existing_draft(contents, repo)
        if draft_id is None:
            raise StorageError(f"「{Path(package).name}」不是從這個機關資料庫帶出的草稿，"
                               "或是你的帳號看不到的草稿（找不到同一份草稿），沒有帶回任何內容。"
                               "要把它新增為一份草稿，請改用「匯入草稿包」（tripreport unpack）。")
        theirs = copy.deepcopy(contents.report)
        store_photos(theirs, store, as_is=True)
        mine = repo.load(draft_id)
        row = m.Checkout.get_or_none(m.Checkout.draft == draft_id)
        base = _base(repo, row.note if row else "")
        if base is None:  # no record of what left: the plain chapter merge
            return CheckIn(draft_id, mine, theirs)
        merged, found = merge_reports(base, mine, theirs)
        both = MergedSave(merged, 0, found).chapter_conflicts
        by_id = {c.id: c for c in theirs.chapters}
        their_side = copy.deepcopy(merged)
        their_side.chapters = [copy.deepcopy(by_id[c.id]) if c.id in by_id and c.id in both else c
                               for c in merged.chapters]
        return CheckIn(draft_id, merged, their_side, {cid: KEEP_BOTH for cid in both})
    finally:
        contents.cleanup()


def finish_check_in(repo, prepared: CheckIn, choices: dict[str, str] | None = None) -> list[str]:
    """Save the merge (a snapshot first, so it can be undone from 版本紀錄) and clear the mark;
    returns the headings of the chapters now there twice."""
    from desktop.storage.agency import clear_checkout
    from desktop.storage.snapshots import Snapshots

    merged, twice = prepared.merged(choices)
    Snapshots(repo).take(prepared.draft_id, label="帶回合併前", kind="merge", force=True)
    merged.id = prepared.draft_id
    repo.save(merged)
    clear_checkout(repo, prepared.draft_id)
    return twice


def check_in(repo, store, package: Path) -> tuple[int, list[str]]:
    """Merge the package back into its draft on the server; returns (draft id, headings of the
    chapters both sides changed, each now there twice)."""
    prepared = read_check_in(repo, store, package)
    return prepared.draft_id, finish_check_in(repo, prepared)


def _base(repo, note: str):
    from desktop.storage.errors import StorageError
    from desktop.storage.snapshots import Snapshots

    try:
        snapshot = json.loads(note or "{}").get("snapshot")
    except ValueError:
        return None
    if not snapshot:
        return None
    try:
        return Snapshots(repo).load(int(snapshot))
    except StorageError:
        return None
