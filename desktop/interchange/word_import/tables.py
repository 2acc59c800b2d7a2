"""Recognising the report's own tables by their header row: the itinerary, the traveller list and
the 建議事項採行情形追蹤表. Columns are found by name in whatever order the document has them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.report import FollowUp, ItineraryDay, ItineraryRow, Traveller
from desktop.domain.text import clean_line
from desktop.interchange.word_import.field_values import parse_date
from desktop.interchange.word_import.outline import Table

ITINERARY_COLUMNS = {
    "date": ("日期", "月日", "date"),
    "weekday": ("星期", "週", "day"),
    "time": ("時間", "時段", "time"),
    "place": ("地點", "起迄地點", "地區", "城市", "場所", "拜會地點", "參訪地點", "place"),
    "activity": ("行程", "行程概述", "行程內容", "活動", "活動內容", "內容", "工作內容", "議程", "拜會行程", "參訪行程",
                 "行程摘要", "行程紀要", "說明", "activity"),
}
TRAVELLER_COLUMNS = {
    "no": ("編號", "序號", "項次", "no"),
    "name": ("姓名", "name"),
    "agency": ("服務機關", "機關", "機關名稱"),
    "unit": ("單位", "服務單位", "單位名稱"),
    "title": ("職稱", "職務"),
    "rank": ("官職等", "職等"),
}
FOLLOW_UP_COLUMNS = {
    "no": ("編號", "序號", "項次"),
    "recommendation": ("建議事項", "建議", "建議內容"),
    "agency": ("主(協)辦機關", "主協辦機關", "主辦機關", "辦理機關", "權責機關"),
    "status": ("採行情形", "辦理情形", "執行情形"),
    "schedule": ("辦理期程", "期程", "預定完成期限"),
    "budget": ("經費需求", "經費"),
}


def _norm(text: str) -> str:
    return re.sub(r"[\s\u3000()（）/／]", "", text).lower()


def columns(header: list[str], names: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Role → column index, by exact name first, then by a name the header cell contains."""
    found: dict[str, int] = {}
    cells = [_norm(h) for h in header]
    for role, words in names.items():
        keys = [_norm(w) for w in words]
        for i, cell in enumerate(cells):
            if cell in keys and i not in found.values():
                found[role] = i
                break
    for role, words in names.items():
        if role in found:
            continue
        keys = [_norm(w) for w in words]
        for i, cell in enumerate(cells):
            if i not in found.values() and cell and len(cell) <= 8 and any(k in cell for k in keys if len(k) >= 2):
                found[role] = i
                break
    return found


@dataclass
class Itinerary:
    days: list[ItineraryDay] = field(default_factory=list)
    unread_dates: dict[int, str] = field(default_factory=dict)  # day index → the text kept


def read_itinerary(table: Table, year_hint: int | None) -> Itinerary | None:
    """The itinerary when the table's header names a date column and a place or activity column.
    A day spans its rows (merged date cells repeat their date in Table.texts())."""
    texts = table.texts()
    if len(texts) < 2:
        return None
    cols = columns(texts[0], ITINERARY_COLUMNS)
    if "date" not in cols or not ({"place", "activity"} & set(cols)):
        return None
    out = Itinerary()
    owner_rows = _date_owner_rows(table, cols["date"])
    previous = ""
    for r, row in enumerate(texts[1:], start=1):
        def cell(role: str, row=row) -> str:
            return clean_line(row[cols[role]]) if role in cols and cols[role] < len(row) else ""

        date_text = cell("date")
        item = ItineraryRow(cell("time"), cell("place"), cell("activity"))
        if not out.days:
            new_day = True
        elif owner_rows.get(r, r) != r or not date_text:
            new_day = False  # merged from the row above, or the date written only on a day's first row
        else:
            new_day = date_text != previous
        if new_day:
            previous = date_text
            try:
                day_date = parse_date(date_text, year_hint) if date_text else None
            except ValueError:
                day_date = None
                out.unread_dates[len(out.days)] = date_text
            out.days.append(ItineraryDay(day_date, []))
        if any((item.time, item.place, item.activity)):
            out.days[-1].rows.append(item)
    return out


def _date_owner_rows(table: Table, col: int) -> dict[int, int]:
    """Row → the row whose date cell covers it (itself unless merged from above)."""
    owner: dict[int, int] = {}
    for r, row in enumerate(table.rows):
        cell = row[col] if col < len(row) else None
        if cell is not None:
            for dr in range(cell.rowspan):
                owner[r + dr] = r
    return owner


def read_travellers(table: Table) -> list[Traveller] | None:
    """The traveller list when the header names 姓名 and at least one of 職稱, 單位, 服務機關."""
    texts = table.texts()
    if len(texts) < 2:
        return None
    cols = columns(texts[0], TRAVELLER_COLUMNS)
    if "name" not in cols or not ({"title", "unit", "agency"} & set(cols)):
        return None
    people = []
    for row in texts[1:]:
        values = {role: clean_line(row[i]) if i < len(row) else "" for role, i in cols.items()}
        if not values.get("name"):
            continue
        people.append(Traveller(name=values["name"], agency=values.get("agency", ""), unit=values.get("unit", ""),
                                title=values.get("title", ""), rank=values.get("rank", "")))
    return people


@dataclass
class FollowUpRow:
    number: str
    recommendation: str
    follow_up: FollowUp


def read_follow_ups(table: Table) -> list[FollowUpRow] | None:
    texts = table.texts()
    if len(texts) < 2:
        return None
    cols = columns(texts[0], FOLLOW_UP_COLUMNS)
    if "recommendation" not in cols or "status" not in cols:
        return None
    rows = []
    for row in texts[1:]:
        def cell(role: str, row=row) -> str:
            return clean_line(row[cols[role]]) if role in cols and cols[role] < len(row) else ""

        rows.append(FollowUpRow(cell("no"), cell("recommendation"),
                                FollowUp(cell("agency"), cell("status"), cell("schedule"), cell("budget"))))
    return rows


def label_rows(table: Table) -> list[list[str]]:
    """The table's rows as texts, for label/value reading (提要)."""
    return [[t for t in row] for row in table.texts()]
