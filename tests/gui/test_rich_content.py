"""Rich content end to end, as a user does it: copy from Word, paste into a chapter with Ctrl+V,
close the program, open it again, export — and the .docx holds the table with its header and
caption inside that chapter, the lists numbered and bulleted, the bold run bold."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from desktop.domain.blocks import ListBlock, Paragraph, Table
from desktop.domain.report import Report
from desktop.gui import export_dialog
from desktop.gui.export_dialog import ExportChoiceDialog
from desktop.storage import close_database
from tests.gui.editor_helpers import make_window, show

CLIPBOARD = Path(__file__).resolve().parent.parent / "fixtures" / "clipboard"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def chapter_elements(doc, heading: str) -> list:
    """The body elements (paragraphs and tables) between a chapter's heading and the next one."""
    body = list(doc.element.body)
    start = next(i for i, el in enumerate(body) if el.tag == qn("w:p") and _text(el) == heading)
    out = []
    for el in body[start + 1:]:
        style = el.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(qn("w:val")) == "Heading1":
            break
        out.append(el)
    return out


def _text(el) -> str:
    return "".join("\t" if t.tag == qn("w:tab") else (t.text or "") for t in el.iter(qn("w:t"), qn("w:tab")))


def test_word_paste_survives_a_restart_and_exports_inside_its_chapter(qtbot, data_dir, monkeypatch, tmp_path):
    window = make_window(qtbot, data_dir)
    draft_id = window.services.repo.create(Report.new("從 Word 貼上"))
    window.open_draft(draft_id)
    chapter = show(window.editor_page, "process").chapter_editor
    box = chapter.text_edit
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=3000)

    mime = QMimeData()  # what Word for Windows puts on the clipboard: HTML beside plain text
    mime.setHtml((CLIPBOARD / "word-2016-zh-tw.html").read_text(encoding="utf-8"))
    mime.setText("本次論壇由新加坡市區重建局主辦…\r\n")
    QApplication.clipboard().setMimeData(mime)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.No))
    qtbot.keyClick(box, Qt.Key_V, Qt.ControlModifier)
    (question,) = asked  # the picture is offered, not taken silently
    assert "1 張圖片" in question
    assert chapter.paste_notice.text() == "貼上的 1 張圖片未加入。"
    assert window.save_pending_edits()
    window.close()
    close_database()

    window = make_window(qtbot, data_dir)  # the program started again
    export_dialog.install(window)
    window.open_draft(draft_id)
    box = show(window.editor_page, "process").chapter_editor.text_edit
    assert [type(b) for b in box.blocks()] == [Paragraph, ListBlock, Table, ListBlock]
    target = tmp_path / "報告.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(ExportChoiceDialog, "exec", lambda self: self.choose("docx") or QDialog.Accepted)
    told = []
    monkeypatch.setattr(export_dialog, "tell_exported", lambda parent, path: told.append(path) or "")
    window.export_action.trigger()
    assert told == [target]
    window.close()
    close_database()

    doc = Document(str(target))
    elements = chapter_elements(doc, "貳、過程")
    paragraphs = [_text(el) for el in elements if el.tag == qn("w:p")]
    tables = [el for el in elements if el.tag == qn("w:tbl")]
    assert len(tables) == 1  # the table is inside 過程, not elsewhere
    assert paragraphs[0].startswith("本次論壇由新加坡市區重建局主辦")
    bold = [_text(r) for r in elements[0].iter(qn("w:r")) if r.find(f"{W}rPr/{W}b") is not None]
    assert bold == ["路燈整合"]
    assert paragraphs[1:4] == ["●\t號誌時制依車流即時調整", "○\t尖峰時段延長綠燈", "●\t路燈改用LED並遠端監控"]
    assert "表1：論壇議程" in paragraphs  # the caption, numbered, above the table
    caption_at = next(i for i, el in enumerate(elements) if _text(el) == "表1：論壇議程")
    assert elements[caption_at + 1] is tables[0]
    assert _text(elements[caption_at + 2]) == "資料來源：論壇主辦單位"
    assert paragraphs[-2:] == ["一、\t建置號誌資料平臺", "二、\t試辦路燈遠端監控"]  # numbered as below 貳、
    table = next(t for t in doc.tables if t._tbl is tables[0])
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["時間", "議程"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert all(r.bold for c in header.cells for p in c.paragraphs for r in p.runs)
    assert table.cell(1, 0)._tc is table.cell(2, 0)._tc  # the merged 09:00-12:00 cell
    assert [p.text for p in table.cell(2, 1).paragraphs] == ["專題演講：智慧城市", "（新加坡市區重建局）"]
