"""The body as blocks: well-formed tables, list numbering, the plain-text view, JSON-ready data."""

from __future__ import annotations

import json

import pytest

from desktop.domain.blocks import (
    MAX_COLUMNS,
    Cell,
    ListBlock,
    ListItem,
    Paragraph,
    PhotoBlock,
    Run,
    Table,
    block_from_data,
    block_to_data,
    blocks_from_text,
    caption_text,
    fit_table,
    has_content,
    list_markers,
    looks_like_caption,
    looks_like_note,
    normalize_blocks,
    normalize_runs,
    normalize_table,
    plain_text,
    table_from_texts,
    with_placed_photos,
)


def agenda() -> Table:
    return table_from_texts([["時間", "議程"], ["09:00", "開幕致詞"], ["10:00", "專題演講\n（智慧城市）"]],
                            caption="論壇議程", note="資料來源：主辦單位")


def test_legacy_text_becomes_one_paragraph_per_line():
    blocks = blocks_from_text("第一段\n\n  第二段  \r\n第三段\x00")
    assert [b.text for b in blocks] == ["第一段", "第二段", "第三段"]


def test_runs_are_cleaned_and_neighbours_of_the_same_emphasis_joined():
    runs = normalize_runs([Run("重", bold=True), Run("點", bold=True), Run(""), Run("一般\x07"), Run("\n換行")])
    assert runs == [Run("重點", bold=True), Run("一般 換行")]


def test_a_ragged_table_is_padded_and_a_span_into_text_is_cut_short():
    table = normalize_table(Table([
        [Cell("年度", rowspan=3), Cell("指標"), Cell("名次", colspan=5)],
        [None, Cell("經濟力")],
        [Cell("不該被蓋住"), Cell("環境力"), Cell("1")],
    ]))
    assert table.columns == 3
    assert table.rows[0][0].rowspan == 2  # stops above the cell that has its own text
    assert table.rows[0][2].colspan == 1  # only one column was left to span
    assert table.rows[1][0] is None
    assert table.rows[1][2] == Cell("")  # padded
    assert table.rows[2][0].text == "不該被蓋住"


def test_a_none_no_span_covers_becomes_an_empty_cell():
    table = normalize_table(Table([[Cell("a"), None], [None, Cell("b")]]))
    assert table.rows == [[Cell("a"), Cell("")], [Cell(""), Cell("b")]]


def test_a_table_wider_than_a_page_is_split_with_nothing_lost():
    texts = [[f"{r}-{c}" for c in range(MAX_COLUMNS * 2 + 5)] for r in range(3)]
    parts = fit_table(table_from_texts(texts, caption="寬表", note="資料來源：測試"))
    assert [p.columns for p in parts] == [MAX_COLUMNS, MAX_COLUMNS, 5]
    assert [p.caption for p in parts] == ["寬表", "寬表（續）", "寬表（續）"]
    assert [p.note for p in parts] == ["", "", "資料來源：測試"]
    rebuilt = [sum((p.cell_texts()[r] for p in parts), []) for r in range(3)]
    assert rebuilt == texts


def test_a_span_across_the_split_keeps_its_text_in_the_first_part():
    start = MAX_COLUMNS - 2
    row = [Cell(str(c)) for c in range(start)] + [Cell("跨欄", colspan=4), None, None, None]
    first, second = fit_table(Table([row]))
    assert first.rows[0][start] == Cell("跨欄", 1, 2)
    assert second.rows[0][0] == Cell("")


def test_numbered_lists_follow_the_official_sequence_below_the_section():
    block = ListBlock([ListItem([Run("甲")], 0), ListItem([Run("甲之一")], 1), ListItem([Run("甲之二")], 1),
                       ListItem([Run("細項")], 2), ListItem([Run("乙")], 0), ListItem([Run("乙之一")], 1)], ordered=True)
    assert list_markers(block, section_level=1) == ["一、", "（一）", "（二）", "1.", "二、", "（一）"]
    assert list_markers(block, section_level=2)[:4] == ["（一）", "1.", "2.", "(1)"]
    bullets = ListBlock(block.items, ordered=False)
    assert list_markers(bullets, 1)[:4] == ["●", "○", "○", "■"]


