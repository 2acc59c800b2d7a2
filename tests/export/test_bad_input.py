"""Anything a user can paste exports to a file Word and LibreOffice open.

Property-based: hypothesis fills every text field of a report with emoji, rare CJK extension
characters, right-to-left text, control characters and markup; each output must open in python-docx
with the text intact (minus what XML cannot hold), and a sample goes through LibreOffice."""

import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.blocks import blocks_from_text
from desktop.domain.report import (
    Attachment,
    FollowUp,
    ItineraryDay,
    ItineraryRow,
    Photo,
    Recommendation,
    Report,
    Section,
    Traveller,
    split_paragraphs,
)
from desktop.domain.text import clean_line, clean_text
from desktop.export.render import export_docx, export_report, run_export
from tests.conftest import REPO_ROOT

PHOTO = str(REPO_ROOT / "docs" / "example-photos" / "control-room.jpg")
NASTY = ("😀👨‍👩‍👧‍🇹🇼", "𠀀𪚥𰻞", "עברית العربية", "\x00\x01\x08\x0b\x0c\x1f\x7f", "\ud800", "\ufffe\uffff",
         "A & B <c> {{ title }} {% if %}", "\r\n\u2028\u2029", "\u200b\u200f\u202e", "臺灣　全形空白")

pieces = st.one_of(st.sampled_from(NASTY), st.text(min_size=0, max_size=12))
nasty_text = st.lists(pieces, max_size=5).map("".join)


@st.composite
def reports(draw):
    t = draw
    report = Report.new(t(nasty_text))
    for name in ("agency", "unit", "host_agency", "visited_agencies", "system_id", "topic", "contact_name",
                 "contact_phone", "summary", "other_kind"):
        setattr(report, name, t(nasty_text))
    report.categories = ["考察", "其他"]
    report.countries, report.cities, report.keywords = [t(nasty_text)], [t(nasty_text)], [t(nasty_text)]
    report.travellers = [Traveller(*(t(nasty_text) for _ in range(5))) for _ in range(t(st.integers(0, 2)))]
    report.start_date, report.end_date, report.report_date = date(2025, 1, 2), date(2025, 1, 3), date(2025, 2, 1)
    for chapter in report.chapters:
        chapter.heading = t(nasty_text)
        chapter.set_text(t(nasty_text))
    report.chapters[1].sections = [Section(heading=t(nasty_text), blocks=blocks_from_text(t(nasty_text)))]
    report.itinerary = [ItineraryDay(date(2025, 1, 2), [ItineraryRow(t(nasty_text), t(nasty_text), t(nasty_text))
                                                        for _ in range(t(st.integers(0, 2)))])]
    report.recommendations = [Recommendation(t(nasty_text), t(nasty_text),
                                             [FollowUp(t(nasty_text), t(nasty_text), t(nasty_text), t(nasty_text))])]
    report.photos = [Photo(file=PHOTO, caption=t(nasty_text), placement=report.chapters[1].sections[0].id)]
    report.attachments = [Attachment(t(nasty_text), t(nasty_text))]
    return report


def all_text(path) -> str:
    from docx.oxml.ns import qn

    # a tab is its own element (w:tab) in a .docx: compare without tabs
    return "".join(t.text or "" for t in Document(str(path)).element.body.iter(qn("w:t"))).replace("\t", "")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(report=reports())
@pytest.mark.parametrize("template", ["full-report.docx", "summary-sheet.docx", "review-sheet.docx",
                                      "taipei-full-report.docx"])
def test_any_text_exports_and_opens(tmp_path, report, template):
    out = tmp_path / "nasty.docx"
    run_export(export_docx(report, out, template))
    text = all_text(out)

    def typed(value: str) -> str:
        return clean_line(value).replace("\t", "")

    # what the user typed is there, minus only the characters XML cannot hold
    assert typed(report.title) in text
    if template != "review-sheet.docx":
        assert typed(report.system_id) in text
    if template.endswith("full-report.docx"):
        for paragraph in split_paragraphs(clean_text(report.chapters[0].text)):
            assert paragraph.replace("\t", "") in text
        assert typed(report.photos[0].caption) in text


def test_two_hundred_thousand_characters_in_one_field(tmp_path):
    report = Report.new("長文")
    report.chapters[0].set_text(("本段" * 99 + "😀𠀀\x0b") * 1000)  # 200,000 characters, 1,000 paragraphs
    out = tmp_path / "long.docx"
    run_export(export_docx(report, out))
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs.count("本段" * 99 + "😀𠀀") == 1000


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) 或 poppler-utils 未安裝")
def test_a_sample_converts_with_libreoffice(tmp_path):
    every = "".join(NASTY)
    report = Report.new("樣本" + every)
    report.summary = every * 200
    report.travellers = [Traveller(every, every, every, every, every)]
    for chapter in report.chapters:
        chapter.heading = every
        chapter.set_text(f"{every}\n{every}")
    report.itinerary = [ItineraryDay(date(2025, 1, 2), [ItineraryRow(every, every, every)] * 2)]
    report.recommendations = [Recommendation(every, every, [FollowUp(every, every, every, every)])]
    report.photos = [Photo(file=PHOTO, caption=every, placement="appendix")]
    out = tmp_path / "nasty.pdf"
    run_export(export_report(report, out, "pdf"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "樣本" in text
    assert "עברית" in text or "תירבע" in text  # RTL may come out in visual order
