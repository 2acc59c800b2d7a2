"""A paste into a chapter keeps its list and emphasis; a paste into a plain field that loses formatting
says so, and a pasted list leaves no bullets behind as text there."""

from PySide6.QtCore import QMimeData, Qt

from desktop.domain.blocks import ListBlock, ListItem, Paragraph, Run
from desktop.domain.report import Report
from desktop.gui.widgets.pasted_html import drop_list_markers, read_pasted_html
from desktop.gui.widgets.text_edits import CleanPlainTextEdit
from tests.gui.editor_helpers import show
from tests.gui.typing import type_text

# What Word puts on the clipboard for a bulleted list: the bullet is text inside an mso-list:Ignore span.
WORD_HTML = """<html><body><!--StartFragment-->
<p class=MsoListParagraphCxSpFirst style='margin-left:24pt;mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='font-family:Wingdings;mso-list:Ignore'>-<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span><![endif]><span lang=ZH-TW>一、緣起</span></p>
<p class=MsoListParagraphCxSpLast style='margin-left:24pt;mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='mso-list:Ignore'>-<span>&nbsp;&nbsp;</span></span><![endif]><b>二、目的</b></p>
<p class=MsoNormal>- 這一行本來就以減號開頭</p>
<!--EndFragment--></body></html>"""
WORD_TEXT = "-\t一、緣起\n-\t二、目的\n- 這一行本來就以減號開頭\n"


def paste(widget, text: str, html: str = "") -> None:
    mime = QMimeData()
    mime.setText(text)
    if html:
        mime.setHtml(html)
    widget.insertFromMimeData(mime)


def test_pasting_word_into_a_chapter_keeps_its_list_and_bold(qtbot, window):
    window.open_draft(window.services.repo.create(Report.new("貼上")))
    chapter = show(window.editor_page, "purpose").chapter_editor
    paste(chapter.text_edit, WORD_TEXT, WORD_HTML)
    assert chapter.text_edit.blocks() == [
        ListBlock([ListItem([Run("一、緣起")]), ListItem([Run("二、目的", bold=True)])]),
        Paragraph([Run("- 這一行本來就以減號開頭")])]
    assert not chapter.paste_notice.isVisible()  # everything the paste carried was kept


def test_a_plain_field_drops_the_bullets_and_says_what_formatting_went(qtbot):
    field = CleanPlainTextEdit()
    qtbot.addWidget(field)
    notices = []
    field.formattingDropped.connect(notices.append)
    paste(field, WORD_TEXT, WORD_HTML)
    assert field.text() == "一、緣起\n二、目的\n- 這一行本來就以減號開頭\n"
    assert notices == ["貼上的內容中，粗體、清單已改為純文字（這一欄只保留文字與段落）。"]
    paste(field, "只有文字")  # a plain paste lost nothing: the notice goes
    assert notices[-1] == ""


def test_a_web_page_list_and_its_markers():
    pasted = read_pasted_html("<ul><li>• 第一點</li><li><i>第二點</i></li></ul><p>1. 不是清單</p>"
                              "<b style='font-weight:normal' id='docs-internal-guid-1'>一般文字</b>")
    assert pasted.formatting == ["斜體", "清單"]  # Google Docs' normal-weight <b> is not bold
    text = "• 第一點\n• 第二點\n1. 不是清單\n一般文字"
    assert drop_list_markers(text, pasted.list_items) == "第一點\n第二點\n1. 不是清單\n一般文字"
    assert read_pasted_html("<p>純文字</p>").notice() == ""


def test_summary_paragraphs_sit_apart_as_in_a_chapter(qtbot, window):
    report = Report.new("摘要段落")
    report.summary = "第一段摘要。\n第二段摘要。"
    window.open_draft(window.services.repo.create(report))
    edit = show(window.editor_page, "summary").edit
    document = edit.document()
    layout = document.documentLayout()
    line = edit.fontMetrics().height()
    first, second = document.findBlockByNumber(0), document.findBlockByNumber(1)
    assert layout.blockBoundingRect(second).top() - layout.blockBoundingRect(first).top() >= line + 6
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClick(edit, Qt.Key_Return)  # a paragraph typed anew gets the same gap
    type_text(qtbot, edit, "第三段")
    assert document.findBlockByNumber(2).blockFormat().bottomMargin() == 6
    assert edit.text() == "第一段摘要。\n第二段摘要。\n第三段"  # the gap is only shown
    qtbot.keyClick(edit, Qt.Key_Z, Qt.ControlModifier)
    assert "第三段" not in edit.text()  # typing is undone; loading the text was not an edit


def test_paragraphs_sit_a_little_apart(qtbot, window):
    window.open_draft(window.services.repo.create(Report.new("段落")))
    text = show(window.editor_page, "purpose").chapter_editor.text_edit
    type_text(qtbot, text, "第一段")
    qtbot.keyClick(text, Qt.Key_Return)
    type_text(qtbot, text, "第二段")
    document = text.document()
    assert [document.findBlockByNumber(n).blockFormat().bottomMargin() for n in range(2)] == [6, 6]
    layout = document.documentLayout()
    first, second = document.findBlockByNumber(0), document.findBlockByNumber(1)
    line = text.fontMetrics().height()
    assert layout.blockBoundingRect(second).top() - layout.blockBoundingRect(first).top() >= line + 6
    assert text.blocks() == [Paragraph([Run("第一段")]), Paragraph([Run("第二段")])]  # the gap is only shown


def test_a_paste_into_the_summary_says_what_became_plain_text(qtbot, window):
    window.open_draft(window.services.repo.create(Report.new("摘要貼上")))
    summary = show(window.editor_page, "summary")
    paste(summary.edit, WORD_TEXT, WORD_HTML)
    assert summary.edit.text() == "一、緣起\n二、目的\n- 這一行本來就以減號開頭\n"
    notice = summary.paste_notice
    assert notice.isVisible()
    assert notice.text() == "貼上的內容中，粗體、清單已改為純文字（這一欄只保留文字與段落）。"
    paste(summary.edit, "只有文字")
    assert not notice.isVisible()  # a paste that lost nothing takes the notice away


def test_a_paste_into_a_recommendation_says_what_became_plain_text(qtbot, window):
    window.open_draft(window.services.repo.create(Report.new("建議貼上")))
    step = show(window.editor_page, "recommendations")
    step.add()
    paste(step.text_edit, WORD_TEXT, WORD_HTML)
    assert step.paste_notice.isVisible()
    assert step.paste_notice.text().startswith("貼上的內容中，粗體、清單已改為純文字")
    step.add()  # another recommendation shown: the notice was about the first one's paste
    assert not step.paste_notice.isVisible()


def test_the_chapter_summary_and_recommendation_notices_are_one_widget(qtbot, window):
    window.open_draft(window.services.repo.create(Report.new("同一種提示")))
    editor = window.editor_page
    notices = [show(editor, "purpose").chapter_editor.paste_notice, show(editor, "summary").paste_notice,
               show(editor, "recommendations").paste_notice]
    assert len({type(n) for n in notices}) == 1  # one look, one accessible name, one wording
    assert {n.accessibleName() for n in notices} == {"貼上提示"}