def test_plain_text_holds_every_word_of_paragraphs_lists_and_table_cells():
    blocks = [Paragraph([Run("本次"), Run("重點", bold=True)]), ListBlock([ListItem([Run("第一項")])], ordered=True),
              agenda(), PhotoBlock("p1")]
    text = plain_text(blocks)
    assert text.split("\n") == ["本次重點", "1.第一項", "表：論壇議程", "時間｜議程", "09:00｜開幕致詞",
                                "10:00｜專題演講 （智慧城市）", "資料來源：主辦單位"]
    assert plain_text(blocks, photo_caption={"p1": "市長致詞"}.get).endswith("〔照片〕市長致詞")


def test_a_merged_cell_appears_once_in_the_plain_text():
    table = normalize_table(Table([[Cell("2017", rowspan=2), Cell("經濟")], [None, Cell("環境")]]))
    assert plain_text([table]) == "2017｜經濟\n｜環境"


def test_a_body_with_only_a_photo_has_content():
    assert has_content([PhotoBlock("p")])
    assert not has_content([Paragraph([])])


def test_normalize_drops_empty_blocks_and_clamps_list_levels():
    blocks = normalize_blocks([Paragraph([Run("  ")]), ListBlock([ListItem([Run("深")], 7), ListItem([])]),
                               Table([]), PhotoBlock("")])
    assert blocks == [ListBlock([ListItem([Run("深")], 2)])]


@pytest.mark.parametrize(("text", "caption"), [("表一 天下雜誌國內城市評比", "天下雜誌國內城市評比"), ("表3：議程", "議程"),
                                               ("表 12. 行程", "行程"), ("議程表", "議程表")])
def test_a_typed_table_number_is_dropped_from_the_caption(text, caption):
    assert caption_text(text) == caption


def test_caption_and_note_lines_are_recognised():
    assert looks_like_caption("表四 臺北市級姊妹市列表")
    assert not looks_like_caption("表示同意")
    assert looks_like_note("資料來源：筆者根據臺北市政府網頁自行整理。")
    assert not looks_like_note("資料顯示")


def test_every_block_survives_json_data_unchanged():
    blocks = [Paragraph([Run("粗", bold=True), Run("斜", italic=True), Run("底", underline=True), Run("平")]),
              Paragraph([Run("只有文字")]),
              ListBlock([ListItem([Run("一")]), ListItem([Run("二", bold=True)], 1)], ordered=True),
              normalize_table(Table([[Cell("年度", rowspan=2), Cell("名次", colspan=2), None],
                                     [None, Cell("臺北"), Cell("上海")]], header_rows=2, widths=[30, 35, 35],
                                    caption="評比", note="資料來源：EIU")),
              PhotoBlock("abc123")]
    data = json.loads(json.dumps([block_to_data(b) for b in blocks], ensure_ascii=False))
    assert data[1] == {"type": "paragraph", "text": "只有文字"}
    assert data[3]["rows"][0] == [{"text": "年度", "rowspan": 2, "colspan": 1}, {"text": "名次", "rowspan": 1,
                                                                               "colspan": 2}, None]
    assert [block_from_data(d) for d in data] == blocks


def test_unknown_block_type_is_refused():
    with pytest.raises(ValueError, match="video"):
        block_from_data({"type": "video"})


def test_photos_print_where_their_blocks_are_and_their_placement_decides_the_section():
    blocks = [Paragraph([Run("前")]), PhotoBlock("moved"), PhotoBlock("here"), Paragraph([Run("後")]),
              PhotoBlock("here")]
    assert with_placed_photos(blocks, "s1", ["here", "placed-from-photo-step"]) == [
        Paragraph([Run("前")]), PhotoBlock("here"), Paragraph([Run("後")]), PhotoBlock("placed-from-photo-step")]
