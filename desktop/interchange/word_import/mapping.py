"""The plan the reader made, as a Report of the chosen kind."""

from __future__ import annotations

import re

from desktop.domain.kinds import Kind
from desktop.domain.report import (
    APPENDIX,
    Recommendation,
    Report,
    Section,
    Traveller,
    itinerary_date_key,
    split_paragraphs,
)
from desktop.domain.text import clean_line
from desktop.interchange.word_import import naming
from desktop.interchange.word_import.body import body_blocks, body_text
from desktop.interchange.word_import.headings import numbered
from desktop.interchange.word_import.notes import RECOGNISED, UNCERTAIN
from desktop.interchange.word_import.plan import BodyItem, Plan, RecommendationPlan, SectionPlan
from desktop.interchange.word_import.reader import DATA_TABLE_TITLES

REPORT_FIELDS = ("title", "categories", "other_kind", "agency", "unit", "host_agency", "countries", "cities",
                 "visited_agencies", "start_date", "end_date", "report_date", "system_id", "keywords", "topic",
                 "contact_name", "contact_phone", "mainland")
TITLE_CUT = re.compile(r"[，,；;：:。]")
RECOMMENDATION_TITLE_MAX = 60


def build_report(plan: Plan, kind: Kind) -> Report:
    report = Report.new("", kind)
    for name in REPORT_FIELDS:
        if name in plan.fields and plan.fields[name] not in (None, "", []):
            setattr(report, name, plan.fields[name])
    report.heading_style = plan.heading_style or kind.heading_style
    report.pending_inputs = dict(plan.pending)
    report.summary = "\n".join(plan.summary or plan.sheet_summary)
    notes = plan.notes
    for name, label in (("title", "報告名稱"), ("agency", "服務機關"), ("start_date", "出國期間"),
                        ("report_date", "報告日期")):
        if getattr(report, name) in (None, ""):
            if name not in report.pending_inputs:
                notes.add(UNCERTAIN, f"找不到{label}，請補上。", f"field:{name}")
    if report.summary:
        notes.add(RECOGNISED, f"摘要：{len(report.summary)} 字。", "field:summary")
    report.travellers = merge_travellers(plan)
    if plan.traveller_line and not _shorthand_of(report.travellers, plan.traveller_line):
        report.traveller_line = plan.traveller_line
    _itinerary(plan, report)
    report.chapters = []
    holder = kind.holder_of("recommendations")
    rec_key = holder.key if holder else "recommendations"
    used: set[str] = set()
    for chapter in plan.chapters:
        section = _section(chapter, kind, used, plan)
        if section is None:
            continue
        report.chapters.append(section)
        printed_alone = holder is None and not section.key and naming.norm(section.heading) == "建議"
        if report.recommendations == [] and (section.key == rec_key or printed_alone):
            report.recommendations = _recommendations(chapter, section, plan)
            if printed_alone and all(i.kind == "photo" for i in chapter.items) and not section.sections:
                # the export prints a 建議 chapter of its own when the kind has none to hold them;
                # pictures printed after it belong to the chapter before
                report.chapters.remove(section)
                notes.notes = [n for n in notes.notes if n.target != f"section:{section.id}"]
                before = plan.chapters[plan.chapters.index(chapter) - 1] if plan.chapters.index(chapter) else None
                if before is not None:
                    before.items += chapter.items
                chapter.items = []
    _follow_ups(plan, report)
    report.attachments = plan.attachments
    if plan.attachments:
        notes.add(RECOGNISED, f"附件：{len(plan.attachments)} 項。", "attachments")
    for spec in kind.chapters:
        if report.chapter(spec.key) is None:
            notes.add(UNCERTAIN, f"文件中沒有「{spec.title}」一章，可在編輯器中補上。", f"chapter:{spec.key}")
    return report


def _shorthand_of(people: list[Traveller], line: str) -> bool:
    probe = Report(travellers=people)
    return probe.traveller_shorthand().replace(" ", "") == line.replace(" ", "")


def merge_travellers(plan: Plan) -> list[Traveller]:
    """The 提要's lines give every field; the body's table gives the title for sure (and the
    unit column where the 提要 is missing)."""
    by_name = {t.name: t for t in plan.table_travellers}
    if not plan.sheet_travellers:
        out = []
        for t in plan.table_travellers:
            if t.unit and not t.agency and " " in t.unit:
                t.agency, t.unit = t.unit.split(" ", 1)
            elif t.unit and not t.agency:
                t.agency, t.unit = t.unit, ""
            out.append(t)
        return out
    out = []
    for t in plan.sheet_travellers:
        table = by_name.get(t.name)
        if table is not None and table.title and t.title != table.title:
            parts = [p for p in (t.agency, t.unit, t.title, t.rank) if p]
            if table.title in parts:
                at = parts.index(table.title)
                middle, after = parts[:at], parts[at + 1:]
                t = Traveller(t.name, middle[0] if middle else "", "／".join(middle[1:]), table.title,
                              "／".join(after))
        out.append(t)
    return out


def _itinerary(plan: Plan, report: Report) -> None:
    if plan.itinerary is None:
        return
    report.itinerary = plan.itinerary.days
    for index, text in plan.itinerary.unread_dates.items():
        report.pending_inputs[itinerary_date_key(index)] = text
        plan.notes.add(UNCERTAIN, f"行程表第 {index + 1} 天的日期「{text}」看不懂，已保留原文。", f"itinerary:{index}")


