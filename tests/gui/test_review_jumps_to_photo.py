"""The review's 圖說 item opens the photo step on that photo, with the cursor in its caption."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.report import Photo, Report
from tests.gui.editor_helpers import click_review_item, make_window, review_texts, show
from tests.gui.typing import type_text
from tests.photos.images import card


def test_clicking_a_missing_caption_selects_the_photo_and_focuses_its_caption(qtbot, data_dir, tmp_path):
    window = make_window(qtbot, data_dir)
    report = Report.new("東京考察")
    for n, caption in enumerate(("抵達成田機場", "", "")):
        path = tmp_path / f"IMG_{n}.jpg"
        card(seed=n).save(path, quality=85)
        report.photos.append(Photo(file=window.services.photos.add_file(path), caption=caption,
                                   width=600, height=800))
    draft_id = window.services.repo.create(report)
    window.open_draft(draft_id)
    editor = window.editor_page
    review = show(editor, "review")
    missing = [t for t in review_texts(review) if "還沒有圖說" in t]
    assert [t.split("：", 1)[1] for t in missing] == ["第 2 張照片還沒有圖說。", "第 3 張照片還沒有圖說。"]

    click_review_item(qtbot, review, "第 2 張照片還沒有圖說")
    page = editor.page("photos")
    assert editor.stack.currentWidget() is page
    second = editor.report.photos[1]
    assert [p.id for p in page.photo_page.selected_photos()] == [second.id]
    caption = page.photo_page.caption_edit
    assert QApplication.focusWidget() is caption
    type_text(qtbot, caption, "東京消防廳簡報")
    qtbot.keyClick(caption, Qt.Key_Return)
    with qtbot.waitSignal(editor.saved, timeout=3000):
        pass
    assert window.services.repo.load(draft_id).photos[1].caption == "東京消防廳簡報"
    review = show(editor, "review")
    assert [t for t in review_texts(review) if "還沒有圖說" in t] == ["✖ 每張照片都有圖說：第 3 張照片還沒有圖說。"]
