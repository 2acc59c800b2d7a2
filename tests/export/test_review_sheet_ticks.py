"""The 審核表's machine ticks are the review's results, for every kind, on any dates."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.checks import deadline_of, run_checks
from desktop.domain.kinds import registry
from desktop.export.context import build_context
from tests.domain.complete_report import complete_report

KINDS = sorted(registry().kinds)
CHECKED, UNCHECKED = "☑", "☐"

# Days around which deadlines go wrong: month ends, leap days, 春節 2025–2026, 國慶, a make-up workday.
TRICKY = [date(2024, 1, 31), date(2024, 2, 29), date(2024, 11, 30), date(2025, 1, 24), date(2025, 2, 7),
          date(2025, 10, 9), date(2025, 12, 31), date(2026, 2, 13), date(2026, 2, 14), date(2026, 2, 27),
          date(2026, 9, 24), date(2026, 10, 8)]
return_days = st.one_of(st.sampled_from(TRICKY), st.dates(date(2023, 1, 1), date(2027, 12, 31)))


def ticks(item) -> bool | None:
    assert (item["self_yes"], item["self_no"]) in {(CHECKED, UNCHECKED), (UNCHECKED, CHECKED), (UNCHECKED, UNCHECKED)}
    return True if item["self_yes"] == CHECKED else False if item["self_no"] == CHECKED else None


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(KINDS), end=return_days, late=st.integers(-5, 130), written=st.booleans(),
       emptied=st.lists(st.integers(0, 5), max_size=3), no_recommendations=st.booleans())
def test_review_sheet_ticks_equal_the_review(kind, end, late, written, emptied, no_recommendations):
    report = complete_report(kind)
    report.start_date, report.end_date = end - timedelta(days=4), end
    report.report_date = end + timedelta(days=late) if written else None
    for i in emptied:
        if i < len(report.chapters):
            report.chapters[i].set_text("")
            report.chapters[i].sections = []
    if no_recommendations:
        report.recommendations = []
    results = run_checks(report, today=end + timedelta(days=30))
    items = build_context(report)["review_items"]
    if not registry().get(kind).template_name("review_sheet"):
        assert items == []  # a kind without a 審核表 (the press release) prints no items
        return
    on_time, complete = ticks(items[0]), ticks(items[1])

    deadline = next((r for r in results if r.code == "dates.deadline"), None)
    assert on_time == (deadline.ok if deadline else None)
    parts = [r for r in results if r.code.startswith("chapter.")]
    assert complete == (all(r.ok for r in parts) if parts else None)
    # and the tick says what the deadline rule says, with the kind's own rule
    due = deadline_of(report)
    if written and due is not None:
        assert on_time is (report.report_date <= due.due)
    assert all(ticks(item) is None for item in items[2:])


def test_a_taipei_report_due_after_a_weekend_is_ticked_on_time_in_the_exported_sheet(tmp_path):
    """A Friday return counts from Monday under Taipei's rule; the sheet used to tick 否 here."""
    from docx import Document

    from desktop.export.render import export_docx, run_export

    report = complete_report("taipei")
    report.end_date, report.report_date = date(2018, 7, 13), date(2018, 10, 15)
    assert not [r for r in run_checks(report, date(2018, 10, 1)) if not r.ok]
    out = tmp_path / "審核表.docx"
    run_export(export_docx(report, out, "review-sheet.docx"))
    rows = Document(str(out)).tables[1].rows
    first = [c.text for c in rows[2].cells]
    assert first[1].startswith("依限繳交")
    assert first[2:4] == [CHECKED, UNCHECKED]
