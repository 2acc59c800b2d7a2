"""Helpers for round trips: a draft exported and imported back, compared field by field with ids,
photo files and the other things an export cannot carry left aside."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.blocks import blocks_from_text
from desktop.domain.report import (
    APPENDIX,
    Attachment,
    FollowUp,
    ItineraryDay,
    ItineraryRow,
    Photo,
    Recommendation,
    Report,
    Section,
    Traveller,
)
from desktop.interchange.draft_json import report_to_dict
from tests.conftest import REPO_ROOT

PHOTOS = sorted((REPO_ROOT / "docs" / "example-photos").glob("*.jpg"))

# What a kind's templates do not print, so no export can carry it (see docs/word-import.md).
NOT_PRINTED = {
    "central": {"unit", "follow_ups"},
    "taipei": {"unit"},
    "summary-only": {"unit", "follow_ups", "agency", "attachments", "itinerary", "photos", "recommendations", "categories_order"},
    "taichung": {"unit", "follow_ups", "agency", "system_id", "keywords", "topic", "visited_agencies", "rank"},
    "new-taipei": {"unit", "follow_ups", "agency", "system_id", "keywords", "topic", "visited_agencies", "contact_name",
                   "contact_phone", "travellers", "categories_order"},
    "press-release": {"unit", "follow_ups", "categories", "other_kind", "host_agency", "travellers", "countries", "cities",
                      "start_date", "end_date", "system_id", "keywords", "topic", "visited_agencies", "summary",
                      "itinerary", "traveller_line", "mainland"},
}
ALWAYS_ASIDE = {"id", "status", "status_history", "created_at", "updated_at"}


def comparable(report: Report, kind_id: str | None = None) -> dict:
    """The draft as JSON data with ids, photo files and what the kind does not print left out;
    section ids in photo placements become the section's position (0.1 = second section of the
    first chapter). Bodies are compared as they print (a photo placed in a section without a block
    of its own prints at its end: blocks.with_placed_photos), a photo block naming its photo by
    its place in the report's photos."""
    import copy

    from desktop.domain.blocks import PhotoBlock, with_placed_photos

    kind_id = kind_id or report.kind
    aside = ALWAYS_ASIDE | NOT_PRINTED.get(kind_id, set())
    report = copy.deepcopy(report)
    number = {p.id: f"photo {n}" for n, p in enumerate(report.photos)}
    for _, section in report.all_sections():
        placed = [p.id for p in report.photos if p.placement == section.id]
        section.blocks = [PhotoBlock(number[b.photo_id]) if isinstance(b, PhotoBlock) else b
                          for b in with_placed_photos(section.blocks, section.id, placed)]
    positions = {}

    def walk(sections, prefix):
        for n, s in enumerate(sections):
            positions[s.id] = f"{prefix}{n}"
            walk(s.sections, f"{prefix}{n}.")

    walk(report.chapters, "")
    data = report_to_dict(report)
    for name in list(data):
        if name in aside:
            data.pop(name)

    def strip_ids(sections):
        for s in sections:
            s.pop("id", None)
            for block in s.get("blocks", []):
                block.pop("widths", None)  # not imported: the table fits its columns to the content
            strip_ids(s.get("sections", []))

    strip_ids(data.get("chapters", []))
    for rec in data.get("recommendations", []):
        rec.pop("id", None)
        if "follow_ups" in aside:
            rec.pop("follow_ups", None)
    data["photos"] = [{"caption": p["caption"], "placement": positions.get(p["placement"], p["placement"])}
                      for p in data.get("photos", [])]
    if "rank" in aside:
        for t in data.get("travellers", []):
            t.pop("rank", None)
    data.pop("format", None)
    data.pop("version", None)
    return data


