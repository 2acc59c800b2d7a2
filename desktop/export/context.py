"""The template context: everything a .docx template may print, computed from a Report.

Templates only print; every number, date and joined list is computed here (ROC dates, heading
numbers, the traveller shorthand), so agency templates stay simple. docs/templates.md lists every
name.
"""

from __future__ import annotations

from desktop.domain.checks import review_sheet_answers, run_checks
from desktop.domain.kinds import Kind, kind_of
from desktop.domain.numbering import chinese_number, numbered_heading
from desktop.domain.report import Report, split_paragraphs
from desktop.domain.review_sheet import review_sheet_of
from desktop.domain.roc_date import roc_date, roc_date_with_weekday, roc_period, roc_slash, weekday
from desktop.domain.text import clean_line, clean_text

CHECKED, UNCHECKED = "☑", "☐"

def box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def _category_text(report: Report) -> str:
    return clean_line(report.categories_text())


def joined(*parts: str, sep: str = "／") -> str:
    """Filled parts joined by `sep`: an empty field prints nothing, never 「／／」."""
    return sep.join(p for p in (clean_line(x) for x in parts) if p)


def front_count(kind: Kind) -> int:
    """How many numbered chapters the kind prints before the draft's own (e.g. 摘要, 出國人員名單)."""
    return len(kind.front_chapters)


def body_blocks(report: Report, kind: Kind | None = None) -> list[dict]:
    """The body in reading order: one block per chapter or sub-section with its numbered heading."""
    blocks: list[dict] = []
    first = front_count(kind or kind_of(report))

    def add(sections, level: int) -> None:
        for n, section in enumerate(sections, start=1 + (first if level == 1 else 0)):
            blocks.append({
                "id": section.id, "key": section.key, "level": level,
                "number_heading": numbered_heading(level, n, clean_line(section.heading), report.heading_style),
                "heading": clean_line(section.heading),
                "paragraphs": split_paragraphs(clean_text(section.text)),
            })
            add(section.sections, level + 1)

    add(report.chapters, 1)
    return blocks


def review_items(report: Report, kind: Kind | None = None, results=None) -> list[dict]:
    """The 審核表's items as the kind declares them (review_sheet.py), the boxes of those that name
    a review rule ticked from the review's results; the others and the reviewer's column are left
    for people. A kind without a 審核表 has none."""
    spec = kind or kind_of(report)
    if not spec.template_name("review_sheet"):
        return []
    if results is None:
        results = run_checks(report, kind=spec)
    machine = review_sheet_answers(results)
    items = []
    for n, item in enumerate(review_sheet_of(spec).items, start=1):
        answer = machine.get(item.answer) if item.answer else None
        items.append({
            "no": n, "text": item.text,
            "self_yes": box(answer is True), "self_no": box(answer is False),
            "review_yes": UNCHECKED, "review_no": UNCHECKED,
        })
    return items


def review_sheet_wording(kind: Kind) -> dict:
    """The 審核表's signature boxes and the note under it, as the kind declares them (nothing for a
    kind without a 審核表)."""
    if not kind.template_name("review_sheet"):
        return {"signatures": [], "review_note": ""}
    sheet = review_sheet_of(kind)
    return {"signatures": list(sheet.signatures), "review_note": sheet.note}


def itinerary_days(report: Report) -> list[dict]:
    days = []
    for day in report.itinerary:
        rows = [{"time": clean_line(r.time), "place": clean_line(r.place), "activity": clean_line(r.activity)}
                for r in day.rows] or [{"time": "", "place": "", "activity": ""}]
        days.append({
            "date": roc_date(day.date), "date_weekday": roc_date_with_weekday(day.date),
            "weekday": weekday(day.date) if day.date else "", "rows": rows,
        })
    return days


def itinerary_rows(report: Report) -> list[dict]:
    """The itinerary flattened for a `{%tr for %}` table: the date only on a day's first row."""
    out = []
    for day in itinerary_days(report):
        for i, row in enumerate(day["rows"]):
            out.append({**row, "date": day["date"] if i == 0 else "",
                        "weekday": day["weekday"] if i == 0 else "", "first": i == 0})
    return out


def _follow(f) -> dict:
    return {"agency": clean_line(f.agency), "status": clean_line(f.status), "schedule": clean_line(f.schedule),
            "budget": clean_line(f.budget)}


