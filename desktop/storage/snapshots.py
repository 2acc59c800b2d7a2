"""Snapshots: frozen copies of a whole draft, to look back at, compare and restore.

Taken automatically (every 10 minutes of editing, on every export, before a restore, a replace or
a merge) and on demand with a label such as 送審版. A snapshot holds the draft JSON (the same
format as `tripreport show --json`, photo files as store keys), so old snapshots stay readable
whatever the tables become. Restoring first snapshots the current state, so it can be undone.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.blocks import Table, plain_text
from desktop.domain.report import Report, Section
from desktop.interchange.draft_json import report_from_dict, report_to_dict
from desktop.storage import models as m
from desktop.storage.errors import DraftNotFound
from desktop.storage.repository import DraftRepository, now_iso

KIND_LABELS = {"auto": "自動", "manual": "手動", "export": "匯出時", "restore": "還原前",
               "replace": "取代前", "merge": "合併前", "import": "匯入時",
               "checkout": "帶出時"}
AUTO_KEEP = 50  # automatic snapshots kept per draft; labelled ones are never pruned


@dataclass
class SnapshotInfo:
    id: int
    draft_id: int
    created_at: str
    label: str
    kind: str

    @property
    def title(self) -> str:
        when = self.created_at.replace("T", " ")
        kind = KIND_LABELS.get(self.kind, self.kind)
        return f"{when}　{self.label}（{kind}）" if self.label else f"{when}　（{kind}）"


@dataclass
class ChapterChange:
    """How one chapter differs between two versions: added, removed, changed or same."""

    heading: str
    status: str
    lines: list[str] = field(default_factory=list)  # unified diff lines, '+'/'-'/' ' prefixed


def _content(report: Report) -> str:
    data = report_to_dict(report)
    for name in ("updated_at",):
        data.pop(name, None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


class Snapshots:
    def __init__(self, repo: DraftRepository):
        self.repo = repo

    def take(self, draft_id: int, label: str = "", kind: str = "manual", force: bool = False) -> int | None:
        """Snapshot the stored draft; returns the new id, or None when it equals the latest
        snapshot (an unlabelled snapshot of unchanged text adds nothing). Labelled ones always count."""
        report = self.repo.load(draft_id)
        content = _content(report)
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        latest = (m.Snapshot.select(m.Snapshot.digest).where(m.Snapshot.draft == draft_id)
                  .order_by(m.Snapshot.id.desc()).first())
        if latest and latest.digest == digest and not label and not force:
            return None
        with self.repo.db.atomic():
            row = m.Snapshot.create(draft=draft_id, created_at=now_iso(), label=label.strip(), kind=kind,
                                    digest=digest, content=content)
            self._prune(draft_id)
        return row.id

    def list(self, draft_id: int) -> list[SnapshotInfo]:
        """Newest first."""
        query = (m.Snapshot.select(m.Snapshot.id, m.Snapshot.draft, m.Snapshot.created_at, m.Snapshot.label,
                                   m.Snapshot.kind)
                 .where(m.Snapshot.draft == draft_id).order_by(m.Snapshot.id.desc()))
        return [SnapshotInfo(s.id, s.draft_id, s.created_at, s.label, s.kind) for s in query]

    def info(self, snapshot_id: int) -> SnapshotInfo:
        s = self._row(snapshot_id)
        return SnapshotInfo(s.id, s.draft_id, s.created_at, s.label, s.kind)

    def load(self, snapshot_id: int) -> Report:
        row = self._row(snapshot_id)
        report = report_from_dict(json.loads(row.content))
        report.id = row.draft_id
        return report

    def restore(self, snapshot_id: int) -> int | None:
        """Make the draft what it was in the snapshot. The current state is snapshotted first
        (returned), so restoring that one undoes the restore."""
        target = self.load(snapshot_id)
        info = self.info(snapshot_id)
        before = self.take(target.id, label=f"還原「{info.created_at.replace('T', ' ')}」之前", kind="restore",
                           force=True)
        current = self.repo.load(target.id)
        target.created_at = current.created_at
        self.repo.save(target)
        return before

    def diff(self, older_id: int, newer_id: int) -> list[ChapterChange]:
        return diff_reports(self.load(older_id), self.load(newer_id))

    def _row(self, snapshot_id: int) -> m.Snapshot:
        row = m.Snapshot.get_or_none(m.Snapshot.id == snapshot_id)
        if row is None:
            raise DraftNotFound(f"找不到編號 {snapshot_id} 的版本紀錄。")
        return row

    @staticmethod
    def _prune(draft_id: int) -> None:
        autos = (m.Snapshot.select(m.Snapshot.id)
                 .where((m.Snapshot.draft == draft_id) & (m.Snapshot.kind == "auto") & (m.Snapshot.label == ""))
                 .order_by(m.Snapshot.id.desc()).offset(AUTO_KEEP))
        old = [s.id for s in autos]
        if old:
            m.Snapshot.delete().where(m.Snapshot.id.in_(old)).execute()


def _body_lines(section: Section, photo_caption) -> list[str]:
    """A body as the diff compares it: the plain-text view (paragraphs, list items, photos), except
    that each table row says which table and row it is, so a changed cell reads as
    「表「議程」第 2 列：09:00｜開幕致詞」 rather than a bare line of cells."""
    lines = []
    for block in section.blocks:
        if not isinstance(block, Table):
            lines.extend(line for line in plain_text([block], photo_caption).split("\n") if line)
            continue
        name = f"表「{block.caption}」" if block.caption else "表格"
        for n, row in enumerate(block.cell_texts(), start=1):
            cells = "｜".join(text.replace("\n", " ") for text in row)
            lines.append(f"{name}第 {n} 列：{cells}")
        if block.note:
            lines.append(f"{name}附註：{block.note}")
    return lines


def _chapter_text(section: Section, photo_caption) -> list[str]:
    """A chapter as lines: its body, then each sub-section's heading and body, indented by level."""
    lines = []
    for level, s in section.walk():
        if level > 1:
            lines.append(f"{'　' * (level - 2)}【{s.heading}】")
        lines.extend(_body_lines(s, photo_caption))
    return lines


