"""The draft JSON format: a whole report as one JSON document (docs/draft-format.md).

Reading validates against draft.schema.json and names the offending field in Chinese; every text
is cleaned of characters XML cannot hold. Photo files are paths relative to the JSON file.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from functools import cache
from pathlib import Path

from desktop.domain.blocks import block_from_data, block_to_data, blocks_from_text, normalize_blocks
from desktop.domain.json_file import explain_json_error, explain_read_error
from desktop.domain.kinds import DEFAULT_KIND
from desktop.domain.report import (
    Attachment,
    FollowUp,
    ItineraryDay,
    ItineraryRow,
    Photo,
    Recommendation,
    Report,
    Section,
    StatusChange,
    Traveller,
)
from desktop.domain.text import clean_line, clean_text

FORMAT = "tripreport-draft"
VERSION = 3  # 2: kind (was rules), traveller_line, follow_ups (was one follow_up); 3: section blocks (was text)
SCHEMA_PATH = Path(__file__).with_name("draft.schema.json")


class DraftFormatError(ValueError):
    """The JSON is not a draft we can read; str(err) names the field, in Chinese."""


@cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _field_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（最上層）"


MAX_DEPTH = 40  # JSON nesting: sub-sections 18 levels deep; headings are numbered to the fifth


def _too_deep(data: object) -> list | None:
    """The path to the first place nested deeper than MAX_DEPTH, found without recursion (the
    schema validator and the readers below recurse, and 300 levels exhaust Python's stack)."""
    stack = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) >= MAX_DEPTH:
            return path
        if isinstance(value, dict):
            stack.extend((v, [*path, k]) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, [*path, i]) for i, v in enumerate(value))
    return None


def _duplicate_ids(data: dict) -> str | None:
    """A message naming two fields that carry the same id: sections (at any depth), recommendations
    and photos are each referred to by id, so each id may appear once in its kind."""
    def walk(items, path):
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield item.get("id"), f"{path}[{i}].id"
                yield from walk(item.get("sections"), f"{path}[{i}].sections")

    kinds = [("chapters", walk(data.get("chapters"), "chapters")),
             ("recommendations", walk(data.get("recommendations"), "recommendations")),
             ("photos", walk(data.get("photos"), "photos"))]
    for _kind, found in kinds:
        seen: dict[str, str] = {}
        for ident, field in found:
            if not ident:
                continue
            if ident in seen:
                return (f"草稿格式錯誤，欄位「{field}」：識別碼「{ident}」與「{seen[ident]}」重複。"
                        "每個章節、建議與照片的 id 都必須不同（或刪除 id，匯入時會自動產生）。")
            seen[ident] = field
    return None


def validate(data: object) -> None:
    if isinstance(data, dict) and isinstance(data.get("version"), int) and data["version"] > VERSION:
        raise DraftFormatError(f"這份草稿是較新版 TripReport 的格式（版本 {data['version']}），請先更新程式。")
    deep = _too_deep(data)
    if deep is not None:
        raise DraftFormatError(f"草稿格式錯誤，欄位「{_field_path(deep[:6])}…」：一層套一層超過 {MAX_DEPTH} 層"
                               "（例如小節裡的小節），這份檔案可能已損壞或不是 TripReport 的草稿。")
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        raise DraftFormatError(f"草稿格式錯誤，欄位「{_field_path(err.absolute_path)}」：{err.message}")
    duplicate = _duplicate_ids(data) if isinstance(data, dict) else None
    if duplicate:
        raise DraftFormatError(duplicate)


# ---- Report → JSON --------------------------------------------------------------------------

def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _section_dict(s: Section) -> dict:
    return {"id": s.id, "key": s.key, "heading": s.heading, "blocks": [block_to_data(b) for b in s.blocks],
            "sections": [_section_dict(c) for c in s.sections]}


def report_to_dict(report: Report, photo_path=lambda p: p.file) -> dict:
    """The JSON document of a report. `photo_path(photo)` gives the path written for each photo."""
    data = {
        "format": FORMAT, "version": VERSION,
        "title": report.title, "categories": list(report.categories), "other_kind": report.other_kind,
        "agency": report.agency, "unit": report.unit, "host_agency": report.host_agency,
        "travellers": [asdict(t) for t in report.travellers],
        "countries": list(report.countries), "cities": list(report.cities),
        "visited_agencies": report.visited_agencies,
        "start_date": _iso(report.start_date), "end_date": _iso(report.end_date),
        "report_date": _iso(report.report_date), "system_id": report.system_id,
        "keywords": list(report.keywords), "topic": report.topic,
        "contact_name": report.contact_name, "contact_phone": report.contact_phone,
        "mainland": report.mainland, "summary": report.summary, "heading_style": report.heading_style,
        "kind": report.kind, "traveller_line": report.traveller_line, "status": report.status,
        "status_history": [{"status": s.status, "at": s.at, **({"who": s.who} if s.who else {})}
                           for s in report.status_history],
        "chapters": [_section_dict(c) for c in report.chapters],
        "itinerary": [{"date": _iso(d.date), "rows": [asdict(r) for r in d.rows]} for d in report.itinerary],
        "recommendations": [
            {"id": r.id, "title": r.title, "text": r.text, "follow_ups": [asdict(f) for f in r.follow_ups]}
            for r in report.recommendations
        ],
        "photos": [
            {"id": p.id, "file": photo_path(p), "caption": p.caption, "placement": p.placement,
             "taken_at": p.taken_at, "width": p.width, "height": p.height}
            for p in report.photos
        ],
        "attachments": [asdict(a) for a in report.attachments],
    }
    if report.pending_inputs:  # rare, so most files never show the field
        data["pending_inputs"] = dict(report.pending_inputs)
    return data


