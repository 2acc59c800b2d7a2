"""The draft list shows deadlines, changes status with dates, filters, sorts, opens, renames and
deletes from the keyboard, and after a draft was edited repaints only that draft's row."""

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from desktop.domain.report import Report
from desktop.gui.draft_list import DraftListPage
from desktop.gui.draft_table import DAYS_LEFT, DEADLINE, PERIOD, STATUS, STATUS_AT, TITLE, DraftTableModel
from tests.gui.typing import type_text

TODAY = date(2018, 10, 1)
RED = "#c62828"


def make_report(title, end, kind="central"):
    r = Report.new(title, kind)
    r.start_date, r.end_date = date(end.year, end.month, 1), end
    return r


def make_page(qtbot, repo) -> DraftListPage:
    page = DraftListPage(repo, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 600)
    page.show()
    page.activateWindow()  # keyboard shortcuts fire only in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    return page


def row_of(page, title) -> int:
    return page.visible_titles().index(title)


def cell(page, row, column, role=Qt.DisplayRole):
    return page.model.index(row, column).data(role)


def click_header(qtbot, page, column) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))


def test_days_left_to_the_deadline_and_red_when_close(qtbot, repo):
    repo.create(make_report("快到期", date(2018, 7, 11)))  # deadline 107/10/11 → 10 days
    repo.create(make_report("還早", date(2018, 9, 20)))  # deadline 107/12/20
    repo.create(make_report("逾期了", date(2018, 6, 1)))
    page = make_page(qtbot, repo)
    soon = row_of(page, "快到期")
    assert cell(page, soon, PERIOD) == "107年7月1日至107年7月11日"
    assert cell(page, soon, DEADLINE) == "107/10/11"
    assert cell(page, soon, DAYS_LEFT) == "10 天"
    assert cell(page, soon, DAYS_LEFT, Qt.ForegroundRole).name() == RED
    assert cell(page, soon, DAYS_LEFT, Qt.ToolTipRole) == "離繳交期限不到兩週"
    later = row_of(page, "還早")
    assert cell(page, later, DAYS_LEFT) == "80 天"
    assert cell(page, later, DAYS_LEFT, Qt.ForegroundRole) is None
    late = row_of(page, "逾期了")
    assert cell(page, late, DAYS_LEFT) == "逾期 30 天"
    assert cell(page, late, DAYS_LEFT, Qt.ForegroundRole).name() == RED


def test_taipei_drafts_count_from_the_next_working_day(qtbot, repo):
    repo.create(make_report("臺北", date(2018, 7, 13), kind="taipei"))  # Friday → 107/10/15
    page = make_page(qtbot, repo)
    assert cell(page, 0, DEADLINE) == "107/10/15"


def test_status_change_is_dated_and_kept_in_history(qtbot, repo, monkeypatch):
    draft_id = repo.create(make_report("送出去", date(2018, 7, 11)))
    page = make_page(qtbot, repo)
    assert page.selected_id() == draft_id  # the first draft is selected when the list opens
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("送審中", True))
    page.status_button.click()
    assert cell(page, 0, STATUS) == "送審中"
    assert cell(page, 0, STATUS_AT).startswith(f"{date.today().year - 1911:03d}/")
    assert [s.status for s in repo.load(draft_id).status_history] == ["草稿", "送審中"]
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    page.history_button.click()
    assert "草稿" in shown[0]
    assert "送審中" in shown[0]


def test_approved_drafts_stop_counting_down(qtbot, repo):
    draft_id = repo.create(make_report("已核定的", date(2018, 7, 11)))
    repo.set_status(draft_id, "已核定")
    page = make_page(qtbot, repo)
    assert cell(page, 0, DAYS_LEFT) == "—"
    assert cell(page, 0, DAYS_LEFT, Qt.ForegroundRole) is None


