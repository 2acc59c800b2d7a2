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


ENGLISH = ("Expecting", "delimiter", "property", "value", "Invalid", "Extra data", "is not", "should")


@pytest.mark.parametrize(("text", "where", "likely"), [
    ('{"extends": "central"\n  "name": "x"}', "第 2 行第 3 欄", "少了一個逗號"),
    ('{"extends": "central",\n "name": "x",\n}', "第 3 行第 1 欄", "多了逗號"),
    ("{'extends': 'central'}", "第 1 行第 2 欄", "單引號"),
    ('{"extends": "central", "name": "x"}}', "第 1 行第 36 欄", "多餘的內容"),
    ('{"extends": "central", "name": "沒有結尾}', "第 1 行第 32 欄", "少了結尾的半形雙引號"),
])
def test_a_kind_file_with_a_json_mistake_is_explained_in_chinese(data_dir, text, where, likely):
    _agency_kind(data_dir, "broken", text)
    [broken] = scan(data_dir).unusable
    assert "「kind.json」不是有效的 JSON" in broken.reason
    assert where in broken.reason
    assert likely in broken.reason
    assert "少了逗號、最後一項後面多了逗號" in broken.reason  # the usual mistakes, to look for
    assert not [word for word in ENGLISH if word in broken.reason]


@pytest.mark.parametrize(("content", "reason"), [
    ({"extends": "central", "name": "x", "chapters": [{"key": "a", "title": "A", "holds": ["text", "text"]}]},
     "「chapters[0].holds」的項目重複了"),
    ({"extends": "central", "name": "x", "rules": {"deadline": {"months": 0, "from": "return_day"}}},
     "「rules.deadline.months」不能小於 1"),
    ({"extends": "central", "name": "x", "rules": {"deadline": {"months": 30, "from": "return_day"}}},
     "「rules.deadline.months」不能大於 24"),
])
def test_every_schema_rule_a_kind_breaks_is_said_in_chinese(data_dir, content, reason):
    _agency_kind(data_dir, "broken", content)
    [broken] = scan(data_dir).unusable
    assert reason in broken.reason
    assert not [word for word in ENGLISH if word in broken.reason]


def test_the_default_kind_is_declared_once():
    """A new draft, a draft file that names no kind and a new database row all take kinds.DEFAULT_KIND;
    no other Python file spells a kind's id as its default."""
    import re

    from desktop.interchange.draft_json import report_from_dict, report_to_dict
    from desktop.storage.models import Draft
    from tests.conftest import REPO_ROOT

    assert Report().kind == DEFAULT_KIND
    written = report_to_dict(Report.new("x", "taipei"))
    del written["kind"]
    assert report_from_dict(written).kind == DEFAULT_KIND
    assert Draft().kind == DEFAULT_KIND
    shipped_ids = "|".join(re.escape(k) for k in SHIPPED)
    spelled = re.compile(rf"""(?:default\s*=|=|or)\s*["']({shipped_ids})["']""")
    offenders = [str(p.relative_to(REPO_ROOT)) for p in (REPO_ROOT / "desktop").rglob("*.py")
                 if p.name not in ("kinds.py", "schema_sql.py") and spelled.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
