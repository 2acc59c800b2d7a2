"""Changing a draft's kind: what moves, shown before anything changes, and nothing lost.

The new kind's chapters come first in its order; a chapter the draft already has under the same key
keeps its text, sub-sections and photos (and the user's heading, unless it is the old kind's default
title). A chapter the new kind lacks stays in the draft as the user's own chapter, right after the
chapter it followed. Recommendations, the itinerary and the travellers are kept as they are: they
print wherever the new kind holds them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from desktop.domain.kinds import Kind
from desktop.domain.report import Report, Section


@dataclass
class KindChange:
    report: Report  # the draft as it would be under the new kind (a copy; the original is untouched)
    lines: list[str] = field(default_factory=list)  # what changes, for the preview

    @property
    def summary(self) -> str:
        return "\n".join(f"・{line}" for line in self.lines) if self.lines else "・章節不變。"


def change_kind(report: Report, old: Kind, new: Kind) -> KindChange:
    """The draft under `new` (pure: `report` is not modified) and a list of what changes."""
    out = copy.deepcopy(report)
    lines: list[str] = []
    new_specs = {c.key: c for c in new.chapters}
    old_titles = {c.key: c.title for c in old.chapters}
    anchored: dict[str | None, list[Section]] = {}
    kept: dict[str, Section] = {}
    anchor: str | None = None
    for chapter in out.chapters:
        if chapter.key in new_specs and chapter.key not in kept:
            kept[chapter.key] = chapter
            anchor = chapter.key
            continue
        if chapter.key:
            lines.append(f"「{chapter.heading}」在{new.name}中不是預設章節，保留為自訂章節（內容不變）。")
            chapter.key = ""
        anchored.setdefault(anchor, []).append(chapter)
    chapters: list[Section] = list(anchored.get(None, []))
    for spec in new.chapters:
        chapter = kept.get(spec.key)
        if chapter is None:
            chapter = Section(heading=spec.title, key=spec.key)
            lines.append(f"新增空白章節「{spec.title}」。")
        elif chapter.heading == old_titles.get(spec.key, chapter.heading) and chapter.heading != spec.title:
            lines.append(f"章名「{chapter.heading}」改為「{spec.title}」。")
            chapter.heading = spec.title
        chapters.append(chapter)
        chapters.extend(anchored.get(spec.key, []))
    out.chapters = chapters
    if report.heading_style == old.heading_style and new.heading_style != old.heading_style:
        out.heading_style = new.heading_style
        lines.append("章節編號改為「第一章」式。" if new.heading_style == "章" else "章節編號改為「壹、貳、參」式。")
    dropped = [c for c in out.categories if c not in new.categories]
    if dropped:
        lines.append(f"出國類別「{'、'.join(dropped)}」不在{new.name}的類別清單中，仍保留，請確認。")
    lines += _rule_lines(old, new)
    out.kind = new.id
    return KindChange(out, lines)


def _rule_lines(old: Kind, new: Kind) -> list[str]:
    from desktop.domain.checks import summary_band

    lines = []
    if summary_band(old) != summary_band(new):
        lines.append(f"摘要字數：{summary_band(new) or '不限'}。")
    if old.deadline_rule != new.deadline_rule:
        rule = new.deadline_rule
        if rule is None:
            lines.append("不再檢查繳交期限。")
        else:
            start = "返國翌日起算，遇假日順延至次一上班日" if rule.from_next_working_day else "返國日起算"
            lines.append(f"繳交期限：{rule.months} 個月（{start}）。")
    if old.rule("min_recommendations") != new.rule("min_recommendations"):
        lines.append(f"建議至少 {new.rule('min_recommendations')} 項。")
    if old.template_name("report") != new.template_name("report"):
        lines.append(f"匯出改用{new.name}的範本。")
    return lines