def _section(plan_section: SectionPlan, kind: Kind, used: set[str], plan: Plan, level: int = 1) -> Section | None:
    items = plan_section.items
    children = [c for c in plan_section.children if not _data_section(c)]
    if plan_section.key.startswith("@"):
        if not items and not children:
            return None
        plan_section.key = ""
    section = Section(heading=clean_line(plan_section.heading))
    plan_section.section_id = section.id
    if level == 1:
        key, exact = naming.chapter_key(section.heading, kind, used)
        if key:
            used.add(key)
            section.key = key
            title = next(c.title for c in kind.chapters if c.key == key)
            note = f"「{section.heading}」是「{title}」一章" if not exact else f"「{section.heading}」一章"
            plan.notes.add(RECOGNISED, note + "。", f"section:{section.id}")
        elif section.heading:
            plan.notes.add(RECOGNISED, f"自訂章節「{section.heading}」。", f"section:{section.id}")
    section.sections = [s for s in (_section(c, kind, used, plan, level + 1) for c in children) if s is not None]
    return section


def _data_section(section: SectionPlan) -> bool:
    """「一、行程表」 whose table went into the itinerary: nothing of its own is left."""
    return (naming.norm(section.heading) in DATA_TABLE_TITLES and not section.items and not section.children)


def _recommendations(plan_section: SectionPlan, section: Section, plan: Plan) -> list[Recommendation]:
    """The numbered items of the 建議 chapter: its last sub-sections that have no sub-sections of
    their own and hold only paragraphs, or else its numbered paragraphs."""
    by_id = {c.section_id: c for c in plan_section.children}
    trailing: list[int] = []
    for i in range(len(section.sections) - 1, -1, -1):
        child = section.sections[i]
        items = by_id[child.id].items if child.id in by_id else []
        if child.sections or not child.heading or any(item.kind not in ("para", "photo") for item in items):
            break
        trailing.insert(0, i)
    recs: list[RecommendationPlan] = []
    if trailing:
        for i in trailing:
            child = section.sections[i]
            items = by_id[child.id].items
            recs.append(RecommendationPlan(child.heading, split_paragraphs(body_text(
                [item for item in items if item.kind == "para"]))))
            # a picture under a recommendation stays in the chapter (a recommendation holds no photos)
            plan_section.items += [item for item in items if item.kind == "photo"]
            by_id[child.id].items = []
        section.sections = section.sections[:trailing[0]]
    else:
        kept_items: list[BodyItem] = []
        for item in plan_section.items:
            found = numbered(item.text) if item.kind == "para" else None
            if item.kind == "list" and item.ordered or found is not None and found.rank in (2, 4):
                recs.append(_split_title(item.text if item.kind == "list" else found.title))
            else:
                kept_items.append(item)
        if recs:
            plan_section.items = kept_items
    out = []
    for n, rec in enumerate(recs, start=1):
        out.append(Recommendation(title=clean_line(rec.title), text="\n".join(rec.paragraphs)))
        if rec.title_guessed:
            plan.notes.add(UNCERTAIN, f"建議第 {n} 項沒有獨立的標題，已取第一句「{rec.title}」當標題。", "recommendations")
        elif not rec.title:
            plan.notes.add(UNCERTAIN, f"建議第 {n} 項沒有標題，請補上。", "recommendations")
    if out:
        plan.notes.add(RECOGNISED, f"建議事項：{len(out)} 項。", "recommendations")
    return out


def _split_title(text: str) -> RecommendationPlan:
    text = clean_line(text)
    if len(text) <= RECOMMENDATION_TITLE_MAX and not TITLE_CUT.search(text[:-1]):
        return RecommendationPlan(text.rstrip("。"))
    cut = TITLE_CUT.search(text)
    if cut and cut.start() <= RECOMMENDATION_TITLE_MAX:
        return RecommendationPlan(text[:cut.start()], [text[cut.end():].strip()], title_guessed=True)
    return RecommendationPlan("", [text])


def _follow_ups(plan: Plan, report: Report) -> None:
    if not plan.follow_ups or not report.recommendations:
        return
    index = -1
    last = None
    for row in plan.follow_ups:
        key = (row.number, row.recommendation)
        if key != last:
            index += 1
            last = key
        if 0 <= index < len(report.recommendations):
            f = row.follow_up
            if any((f.agency, f.status, f.schedule, f.budget)):
                report.recommendations[index].follow_ups.append(f)
    plan.notes.add(RECOGNISED, "建議事項採行情形追蹤表。", "recommendations")


def write_bodies(plan: Plan, report: Report) -> None:
    """Each section's body from its items, once the photos have their ids: a picture that could not
    be imported leaves its caption where it was."""
    sections = {s.id: s for _, s in report.all_sections()}
    for chapter in plan.chapters:
        for part in chapter.walk():
            section = sections.get(part.section_id)
            if section is None:
                continue
            placed_here = {p.id for p in report.photos if p.placement == section.id}
            section.blocks = body_blocks(part.items, placed_here)


def photo_placement(kind: Kind, section_id: str) -> str:
    return APPENDIX if kind.photo("all_in_appendix") or not section_id else section_id