def diff_reports(older: Report, newer: Report) -> list[ChapterChange]:
    """Per chapter (matched by id, in the newer order, removed chapters last), what changed."""
    old_by_id = {c.id: c for c in older.chapters}
    captions = {p.id: p.caption for p in older.photos} | {p.id: p.caption for p in newer.photos}

    def photo_caption(photo_id: str) -> str:
        return captions.get(photo_id, "（照片已移除）") or "（無圖說）"

    changes = []
    for chapter in newer.chapters:
        before = old_by_id.pop(chapter.id, None)
        if before is None:
            added = [f"+{line}" for line in _chapter_text(chapter, photo_caption)]
            changes.append(ChapterChange(chapter.heading, "added", added))
            continue
        a, b = _chapter_text(before, photo_caption), _chapter_text(chapter, photo_caption)
        if before.heading != chapter.heading:
            a, b = [f"（標題）{before.heading}", *a], [f"（標題）{chapter.heading}", *b]
        if a == b:
            changes.append(ChapterChange(chapter.heading, "same"))
            continue
        lines = [line for line in difflib.unified_diff(a, b, lineterm="", n=1) if not line.startswith(("---", "+++"))]
        changes.append(ChapterChange(chapter.heading, "changed", lines))
    for chapter in old_by_id.values():
        removed = [f"-{line}" for line in _chapter_text(chapter, photo_caption)]
        changes.append(ChapterChange(chapter.heading, "removed", removed))
    return changes


def record_export(repo: DraftRepository, draft_id: int | None, target) -> int | None:
    """Keep the state of a draft that was just exported, labelled with the file it became, so the
    text behind a signed .docx can always be found again. Drafts read from JSON have no id."""
    if draft_id is None:
        return None
    from peewee import DatabaseError

    from desktop.storage.database import database_access
    from desktop.storage.failures import storage_error

    access = database_access()
    if access is not None and not access.writable:
        return None  # nothing can have changed since the draft was read: its text is the stored one
    try:
        return Snapshots(repo).take(draft_id, label=f"匯出：{Path(target).name}", kind="export")
    except DatabaseError as err:
        raise storage_error(err) from err
