"""Saving a draft that someone else may have saved meanwhile, without overwriting their work.

Every save names the version it was edited from; when the stored draft moved on, the repository
refuses it (DraftChanged) and this merges instead (three_way.py): what this writer changed since
`base` is laid over what the other writer stored, part by part. Where both changed the same thing,
this writer's text is kept and the other version is first saved as a snapshot, so nothing is lost
on either side. The window (gui/draft_sync.py), the command line and two PCs on one server all
save through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.report import Report
from desktop.storage.errors import DraftChanged

CONFLICT_LABEL = "其他程式同時修改的版本"


@dataclass
class MergedSave:
    report: Report  # what is stored now
    version: int
    conflicts: list[str] = field(default_factory=list)  # the parts both changed (theirs is in a snapshot)
    theirs_snapshot: int | None = None  # the snapshot holding the other side's version, when they conflicted
    # for each chapter both changed, who changed it on the other side (its sections' editors)
    editors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def chapter_conflicts(self) -> list[str]:
        """The ids of the chapters both sides changed (their sub-sections count for the chapter)."""
        import re

        return list(dict.fromkeys(m.group(1) for c in self.conflicts
                                  if (m := re.match(r"^chapters\[([^\]]+)\]", c))))


def save_merging(repo, base: Report, mine: Report, label: str = CONFLICT_LABEL) -> MergedSave:
    """Merge `mine` (edited from `base`) with the stored draft and save the result. The draft is
    held while this reads, merges and saves, so no third save can slip in between."""
    from peewee import DatabaseError

    from desktop.storage.failures import storage_error
    from desktop.storage.three_way import merge_reports

    try:
        with repo.held(mine.id):
            theirs, version = repo.load_with_version(mine.id)
            merged, conflicts = merge_reports(base, mine, theirs)
            saved = MergedSave(merged, version, conflicts)
            if conflicts:
                saved.theirs_snapshot = keep_theirs(repo, mine.id, label)
                saved.editors = _editors(repo, base, theirs, saved.chapter_conflicts)
            saved.version = repo.save(merged, expected_version=version)
    except DatabaseError as err:
        raise storage_error(err) from err
    return saved


def _editors(repo, base: Report, theirs: Report, chapter_ids: list[str]) -> dict[str, list[str]]:
    """Who changed each of these chapters on the other side: the editors of its sections that
    differ from `base`, as the sections' row versions record them."""
    versions = repo.section_versions(theirs.id)
    before = {s.id: (s.heading, s.blocks) for _, s in base.all_sections()}
    editors = {}
    for chapter in theirs.chapters:
        if chapter.id in chapter_ids:
            who = [versions.get(s.id, (0, ""))[1] for _, s in chapter.walk() if before.get(s.id) != (s.heading, s.blocks)]
            editors[chapter.id] = list(dict.fromkeys(w for w in who if w))
    return editors


def keep_theirs(repo, draft_id: int, label: str = CONFLICT_LABEL) -> int:
    from peewee import DatabaseError

    from desktop.storage.failures import storage_error
    from desktop.storage.snapshots import Snapshots

    try:
        return Snapshots(repo).take(draft_id, label=label, kind="merge", force=True)
    except DatabaseError as err:
        raise storage_error(err) from err


def save_or_merge(repo, base: Report, mine: Report, version: int) -> MergedSave:
    """Save `mine` if the draft is still at `version`, else merge (save_merging)."""
    try:
        return MergedSave(mine, repo.save(mine, expected_version=version))
    except DraftChanged:
        return save_merging(repo, base, mine)
