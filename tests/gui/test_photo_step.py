"""The 照片 step inside the window: Delete and undo as a person uses them, dropped photos in date
order, and a window that still fits a laptop screen whatever is selected."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.domain.report import Photo, Report
from desktop.gui.photos.photo_page import PhotoPage
from desktop.interchange.draft_files import import_draft_file
from desktop.services import open_services
from desktop.storage import close_database
from tests.conftest import EXAMPLE_DRAFT
from tests.gui.editor_helpers import show
from tests.photos.images import card, exif_bytes

# A 1366×768 laptop less a 40 px taskbar and a 40 px title bar.
LAPTOP_CLIENT_HEIGHT = 768 - 40 - 40


def open_example(window):
    """The example draft with its three photos in the store."""
    draft_id = import_draft_file(EXAMPLE_DRAFT, window.services.repo, window.services.photos)
    window.open_draft(draft_id)
    return window.editor_page


def press_delete(qtbot, page) -> None:
    page.grid.setFocus()
    qtbot.keyClick(page.grid, Qt.Key_Delete)


def test_delete_moves_on_to_the_next_photo_and_undo_clears_the_banner(qtbot, window):
    editor = open_example(window)
    page = show(editor, "photos").photo_page
    ids = [p.id for p in editor.report.photos]
    page.select_ids([ids[0]])
    press_delete(qtbot, page)
    assert [p.id for p in editor.report.photos] == ids[1:]
    assert [p.id for p in page.selected_photos()] == [ids[1]]  # the next one is selected
    assert page.undo_banner.isVisible()
    assert page.undo_banner.label.text() == "已移除 1 張照片。"
    press_delete(qtbot, page)  # a second Delete goes on
    assert [p.id for p in editor.report.photos] == ids[2:]

    qtbot.keyClick(page.grid, Qt.Key_Z, Qt.ControlModifier)
    assert [p.id for p in editor.report.photos] == ids[1:]
    assert not page.undo_banner.isVisible()  # the banner goes with the removal it spoke of

    press_delete(qtbot, page)
    show(editor, "summary")
    show(editor, "photos")
    assert not page.undo_banner.isVisible()  # nor does it wait for the user's return


def test_a_photo_removal_is_undone_from_any_step(qtbot, window):
    editor = open_example(window)
    photos_step = show(editor, "photos")
    page = photos_step.photo_page
    first = editor.report.photos[0].id
    page.select_ids([first])
    press_delete(qtbot, page)
    show(editor, "summary")
    window.undo_action.trigger()  # one stack for the whole editor
    assert editor.report.photos[0].id == first
    assert editor.stack.currentWidget() is photos_step


def test_dropped_photos_take_their_place_by_date(qtbot, data_dir, tmp_path):
    services = open_services(data_dir)
    report = Report.new("照片順序")
    report.photos = [Photo(file="a.jpg", taken_at="2025-03-02T09:00:00", caption="第一天"),
                     Photo(file="c.jpg", taken_at="2025-03-04T09:00:00", caption="第三天")]
    services.repo.create(report)
    page = PhotoPage(services)
    qtbot.addWidget(page)
    page.set_report(report)
    folder = tmp_path / "phone"
    folder.mkdir()
    card(seed=3).save(folder / "IMG_2.jpg", quality=90, exif=exif_bytes(1, taken="2025:03:03 10:00:00"))
    with qtbot.waitSignal(page.importFinished, timeout=60000):
        page.add_paths([str(folder)])
    assert [p.caption for p in report.photos] == ["第一天", "", "第三天"]
    assert report.photos[1].taken_at.startswith("2025-03-03")
    close_database()


def test_the_position_box_never_cuts_its_text(qtbot, app_font, window):
    editor = open_example(window)
    page = show(editor, "photos").photo_page
    process = editor.report.chapter("process")
    page.select_ids([editor.report.photos[0].id])
    page.set_placement(page.selected_photos(), process.sections[0].id)
    combo = page.placement_combo
    full = combo.currentText().strip()
    shown = combo.displayed_text()
    assert combo.toolTip() == full
    assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1]))
    assert combo.fontMetrics().horizontalAdvance(shown) <= combo.text_width()


def test_more_than_two_rows_of_three_cards_show_at_1200_by_720(qtbot, app_font, window):
    report = Report.new("十二張")
    report.photos = [Photo(file=f"missing-{n}.jpg", caption=f"圖說{n}") for n in range(12)]
    window.resize(1200, 720)
    window.open_draft(window.services.repo.create(report))
    page = show(window.editor_page, "photos").photo_page
    qtbot.waitUntil(lambda: page.grid.isVisible())
    viewport = page.grid.viewport().rect()
    whole = [n for n in range(12) if viewport.contains(page.grid.visualRect(page.model.index(n)))]
    assert len(whole) > 6


def every_step_with_a_photo_selected(qtbot, editor):
    """Select a photo (its details panel grows the page), then show each step in turn: its id."""
    page = show(editor, "photos").photo_page
    page.select_ids([editor.report.photos[0].id])
    QApplication.sendEvent(page.grid, QKeyEvent(QEvent.KeyPress, Qt.Key_Right, Qt.NoModifier))
    for index in range(len(editor.pages)):
        editor.show_step(index)
        qtbot.wait(1)
        yield editor.pages[index].step.get("id")


def test_every_step_fits_a_laptop_screen_with_a_photo_selected(qtbot, app_font, window):
    editor = open_example(window)
    window.resize(1366, LAPTOP_CLIENT_HEIGHT)
    for step in every_step_with_a_photo_selected(qtbot, editor):
        hint = window.minimumSizeHint()
        assert hint.height() <= LAPTOP_CLIENT_HEIGHT, (step, hint)
        assert hint.width() <= 1366
        assert window.height() == LAPTOP_CLIENT_HEIGHT  # nothing grew the window
