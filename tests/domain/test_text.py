from desktop.domain.report import Report, Traveller, split_paragraphs
from desktop.domain.text import clean_line, clean_text, count_chinese


def test_word_line_breaks_become_paragraph_breaks():
    assert clean_text("第一段\r\n第二段\x0b第三段\r第四段") == "第一段\n第二段\n第三段\n第四段"


def test_control_characters_and_lone_surrogates_are_dropped():
    assert clean_text("A\x00B\x07C\x1fD\ud800E\ufffeF\uffff") == "ABCDEF"


def test_tabs_emoji_and_rare_cjk_are_kept():
    text = "甲\t乙 😀 𠀀 שלום"
    assert clean_text(text) == text


def test_clean_line_has_no_breaks():
    assert clean_line("  報告\n名稱  ") == "報告 名稱"


def test_count_chinese_ignores_punctuation_and_latin():
    assert count_chinese("本府（Taichung）出席，WCS 2018。") == 4


def test_paragraphs_are_lines():
    assert split_paragraphs("一\n\n 二 \n") == ["一", "二"]


def test_traveller_shorthand():
    report = Report()
    assert report.traveller_shorthand() == ""
    report.travellers = [Traveller(name="林○○", title="副市長"), Traveller(name="任○○", title="科員")]
    assert report.traveller_shorthand() == "林○○ 副市長 等2人"
    report.travellers = report.travellers[:1]
    assert report.traveller_shorthand() == "林○○ 副市長"


def test_new_report_has_required_chapters():
    report = Report.new("x")
    assert [c.heading for c in report.chapters] == ["目的", "過程", "心得", "建議"]
    assert report.chapter("process").heading == "過程"


def test_categories_text_lists_every_category_with_the_other_kind():
    report = Report(categories=["其他", "開會"], other_kind="國際會議")
    assert report.categories_text() == "其他（國際會議）、開會"
    assert Report(categories=[]).categories_text() == ""
