"""Putting photos in order and in place: sort by time taken, assign by date, placement choices.

Plain functions over the domain Report (no Qt), so the photo page and the tests share them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from desktop.domain.numbering import chinese_number, heading_number
from desktop.domain.report import APPENDIX, Photo, Report, Section
from desktop.domain.roc_date import roc_year

APPENDIX_LABEL = "附錄（照片集）"


def sort_by_taken(photos: list[Photo]) -> list[Photo]:
    """Oldest first; photos with no date keep their order after the dated ones."""
    dated = sorted((p for p in photos if p.taken_at), key=lambda p: p.taken_at)
    return dated + [p for p in photos if not p.taken_at]


def date_position(photos: list[Photo], photo: Photo) -> int:
    """Where an imported photo goes among `photos` (the window's import and the command line's):
    before the first photo taken after it, so a folder added later still lands in date order; at
    the end when it has no date (or none is later)."""
    if photo.taken_at:
        for i, other in enumerate(photos):
            if other.taken_at and other.taken_at > photo.taken_at:
                return i
    return len(photos)


def taken_date(photo: Photo) -> date | None:
    try:
        return date.fromisoformat(photo.taken_at[:10]) if photo.taken_at else None
    except ValueError:
        return None


def trip_days(report: Report) -> list[date]:
    """The itinerary's days, or the travel period when there is no itinerary yet."""
    days = sorted({d.date for d in report.itinerary if d.date})
    if days:
        return days
    if report.start_date and report.end_date and report.start_date <= report.end_date:
        count = (report.end_date - report.start_date).days + 1
        return [report.start_date + timedelta(days=i) for i in range(min(count, 366))]
    return []


def _day_patterns(day: date, number: int | None) -> list[re.Pattern]:
    """How a sub-section heading may name a day: 3月2日, 03/02, 114/03/02, 2025-03-02, 第1天, Day 1."""
    m, d = day.month, day.day
    pieces = [
        rf"(?<!\d)0?{m}\s*月\s*0?{d}\s*日",
        rf"(?<![\d/.]){m:02d}[/.]{d:02d}(?![\d/.])|(?<![\d/.]){m}[/.]{d}(?![\d/.])",
        rf"{roc_year(day)}\s*[/.年]\s*0?{m}\s*[/.月]\s*0?{d}(?!\d)",
        rf"{day.year}\s*[-/.年]\s*0?{m}\s*[-/.月]\s*0?{d}(?!\d)",
    ]
    if number is not None:
        pieces.append(rf"第\s*(?:{number}|{chinese_number(number)})\s*[天日](?![\d一二三四五六七八九十])")
        pieces.append(rf"(?i)\bday\s*{number}\b")
    return [re.compile(p) for p in pieces]


def section_for_day(report: Report, day: date) -> Section | None:
    """The 過程 sub-section headed with that day, else the 過程 chapter itself."""
    process = report.chapter("process")
    if process is None:
        return None
    days = trip_days(report)
    number = days.index(day) + 1 if day in days else None
    patterns = _day_patterns(day, number)
    for _level, section in process.walk():
        if section is not process and any(p.search(section.heading) for p in patterns):
            return section
    return process


def assign_by_date(report: Report, photos: list[Photo] | None = None) -> tuple[int, int]:
    """Put each dated photo still in the appendix on the day it was taken. Photos the user placed
    by hand stay where they are. Returns (assigned, left in the appendix)."""
    days = set(trip_days(report))
    assigned = left = 0
    for photo in photos if photos is not None else report.photos:
        if photo.placement != APPENDIX:
            continue
        day = taken_date(photo)
        section = section_for_day(report, day) if day and (not days or day in days) else None
        if section is None:
            left += 1
            continue
        photo.placement = section.id
        assigned += 1
    return assigned, left


def placement_choices(report: Report) -> list[tuple[str, str]]:
    """(placement, label) for a chooser: the appendix, then every chapter and sub-section."""
    choices = [(APPENDIX, APPENDIX_LABEL)]

    def add(sections: list[Section], level: int) -> None:
        for n, section in enumerate(sections, start=1):
            indent = "　" * (level - 1)
            choices.append((section.id, f"{indent}{heading_number(level, n, report.heading_style)}"
                                        f"{section.heading or '（未命名）'}"))
            add(section.sections, level + 1)

    add(report.chapters, 1)
    return choices


def placement_label(report: Report, placement: str) -> str:
    if placement == APPENDIX:
        return "附錄"
    section = report.find_section(placement)
    return section.heading or "（未命名）" if section else "附錄"


def uncaptioned(photos: list[Photo]) -> list[Photo]:
    return [p for p in photos if not p.caption.strip()]
