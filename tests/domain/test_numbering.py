import pytest

from desktop.domain.numbering import chinese_number, heading_number, numbered_heading


@pytest.mark.parametrize(
    ("n", "plain", "formal"),
    [(1, "一", "壹"), (3, "三", "參"), (10, "十", "拾"), (11, "十一", "拾壹"), (20, "二十", "貳拾"),
     (21, "二十一", "貳拾壹"), (100, "一百", "壹佰"), (105, "一百零五", "壹佰零伍"), (110, "一百一十", "壹佰壹拾")],
)
def test_chinese_numbers(n, plain, formal):
    assert chinese_number(n) == plain
    assert chinese_number(n, formal=True) == formal


def test_levels_follow_official_order():
    assert [heading_number(level, 2) for level in range(1, 6)] == ["貳、", "二、", "（二）", "2.", "(2)"]


def test_chapter_style():
    assert heading_number(1, 1, "章") == "第一章"
    assert heading_number(1, 12, "章") == "第十二章"
    assert heading_number(2, 1, "章") == "一、"


def test_numbered_heading_spacing():
    assert numbered_heading(1, 1, "目的") == "壹、目的"
    assert numbered_heading(1, 1, "目的", "章") == "第一章 目的"
    assert numbered_heading(3, 4, "市長論壇") == "（四）市長論壇"
    assert numbered_heading(4, 2, "融資") == "2. 融資"


def test_zero_is_refused():
    with pytest.raises(ValueError, match="start at 1"):
        chinese_number(0)
