"""尋找與取代 in one draft, without Qt."""

from __future__ import annotations

from desktop.domain.find_replace import find, replace, replace_all


def test_find_lists_every_place_in_reading_order(example_report):
    report = example_report
    report.summary = "福岡的防災中心。"
    report.chapters[0].set_text("參訪福岡市。\n再訪福岡。")
    report.recommendations[0].title = "學習福岡"
    report.photos[0].caption = "福岡市民防災中心"
    matches = find(report, "福岡")
    kinds = [m.place.kind for m in matches]
    assert kinds[:3] == ["summary", "text", "text"]
    assert "recommendation-title" in kinds
    assert "caption" in kinds
    assert matches[0].context == "…【福岡】的防災中心。…"
    assert matches[2].context == "…再訪【福岡】。…"  # each paragraph is searched on its own
    assert matches[1].place.target == f"section:{report.chapters[0].id}"
    assert matches[1].place.label.startswith("壹、")


def test_replace_one_changes_only_that_match(example_report):
    report = example_report
    report.chapters[0].set_text("臺北、臺北、臺北")
    matches = [m for m in find(report, "臺北") if m.place.owner == report.chapters[0].id]
    assert replace(report, matches[1], "臺北", "台北")
    assert report.chapters[0].text == "臺北、台北、臺北"
    assert not replace(report, matches[1], "臺北", "台北")  # stale: the text there changed


def test_replace_all_counts_and_changes_every_kind_of_text(example_report):
    report = example_report
    before = len(find(report, "防災"))
    assert before > 3
    assert replace_all(report, "防災", "防救災") == before
    assert find(report, "防災") == []
    assert len(find(report, "防救災")) == before


def test_latin_letters_can_ignore_case(example_report):
    example_report.summary = "BCP 與 bcp"
    assert len([m for m in find(example_report, "bcp") if m.place.kind == "summary"]) == 1
    assert len([m for m in find(example_report, "bcp", ignore_case=True) if m.place.kind == "summary"]) == 2


def test_an_empty_search_finds_nothing(example_report):
    assert find(example_report, "") == []
    assert replace_all(example_report, "", "x") == 0


def test_replacing_keeps_emphasis_lists_and_tables(example_report):
    from desktop.domain.blocks import ListBlock, ListItem, Paragraph, Run, table_from_texts

    chapter = example_report.chapters[0]
    chapter.blocks = [Paragraph([Run("前往"), Run("福岡市", bold=True), Run("考察")]),
                      ListBlock([ListItem([Run("福岡防災中心")])], ordered=True),
                      table_from_texts([["城市", "福岡"], ["人口", "160萬"]], caption="福岡概況", note="資料來源：福岡市")]
    mine = [m for m in find(example_report, "福岡") if m.place.owner == chapter.id]
    assert len(mine) == 5  # the paragraph, the item, the caption, a cell, the note
    assert replace(example_report, mine[0], "福岡", "北九州")
    assert chapter.blocks[0].runs == [Run("前往"), Run("北九州市", bold=True), Run("考察")]
    assert replace_all(example_report, "福岡", "博多") >= 4
    paragraph, items, table = chapter.blocks
    assert items.items[0].text == "博多防災中心"
    assert (table.caption, table.rows[0][1].text, table.note) == ("博多概況", "博多", "資料來源：博多市")
    assert table.columns == 2
