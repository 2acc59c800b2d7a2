"""The review checks a machine can make on a report (the 審核表 items that are not judgement calls).

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

from desktop.domain.deadline import report_deadline
from desktop.domain.report import DATE_FIELDS, DEFAULT_CHAPTERS, Report, Section, itinerary_date_key
from desktop.domain.roc_date import parse_roc, roc_date
from desktop.domain.text import count_chinese

ERROR = "error"
WARNING = "warning"

SUMMARY_MIN, SUMMARY_MAX = 200, 300


@dataclass(frozen=True)
class RuleSet:
    label: str
    min_recommendations: int
    deadline_from_next_working_day: bool


RULE_SETS = {
    "central": RuleSet("中央（行政院）", 1, False),
    "taipei": RuleSet("臺北市", 3, True),
    "taichung": RuleSet("臺中市", 1, False),
}


def rule_set(name: str) -> RuleSet:
    return RULE_SETS.get(name, RULE_SETS["central"])


@dataclass(frozen=True)
class CheckResult:
    code: str  # stable name of the rule, e.g. "dates.order"
    title: str  # the rule in a few words
    ok: bool
    message: str  # what is wrong and what to do, or what was found fine
    target: str = ""
    severity: str = ERROR


CHAPTER_NAMES = dict(DEFAULT_CHAPTERS)

# Cover / 提要 fields every report needs, with the label the form uses for them.
REQUIRED_FIELDS = (
    ("title", "報告名稱"), ("agency", "服務機關"), ("countries", "派赴國家/地區"),
    ("start_date", "出國日期"), ("end_date", "返國日期"), ("report_date", "報告日期"),
)

# ○○ as the sample reports mask names, plus the usual to-do markers.
PLACEHOLDER = re.compile(r"[○◯〇]{2}|(?i:todo)|待填|待補|XXX|ＸＸＸ")


def deadline_of(report: Report) -> date | None:
    return report_deadline(report.end_date,
                           from_next_working_day=rule_set(report.rules).deadline_from_next_working_day)


def run_checks(report: Report, today: date | None = None) -> list[CheckResult]:
    today = today or date.today()
    results: list[CheckResult] = []
    results += _required_fields(report)
    results += _unread_dates(report)
    results += _dates(report, today)
    results += _chapters(report)
    results.append(_summary(report))
    results.append(_recommendation_count(report))
    results += _photo_captions(report)
    results += _placeholders(report)
    return results


def overall(results: list[CheckResult]) -> str:
    """"ok" when every rule is met, else "error" if any error fails, else "warning"."""
    failing = [r for r in results if not r.ok]
    if not failing:
        return "ok"
    return ERROR if any(r.severity == ERROR for r in failing) else WARNING


# ---- individual checks ------------------------------------------------------------------------

@dataclass(frozen=True)
class PendingDate:
    """Text typed where a date belongs that could not be read; kept in Report.pending_inputs."""

    key: str  # the pending_inputs key
    label: str  # where it was typed, as the form names it
    text: str
    reason: str  # parse_roc's message
    target: str


def pending_dates(report: Report) -> list[PendingDate]:
    """The unread dates that still stand where they were typed. An entry whose place has gone (the
    itinerary day was removed, or has a date again) is ignored; the next save drops it."""
    labels = dict(REQUIRED_FIELDS)
    places = [(name, labels[name], f"field:{name}") for name in DATE_FIELDS]
    places += [(itinerary_date_key(i), f"行程表第 {i + 1} 天的日期", f"itinerary:{i}")
               for i, day in enumerate(report.itinerary) if day.date is None]
    out = []
    for key, label, target in places:
        text = report.pending_inputs.get(key, "").strip()
        if not text:
            continue
        try:
            parse_roc(text)
            reason = f"「{text}」尚未套用，請重新輸入"
        except ValueError as err:
            reason = str(err)
        out.append(PendingDate(key, label, text, reason, target))
    return out


def _unread_dates(report: Report) -> list[CheckResult]:
    out = []
    for p in pending_dates(report):
        kept = getattr(report, p.key, None) if p.key in DATE_FIELDS else None
        still = f"目前仍以 {roc_date(kept)} 計算。" if kept else ""
        out.append(CheckResult("dates.unread", "日期要看得懂", False,
                               f"{p.label}：{p.reason}。{still}按一下前往修改（原文已保留）。", p.target))
    return out


def _required_fields(report: Report) -> list[CheckResult]:
    out = []
    for name, label in REQUIRED_FIELDS:
        value = getattr(report, name)
        if not value and report.pending_inputs.get(name, "").strip():
            continue  # typed but unreadable: _unread_dates says what is wrong with it
        filled = bool(value.strip()) if isinstance(value, str) else bool(value)
        out.append(CheckResult(f"required.{name}", f"必填：{label}", filled,
                               f"已填寫{label}。" if filled else f"請填寫「{label}」。", f"field:{name}"))
    people = any(t.name.strip() for t in report.travellers)
    out.append(CheckResult("required.travellers", "必填：出國人員", people,
                           "已列出出國人員。" if people else "請在「出國人員」至少填一位出國人員的姓名。",
                           "travellers"))
    return out


def _dates(report: Report, today: date) -> list[CheckResult]:
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
    deadline = deadline_of(report)
    if deadline:
        rule = "（自返國翌日起算，遇假日順延）" if rule_set(report.rules).deadline_from_next_working_day else ""
        if written:
            ok = written <= deadline
            message = (f"報告日期在繳交期限 {roc_date(deadline)} 之內{rule}。" if ok else
                       f"報告日期 {roc_date(written)} 已超過繳交期限 {roc_date(deadline)}{rule}。")
        else:
            left = (deadline - today).days
            ok = left >= 0
            message = (f"繳交期限 {roc_date(deadline)}{rule}，還有 {left} 天。" if ok else
                       f"繳交期限 {roc_date(deadline)}{rule} 已過 {-left} 天，請儘速完成並說明。")
        out.append(CheckResult("dates.deadline", "返國後三個月內繳交", ok, message, "field:report_date"))
    return out


def _has_content(section: Section) -> bool:
    return any(s.text.strip() for _, s in section.walk())


def _chapters(report: Report) -> list[CheckResult]:
    out = []
    for key, name in DEFAULT_CHAPTERS:
        chapter = report.chapter(key)
        if chapter is None:
            out.append(CheckResult(f"chapter.{key}", f"必要章節：{name}", False,
                                   f"報告少了「{name}」章節，請加回。", f"chapter:{key}"))
            continue
        filled = _has_content(chapter) or (key == "recommendations" and any(
            r.title.strip() or r.text.strip() for r in report.recommendations))
        heading = chapter.heading or name
        out.append(CheckResult(f"chapter.{key}", f"必要章節：{name}", filled,
                               f"「{heading}」已有內容。" if filled else f"「{heading}」還是空的，請寫入內容。",
                               f"section:{chapter.id}"))
    return out


def _summary(report: Report) -> CheckResult:
    n = count_chinese(report.summary)
    title = f"摘要 {SUMMARY_MIN}–{SUMMARY_MAX} 字"
    if not report.summary.strip():
        return CheckResult("summary.length", title, False, "還沒有寫摘要。", "field:summary")
    ok = SUMMARY_MIN <= n <= SUMMARY_MAX
    if ok:
        message = f"摘要 {n} 字。"
    elif n < SUMMARY_MIN:
        message = f"摘要只有 {n} 字，建議寫到 {SUMMARY_MIN}–{SUMMARY_MAX} 字。"
    else:
        message = f"摘要有 {n} 字，建議精簡到 {SUMMARY_MAX} 字以內。"
    return CheckResult("summary.length", title, ok, message, "field:summary", WARNING)


def _recommendation_count(report: Report) -> CheckResult:
    rules = rule_set(report.rules)
    need = rules.min_recommendations
    have = sum(1 for r in report.recommendations if r.title.strip() or r.text.strip())
    ok = have >= need
    message = (f"共 {have} 項建議。" if ok else
               f"{rules.label}規定至少 {need} 項建議，目前 {have} 項。")
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
                        ("contact_name", "聯絡人"), ("summary", "摘要")):
        yield label, f"field:{name}", getattr(report, name)
    yield "出國人員", "travellers", "\n".join(
        " ".join((t.name, t.agency, t.unit, t.title, t.rank)) for t in report.travellers)
    for _, section in report.all_sections():
        yield f"「{section.heading or '未命名章節'}」", f"section:{section.id}", f"{section.heading}\n{section.text}"
    yield "行程表", "itinerary", "\n".join(
        f"{r.time} {r.place} {r.activity}" for day in report.itinerary for r in day.rows)
    for i, rec in enumerate(report.recommendations, 1):
        follow = rec.follow_up
        extra = " ".join((follow.agency, follow.status, follow.schedule, follow.budget)) if follow else ""
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
        out.append(CheckResult("placeholders", "沒有留下待填文字", True, "沒有 ○○、TODO、待填、XXX 等待填文字。"))
    return out
