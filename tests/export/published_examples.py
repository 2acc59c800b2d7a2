"""Drafts made from the published reports in the shared examples folder (test data only: nothing
of their text ships with the app). Returns None when the folder is not beside the checkout."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from desktop.domain.report import ItineraryDay, ItineraryRow, Recommendation, Report, Section, Traveller
from desktop.domain.roc_date import parse_roc
from tests.conftest import REPO_ROOT

# Beside the checkout when it is the team's working copy; CI clones elsewhere, so the workplace's
# shared folder and an explicit TRIPREPORT_EXAMPLES_DIR are looked at too.
CANDIDATES = [Path(p) for p in filter(None, [os.environ.get("TRIPREPORT_EXAMPLES_DIR")])] + [
    REPO_ROOT.parent / "shared" / "examples", REPO_ROOT.parent.parent / "shared" / "examples",
    Path("/work/shared/examples"),
]


def example_file(name: str) -> Path | None:
    return next((folder / name for folder in CANDIDATES if (folder / name).is_file()), None)


def _between(lines: list[str], start: str, end: str) -> list[str]:
    i = next(n for n, line in enumerate(lines) if line.startswith(start))
    j = next(n for n, line in enumerate(lines) if n > i and line.startswith(end))
    return [line.strip() for line in lines[i + 1:j] if line.strip()]


def _value(lines: list[str], label: str) -> str:
    line = next(line for line in lines if line.startswith(label))
    return line[len(label):].strip()


def taichung_report() -> Report | None:
    path = example_file("taichung-2018-world-cities-summit.txt")
    if path is None:
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    report = Report.new(_value(lines, "出國報告提要名稱："), "taichung")
    report.categories, report.agency = ["其他"], "臺中市政府"
    report.host_agency = _value(lines, "出國計畫主辦機關：")
    contact = _value(lines, "聯絡人：")
    report.contact_name, report.contact_phone = (x.strip() for x in contact.split("電話："))
    people = _between(lines, "出國人員姓名/服務機關/單位/職稱", "出國類別")
    report.travellers = [Traveller(name=p[0], agency=p[1], unit=p[2], title=p[3])
                         for p in (line.split("/") for line in people)]
    period = _value(lines, "出國期間：").split("\t")[0]
    start, end = period.split("至")
    report.start_date, report.end_date = parse_roc(start), parse_roc(end)
    report.report_date = parse_roc(_value(lines, "報告日期："))
    report.countries = ["新加坡"]
    summary = next(line for line in lines if line.startswith("<p>壹、摘要"))
    paragraphs = [re.sub(r"<[^>]+>", "", p).strip() for p in summary.split("</p>")]
    report.summary = "\n".join(p for p in paragraphs[1:] if p)
    report.chapter("purpose").set_text("\n".join(_between(lines, "參、目的", "肆、過程")))
    rows = _between(lines, "日期\t星期", "二、")
    for row in rows:
        day, _weekday, place, activity = (row.split("\t") + ["", "", "", ""])[:4]
        report.itinerary.append(ItineraryDay(parse_roc(day), [ItineraryRow("全日", place, activity)]))
    process = _between(lines, "二、", "伍、心得")
    heading_two = next(line for line in lines if line.startswith("二、")).strip()
    sections = [Section(heading=heading_two[2:].strip())]
    for line in process:
        if re.match(r"^[一二三四五六七八九十]、", line):
            sections.append(Section(heading=line[2:].strip()))
        elif re.match(r"^\([一二三四五六七八九十]\)", line):
            sections[-1].sections.append(Section(heading=line[3:].strip()))
        else:
            target = sections[-1].sections[-1] if sections[-1].sections else sections[-1]
            target.set_text(target.text + ("\n" if target.text else "") + line.lstrip("- "))
    report.chapter("process").sections = sections
    report.chapter("insights").set_text("\n".join(line.lstrip("- ")[2:] for line in _between(lines, "伍、心得", "陸、建議")))
    recs = [line.lstrip("- ")[2:] for line in lines[lines.index("陸、建議") + 1:] if line.strip()]
    report.recommendations = [Recommendation(title=r.split("，")[0][:30], text=r) for r in recs]
    return report


def press_release_report() -> Report | None:
    path = example_file("taipei-press-release-2021-smart-city-summit.txt")
    if path is None:
        return None
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = Report.new(lines[5], "press-release")
    report.agency = _value(lines, "發布機關:")
    slash = _value(lines, "張貼日:")
    report.report_date = parse_roc(slash)
    report.contact_name = _value(lines, "聯絡人:")
    report.contact_phone = _value(lines, "聯絡資訊:")
    body = [line for line in lines[6:] if not line.startswith(("圖", "- **", "直播網址", "【"))]
    report.chapters[0].set_text("\n".join(body[:3]))
    assert report.report_date == date(2021, 3, 28)
    return report