def recommendation_items(report: Report) -> list[dict]:
    items = []
    for n, rec in enumerate(report.recommendations, start=1):
        follows = [_follow(f) for f in rec.follow_ups]
        first = follows[0] if follows else {"agency": "", "status": "", "schedule": "", "budget": ""}
        items.append({
            "no": n, "number": chinese_number(n) + "、",
            "title": clean_line(rec.title), "paragraphs": split_paragraphs(clean_text(rec.text)),
            "text": clean_text(rec.text).strip(), "follow_ups": follows,
            "agencies": "、".join(f["agency"] for f in follows if f["agency"]),
            **first,
        })
    return items


def follow_up_rows(report: Report) -> list[dict]:
    """The 追蹤表: one row per recommendation and responsible agency (a recommendation with no
    follow-up still gets its row, for the agency to fill in by hand)."""
    rows = []
    for rec in recommendation_items(report):
        text = "：".join(x for x in (rec["title"], rec["text"].replace("\n", " ")) if x)
        follows = rec["follow_ups"] or [{"agency": "", "status": "", "schedule": "", "budget": ""}]
        for i, f in enumerate(follows):
            rows.append({"no": rec["no"], "recommendation": text, "first": i == 0, "span": len(follows), **f})
    return rows


def summary_heading(report: Report, kind: Kind) -> str:
    """The 摘要's heading where a kind numbers it among the chapters (壹、摘要), else 摘要."""
    for n, front in enumerate(kind.front_chapters, start=1):
        if "summary" in front.holds:
            return numbered_heading(1, n, front.title, report.heading_style)
    return "摘要"


def build_context(report: Report, kind: Kind | None = None, results=None) -> dict:
    """Everything a template may print. `results` is the review (run_checks) when the caller has it."""
    spec = kind or kind_of(report)
    kind = report.kind_word
    travellers = [t for t in report.travellers if any((t.name, t.agency, t.unit, t.title, t.rank))]
    countries = "、".join(clean_line(c) for c in report.countries if c.strip())
    cities = "、".join(clean_line(c) for c in report.cities if c.strip())
    return {
        "report_kind": spec.wording("report", kind),
        "kind_word": kind,
        "summary_sheet_title": spec.wording("summary_sheet_title", kind),
        "review_sheet_title": spec.wording("review_sheet_title", kind),
        "follow_up_title": spec.wording("follow_up_title", kind),
        "summary_heading": summary_heading(report, spec),
        "places": f"{countries}（{cities}）" if countries and cities else countries or cities,
        "region_label": "前往地區" if report.mainland else "出國地區",  # not 赴大陸地區地區
        "contact_line": joined(report.contact_name, report.contact_phone),
        "title": clean_line(report.title),
        "category": _category_text(report),
        "agency": clean_line(report.agency),
        "unit": clean_line(report.unit),
        "host_agency": clean_line(report.host_agency),
        "traveller_line": clean_line(report.traveller_shorthand()),
        "countries": countries,
        "cities": cities,
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
        "summary": clean_text(report.summary).strip(),
        "traveller_names": "、".join(clean_line(t.name) for t in travellers if t.name.strip()),
        "lead_name": clean_line(travellers[0].name) if travellers else "",
        "lead_title": clean_line(travellers[0].title) if travellers else "",
        "lead_unit": " ".join(x for x in (clean_line(travellers[0].agency), clean_line(travellers[0].unit)) if x)
        if travellers else "",
        "sections": body_blocks(report, spec),
        "visited_agencies": clean_line(report.visited_agencies),
        "topic": clean_line(report.topic),
        "travellers": [{"no": n, "name": clean_line(t.name), "agency": clean_line(t.agency),
                        "unit": clean_line(t.unit), "title": clean_line(t.title), "rank": clean_line(t.rank),
                        "line": joined(t.name, t.agency, t.unit, t.title, t.rank),
                        "line_short": joined(t.name, t.agency, t.unit, t.title, sep="/")}
                       for n, t in enumerate(travellers, start=1)],
        "itinerary": itinerary_days(report),
        "itinerary_rows": itinerary_rows(report),
        "recommendations": recommendation_items(report),
        "follow_ups": follow_up_rows(report),
        "category_boxes": [{"name": c, "box": box(c in report.categories)} for c in spec.categories],
        "other_kind_boxes": [{"name": k, "box": box(k == report.other_kind)} for k in spec.other_kinds],
        "attachments": [{"no": n, "title": clean_line(a.title), "note": clean_line(a.note)}
                        for n, a in enumerate(report.attachments, start=1)],
        "has_attachments_yes": box(bool(report.attachments)),
        "has_attachments_no": box(not report.attachments),
        "photo_captions": [],  # filled by render with the figure numbers
        "follow_up_table": "",  # filled by render with the 追蹤表 built in code (docx_body.follow_up_table)
        "review_items": review_items(report, spec, results),
        **review_sheet_wording(spec),
    }
