"""Editor figures: one keystroke in a long 過程 text (with the autosave scheduling it triggers),
a 200,000-character paste, and opening a big draft.

Goals from issue 3: a keystroke in a 20,000-character field p95 < 16 ms; opening a draft with 50
sub-sections and 200 itinerary rows < 300 ms. Baselines measured in the same run (a bare
QPlainTextEdit holding the same text; the repository load alone) give ratios that compare across
machines.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date, timedelta

from bench.common import time_opens
from desktop.domain.blocks import blocks_from_text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _long_text(chars: int) -> str:
    paragraph = "本次參訪新加坡陸路交通管理局，了解智慧號誌與路燈整合的做法，並與承辦人員交換意見。" * 3
    lines, total = [], 0
    while total < chars:
        lines.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(lines)[:chars]


def _big_report():
    from desktop.domain.report import ItineraryDay, ItineraryRow, Report, Section

    report = Report.new("效能測試報告")
    report.start_date = date(2018, 7, 1)
    process = report.chapter("process")
    process.sections = [Section(heading=f"第{i + 1}天", blocks=blocks_from_text(_long_text(400))) for i in range(50)]
    report.itinerary = [
        ItineraryDay(date(2018, 7, 1) + timedelta(days=d),
                     [ItineraryRow(f"{9 + r}:00", f"地點{r}", f"活動{d}-{r}") for r in range(10)])
        for d in range(20)
    ]
    return report


def _keystrokes(app, widget, count: int) -> list[float]:
    """Milliseconds to deliver and process one typed character, as the input method commits it."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    cursor = widget.textCursor()
    cursor.setPosition(len(widget.toPlainText()) // 2)
    widget.setTextCursor(cursor)
    samples = []
    for i in range(count):
        event = QInputMethodEvent("", [])
        event.setCommitString("路燈"[i % 2])
        start = time.perf_counter()
        app.sendEvent(widget, event)
        app.processEvents()  # layout, paint, and the editor's own reaction to the change
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def run(quick: bool) -> list[dict]:
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from desktop.domain.report import Report
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.services import open_services
    from desktop.storage import close_database

    app = make_application()
    assert isinstance(app, QApplication)
    keys = 80 if quick else 400
    opens = 3 if quick else 10
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(tmp)
        try:
            window = MainWindow(services)
            window.resize(1366, 768)
            window.show()

            # ---- typing in a 20,000-character 過程 -------------------------------------------
            report = Report.new("打字測試")
            report.chapter("process").set_text(_long_text(20_000))
            window.open_draft(services.repo.create(report))
            editor = window.editor_page
            process = editor.page("process")
            editor.show_step(editor.pages.index(process))
            app.processEvents()
            typing = _keystrokes(app, process.chapter_editor.text_edit, keys)
            editor.close_draft()

            bare = QPlainTextEdit()
            bare.resize(process.chapter_editor.text_edit.size())  # same area to lay out and paint
            bare.setPlainText(_long_text(20_000))
            bare.show()
            baseline = _keystrokes(app, bare, keys)
            bare.close()
            p95, base95 = _p95(typing), _p95(baseline)
            rows.append({"name": "editor: keystroke in 20,000-char 過程 (p95)", "value": round(p95, 2), "unit": "ms",
                         "goal": "< 16 ms", "note": f"{keys} keys, incl. autosave scheduling"})
            rows.append({"name": "editor: keystroke vs bare QPlainTextEdit (p95 ratio)",
                         "value": round(p95 / base95, 2) if base95 else 0.0, "unit": "×", "goal": "≈ 1",
                         "note": f"bare p95 {base95:.2f} ms"})

            # ---- pasting 200,000 characters ------------------------------------------------------
            report = Report.new("貼上測試")
            window.open_draft(services.repo.create(report))
            process = editor.page("process")
            editor.show_step(editor.pages.index(process))
            mime = QMimeData()
            mime.setText(_long_text(200_000))
            start = time.perf_counter()
            process.chapter_editor.text_edit.insertFromMimeData(mime)
            app.processEvents()
            paste_ms = (time.perf_counter() - start) * 1000
            after = _keystrokes(app, process.chapter_editor.text_edit, max(keys // 4, 20))
            start = time.perf_counter()
            editor.close_draft()
            save_ms = (time.perf_counter() - start) * 1000
            rows.append({"name": "editor: paste 200,000 chars into 過程", "value": round(paste_ms, 1), "unit": "ms",
                         "goal": "responsive (< 1000 ms)", "note": "insert + first layout"})
            rows.append({"name": "editor: keystroke after the 200,000-char paste (p95)", "value": round(_p95(after), 2),
                         "unit": "ms", "goal": "< 16 ms", "note": f"{len(after)} keys"})
            rows.append({"name": "editor: save of the 200,000-char draft", "value": round(save_ms, 1), "unit": "ms",
                         "goal": "< 1000 ms", "note": "commit + DraftRepository.save + checks, once per pause"})

            # ---- opening a big draft -------------------------------------------------------------
            big_id = services.repo.create(_big_report())
            open_ms, load_ms = time_opens(window, services.repo, big_id, opens, app)
            rows.append({"name": "editor: open draft, 50 sub-sections + 200 itinerary rows (median)",
                         "value": round(open_ms, 1), "unit": "ms", "goal": "< 300 ms", "note": f"{opens} opens"})
            rows.append({"name": "editor: open vs repository load alone (ratio)",
                         "value": round(open_ms / load_ms, 2) if load_ms else 0.0, "unit": "×", "goal": "",
                         "note": f"load alone {load_ms:.1f} ms"})
            window.close()
            window.deleteLater()
            bare.deleteLater()
            app.processEvents()
        finally:
            close_database()
    return rows


if __name__ == "__main__":
    for row in run(quick=False):
        print(f"{row['name']:<70} {row['value']:>10} {row['unit']:<3} goal {row['goal']}  {row['note']}")
