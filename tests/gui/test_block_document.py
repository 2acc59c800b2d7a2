"""The editor's document and report blocks convert into each other without loss."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.domain.blocks import (
    Cell,
    ListBlock,
    ListItem,
    Paragraph,
    PhotoBlock,
    Run,
    Table,
    normalize_table,
    table_from_texts,
)
from desktop.gui.widgets.block_document import (
    CAPTION,
    block_role,
    list_format,
    load_document,
    read_blocks,
    remove_table,
    write_blocks,
)

RICH = [
    Paragraph([Run("本次"), Run("重點", bold=True), Run("在於"), Run("智慧", italic=True), Run("號誌", underline=True)]),
    ListBlock([ListItem([Run("甲")]), ListItem([Run("甲之一")], 1), ListItem([Run("細項")], 2), ListItem([Run("乙")])],
              ordered=True),
    normalize_table(Table([[Cell("年度", rowspan=2), Cell("名次", colspan=2), None], [None, Cell("臺北"), Cell("上海\n浦東")]],
                          header_rows=2, widths=[30, 35, 35], caption="國際城市評比", note="資料來源：EIU")),
    PhotoBlock("photo1"),
    Paragraph([Run("結語")]),
    ListBlock([ListItem([Run("要點")])]),
]


def loaded(blocks, qapp) -> QTextDocument:
    document = QTextDocument()
    load_document(document, blocks)
    return document


def test_every_kind_of_block_comes_back_as_it_went_in(qapp):
    assert read_blocks(loaded(RICH, qapp)) == RICH


def test_loading_leaves_nothing_to_undo(qapp):
    document = loaded(RICH, qapp)
    assert not document.isUndoAvailable()


def test_numbered_lists_show_the_punctuation_of_the_official_sequence(qapp):
    assert (list_format(True, 0, 1).numberPrefix(), list_format(True, 0, 1).numberSuffix()) == ("", "、")
    assert (list_format(True, 1, 1).numberPrefix(), list_format(True, 1, 1).numberSuffix()) == ("（", "）")
    assert list_format(True, 2, 1).numberSuffix() == "."
    assert list_format(True, 0, 2).numberPrefix() == "（"  # a list in a 一、 section counts （1）


def test_a_table_caption_is_the_paragraph_right_above_the_table(qapp):
    document = loaded([Paragraph([Run("前文")]), table_from_texts([["a", "b"]], caption="議程")], qapp)
    captions = [document.findBlockByNumber(n) for n in range(document.blockCount())]
    assert [b.text() for b in captions if block_role(b) == CAPTION] == ["議程"]


def test_deleting_a_table_keeps_its_caption_and_note_and_the_paragraphs_apart(qapp):
    document = loaded([table_from_texts([["a", "b"], ["c", "d"]], caption="議程", note="資料來源：主辦單位"),
                       Paragraph([Run("後文")])], qapp)
    remove_table(QTextCursor(document.findBlockByNumber(1)).currentTable(), document)
    assert read_blocks(document) == [Paragraph([Run("議程")]), Paragraph([Run("資料來源：主辦單位")]),
                                     Paragraph([Run("後文")])]
    assert not any(block_role(document.findBlockByNumber(n)) for n in range(document.blockCount()))
    document.undo()
    assert read_blocks(document)[0].caption == "議程"


def test_a_paste_of_several_blocks_lands_between_the_text_before_and_after_the_cursor(qapp):
    document = loaded([Paragraph([Run("前半後半")])], qapp)
    cursor = QTextCursor(document)
    cursor.setPosition(2)
    write_blocks(cursor, [Paragraph([Run("貼上一")]), ListBlock([ListItem([Run("項")])])])
    assert read_blocks(document) == [Paragraph([Run("前半")]), Paragraph([Run("貼上一")]),
                                     ListBlock([ListItem([Run("項")])]), Paragraph([Run("後半")])]


def test_one_pasted_paragraph_joins_the_paragraph_at_the_cursor(qapp):
    document = loaded([Paragraph([Run("前後")])], qapp)
    cursor = QTextCursor(document)
    cursor.setPosition(1)
    write_blocks(cursor, [Paragraph([Run("粗", bold=True)])])
    assert read_blocks(document) == [Paragraph([Run("前"), Run("粗", bold=True), Run("後")])]


def test_a_paste_into_a_cell_keeps_the_words_as_the_cell_lines(qapp):
    document = loaded([table_from_texts([["時間", "議程"], ["", ""]])], qapp)
    table = QTextCursor(document.findBlockByNumber(1)).currentTable()
    cursor = table.cellAt(1, 1).firstCursorPosition()
    write_blocks(cursor, [Paragraph([Run("開幕")]), ListBlock([ListItem([Run("致詞")])])])
    assert read_blocks(document)[0].rows[1][1].text == "開幕\n●致詞"


def test_a_paste_is_one_undo_step(qapp):
    document = loaded([Paragraph([Run("原文")])], qapp)
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.End)
    write_blocks(cursor, RICH)
    document.undo()
    assert read_blocks(document) == [Paragraph([Run("原文")])]


def test_text_typed_next_to_a_photo_is_its_own_paragraph(qapp):
    document = loaded([PhotoBlock("p1")], qapp)
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.End)
    cursor.insertText("圖後文字")
    assert read_blocks(document) == [PhotoBlock("p1"), Paragraph([Run("圖後文字")])]


def test_an_unchanged_table_is_read_from_the_cache(qapp):
    document = loaded([table_from_texts([["a", "b"], ["c", "d"]])], qapp)
    cache: dict = {}
    first = read_blocks(document, cache)
    (key,) = cache
    cache[key] = table_from_texts([["cached", "b"], ["c", "d"]])
    assert read_blocks(document, cache)[0].rows[0][0].text == "cached"
    assert first[0].rows[0][0].text == "a"
