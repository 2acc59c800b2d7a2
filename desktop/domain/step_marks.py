"""The mark beside each step in the editor, read from the same review results as the review panel.

A step is "empty", "partial" or "done" by how far it is filled in; the review's results it owns
decide whether it carries a notice (a failing warning: the review's orange 提醒) or a problem (a
failing error: the review's red item). A result that only says "not written yet" (an empty required
chapter, a missing field) leaves the fill state to speak for itself, as the review lists it too.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.checks import ERROR, WARNING, CheckResult, empty_leaf_sections
from desktop.domain.report import Report, Section

EMPTY, PARTIAL, DONE = "empty", "partial", "done"
NOTICE, PROBLEM = "notice", "problem"


def step_mark(fill: str, owned: Iterable[CheckResult]) -> str:
    """The step's mark from its fill state and the review results that point into it."""
    failing = [r for r in owned if not r.ok]
    if any(r.severity == ERROR and not r.incomplete for r in failing):
        return PROBLEM
    if fill != EMPTY and any(r.severity == WARNING for r in failing):
        return NOTICE
    return fill


def section_fill(report: Report, chapter: Section, extra_content: bool = False) -> str:
    """How far a chapter is written: empty with no text anywhere (and no itinerary or list the step
    also holds), partial while some sub-section has only a heading, else done. A grouping heading —
    no text of its own, sub-sections under it — is normal and does not make the chapter partial."""
    texts = [s.text.strip() for _, s in chapter.walk()]
    if not any(texts) and not extra_content:
        return EMPTY
    empty = {s.id for s in empty_leaf_sections(report)}
    return PARTIAL if any(s.id in empty for _, s in chapter.walk()) else DONE


def review_state(results: list[CheckResult]) -> str:
    """The review step's own mark: problem if any required rule fails, notice for warnings."""
    failing = [r for r in results if not r.ok]
    if any(r.severity == ERROR for r in failing):
        return PROBLEM
    return NOTICE if failing else DONE
