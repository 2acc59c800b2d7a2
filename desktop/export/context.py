"""The template context: everything a .docx template may print, computed from a Report.

Templates only print; every number, date and joined list is computed here (ROC dates, heading
numbers, the traveller shorthand), so agency templates stay simple. docs/templates.md lists every
name.
"""

from __future__ import annotations

from desktop.domain.numbering import numbered_heading
from desktop.domain.report import Report, split_paragraphs
from desktop.domain.roc_date import roc_date, roc_period, roc_slash
from desktop.domain.text import clean_line, clean_text


def _category_text(report: Report) -> str:
    names = []
    for name in report.categories:
        if name == "其他" and report.other_kind:
            names.append(f"其他（{report.other_kind}）")
        else:
            names.append(name)
    return "、".join(names)


def body_blocks(report: Report) -> list[dict]:
    """The body in reading order: one block per chapter or sub-section with its numbered heading."""
    blocks: list[dict] = []

    def add(sections, level: int) -> None:
        for n, section in enumerate(sections, start=1):
            blocks.append({
                "id": section.id, "key": section.key, "level": level,
                "number_heading": numbered_heading(level, n, clean_line(section.heading), report.heading_style),
                "heading": clean_line(section.heading),
                "paragraphs": split_paragraphs(clean_text(section.text)),
            })
            add(section.sections, level + 1)

    add(report.chapters, 1)
    return blocks


def build_context(report: Report) -> dict:
    kind = report.kind_word
    return {
        "report_kind": f"{kind}報告",
        "kind_word": kind,
        "title": clean_line(report.title),
        "category": _category_text(report),
        "agency": clean_line(report.agency),
        "unit": clean_line(report.unit),
        "host_agency": clean_line(report.host_agency),
        "traveller_line": clean_line(report.traveller_shorthand()),
        "countries": "、".join(clean_line(c) for c in report.countries if c.strip()),
        "cities": "、".join(clean_line(c) for c in report.cities if c.strip()),
        "period": roc_period(report.start_date, report.end_date, prefix=True),
        "period_plain": roc_period(report.start_date, report.end_date),
        "start_date": roc_date(report.start_date),
        "end_date": roc_date(report.end_date),
        "report_date": roc_date(report.report_date, prefix=True),
        "report_date_plain": roc_date(report.report_date),
        "report_date_slash": roc_slash(report.report_date),
        "system_id": clean_line(report.system_id),
        "keywords": "、".join(clean_line(k) for k in report.keywords if k.strip()),
        "contact_name": clean_line(report.contact_name),
        "contact_phone": clean_line(report.contact_phone),
        "summary_paragraphs": split_paragraphs(clean_text(report.summary)),
        "body": body_blocks(report),
    }
