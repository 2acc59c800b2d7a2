"""Photos at their place in a chapter's text: one of the draft's photos or a new file put at the
cursor, a pasted picture added only when the user says so, a photo taken out of the text kept in
the appendix, a photo placed from the 照片 step shown in the text."""

from __future__ import annotations

import base64
import io

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.domain.blocks import Paragraph, PhotoBlock, Run, paragraph
from desktop.domain.report import APPENDIX, Photo, Report
from desktop.export.photos_layout import plan_photos
from desktop.gui.steps import chapter_photos
from tests.gui.editor_helpers import open_report, show
from tests.photos.images import card


def two_paragraphs(window, photos=()):
    report = Report.new("照片在文中")
    report.chapter("process").blocks = [paragraph("前一段"), paragraph("後一段")]
    report.photos = list(photos)
    editor = open_report(window, report)
    chapter = show(editor, "process").chapter_editor
    return editor, chapter


def cursor_after_first_paragraph(box) -> None:
    cursor = box.textCursor()
    cursor.setPosition(box.document().findBlockByNumber(0).position())
    cursor.movePosition(QTextCursor.EndOfBlock)
    box.setTextCursor(cursor)
    box.setFocus()


def test_a_draft_photo_goes_where_the_cursor_is_and_moves_to_this_section(qtbot, window, monkeypatch):
    photo = Photo(file="ab/none.jpg", caption="會場", placement=APPENDIX)
    editor, chapter = two_paragraphs(window, [photo])
    box = chapter.text_edit
    cursor_after_first_paragraph(box)

    def choose(picker):
        assert picker.list.count() == 1
        picker.list.setCurrentRow(0)
        picker.accept()
        return QDialog.Accepted

    monkeypatch.setattr(chapter_photos.PhotoPicker, "exec", choose)
    qtbot.keyClick(box, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    assert box.blocks() == [paragraph("前一段"), PhotoBlock(photo.id), paragraph("後一段")]
    assert window.save_pending_edits()
    stored = window.services.repo.load(editor.report.id)
    assert stored.chapter("process").blocks == box.blocks()
    assert stored.photos[0].placement == stored.chapter("process").id
    plan = plan_photos(stored)
    assert [p.photo.id for rows in plan.by_section[stored.chapter("process").id] for row in rows for p in row] == [
        photo.id]


def test_a_new_file_is_imported_through_the_photo_import_and_lands_at_the_cursor(qtbot, window, monkeypatch, tmp_path):
    image = tmp_path / "new.jpg"
    card().save(image, "JPEG")
    editor, chapter = two_paragraphs(window)
    box = chapter.text_edit
    cursor_after_first_paragraph(box)

    def choose(picker):
        picker.chosen_files = [str(image)]
        return QDialog.Accepted

    monkeypatch.setattr(chapter_photos.PhotoPicker, "exec", choose)
    chapter.format_actions.photo.trigger()
    kinds = [type(b) for b in box.blocks()]
    assert kinds == [Paragraph, PhotoBlock, Paragraph]  # the place is held while it imports
    qtbot.waitUntil(lambda: len(editor.report.photos) == 1, timeout=60_000)
    chapter.photos.wait()
    photo = editor.report.photos[0]
    assert window.services.photos.has(photo.file)
    assert photo.placement == editor.report.chapter("process").id
    assert box.blocks()[1] == PhotoBlock(photo.id)


def test_a_picture_in_a_paste_is_added_only_when_the_user_says_yes(qtbot, window, monkeypatch):
    editor, chapter = two_paragraphs(window)
    box = chapter.text_edit
    cursor_after_first_paragraph(box)
    data = io.BytesIO()
    card().save(data, "PNG")
    picture = "data:image/png;base64," + base64.b64encode(data.getvalue()).decode()
    mime = QMimeData()
    mime.setHtml(f"<p>貼上的文字</p><p><img src='{picture}'></p><p>圖後文字</p>"
                 "<p><img src='https://example.org/web.jpg'></p>")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    box.insertFromMimeData(mime)
    qtbot.waitUntil(lambda: len(editor.report.photos) == 1, timeout=60_000)
    chapter.photos.wait()
    photo = editor.report.photos[0]
    assert box.blocks() == [paragraph("前一段"), paragraph("貼上的文字"), PhotoBlock(photo.id), paragraph("圖後文字"),
                            paragraph("後一段")]
    assert "網頁上的圖片不會自動下載" in chapter.paste_notice.text()  # the web picture, said, not fetched


def test_a_photo_taken_out_of_the_text_stays_in_the_report_in_the_appendix(qtbot, window):
    report_photo = Photo(file="ab/x.jpg", caption="會場")
    report = Report.new("取出照片")
    process = report.chapter("process")
    report_photo.placement = process.id
    process.blocks = [paragraph("前"), PhotoBlock(report_photo.id), paragraph("後")]
    report.photos = [report_photo]
    editor = open_report(window, report)
    box = show(editor, "process").chapter_editor.text_edit
    cursor = box.textCursor()
    block = box.document().findBlockByNumber(1)
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + 1, QTextCursor.KeepAnchor)
    box.setTextCursor(cursor)
    qtbot.keyClick(box, Qt.Key_Delete)
    assert window.save_pending_edits()
    stored = window.services.repo.load(editor.report.id)
    assert [p.placement for p in stored.photos] == [APPENDIX]
    assert PhotoBlock(report_photo.id) not in stored.chapter("process").blocks


