"""尋找與取代 within one draft: every place a writer types prose — chapter and sub-section headings
and texts, the summary, recommendations (title and text), photo captions. A section's text is
searched piece by piece (each paragraph, list item, table caption, cell and note: blocks.text_parts),
so a replacement keeps the paragraph's emphasis and the table's structure.

Plain functions over the Report: `find` lists the matches in reading order, `replace` changes one
of them (it is located again by place and position, so a stale match changes nothing), and
`replace_all` changes them all. Matching is literal and case-sensitive for CJK (there is no case),
case-insensitive for Latin letters when asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.domain.blocks import replace_in_part, text_parts
from desktop.domain.numbering import numbered_heading
from desktop.domain.report import Report

CONTEXT = 16  # characters shown on each side of a match


@dataclass(frozen=True)
class Place:
    """One text of the report: `kind` names the field, `owner` the id of what holds it, `target`
    the review-style address the window jumps to (section:<id>, field:summary, …)."""

    kind: str  # heading, text, summary, recommendation-title, recommendation-text, caption
    owner: str
    target: str
    label: str
    part: tuple = ()  # inside a section's text: which paragraph, list item or cell (blocks.text_parts)


@dataclass(frozen=True)
class Match:
    place: Place
    start: int
    end: int
    context: str


def places(report: Report) -> Iterator[tuple[Place, str]]:
    """Every searchable text of the report with where it is, in reading order."""
    yield Place("summary", "", "field:summary", "摘要"), report.summary
    counters: list[int] = []
    for level, section in report.all_sections():
        del counters[level:]
        while len(counters) < level:
            counters.append(0)
        counters[level - 1] += 1
        name = numbered_heading(level, counters[level - 1], section.heading or "（未命名）", report.heading_style)
        target = f"section:{section.id}"
        yield Place("heading", section.id, target, f"{name}（標題）"), section.heading
        for part, text in text_parts(section.blocks):
            yield Place("text", section.id, target, name, part), text
    for n, rec in enumerate(report.recommendations, 1):
        target = f"recommendation:{rec.id}"
        yield Place("recommendation-title", rec.id, target, f"建議 {n}（標題）"), rec.title
        yield Place("recommendation-text", rec.id, target, f"建議 {n}"), rec.text
    for n, photo in enumerate(report.photos, 1):
        yield Place("caption", photo.id, f"photo:{photo.id}", f"第 {n} 張照片說明"), photo.caption


def _pattern(needle: str, ignore_case: bool) -> re.Pattern:
    return re.compile(re.escape(needle), re.IGNORECASE if ignore_case else 0)


def find(report: Report, needle: str, ignore_case: bool = False) -> list[Match]:
    if not needle:
        return []
    pattern = _pattern(needle, ignore_case)
    out = []
    for place, text in places(report):
        for m in pattern.finditer(text or ""):
            before = text[max(0, m.start() - CONTEXT):m.start()].replace("\n", " ")
            after = text[m.end():m.end() + CONTEXT].replace("\n", " ")
            out.append(Match(place, m.start(), m.end(), f"…{before}【{m.group(0)}】{after}…"))
    return out


def _get(report: Report, place: Place) -> str | None:
    for candidate, text in places(report):
        if candidate.kind == place.kind and candidate.owner == place.owner and candidate.part == place.part:
            return text
    return None


def _set(report: Report, place: Place, value: str) -> None:
    if place.kind == "summary":
        report.summary = value
    elif place.kind == "heading":
        report.find_section(place.owner).heading = value
    elif place.kind.startswith("recommendation-"):
        rec = next(r for r in report.recommendations if r.id == place.owner)
        setattr(rec, "title" if place.kind == "recommendation-title" else "text", value)
    elif place.kind == "caption":
        next(p for p in report.photos if p.id == place.owner).caption = value


def replace(report: Report, match: Match, needle: str, replacement: str, ignore_case: bool = False) -> bool:
    """Replace one match; False (nothing changed) when the text there no longer matches."""
    text = _get(report, match.place)
    if text is None or not _pattern(needle, ignore_case).fullmatch(text[match.start:match.end]):
        return False
    if match.place.kind == "text":
        return replace_in_part(report.find_section(match.place.owner).blocks, match.place.part, match.start,
                               match.end, replacement)
    _set(report, match.place, text[:match.start] + replacement + text[match.end:])
    return True


def replace_all(report: Report, needle: str, replacement: str, ignore_case: bool = False) -> int:
    """Replace every match; how many were replaced."""
    if not needle:
        return 0
    pattern = _pattern(needle, ignore_case)
    count = 0
    for place, text in list(places(report)):
        if place.kind == "text":  # from the last match back, so earlier positions stay right
            blocks = report.find_section(place.owner).blocks
            for m in reversed(list(pattern.finditer(text))):
                count += replace_in_part(blocks, place.part, m.start(), m.end(), replacement)
            continue
        new, n = pattern.subn(lambda _m: replacement, text or "")
        if n:
            _set(report, place, new)
            count += n
    return count
