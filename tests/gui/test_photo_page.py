"""The photo page as a person uses it: drop a phone folder, caption, reorder, place by date, and
find it all again after a restart."""

from __future__ import annotations

from datetime import date

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPlainTextEdit

from desktop.domain.report import APPENDIX, ItineraryDay, Report, Section
from desktop.gui.photos.dialogs import ImportLogDialog
from desktop.gui.photos.photo_grid import PHOTO_MIME
from desktop.gui.photos.photo_page import PhotoPage
from desktop.services import open_services
from desktop.storage import close_database
from tests.gui.typing import type_text
from tests.photos.images import card, exif_bytes


def phone_folder(folder):
    """Four photos over three days (one held upright, so stored sideways) and a stray text file."""
    folder.mkdir(parents=True)
    days = ["2025:03:02 09:00:00", "2025:03:03 10:00:00", "2025:03:03 15:00:00", "2025:03:04 11:00:00"]
    for n, taken in enumerate(days):
        im = card(seed=20 + n)
        orientation = 6 if n == 1 else 1
        if orientation == 6:
            im = im.transpose(Image.Transpose.ROTATE_90)
        im.save(folder / f"IMG_{n + 1}.jpg", quality=92, exif=exif_bytes(orientation, taken=taken))
    (folder / "IMG_5.jpg").write_text("不是照片", encoding="utf-8")
    return folder


def trip(repo) -> Report:
    report = Report.new("東京考察")
    report.start_date, report.end_date = date(2025, 3, 2), date(2025, 3, 4)
    report.itinerary = [ItineraryDay(date(2025, 3, d)) for d in (2, 3, 4)]
    report.chapter("process").sections = [Section("3月2日 抵達東京"), Section("3月3日 參訪消防廳")]
    repo.create(report)
    return report


def make_page(qtbot, services, report) -> PhotoPage:
    page = PhotoPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.set_report(report)
    page.changed.connect(lambda: services.repo.save(report))  # what the editor does
    page.show()
    return page


