"""Reading a printed value back into the draft field it came from.

The names are the template names (docs/templates.md): 「period」 prints 民國107年7月7日至107年7月11日,
「places」 prints 日本、韓國（東京、大阪）, 「category_boxes」 prints ☑考察　☐進修 …. Each reader undoes
what build_context did, and accepts the usual hand-typed spellings too (108年7月3日至5日, 108/07/03).
A value that cannot be read is kept: dates in `pending_inputs` (the form shows it, red), the rest
as typed.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.domain.report import Report, Traveller
from desktop.domain.roc_date import ROC_OFFSET, parse_roc
from desktop.domain.text import clean_line

CHECKED = "☑☒■✓✔"
UNCHECKED = "☐□"
_FULL_DATE = re.compile(r"(?:民國)?\s*(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_SLASH_DATE = re.compile(r"(\d{2,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_PERIOD_SPLIT = re.compile(r"\s*(?:至|到|~|～|－|—|–|\s-\s)\s*")
_LIST_SPLIT = re.compile(r"[、，,；;]\s*")


def _year(y: int) -> int:
    return y if y > 1911 else y + ROC_OFFSET


def parse_period(text: str) -> tuple[date, date]:
    """民國107年7月7日至107年7月11日, 108年7月3日至5日, 108年7月3日至7月5日, 108/07/03-108/07/05.
    Raises ValueError."""
    text = clean_line(text)
    parts = _PERIOD_SPLIT.split(text, maxsplit=1)
    if len(parts) == 1 and "-" in text and _SLASH_DATE.fullmatch(text) is None:
        parts = text.split("-", 1)
    start_text = parts[0]
    match = _FULL_DATE.fullmatch(start_text.strip()) or _SLASH_DATE.fullmatch(start_text.strip())
    if not match:
        raise ValueError(text)
    y, m, d = (int(g) for g in match.groups())
    start = date(_year(y), m, d)
    if len(parts) == 1:
        return start, start
    end_text = parts[1].strip()
    full = _FULL_DATE.fullmatch(end_text) or _SLASH_DATE.fullmatch(end_text)
    if full:
        y2, m2, d2 = (int(g) for g in full.groups())
        return start, date(_year(y2), m2, d2)
    month_day = re.fullmatch(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?", end_text) or re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})",
                                                                                        end_text)
    if month_day:
        m2, d2 = (int(g) for g in month_day.groups())
        year = start.year + (1 if m2 < start.month else 0)
        return start, date(year, m2, d2)
    day = re.fullmatch(r"(\d{1,2})\s*日?", end_text)
    if day:
        return start, date(start.year, start.month, int(day.group(1)))
    raise ValueError(text)


def parse_date(text: str, year_hint: int | None = None) -> date:
    """A single date in any spelling parse_roc reads, 107年7月8日（星期日）, or 7月8日 / 7/8 with
    the year of the trip. Raises ValueError."""
    text = re.sub(r"[（(]\s*(?:星期|週|周)?[一二三四五六日天]\s*[)）]", "", clean_line(text)).strip()
    text = re.sub(r"\s*(?:星期|週|周)[一二三四五六日天]$", "", text).strip()
    try:
        return parse_roc(text)
    except ValueError:
        pass
    match = _FULL_DATE.fullmatch(text)
    if match:
        y, m, d = (int(g) for g in match.groups())
        return date(_year(y), m, d)
    if year_hint:
        short = re.fullmatch(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?", text) or re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})", text)
        if short:
            return date(year_hint, int(short.group(1)), int(short.group(2)))
    raise ValueError(text)


def split_list(text: str) -> list[str]:
    return [x for x in (clean_line(p) for p in _LIST_SPLIT.split(text)) if x]


def parse_places(text: str) -> tuple[list[str], list[str]]:
    """日本、韓國（東京、大阪） → countries and cities."""
    text = clean_line(text)
    match = re.fullmatch(r"(.*?)\s*[（(](.*)[)）]\s*", text)
    if match and match.group(1):
        return split_list(match.group(1)), split_list(match.group(2))
    return split_list(text), []


def parse_categories(text: str, known: list[str]) -> tuple[list[str], str]:
    """開會、考察 or 其他（國際會議） → categories in the printed order and the 其他 sub-kind."""
    chosen, other = [], ""
    for part in split_list(re.sub(r"[（(]([^）)]*)[)）]", lambda m: "（" + m.group(1).replace("、", "\x00") + "）", text)):
        part = part.replace("\x00", "、")
        sub = re.fullmatch(r"(.+?)[（(](.*)[)）]", part)
        if sub:
            part, other = sub.group(1).strip(), sub.group(2).strip()
        chosen.append(part)
    return [c for c in chosen if c], other


def ticked(text: str) -> list[str]:
    """☑考察　☐進修 … → the ticked names, in the order printed."""
    out = []
    for match in re.finditer(rf"([{CHECKED}{UNCHECKED}])\s*([^{CHECKED}{UNCHECKED}（()）\s]+)", text):
        if match.group(1) in CHECKED:
            out.append(match.group(2).strip())
    return out


def parse_traveller_line(text: str, with_rank: bool) -> Traveller:
    """王大明／臺南市政府消防局／局本部／副局長／簡任第十一職等 (empty parts are left out when
    printed, so a short line fills the fields from the front and the title from the end)."""
    parts = [clean_line(p) for p in re.split(r"[／/]", text)]
    parts = [p for p in parts if p]
    names = ["name", "agency", "unit", "title", "rank"] if with_rank else ["name", "agency", "unit", "title"]
    t = Traveller()
    if len(parts) >= len(names):
        for name, value in zip(names, parts[:len(names)], strict=True):
            setattr(t, name, value)
        if len(parts) > len(names):
            setattr(t, names[-1], "／".join(parts[len(names) - 1:]))
        return t
    if parts:
        t.name = parts[0]
    if len(parts) >= 2:
        t.title = parts[-1] if not with_rank or not _is_rank(parts[-1]) else parts[-2]
        rest = parts[1:-1] if t.title == parts[-1] else parts[1:-2]
        if with_rank and _is_rank(parts[-1]):
            t.rank = parts[-1]
        if rest:
            t.agency = rest[0]
        if len(rest) >= 2:
            t.unit = "／".join(rest[1:])
    return t


def _is_rank(text: str) -> bool:
    return bool(re.search(r"職等|[簡薦委]任|[0-9０-９一二三四五六七八九十]等$", text))


def parse_contact_line(text: str) -> tuple[str, str]:
    """陳美玲／06-2975119分機1203 → name and phone; a lone phone number is the phone."""
    parts = [clean_line(p) for p in re.split(r"[／/]", text, maxsplit=1)]
    if len(parts) == 2:
        return parts[0], parts[1]
    if re.search(r"\d{3,}", parts[0]) and not re.search(r"[\u4e00-\u9fff]{2,}", re.sub(r"分機|轉", "", parts[0])):
        return "", parts[0]
    return parts[0], ""


def traveller_shorthand_matches(report: Report, line: str) -> bool:
    probe = Report(travellers=report.travellers)
    return clean_line(probe.traveller_shorthand()).replace(" ", "") == clean_line(line).replace(" ", "")
