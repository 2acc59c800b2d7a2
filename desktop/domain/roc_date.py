"""Dates in the ROC (民國) calendar, as official documents print them.

民國 year = Gregorian year - 1911. Documents write 民國108年7月3日 on covers, 108年7月3日 in text,
108/07/03 on the portals, and the weekday as 星期三.
"""

from __future__ import annotations

import re
from datetime import date

ROC_OFFSET = 1911
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def roc_year(d: date) -> int:
    return d.year - ROC_OFFSET


def roc_date(d: date | None, *, prefix: bool = False) -> str:
    """108年7月3日, or 民國108年7月3日 with prefix; "" for no date."""
    if d is None:
        return ""
    text = f"{roc_year(d)}年{d.month}月{d.day}日"
    return f"民國{text}" if prefix else text


def roc_slash(d: date | None) -> str:
    """108/07/03, the portals' form; "" for no date."""
    if d is None:
        return ""
    return f"{roc_year(d):03d}/{d.month:02d}/{d.day:02d}"


def weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def roc_date_with_weekday(d: date | None) -> str:
    """107年7月8日（星期日）, the heading of a day in 過程."""
    if d is None:
        return ""
    return f"{roc_date(d)}（{weekday(d)}）"


def roc_period(start: date | None, end: date | None, *, prefix: bool = False) -> str:
    """民國107年7月7日至107年7月11日 (the prefix only once, as covers print it)."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return roc_date(start or end, prefix=prefix)
    return f"{roc_date(start, prefix=prefix)}至{roc_date(end)}"


_ROC_PATTERNS = (
    re.compile(r"^\s*(?:民國)?\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$"),
    re.compile(r"^\s*(?:民國)?\s*(\d{2,3})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$"),
)


def date_hint(example: date | None = None) -> str:
    """How to write a date, shown with a date of the user's own trip when there is one."""
    example = example or date.today()
    return f"請寫成 {roc_slash(example)} 或 {roc_date(example)}"


def parse_roc(text: str, example: date | None = None) -> date:
    """Read 108/07/03, 108.7.3, 108年7月3日 or 民國108年7月3日; a 4-digit year is taken as
    Gregorian (2019-07-03 and 2019/7/3 work too). Raises ValueError with a Chinese message whose
    sample date is `example` (the trip's own date) or today."""
    iso = re.match(r"^\s*(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$", text)
    if iso:
        y, m, d = (int(g) for g in iso.groups())
    else:
        match = next((m for p in _ROC_PATTERNS if (m := p.match(text))), None)
        if not match:
            raise ValueError(f"看不懂的日期「{text}」，{date_hint(example)}")
        y, m, d = (int(g) for g in match.groups())
        y += ROC_OFFSET
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueError(f"日期「{text}」不存在") from None
