from datetime import date

import pytest

from desktop.domain.roc_date import (
    parse_roc,
    roc_date,
    roc_date_with_weekday,
    roc_period,
    roc_slash,
    weekday,
)


def test_cover_date_has_minguo_prefix():
    assert roc_date(date(2019, 7, 3), prefix=True) == "民國108年7月3日"
    assert roc_date(date(2019, 7, 3)) == "108年7月3日"


def test_portal_form_is_zero_padded():
    assert roc_slash(date(2019, 7, 3)) == "108/07/03"
    assert roc_slash(date(1921, 1, 9)) == "010/01/09"


def test_weekday_in_chinese():
    assert weekday(date(2019, 7, 3)) == "星期三"
    assert roc_date_with_weekday(date(2018, 7, 8)) == "107年7月8日（星期日）"


def test_period_prints_prefix_once():
    assert roc_period(date(2018, 7, 7), date(2018, 7, 11), prefix=True) == "民國107年7月7日至107年7月11日"
    assert roc_period(None, None) == ""
    assert roc_period(date(2018, 7, 7), None) == "107年7月7日"


def test_empty_date_prints_nothing():
    assert roc_date(None) == ""
    assert roc_slash(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("108/07/03", date(2019, 7, 3)),
        ("108/7/3", date(2019, 7, 3)),
        ("108.7.3", date(2019, 7, 3)),
        ("108年7月3日", date(2019, 7, 3)),
        ("民國 108 年 7 月 3 日", date(2019, 7, 3)),
        ("2019-07-03", date(2019, 7, 3)),
        ("99/12/31", date(2010, 12, 31)),
    ],
)
def test_parse_roc_accepts_common_forms(text, expected):
    assert parse_roc(text) == expected


@pytest.mark.parametrize("text", ["", "明天", "108/13/01", "108/02/30", "1/2"])
def test_parse_roc_rejects_with_chinese_message(text):
    with pytest.raises(ValueError, match="日期"):
        parse_roc(text)


def test_roundtrip_slash_form():
    d = date(2025, 10, 16)
    assert parse_roc(roc_slash(d)) == d
