from datetime import date

import pytest

from desktop.domain.blocks import blocks_from_text
from desktop.domain.checks import ERROR, WARNING, deadline_of, overall, run_checks
from desktop.domain.report import Photo, Recommendation, Section
from tests.domain.complete_report import complete_report

TODAY = date(2018, 9, 30)


def failing(report, today=TODAY):
    return [r for r in run_checks(report, today) if not r.ok]


def codes(results):
    return {r.code for r in results}


@pytest.mark.parametrize("kind", ["central", "taipei", "taichung", "new-taipei"])
def test_a_complete_report_passes_every_check(kind):
    results = run_checks(complete_report(kind), TODAY)
    assert [r for r in results if not r.ok] == []
    assert overall(results) == "ok"


def test_end_before_start_is_a_problem_pointing_at_the_return_date():
    r = complete_report()
    r.start_date, r.end_date = date(2018, 7, 11), date(2018, 7, 7)
    problems = failing(r)
    order = next(p for p in problems if p.code == "dates.order")
    assert order.target == "field:end_date"
    assert "107年7月7日" in order.message


def test_report_date_before_return():
    r = complete_report()
    r.report_date = date(2018, 7, 10)
    assert "dates.report_after_return" in codes(failing(r))


def test_report_date_after_the_deadline():
    r = complete_report()
    r.report_date = date(2018, 10, 12)
    problem = next(p for p in failing(r) if p.code == "dates.deadline")
    assert "107年10月11日" in problem.message
    r.report_date = date(2018, 10, 11)
    assert failing(r) == []


def test_taipei_deadline_counts_from_the_next_working_day():
    r = complete_report("taipei")
    r.end_date = date(2018, 7, 13)  # a Friday
    assert deadline_of(r).due == date(2018, 10, 15)
    r.report_date = date(2018, 10, 15)
    assert failing(r) == []
    r.kind = "central"
    assert "dates.deadline" in codes(failing(r))


def test_no_report_date_yet_counts_days_left_and_flags_overdue():
    r = complete_report()
    r.report_date = None
    deadline = next(x for x in run_checks(r, date(2018, 10, 1)) if x.code == "dates.deadline_left")
    assert deadline.ok
    assert "10 天" in deadline.message
    overdue = next(x for x in run_checks(r, date(2018, 10, 20)) if x.code == "dates.deadline_left")
    assert not overdue.ok


def test_empty_required_chapter_points_at_the_chapter():
    r = complete_report()
    insights = r.chapter("insights")
    insights.set_text("   ")
    problem = next(p for p in failing(r) if p.code == "chapter.insights")
    assert problem.target == f"section:{insights.id}"


def test_a_chapter_with_only_sub_sections_counts_as_written():
    r = complete_report()
    purpose = r.chapter("purpose")
    purpose.set_text("")
    purpose.sections = [Section(heading="緣起", blocks=blocks_from_text("因為…"))]
    assert failing(r) == []


def test_missing_required_chapter():
    r = complete_report()
    r.chapters = [c for c in r.chapters if c.key != "purpose"]
    problem = next(p for p in failing(r) if p.code == "chapter.purpose")
    assert problem.target == "chapter:purpose"


def test_recommendations_chapter_filled_by_the_list_alone():
    r = complete_report()
    r.chapter("recommendations").set_text("")
    assert failing(r) == []
    r.recommendations = []
    assert {"chapter.recommendations", "recommendations.count"} <= codes(failing(r))


def test_one_chapter_of_insights_and_recommendations_satisfies_both_parts():
    r = complete_report("taipei")
    joint = r.chapter("insights_recommendations")
    assert joint is not None
    assert joint.heading == "心得及建議"
    joint.set_text("")
    assert failing(r) == []  # its recommendation list is content
    r.recommendations = []
    assert {"chapter.insights", "chapter.recommendations"} <= codes(failing(r))
    joint.set_text("心得。")
    r.recommendations = [Recommendation("建議", "說明")] * 3
    assert failing(r) == []


def test_a_grouping_heading_without_text_is_fine_an_empty_leaf_is_a_notice():
    r = complete_report()
    process = r.chapter("process")
    process.set_text("")
    process.sections = [Section(heading="參訪", sections=[Section(heading="第一站", blocks=blocks_from_text("內容"))])]
    assert failing(r) == []
    process.sections[0].sections.append(Section(heading="第二站"))
    notice = next(p for p in failing(r) if p.code == "sections.empty")
    assert notice.severity == WARNING
    assert "第二站" in notice.message


@pytest.mark.parametrize(("n", "ok"), [(199, False), (200, True), (300, True), (301, False)])
def test_central_summary_band_is_a_warning(n, ok):
    r = complete_report()
    r.summary = "字" * n + "，ABC 123。"  # punctuation and Latin are not counted
    result = next(x for x in run_checks(r, TODAY) if x.code == "summary.length")
    assert result.ok is ok
    assert result.severity == WARNING
    if not ok:
        assert overall(run_checks(r, TODAY)) == WARNING


@pytest.mark.parametrize(("n", "ok"), [(499, False), (500, True), (2000, True)])
def test_taichung_summary_needs_500_characters_as_a_rule(n, ok):
    r = complete_report("taichung")
    r.summary = "字" * n
    result = next(x for x in run_checks(r, TODAY) if x.code == "summary.length")
    assert result.ok is ok
    assert result.severity == ERROR
    assert result.title == "摘要 500 字以上"


def test_empty_summary_is_an_error():
    r = complete_report()
    r.summary = ""
    result = next(x for x in failing(r) if x.code == "summary.missing")
    assert result.severity == ERROR


def test_taipei_needs_three_recommendations_central_one():
    r = complete_report("taipei")
    r.recommendations = r.recommendations[:2] + [Recommendation()]  # an empty item does not count
    problem = next(p for p in failing(r) if p.code == "recommendations.count")
    assert "至少 3 項建議，目前 2 項" in problem.message
    r.kind = "central"
    assert "recommendations.count" not in codes(failing(r))


def test_each_uncaptioned_photo_is_listed():
    r = complete_report()
    r.photos += [Photo(file="b.jpg"), Photo(file="c.jpg", caption="  ")]
    problems = [p for p in failing(r) if p.code == "photos.captions"]
    assert [p.target for p in problems] == [f"photo:{r.photos[1].id}", f"photo:{r.photos[2].id}"]


@pytest.mark.parametrize("text", ["林○○ 副市長", "TODO 補上", "todo", "內容待填", "XXX公司"])
def test_placeholders_are_found_in_a_sub_section(text):
    r = complete_report()
    sub = r.chapter("process").sections[0]
    sub.set_text(text)
    problem = next(p for p in failing(r) if p.code == "placeholders")
    assert problem.target == f"section:{sub.id}"


def test_placeholders_in_recommendations_and_travellers():
    r = complete_report()
    r.travellers[0].name = "林○○"
    r.recommendations[1].text = "經費待填"
    targets = {p.target for p in failing(r) if p.code == "placeholders"}
    assert targets == {"travellers", f"recommendation:{r.recommendations[1].id}"}


def test_no_check_title_shows_a_to_do_marker():
    r = complete_report()
    r.summary = "TODO"
    assert all("TODO" not in x.title.upper() for x in run_checks(r, TODAY))


def test_required_cover_fields():
    r = complete_report()
    r.title, r.countries, r.travellers = "", [], []
    assert {"required.title", "required.countries", "required.travellers"} == codes(failing(r))