def drop(widget, mime: QMimeData, pos: QPoint) -> None:
    """The events a drag from the file manager (or from the grid itself) delivers."""
    actions = Qt.CopyAction | Qt.MoveAction
    enter = QDragEnterEvent(pos, actions, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDragMoveEvent(pos, actions, mime, Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(widget, QDropEvent(QPointF(pos), actions, mime, Qt.LeftButton, Qt.NoModifier))


def card_point(page, row: int, right: bool = False) -> QPoint:
    rect = page.grid.visualRect(page.model.index(row))
    return QPoint(rect.right() - 10 if right else rect.left() + 10, rect.center().y())


def test_drop_caption_reorder_assign_survive_restart(qtbot, data_dir, tmp_path):
    services = open_services(data_dir)
    report = trip(services.repo)
    page = make_page(qtbot, services, report)
    folder = phone_folder(tmp_path / "DCIM")

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    with qtbot.waitSignal(page.importFinished, timeout=60000):
        drop(page.grid.viewport(), mime, QPoint(200, 200))
    assert [p.width > p.height for p in report.photos] == [True] * 4  # all upright, one was sideways
    assert all(p.placement == APPENDIX for p in report.photos)
    assert "1 個檔案無法匯入" in page.banner_label.text()
    log = ImportLogDialog(page._results, page)  # what the 詳細… button opens
    lines = log.findChild(QPlainTextEdit).toPlainText().splitlines()
    assert len(lines) == 1
    assert lines[0] == f"拒絕：{folder / 'IMG_5.jpg'}：不是照片檔：副檔名是 .jpg，內容卻不是圖片（可能是改了副檔名的其他檔案）"
    assert "4 張尚無圖說" in page.summary_label.text()
    assert all(services.photos.thumb_path(p.file).is_file() for p in report.photos)

    # Caption the second photo in place: double-click opens an editor on its card.
    index = page.model.index(1)
    page.grid.edit(index)
    editor = page.grid.viewport().findChild(QLineEdit)
    assert editor is not None
    type_text(qtbot, editor, "東京消防廳指揮中心")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.grid.state() != page.grid.State.EditingState)  # Qt commits queued
    assert report.photos[1].caption == "東京消防廳指揮中心"
    assert "3 張尚無圖說" in page.summary_label.text()

    # Drag the last photo onto the left half of the first card: it becomes the first.
    ids = [p.id for p in report.photos]
    moving = page.model.mimeData([page.model.index(3)])
    assert moving.hasFormat(PHOTO_MIME)
    drop(page.grid.viewport(), moving, card_point(page, 0))
    assert [p.id for p in report.photos] == [ids[3], ids[0], ids[1], ids[2]]

    page.assign_action.trigger()
    process = report.chapter("process")
    day2, day3 = process.sections
    assert [p.placement for p in report.photos] == [process.id, day2.id, day3.id, day3.id]

    # Remove one and take it back.
    page.select_ids([ids[0]])
    page.remove_action.trigger()
    assert ids[0] not in [p.id for p in report.photos]
    page.undo_action.trigger()
    assert [p.id for p in report.photos] == [ids[3], ids[0], ids[1], ids[2]]

    expected = [(p.id, p.caption, p.placement) for p in report.photos]
    page.close()
    close_database()

    services = open_services(data_dir)
    again = make_page(qtbot, services, services.repo.load(report.id))
    assert [(p.id, p.caption, p.placement) for p in again.report.photos] == expected
    assert again.model.rowCount() == 4
    close_database()


def test_file_dialog_turn_and_the_size_warning(qtbot, data_dir, tmp_path, monkeypatch):
    services = open_services(data_dir)
    report = trip(services.repo)
    page = make_page(qtbot, services, report)
    folder = phone_folder(tmp_path / "DCIM")
    chosen = [str(folder / "IMG_1.jpg"), str(folder / "IMG_3.jpg")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    with qtbot.waitSignal(page.importFinished, timeout=60000):
        page.add_action.trigger()  # 加入照片… and pick two files
    first, second = (p.id for p in report.photos)
    page.select_ids([second])
    page.earlier_action.trigger()  # the keyboard's way to reorder
    assert [p.id for p in report.photos] == [second, first]
    page.later_action.trigger()
    assert [p.id for p in report.photos] == [first, second]
    photo = report.photos[0]
    page.select_ids([photo.id])
    with qtbot.waitSignal(page.changed, timeout=10000):
        page.right_action.trigger()
    assert (photo.width, photo.height) == (60, 80)
    assert services.photos.has(photo.file)
    page.undo_action.trigger()
    assert (report.photos[0].width, report.photos[0].height) == (80, 60)

    assert "超過" not in page.budget_label.text()
    page.size_limit = 1000  # a tiny limit: the page must warn
    page.sort_action.trigger()  # any edit refreshes the budget
    page._update_everything()
    assert "超過" in page.budget_label.text()
    close_database()


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)


def test_switching_drafts_mid_import_keeps_photos_with_their_draft(qtbot, data_dir, tmp_path):
    services = open_services(data_dir)
    first, second = trip(services.repo), trip(services.repo)
    page = make_page(qtbot, services, first)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):
        card(seed=40 + n).save(folder / f"P{n:02d}.jpg", quality=90)
    page.add_paths([str(folder)])
    page.set_report(second)  # waits for the import to stop
    assert not page.is_importing()
    assert second.photos == []
    assert len(first.photos) < 12  # stopped early
    assert all(services.photos.has(p.file) for p in first.photos)
    for path in services.photos.root.rglob("*"):
        if path.is_file():
            assert not path.name.endswith(".tmp")
            with Image.open(path) as im:
                im.load()  # whole files only
    close_database()


def test_window_cleans_the_store_when_idle_after_start(data_dir, tmp_path, qtbot):
    """A photo unused for longer than the grace period is gone soon after start-up; a used one stays."""
    import json
    import os
    import time

    from desktop.domain.report import Photo
    from desktop.gui.main_window import MainWindow
    from desktop.gui.photos.store_cleanup import install
    from desktop.photos.cleanup import DAY, MARKS_FILENAME
    from desktop.photos.importer import import_files

    services = open_services(data_dir)
    folder = phone_folder(tmp_path / "phone")
    used, unused = (r.key for r in import_files([folder / "IMG_1.jpg", folder / "IMG_2.jpg"], services.photos,
                                                workers=1))
    report = Report.new("東京考察")
    report.photos = [Photo(file=used)]
    services.repo.create(report)
    # Both imported a month ago; the unused one was already found unused by a sweep a month ago.
    long_ago = time.time() - 30 * DAY
    for key in (used, unused):
        os.utime(services.photos.path_of(key), (long_ago, long_ago))
    marks = {services.photos.path_of(unused).relative_to(data_dir).as_posix(): long_ago}
    (data_dir / MARKS_FILENAME).write_text(json.dumps(marks), encoding="utf-8")

    window = MainWindow(services)
    qtbot.addWidget(window)
    install(window, delay_ms=0)
    qtbot.waitUntil(lambda: not services.photos.has(unused), timeout=10_000)
    assert services.photos.has(used)
    qtbot.waitUntil(lambda: "已刪除 1 個" in window.statusBar().currentMessage(), timeout=5_000)
    close_database()