def test_filter_by_words_and_status(qtbot, repo):
    repo.create(make_report("東京智慧城市", date(2018, 7, 11)))
    second = repo.create(make_report("首爾防災", date(2018, 7, 11)))
    repo.set_status(second, "退回修正")
    repo.create(make_report("Tokyo Smart City", date(2018, 7, 11)))
    page = make_page(qtbot, repo)
    type_text(qtbot, page.filter_edit, "東京")
    assert page.visible_titles() == ["東京智慧城市"]
    assert page.table.model().rowCount() == 1
    page.filter_edit.setText("smart")  # any case
    assert page.visible_titles() == ["Tokyo Smart City"]
    page.filter_edit.setText("")
    page.status_filter.setCurrentText("退回修正")
    assert page.visible_titles() == ["首爾防災"]
    assert page.selected_id() == second  # the selection follows the filter
    page.filter_edit.setText("東京")
    assert page.visible_titles() == []
    assert page.selected_id() is None
    assert not page.open_button.isEnabled()
    page.status_filter.setCurrentText("全部狀態")
    assert page.visible_titles() == ["東京智慧城市"]


def test_sort_by_clicking_a_column_title(qtbot, repo):
    for title, end in (("中", date(2018, 8, 1)), ("早", date(2018, 7, 1)), ("晚", date(2018, 9, 1))):
        repo.create(make_report(title, end))
    page = make_page(qtbot, repo)
    click_header(qtbot, page, DAYS_LEFT)
    first = page.visible_titles()
    click_header(qtbot, page, DAYS_LEFT)
    assert sorted([first, page.visible_titles()]) == [["早", "中", "晚"], ["晚", "中", "早"]]
    page.table.sortByColumn(DAYS_LEFT, Qt.AscendingOrder)
    assert page.visible_titles() == ["早", "中", "晚"]
    assert [cell(page, r, DAYS_LEFT) for r in range(3)] == ["0 天", "31 天", "61 天"]
    page.table.sortByColumn(TITLE, Qt.AscendingOrder)
    assert page.visible_titles() == sorted(["中", "早", "晚"])


def test_the_selection_stays_on_its_draft_when_the_list_is_sorted(qtbot, repo):
    for title, end in (("中", date(2018, 8, 1)), ("早", date(2018, 7, 1)), ("晚", date(2018, 9, 1))):
        repo.create(make_report(title, end))
    page = make_page(qtbot, repo)
    late = next(d.id for d in repo.list_drafts() if d.title == "晚")
    page.select_id(late)
    page.table.sortByColumn(DAYS_LEFT, Qt.AscendingOrder)
    assert page.selected_id() == late
    assert page.table.currentIndex().row() == 2


def test_most_recently_edited_first_by_default(qtbot, repo, monkeypatch):
    import desktop.storage.repository as repository

    stamps = iter(["2026-01-01T09:00:00", "2026-01-01T10:00:00", "2026-01-01T11:00:00"])
    monkeypatch.setattr(repository, "now_iso", lambda: next(stamps))
    first = repo.create(make_report("先建立", date(2018, 7, 11)))
    repo.create(make_report("後建立", date(2018, 7, 11)))
    repo.save(repo.load(first))  # edited last
    page = make_page(qtbot, repo)
    assert page.visible_titles() == ["先建立", "後建立"]


def test_delete_key_asks_first_and_keeps_the_draft_on_no(qtbot, repo, monkeypatch):
    keep = repo.create(make_report("留著", date(2018, 7, 11)))
    doomed = repo.create(make_report("刪掉", date(2018, 7, 11)))
    page = make_page(qtbot, repo)
    page.select_id(doomed)
    asked = []

    def answer(reply):
        def question(_parent, _title, text, *_a):
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.No))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert "「刪掉」" in asked[0]
    assert sorted(page.visible_titles()) == ["刪掉", "留著"]
    assert repo.exists(doomed)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.Yes))
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert page.visible_titles() == ["留著"]
    assert not repo.exists(doomed)
    assert page.selected_id() == keep


def test_f2_renames_the_selected_draft(qtbot, repo, monkeypatch):
    draft_id = repo.create(make_report("舊名稱", date(2018, 7, 11)))
    page = make_page(qtbot, repo)
    offered = []

    def get_text(_parent, _title, _label, text=""):
        offered.append(text)
        return "新名稱\t", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_F2)
    assert offered == ["舊名稱"]
    assert page.visible_titles() == ["新名稱"]
    assert repo.load(draft_id).title == "新名稱"