def dumps(report: Report, photo_path=lambda p: p.file) -> str:
    return json.dumps(report_to_dict(report, photo_path), ensure_ascii=False, indent=2) + "\n"


# ---- JSON → Report --------------------------------------------------------------------------

def _date(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DraftFormatError(f"草稿格式錯誤，欄位「{field}」：「{value}」不是有效的日期") from None


def _section(d: dict) -> Section:
    # version 3 has blocks; versions 1–2 wrote the body as plain text, one paragraph a line
    blocks = normalize_blocks([block_from_data(b) for b in d["blocks"]]) if "blocks" in d else \
        blocks_from_text(clean_text(d.get("text")))
    kwargs = {"heading": clean_line(d.get("heading")), "blocks": blocks, "key": d.get("key", ""),
              "sections": [_section(c) for c in d.get("sections", [])]}
    if d.get("id"):
        kwargs["id"] = d["id"]
    return Section(**kwargs)


def report_from_dict(data: dict) -> Report:
    """A Report from a validated-or-not JSON document; raises DraftFormatError naming the field."""
    validate(data)
    line_fields = ("title", "other_kind", "agency", "unit", "host_agency", "system_id", "topic",
                   "contact_name", "contact_phone")
    report = Report(**{name: clean_line(data.get(name, "")) for name in line_fields})
    report.categories = list(data.get("categories") or ["考察"])
    report.visited_agencies = clean_text(data.get("visited_agencies", ""))
    report.countries = [clean_line(c) for c in data.get("countries", [])]
    report.cities = [clean_line(c) for c in data.get("cities", [])]
    report.keywords = [clean_line(k) for k in data.get("keywords", [])]
    report.start_date = _date(data.get("start_date"), "start_date")
    report.end_date = _date(data.get("end_date"), "end_date")
    report.report_date = _date(data.get("report_date"), "report_date")
    report.mainland = bool(data.get("mainland", False))
    report.summary = clean_text(data.get("summary", ""))
    report.heading_style = data.get("heading_style", "壹")
    # version 1 named a rule set; its names are the ids of the kinds that replaced them
    report.kind = data.get("kind") or data.get("rules") or DEFAULT_KIND
    report.traveller_line = clean_line(data.get("traveller_line", ""))
    report.status = data.get("status", "草稿")
    report.status_history = [StatusChange(s["status"], s["at"], s.get("who", "")) for s in data.get("status_history", [])]
    report.travellers = [Traveller(**{k: clean_line(v) for k, v in t.items()}) for t in data.get("travellers", [])]
    report.chapters = [_section(c) for c in data.get("chapters", [])]
    report.itinerary = [
        ItineraryDay(
            date=_date(d.get("date"), f"itinerary[{i}].date"),
            rows=[ItineraryRow(**{k: clean_text(v) for k, v in r.items()}) for r in d.get("rows", [])],
        )
        for i, d in enumerate(data.get("itinerary", []))
    ]
    for r in data.get("recommendations", []):
        follows = r.get("follow_ups")
        if follows is None:
            follows = [r["follow_up"]] if r.get("follow_up") else []
        rec = Recommendation(title=clean_line(r.get("title")), text=clean_text(r.get("text")),
                             follow_ups=[FollowUp(**{k: clean_line(v) for k, v in f.items()}) for f in follows])
        if r.get("id"):
            rec.id = r["id"]
        report.recommendations.append(rec)
    for p in data.get("photos", []):
        photo = Photo(file=p["file"], caption=clean_line(p.get("caption")), placement=p.get("placement", "appendix"),
                      taken_at=p.get("taken_at", ""), width=p.get("width", 0), height=p.get("height", 0))
        if p.get("id"):
            photo.id = p["id"]
        report.photos.append(photo)
    report.attachments = [Attachment(**{k: clean_text(v) for k, v in a.items()}) for a in data.get("attachments", [])]
    report.pending_inputs = {k: clean_line(v) for k, v in data.get("pending_inputs", {}).items() if clean_line(v)}
    return report


def loads(text: str) -> Report:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DraftFormatError(f"不是有效的 JSON（{explain_json_error(err)}）") from err
    except RecursionError:  # the decoder itself gives up on [[[[… thousands deep
        raise DraftFormatError(f"草稿格式錯誤：巢狀超過 {MAX_DEPTH} 層，這份檔案可能已損壞或不是 TripReport 的草稿。") from None
    return report_from_dict(data)


def read_draft_file(path: Path) -> Report:
    """Read a draft JSON file; photo paths come back resolved to absolute paths."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise DraftFormatError(f"{explain_read_error(err, path)}。") from err
    except UnicodeDecodeError as err:
        raise DraftFormatError(f"「{path}」不是 UTF-8 文字檔。") from err
    report = loads(text)
    for photo in report.photos:
        photo.file = str((path.parent / photo.file).resolve())
    return report
