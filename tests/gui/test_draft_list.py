"""The draft list shows deadlines, changes status with dates, filters and sorts."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.domain.report import Report
from desktop.gui.draft_list import DAYS_LEFT, DEADLINE, STATUS, STATUS_AT, TITLE, DraftListPage

TODAY = date(2018, 10, 1)


def make_report(title, end, kind="central"):
    r = Report.new(title, kind)
    r.start_date, r.end_date = date(end.year, end.month, 1), end
    return r


def row_of(page, title):
    return next(r for r in range(page.table.rowCount()) if page.table.item(r, TITLE).text() == title)


def test_days_left_to_the_deadline_and_red_when_close(qtbot, repo):
    repo.create(make_report("快到期", date(2018, 7, 11)))  # deadline 107/10/11 → 10 days
    repo.create(make_report("還早", date(2018, 9, 20)))  # deadline 107/12/20
    repo.create(make_report("逾期了", date(2018, 6, 1)))
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    soon = row_of(page, "快到期")
    assert page.table.item(soon, DEADLINE).text() == "107/10/11"
    assert page.table.item(soon, DAYS_LEFT).text() == "10 天"
    assert page.table.item(soon, DAYS_LEFT).foreground().color().name() == "#c62828"
    later = row_of(page, "還早")
    assert page.table.item(later, DAYS_LEFT).text() == "80 天"
    assert page.table.item(later, DAYS_LEFT).foreground().color().name() != "#c62828"
    assert page.table.item(row_of(page, "逾期了"), DAYS_LEFT).text() == "逾期 30 天"


def test_taipei_drafts_count_from_the_next_working_day(qtbot, repo):
    repo.create(make_report("臺北", date(2018, 7, 13), kind="taipei"))  # Friday → 107/10/15
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.table.item(0, DEADLINE).text() == "107/10/15"


def test_status_change_is_dated_and_kept_in_history(qtbot, repo, monkeypatch):
    draft_id = repo.create(make_report("送出去", date(2018, 7, 11)))
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("送審中", True))
    page.status_button.click()
    assert page.table.item(0, STATUS).text() == "送審中"
    assert page.table.item(0, STATUS_AT).text().startswith(f"{date.today().year - 1911:03d}/")
    assert [s.status for s in repo.load(draft_id).status_history] == ["草稿", "送審中"]
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    page.history_button.click()
    assert "草稿" in shown[0]
    assert "送審中" in shown[0]


def test_approved_drafts_stop_counting_down(qtbot, repo):
    draft_id = repo.create(make_report("已核定的", date(2018, 7, 11)))
    repo.set_status(draft_id, "已核定")
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.table.item(0, DAYS_LEFT).text() == "—"


def test_filter_by_words_and_status(qtbot, repo):
    repo.create(make_report("東京智慧城市", date(2018, 7, 11)))
    second = repo.create(make_report("首爾防災", date(2018, 7, 11)))
    repo.set_status(second, "退回修正")
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.filter_edit.setText("東京")
    assert page.visible_titles() == ["東京智慧城市"]
    page.filter_edit.setText("")
    page.status_filter.setCurrentText("退回修正")
    assert page.visible_titles() == ["首爾防災"]
    assert page.selected_id() == second


def test_sort_by_days_left(qtbot, repo):
    for title, end in (("中", date(2018, 8, 1)), ("早", date(2018, 7, 1)), ("晚", date(2018, 9, 1))):
        repo.create(make_report(title, end))
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.table.sortItems(DAYS_LEFT, Qt.AscendingOrder)
    assert page.visible_titles() == ["早", "中", "晚"]
    page.table.sortItems(DAYS_LEFT, Qt.DescendingOrder)
    assert page.visible_titles() == ["晚", "中", "早"]


def test_most_recently_edited_first_by_default(qtbot, repo, monkeypatch):
    import desktop.storage.repository as repository

    stamps = iter(["2026-01-01T09:00:00", "2026-01-01T10:00:00", "2026-01-01T11:00:00"])
    monkeypatch.setattr(repository, "now_iso", lambda: next(stamps))
    first = repo.create(make_report("先建立", date(2018, 7, 11)))
    repo.create(make_report("後建立", date(2018, 7, 11)))
    repo.save(repo.load(first))  # edited last
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.visible_titles() == ["先建立", "後建立"]


def test_search_box_on_the_list_opens_the_search_of_every_draft(qtbot, data_dir):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.domain.report import Report
    from tests.gui.editor_helpers import make_window
    from tests.gui.typing import type_text

    window = make_window(qtbot, data_dir)
    report = Report.new("首爾考察")
    report.chapters[2].text = "智慧路燈的心得很多。"
    window.services.repo.create(report)
    window.services.repo.create(Report.new("大阪參訪"))
    window.list_page.refresh()
    box = window.list_page.search_edit
    box.setFocus()
    type_text(qtbot, box, "智慧路燈")
    qtbot.keyClick(box, Qt.Key_Return)
    assert window.current_draft_id() is None  # Enter here searches; it does not open the selected draft
    dialog = window._search_dialog
    assert dialog.isVisible()
    assert dialog.query_edit.text() == "智慧路燈"
    assert dialog.results.count() == 1  # searched at once, no typing again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.query_edit, timeout=3000)
    qtbot.keyClick(dialog.query_edit, Qt.Key_Return)  # Enter opens the first hit at its chapter
    assert window.current_draft_id() == report.id
    assert not dialog.isVisible()


def test_enter_on_the_list_or_in_the_title_filter_opens_the_selected_draft(qtbot, data_dir):
    from PySide6.QtCore import Qt

    from desktop.domain.report import Report
    from tests.gui.editor_helpers import make_window
    from tests.gui.typing import type_text

    window = make_window(qtbot, data_dir)
    first = window.services.repo.create(Report.new("首爾考察"))
    second = window.services.repo.create(Report.new("大阪參訪"))
    window.list_page.refresh()
    type_text(qtbot, window.list_page.filter_edit, "首爾")
    qtbot.keyClick(window.list_page.filter_edit, Qt.Key_Return)
    assert window.current_draft_id() == first
    window.show_list()
    window.list_page.filter_edit.clear()
    window.list_page.table.setFocus()
    window.list_page._select_id(second)
    qtbot.keyClick(window.list_page.table, Qt.Key_Return)
    assert window.current_draft_id() == second