def test_a_photo_placed_from_the_photo_step_shows_at_the_end_of_the_section(qtbot, window):
    photo = Photo(file="ab/x.jpg", caption="會場", placement=APPENDIX)
    editor, chapter = two_paragraphs(window, [photo])
    editor.report.photos[0].placement = editor.report.chapter("process").id  # as the 照片 step does
    show(editor, "photos")
    show(editor, "process")
    assert chapter.text_edit.blocks() == [paragraph("前一段"), paragraph("後一段"), PhotoBlock(photo.id)]
    assert chapter.text_edit.blocks()[0] == Paragraph([Run("前一段")])


def test_a_photo_with_no_small_picture_yet_is_drawn_once_it_is_made(qtbot, window, monkeypatch):
    """A photo whose file this PC has but whose thumbnail it never made (it came with a package,
    or from a co-author on the agency server) first says it is loading, then shows its picture —
    not 「照片檔不見了」, and not by making the thumbnail on the window's thread."""
    from PySide6.QtGui import QColor

    from desktop.gui.photos.photo_page import PhotoPage
    from desktop.gui.widgets.photo_figure import FIGURE_WIDTH
    from tests.photos.images import QUADRANTS

    monkeypatch.setattr(PhotoPage, "_make_missing_thumbnails", lambda *_a: None)  # the 照片 step is not first

    jpeg = io.BytesIO()
    card().save(jpeg, "JPEG")
    key = window.services.photos.add_bytes(jpeg.getvalue(), ".jpg")
    assert not window.services.photos.thumb_path(key).is_file()
    photo = Photo(file=key, caption="會場")
    report = Report.new("照片在文中")
    photo.placement = report.chapter("process").id
    report.chapter("process").blocks = [paragraph("前一段"), PhotoBlock(photo.id), paragraph("後一段")]
    report.photos = [photo]
    editor = open_report(window, report)
    chapter = show(editor, "process").chapter_editor
    first = chapter.photos.figure(photo.id)
    qtbot.waitUntil(lambda: chapter.photos.figure(photo.id) is not first, timeout=10_000)
    shown = chapter.photos.figure(photo.id)
    assert window.services.photos.thumb_path(key).is_file()
    # the upright card's top-left quarter, red, at the left of the centred picture's top half
    pixel = QColor(shown.pixel(FIGURE_WIDTH // 2 - 10, 10))
    red, green, blue = QUADRANTS["top_left"]
    assert abs(pixel.red() - red) < 40
    assert abs(pixel.green() - green) < 40
    assert abs(pixel.blue() - blue) < 40
