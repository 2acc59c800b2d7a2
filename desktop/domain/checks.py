"""The review: every check a machine can make on a report, with the rules its kind declares.

`run_checks(report)` is the one function that evaluates the rules. The review panel, the step marks,
the 審核表's ticks (review_sheet_answers), `tripreport check` and the export's warnings all read its
results; nothing else computes a deadline or decides whether the format is complete.

Each check returns a result whether it passes or not, so the review panel can show the whole list
and turn green only when every rule is met. A result names a `target` (what to jump to) as a small
address the editor understands:

    field:<report attribute>   a cover / 提要 field, e.g. field:start_date
    travellers                 the traveller table
    section:<id>               a chapter or sub-section
    chapter:<key>              a required chapter that is missing altogether
    itinerary                  the itinerary table; itinerary:<n> the date of its n-th day (0-based)
    recommendations            the recommendation list; recommendation:<id> one of them
    photo:<id>                 one photo
    attachments                the appendix list

Problems never block saving; they are shown so the user can fix them before sending the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.domain.deadline import Deadline, compute_deadline
from desktop.domain.kinds import Kind, kind_of
from desktop.domain.report import DATE_FIELDS, Report, Section, itinerary_date_key
from desktop.domain.roc_date import parse_roc, roc_date
from desktop.domain.text import count_chinese

ERROR = "error"
WARNING = "warning"

# Failing checks that mean "not written yet" rather than "something is wrong".
INCOMPLETE = ("required.", "chapter.", "recommendations.count", "summary.missing")


@dataclass(frozen=True)
class CheckResult:
    code: str  # stable name of the rule, e.g. "dates.order"
    title: str  # the rule in a few words
    ok: bool
    message: str  # what is wrong and what to do, or what was found fine
    target: str = ""
    severity: str = ERROR

    @property
    def incomplete(self) -> bool:
        return self.code.startswith(INCOMPLETE)


# ○○ as the sample reports mask names, plus the usual to-do markers.
PLACEHOLDER = re.compile(r"[○◯〇]{2}|(?i:todo)|待填|待補|XXX|ＸＸＸ")

_DATE_LABELS = {"start_date": "出國日期", "end_date": "返國日期", "report_date": "報告日期"}


def deadline_of(report: Report, kind: Kind | None = None) -> Deadline | None:
    """The report's deadline under its kind's rule; None when the kind has none or no return date."""
    rule = (kind or kind_of(report)).deadline_rule
    if rule is None:
        return None
    return compute_deadline(report.end_date, rule.months, rule.from_next_working_day)


def due_date(kind_id: str, return_date: date | None) -> date | None:
    """The deadline of a draft known only by its kind and return date (the draft list)."""
    from desktop.domain.kinds import get_kind

    rule = get_kind(kind_id).deadline_rule
    found = compute_deadline(return_date, rule.months, rule.from_next_working_day) if rule else None
    return found.due if found else None


def run_checks(report: Report, today: date | None = None, kind: Kind | None = None) -> list[CheckResult]:
    """The review of `report` under its kind's rules (or `kind`'s)."""
    today = today or date.today()
    kind = kind or kind_of(report)
    results: list[CheckResult] = []
    results += _required_fields(report, kind)
    results += _unread_dates(report, kind)
    results += _dates(report, kind, today)
    results += _parts(report, kind)
    if kind.rule("empty_sections"):
        results += _empty_sections(report)
    if kind.holder_of("itinerary") is not None or any("itinerary" in f.holds for f in kind.front_chapters):
        results.append(_itinerary(report))
    if kind.summary_rule is not None:
        results.append(_summary(report, kind))
    if kind.rule("min_recommendations"):
        results.append(_recommendation_count(report, kind))
    if kind.rule("photo_captions"):
        results += _photo_captions(report)
    if kind.rule("placeholders"):
        results += _placeholders(report)
    return results


def overall(results: list[CheckResult]) -> str:
    """"ok" when every rule is met, else "error" if any error fails, else "warning"."""
    failing = [r for r in results if not r.ok]
    if not failing:
        return "ok"
    return ERROR if any(r.severity == ERROR for r in failing) else WARNING


def review_sheet_answers(results: list[CheckResult]) -> dict[str, bool | None]:
    """What the review says for the 審核表 items that name a rule (review_sheet.py's `answer`):
    `deadline` (handed in on time) and `required_parts` (every required part written). None when the
    review has nothing to say (no report date yet, a kind without required parts)."""
    deadline = next((r for r in results if r.code == "dates.deadline"), None)
    parts = [r for r in results if r.code.startswith("chapter.")]
    return {"deadline": deadline.ok if deadline else None,
            "required_parts": all(r.ok for r in parts) if parts else None}


def blocking(results: list[CheckResult]) -> list[CheckResult]:
    """The failing required rules (severity error): `tripreport check` exits 1 on any."""
    return [r for r in results if not r.ok and r.severity == ERROR]


# ---- individual checks ------------------------------------------------------------------------

@dataclass(frozen=True)
class PendingDate:
    """Text typed where a date belongs that could not be read; kept in Report.pending_inputs."""

    key: str  # the pending_inputs key
    label: str  # where it was typed, as the form names it
    text: str
    reason: str  # parse_roc's message
    target: str


def _field_labels(kind: Kind) -> dict[str, str]:
    labels = dict(_DATE_LABELS)
    labels.update({f["key"]: f["label"] for s in kind.steps for f in s.get("fields", [])})
    return labels


def _example_date(report: Report) -> date | None:
    """A date of the user's own trip, for the 「請寫成 …」 samples in messages."""
    days = [d.date for d in report.itinerary if d.date]
    return report.start_date or (days[0] if days else None) or report.end_date or report.report_date


def pending_dates(report: Report, kind: Kind | None = None) -> list[PendingDate]:
    """The unread dates that still stand where they were typed. An entry whose place has gone (the
    itinerary day was removed, or has a date again) is ignored; the next save drops it."""
    labels = _field_labels(kind or kind_of(report))
    places = [(name, labels[name], f"field:{name}") for name in DATE_FIELDS]
    row = 1
    for i, day in enumerate(report.itinerary):
        if day.date is None:
            places.append((itinerary_date_key(i), f"行程表第 {i + 1} 天（表格第 {row} 列）的日期", f"itinerary:{i}"))
        row += max(1, len(day.rows))
    example = _example_date(report)
    out = []
    for key, label, target in places:
        text = report.pending_inputs.get(key, "").strip()
        if not text:
            continue
        try:
            parse_roc(text, example)
            reason = f"「{text}」尚未套用，請重新輸入"
        except ValueError as err:
            reason = str(err)
        out.append(PendingDate(key, label, text, reason, target))
    return out


def _unread_dates(report: Report, kind: Kind) -> list[CheckResult]:
    out = []
    for p in pending_dates(report, kind):
        kept = getattr(report, p.key, None) if p.key in DATE_FIELDS else None
        still = f"目前仍以 {roc_date(kept)} 計算。" if kept else ""
        out.append(CheckResult("dates.unread", "日期要看得懂", False,
                               f"{p.label}：{p.reason}。{still}按一下前往修改（原文已保留）。", p.target))
    return out


def _filled(value) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _required_fields(report: Report, kind: Kind) -> list[CheckResult]:
    out = []
    for name, label in kind.required_fields():
        value = getattr(report, name)
        if not value and report.pending_inputs.get(name, "").strip():
            continue  # typed but unreadable: _unread_dates says what is wrong with it
        filled = _filled(value)
        out.append(CheckResult(f"required.{name}", f"必填：{label}", filled,
                               f"已填寫{label}。" if filled else f"請填寫「{label}」。", f"field:{name}"))
    if kind.has_page("travellers"):
        people = any(t.name.strip() for t in report.travellers)
        out.append(CheckResult("required.travellers", "必填：出國人員", people,
                               "已列出出國人員。" if people else "請在「出國人員」至少填一位出國人員的姓名。",
                               "travellers"))
    return out


def _dates(report: Report, kind: Kind, today: date) -> list[CheckResult]:
    out = []
    start, end, written = report.start_date, report.end_date, report.report_date
    if start and end:
        ok = start <= end
        out.append(CheckResult("dates.order", "出國期間日期順序", ok,
                               "出國日期在返國日期之前。" if ok else
                               f"返國日期 {roc_date(end)} 早於出國日期 {roc_date(start)}，請檢查。",
                               "field:end_date"))
    if end and written:
        ok = written >= end
        out.append(CheckResult("dates.report_after_return", "報告日期在返國之後", ok,
                               "報告日期在返國之後。" if ok else
                               f"報告日期 {roc_date(written)} 早於返國日期 {roc_date(end)}，請檢查。",
                               "field:report_date"))
    rule = kind.deadline_rule
    deadline = deadline_of(report, kind)
    if rule is None or deadline is None:
        return out
    due = deadline.due
    how = ""
    if rule.from_next_working_day:
        skipped = deadline.explain()
        how = "（自返國翌日起算，遇假日順延" + (f"：略過{skipped}" if skipped else "") + "）"
    title = f"返國後{_months(rule.months)}內繳交"
    if written:
        ok = written <= due
        message = (f"報告日期在繳交期限 {roc_date(due)} 之內{how}。" if ok else
                   f"報告日期 {roc_date(written)} 已超過繳交期限 {roc_date(due)}{how}。")
        out.append(CheckResult("dates.deadline", title, ok, message, "field:report_date"))
    else:
        left = (due - today).days
        ok = left >= 0
        message = (f"繳交期限 {roc_date(due)}{how}，還有 {left} 天。" if ok else
                   f"繳交期限 {roc_date(due)}{how} 已過 {-left} 天，請儘速完成並說明。")
        out.append(CheckResult("dates.deadline_left", title, ok, message, "field:report_date"))
    return out


def _months(n: int) -> str:
    from desktop.domain.numbering import chinese_number

    return f"{chinese_number(n)}個月"


def chapter_has_content(report: Report, chapter: Section, kind: Kind) -> bool:
    """Text anywhere in the chapter, or the data the kind puts in it (itinerary, recommendations…)."""
    if any(s.text.strip() for _, s in chapter.walk()):
        return True
    spec = kind.chapter_spec(chapter.key)
    holds = spec.holds if spec else ()
    if chapter.key in ("recommendations", "insights_recommendations") or "recommendations" in holds:
        if any(r.title.strip() or r.text.strip() for r in report.recommendations):
            return True
    if "itinerary" in holds and any(r.activity.strip() or r.place.strip() for d in report.itinerary for r in d.rows):
        return True
    return "travellers" in holds and any(t.name.strip() for t in report.travellers)


def _parts(report: Report, kind: Kind) -> list[CheckResult]:
    out = []
    kind_keys = [c.key for c in kind.chapters]
    for part in kind.required_parts:
        code_key = next((k for k in part.chapters if k in kind_keys), part.chapters[0])
        code, title = f"chapter.{part.chapters[0]}", f"必要章節：{part.label}"
        chapters = [c for c in report.chapters if c.key in part.chapters]
        if not chapters:
            out.append(CheckResult(code, title, False, f"報告少了「{part.label}」章節，請加回。", f"chapter:{code_key}"))
            continue
        filled = next((c for c in chapters if chapter_has_content(report, c, kind)), None)
        chapter = filled or chapters[0]
        heading = chapter.heading or part.label
        out.append(CheckResult(code, title, filled is not None,
                               f"「{heading}」已有內容。" if filled else f"「{heading}」還是空的，請寫入內容。",
                               f"section:{chapter.id}"))
    return out


def empty_leaf_sections(report: Report) -> list[Section]:
    """Sub-sections with neither text, sub-sections nor photos: a heading with nothing under it. A
    grouping heading (sub-sections, no text of its own) is normal and not listed."""
    with_photos = {p.placement for p in report.photos}
    return [s for level, s in report.all_sections()
            if level > 1 and not s.text.strip() and not s.sections and s.id not in with_photos]


def _empty_sections(report: Report) -> list[CheckResult]:
    return [CheckResult("sections.empty", "小節都有內容", False,
                        f"小節「{s.heading or '未命名小節'}」只有標題、沒有內容：請寫入內容，或刪除這個小節。",
                        f"section:{s.id}", WARNING) for s in empty_leaf_sections(report)]


def _itinerary(report: Report) -> CheckResult:
    rows = sum(1 for day in report.itinerary for r in day.rows if r.activity.strip() or r.place.strip())
    ok = rows > 0
    return CheckResult("itinerary.rows", "行程表有內容", ok,
                       f"行程表共 {len(report.itinerary)} 天、{rows} 列。" if ok else
                       "行程表還沒有內容：請逐日填寫時間、地點與行程。", "itinerary", WARNING)


def summary_state(report: Report, kind: Kind) -> tuple[int, bool]:
    """(Chinese characters in the 摘要, within the kind's bounds)."""
    rule = kind.summary_rule
    n = count_chinese(report.summary)
    if rule is None:
        return n, True
    return n, n >= rule.min and (rule.max is None or n <= rule.max)


def summary_band(kind: Kind) -> str:
    rule = kind.summary_rule
    if rule is None:
        return ""
    return f"{rule.min}–{rule.max} 字" if rule.max else f"{rule.min} 字以上"


def _summary(report: Report, kind: Kind) -> CheckResult:
    rule = kind.summary_rule
    title = f"摘要 {summary_band(kind)}"
    if not report.summary.strip():
        return CheckResult("summary.missing", title, False, "還沒有寫摘要。", "field:summary")
    n, ok = summary_state(report, kind)
    if ok:
        message = f"摘要 {n} 字。"
    elif n < rule.min:
        message = f"摘要只有 {n} 字，{'規定' if rule.severity == ERROR else '建議'}寫到 {summary_band(kind)}。"
    else:
        message = f"摘要有 {n} 字，建議精簡到 {rule.max} 字以內。"
    return CheckResult("summary.length", title, ok, message, "field:summary", rule.severity)


def _recommendation_count(report: Report, kind: Kind) -> CheckResult:
    need = kind.rule("min_recommendations")
    have = sum(1 for r in report.recommendations if r.title.strip() or r.text.strip())
    ok = have >= need
    message = f"共 {have} 項建議。" if ok else f"{kind.name}規定至少 {need} 項建議，目前 {have} 項。"
    return CheckResult("recommendations.count", f"至少 {need} 項建議", ok, message, "recommendations")


def _photo_captions(report: Report) -> list[CheckResult]:
    missing = [(i, p) for i, p in enumerate(report.photos, 1) if not p.caption.strip()]
    if not report.photos:
        return []
    if not missing:
        return [CheckResult("photos.captions", "每張照片都有圖說", True, f"{len(report.photos)} 張照片都有圖說。",
                            "")]
    return [CheckResult("photos.captions", "每張照片都有圖說", False, f"第 {i} 張照片還沒有圖說。",
                        f"photo:{p.id}") for i, p in missing]


def _text_places(report: Report):
    """(label, target, text) for every place the user writes text into."""
    for name, label in (("title", "報告名稱"), ("agency", "服務機關"), ("unit", "單位"),
                        ("host_agency", "主辦機關"), ("visited_agencies", "參訪機關"),
                        ("contact_name", "聯絡人"), ("traveller_line", "封面姓名職稱"), ("summary", "摘要")):
        yield label, f"field:{name}", getattr(report, name)
    yield "出國人員", "travellers", "\n".join(
        " ".join((t.name, t.agency, t.unit, t.title, t.rank)) for t in report.travellers)
    for _, section in report.all_sections():
        yield f"「{section.heading or '未命名章節'}」", f"section:{section.id}", f"{section.heading}\n{section.text}"
    yield "行程表", "itinerary", "\n".join(
        f"{r.time} {r.place} {r.activity}" for day in report.itinerary for r in day.rows)
    for i, rec in enumerate(report.recommendations, 1):
        extra = " ".join(" ".join((f.agency, f.status, f.schedule, f.budget)) for f in rec.follow_ups)
        yield f"第 {i} 項建議", f"recommendation:{rec.id}", f"{rec.title}\n{rec.text}\n{extra}"
    for i, photo in enumerate(report.photos, 1):
        yield f"第 {i} 張照片圖說", f"photo:{photo.id}", photo.caption
    yield "附錄", "attachments", "\n".join(f"{a.title} {a.note}" for a in report.attachments)


def _placeholders(report: Report) -> list[CheckResult]:
    out = []
    for label, target, text in _text_places(report):
        match = PLACEHOLDER.search(text or "")
        if match:
            out.append(CheckResult("placeholders", "沒有留下待填文字", False,
                                   f"{label}還有待填文字「{match.group(0)}」，請換成實際內容。", target))
    if not out:
        out.append(CheckResult("placeholders", "沒有留下待填文字", True, "沒有 ○○、待填、XXX 等預留文字。"))
    return out