def test_only_the_rows_on_screen_are_read(qtbot, repo, monkeypatch):
    with repo.db.atomic():
        for i in range(400):
            repo.create(make_report(f"報告{i:03d}", date(2018, 7, 11)))
    asked_rows = set()
    original = DraftTableModel.data

    def counting(self, index, role=Qt.DisplayRole):
        asked_rows.add(index.row())
        return original(self, index, role)

    monkeypatch.setattr(DraftTableModel, "data", counting)
    page = make_page(qtbot, repo)
    page.grab()
    assert page.model.rowCount() == 400
    assert 5 < len(asked_rows) < 60  # what fits on a 600-pixel page, not 400 rows
    asked_rows.clear()
    page.table.sortByColumn(DAYS_LEFT, Qt.AscendingOrder)
    page.grab()
    assert len(asked_rows) < 60  # sorting reads keys in Python, not cell by cell through Qt


def test_search_box_on_the_list_opens_the_search_of_every_draft(qtbot, data_dir):
    from tests.gui.editor_helpers import make_window
    from tests.gui.typing import type_text

    window = make_window(qtbot, data_dir)
    report = Report.new("首爾考察")
    report.chapters[2].set_text("智慧路燈的心得很多。")
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
    window.list_page.select_id(second)
    qtbot.keyClick(window.list_page.table, Qt.Key_Return)
    assert window.current_draft_id() == second
    window.show_list()
    table = window.list_page.table
    where = table.visualRect(window.list_page.model.index(window.list_page.model.position_of(first), TITLE)).center()
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=where)
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=where)
    assert window.current_draft_id() == first


def test_returning_from_a_draft_repaints_only_its_row(qtbot, data_dir, monkeypatch):
    import desktop.storage.repository as repository
    from tests.gui.editor_helpers import make_window, replace_text

    clock = iter(f"2026-01-01T10:{m:02d}:00" for m in range(60))
    monkeypatch.setattr(repository, "now_iso", lambda: next(clock))
    window = make_window(qtbot, data_dir)
    repo = window.services.repo
    ids = [repo.create(make_report(title, date(2018, 7, 11))) for title in ("甲", "乙", "丙")]
    window.list_page.refresh()
    page = window.list_page
    assert page.visible_titles() == ["丙", "乙", "甲"]
    selected = page.selected_id()
    window.open_draft(ids[0])
    replace_text(qtbot, window.editor_page.field("title"), "甲改名")
    resets, changed, moved = [], [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    page.model.layoutChanged.connect(lambda *_: moved.append(1))
    window.show_list()  # saves, then refreshes the list
    assert page.visible_titles() == ["甲改名", "丙", "乙"]  # edited last: first
    assert resets == []
    assert changed == [(0, 0)]  # one row repainted
    assert moved == [1]
    assert page.selected_id() == selected  # the selection stays on its draft
    window.show_list()
    assert changed == [(0, 0)]  # nothing changed: nothing repainted


def test_the_search_shows_a_page_of_hits_then_more_and_says_what_is_not_indexed_yet(qtbot, data_dir):
    from desktop.storage.search import LIVE_DRAFTS, PAGE_SIZE, SearchIndex
    from tests.gui.editor_helpers import make_window

    window = make_window(qtbot, data_dir)
    repo = window.services.repo
    for i in range(30):
        report = Report.new(f"報告{i}")
        for chapter in report.chapters:
            chapter.set_text("城市交流的心得。")
        repo.create(report)
    SearchIndex(repo.db).catch_up()
    window.search_all("城市")
    dialog = window._search_dialog
    assert dialog.results.count() == PAGE_SIZE
    assert dialog.more_button.isVisible()
    assert "還有更多" in dialog.status.text()
    qtbot.mouseClick(dialog.more_button, Qt.LeftButton)
    assert dialog.results.count() == 2 * PAGE_SIZE
    qtbot.mouseClick(dialog.more_button, Qt.LeftButton)
    assert dialog.results.count() == 30 * len(Report.new().chapters)
    assert not dialog.more_button.isVisible()
    for i in range(LIVE_DRAFTS + 3):  # changed since indexed, more than a search reads directly
        repo.rename(i + 1, f"城市報告{i}")
    dialog.query_edit.setText("城市報告")
    dialog.run_search()
    assert dialog.results.count() == LIVE_DRAFTS
    assert "尚有 3 份草稿沒有搜尋到" in dialog.status.text()
