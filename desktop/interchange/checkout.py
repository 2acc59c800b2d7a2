"""Taking a draft out of the agency's server as a package, and bringing it back.

Checking out packs the draft (photos included) for a laptop that will be offline, marks it on the
server (who, when; the board and the window show it) and snapshots the draft as it left. Checking
in merges what came back with what the server holds now, from that snapshot: a chapter changed on
only one side is taken from that side, and a chapter both sides changed keeps both versions, the
one from the package placed right after the server's and marked （對方版本）(the chapter merge
packages already use, interchange/merge.py). A snapshot is taken first, so the check-in can be
undone from 版本紀錄. The mark is cleared once the merge is saved.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from desktop.interchange import package as pkg


def check_out(repo, store, draft_id: int, target: Path) -> Path:
    from desktop.storage.agency import checked_out_by, mark_checked_out
    from desktop.storage.errors import StorageError
    from desktop.storage.snapshots import Snapshots

    held = checked_out_by(repo, draft_id)
    if held is not None:
        who, at = held
        raise StorageError(f"這份草稿已由 {who} 於 {at.replace('T', ' ')} 帶出，尚未帶回。"
                           "請等它帶回，或由帶出的人執行 tripreport checkin。")
    report = repo.load(draft_id)
    written = pkg.pack(report, store, Path(target), uid=repo.uid_of(draft_id))
    snapshot = Snapshots(repo).take(draft_id, label=f"帶出：{Path(target).name}", kind="checkout", force=True)
    mark_checked_out(repo, draft_id, json.dumps({"snapshot": snapshot, "file": Path(target).name}, ensure_ascii=False))
    return written


def check_in(repo, store, package: Path) -> tuple[int, list[str]]:
    """Merge the package back into its draft on the server; returns (draft id, headings of the
    chapters both sides changed, each now there twice)."""
    from desktop.interchange.draft_files import store_photos
    from desktop.interchange.merge import KEEP_BOTH, merge
    from desktop.storage import models as m
    from desktop.storage.agency import clear_checkout
    from desktop.storage.co_writing import MergedSave
    from desktop.storage.errors import StorageError
    from desktop.storage.snapshots import Snapshots
    from desktop.storage.three_way import merge_reports

    contents = pkg.read_package(Path(package))
    try:
        draft_id = pkg.existing_draft(contents, repo)
        if draft_id is None:
            raise StorageError("這個草稿包不是從這個資料庫帶出的草稿（找不到同一份草稿）。"
                               "要新增為一份草稿，請改用 tripreport unpack。")
        theirs = copy.deepcopy(contents.report)
        store_photos(theirs, store, as_is=True)
        mine = repo.load(draft_id)
        row = m.Checkout.get_or_none(m.Checkout.draft == draft_id)
        base = _base(repo, row.note if row else "")
        if base is None:  # no record of what left: the plain chapter merge
            merged, both = merge(mine, theirs), []
        else:
            merged, conflicts = merge_reports(base, mine, theirs)
            both = MergedSave(merged, 0, conflicts).chapter_conflicts
            if both:
                merged = _keep_both(merged, theirs, both, merge, KEEP_BOTH)
        Snapshots(repo).take(draft_id, label="帶回合併前", kind="merge", force=True)
        merged.id = draft_id
        repo.save(merged)
        clear_checkout(repo, draft_id)
        headings = [c.heading for c in mine.chapters if c.id in both]
        return draft_id, headings
    finally:
        contents.cleanup()


def _keep_both(merged, theirs, chapter_ids: list[str], merge, keep_both):
    """The three-way result, with the package's version of each chapter both sides changed added
    after the server's."""
    only = copy.deepcopy(merged)
    by_id = {c.id: c for c in theirs.chapters}
    only.chapters = [copy.deepcopy(by_id[c.id]) if c.id in by_id and c.id in chapter_ids else c
                     for c in merged.chapters]
    return merge(merged, only, {cid: keep_both for cid in chapter_ids})


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
