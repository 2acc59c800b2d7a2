"""The kind loader: built-in kinds, an agency's folder, and broken kinds listed with the reason."""

import json

import pytest

from desktop.domain.kinds import DEFAULT_KIND, get_kind, scan
from desktop.domain.report import Report

SHIPPED = {"central", "taipei", "taichung", "new-taipei", "summary-only", "press-release"}


def test_every_shipped_kind_loads():
    registry = scan()
    assert registry.unusable == []
    assert set(registry.kinds) == SHIPPED
    assert registry.default.id == DEFAULT_KIND


def test_a_kind_extends_another_and_overrides_only_what_it_names():
    central, taipei = get_kind("central"), get_kind("taipei")
    assert taipei.steps == central.steps
    assert taipei.deadline_rule.from_next_working_day
    assert not central.deadline_rule.from_next_working_day
    assert taipei.rule("min_recommendations") == 3
    assert taipei.summary_rule == central.summary_rule
    assert [c.title for c in taipei.chapters] == ["緣起與目的", "過程", "心得及建議"]


def test_a_new_draft_takes_its_kinds_chapters_and_heading_style():
    report = Report.new("x", "new-taipei")
    assert report.kind == "new-taipei"
    assert report.heading_style == "章"
    assert [c.heading for c in report.chapters] == ["目的", "過程", "心得", "建議"]
    assert Report.new("x", "summary-only").chapters == []


def _agency_kind(data_dir, name, content):
    folder = data_dir / "kinds" / name
    folder.mkdir(parents=True)
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    (folder / "kind.json").write_text(text, encoding="utf-8")
    return folder


GOOD = {"extends": "central", "name": "出國報告（範例局）", "rules": {"min_recommendations": 2}}


@pytest.mark.parametrize(("content", "reason"), [
    ("{ 這不是 JSON", "不是有效的 JSON"),
    ({"extends": "central", "name": "x", "steps": [{"id": "a", "title": "A", "page": "magic", "hint": "h"}]},
     "「steps[0].page」的值「magic」不認得"),
    ({"extends": "central", "name": "x", "steps": [{"id": "a", "title": "A", "page": "fields", "hint": "h",
                                                    "fields": [{"key": "title", "type": "slider", "label": "L"}]}]},
     "「steps[0].fields[0].type」的值「slider」不認得"),
    ({"extends": "central", "name": "x", "templates": {"report": "missing.docx"}}, "找不到報告範本「missing.docx」"),
    ({"extends": "nowhere", "name": "x"}, "不存在的內建種類「nowhere」"),
    ({"extends": "central", "name": "x", "colour": "red"}, "不認得的欄位「colour」"),
])
def test_a_broken_agency_kind_is_unusable_with_the_reason_and_the_others_still_load(data_dir, content, reason):
    _agency_kind(data_dir, "broken", content)
    _agency_kind(data_dir, "good", GOOD)
    registry = scan(data_dir)
    assert SHIPPED | {"good"} == set(registry.kinds)
    [broken] = registry.unusable
    assert broken.id == "broken"
    assert reason in broken.reason


def test_an_agency_kinds_template_failing_the_check_makes_it_unusable(data_dir):
    folder = _agency_kind(data_dir, "own", {**GOOD, "templates": {"report": "own.docx"}})
    (folder / "own.docx").write_bytes(b"not a zip")
    registry = scan(data_dir, template_problems=lambda path: ["不是 Word 檔"] if path.name == "own.docx" else [])
    assert "own" not in registry.kinds
    assert "報告範本「own.docx」有問題：不是 Word 檔" in registry.unusable[0].reason


def test_an_agency_kind_may_not_take_a_built_in_id(data_dir):
    _agency_kind(data_dir, "taipei", GOOD)
    registry = scan(data_dir)
    assert registry.get("taipei").builtin
    assert "與內建種類相同" in registry.unusable[0].reason


def test_a_draft_whose_kind_is_gone_uses_the_default_with_a_notice(data_dir):
    from desktop.domain.kinds import kind_of, missing_kind_notice, use_registry

    report = Report.new("x")
    report.kind = "retired"
    use_registry(scan(data_dir))
    try:
        assert kind_of(report).id == DEFAULT_KIND
        assert "「retired」目前無法使用" in missing_kind_notice(report)
        assert report.kind == "retired"  # nothing rewritten: the kind comes back when its folder does
    finally:
        use_registry(None)