def full_draft(kind_id: str) -> Report:
    """A draft of the kind with every part filled that the kind prints: cover and 提要 fields,
    travellers with all their fields, a two-day itinerary, chapters with sub-sections (one with a
    sub-sub-section), recommendations with follow-ups where the kind tracks them, photos in a
    section and in the appendix, attachments."""
    r = Report.new("出席2025亞太城市韌性論壇暨參訪福岡市防災設施", kind_id)
    r.categories = ["開會", "考察"]
    r.agency = "臺南市政府消防局"
    r.host_agency = "臺南市政府消防局"
    r.countries, r.cities = ["日本"], ["福岡市"]
    r.visited_agencies = "福岡市消防局、福岡市民防災中心"
    r.start_date, r.end_date, r.report_date = date(2025, 10, 14), date(2025, 10, 16), date(2025, 12, 5)
    r.system_id = "C11400321"
    r.keywords = ["城市韌性", "防災教育"]
    r.topic = "公共安全"
    r.contact_name, r.contact_phone = "陳美玲", "06-2975119分機1203"
    r.travellers = [Traveller("王大明", "臺南市政府消防局", "局本部", "副局長", "簡任第十一職等"),
                    Traveller("陳美玲", "臺南市政府消防局", "災害管理科", "科長", "薦任第九職等")]
    r.summary = "本局應邀出席論壇並參訪防災設施。\n綜合觀察，提出三項建議。"
    r.itinerary = [
        ItineraryDay(date(2025, 10, 14), [ItineraryRow("上午", "臺南→福岡", "搭機前往福岡"),
                                          ItineraryRow("13:30-17:30", "福岡國際會議中心", "出席論壇")]),
        ItineraryDay(date(2025, 10, 15), [ItineraryRow("09:30-12:00", "福岡市民防災中心", "參訪防災體驗設施")]),
    ]
    for chapter in r.chapters:
        chapter.set_text(f"{chapter.heading}的第一段。\n{chapter.heading}的第二段，說明細節。")
    process = r.chapter("process") or (r.chapters[0] if r.chapters else None)
    if process is not None:
        process.sections = [
            Section(heading="10月14日出席論壇", blocks=blocks_from_text("上午抵達福岡後前往會場。"), sections=[
                Section(heading="分組會議", blocks=blocks_from_text("本局報告智慧水情監測成果。"))]),
            Section(heading="10月15日參訪防災中心", blocks=blocks_from_text("參訪體驗設施。")),
        ]
    r.recommendations = [
        Recommendation("規劃設置市民防災體驗館", "建議分期設置體驗設施。\n優先開放學校預約。",
                       [FollowUp("消防局", "研議中", "115年", "500萬元"), FollowUp("教育局", "已採行", "", "")]),
        Recommendation("強化地下空間淹水應變演練", "建議每年汛期前辦理演練。"),
        Recommendation("建置跨機關災情影像共享平台", "建議整合各機關影像。"),
    ]
    if kind_id != "taipei":
        for rec in r.recommendations:
            rec.follow_ups = []
    target = process.sections[0].id if process is not None and process.sections else APPENDIX
    r.photos = [Photo(file=str(PHOTOS[0]), caption="於論壇分組會議報告", placement=target),
                Photo(file=str(PHOTOS[1]), caption="參觀濃煙避難體驗區", placement=APPENDIX)]
    r.attachments = [Attachment("論壇議程", "大會提供"), Attachment("本局簡報", "")]
    return r


def without(report: Report, names: set[str]) -> Report:
    """Clear what the kind does not print, so the draft is what its export shows: categories in
    the kind's order where only tick boxes print them, photos in the appendix where the kind puts
    them all there."""
    from desktop.domain.kinds import get_kind

    kind = get_kind(report.kind)
    if "categories_order" in names:
        report.categories = [c for c in kind.categories if c in report.categories]
    if kind.photo("all_in_appendix"):
        for photo in report.photos:
            photo.placement = APPENDIX
    blank = Report()
    for name in names:
        if name in ("rank",):
            for t in report.travellers:
                t.rank = ""
        elif hasattr(blank, name):
            setattr(report, name, getattr(blank, name))
    if "travellers" in names:
        report.travellers = []
    if "photos" in names:
        report.photos = []
    return report


def exported(report: Report, folder: Path) -> Path:
    from desktop.export.render import export_docx, run_export

    out = folder / f"{report.kind}-round-trip.docx"
    run_export(export_docx(report, out))
    return out
