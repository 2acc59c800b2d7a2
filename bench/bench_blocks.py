"""Figures for rich content (tables, lists, photos in the text) and long itineraries.

- keystroke p95 in a 20,000-character chapter holding 10 tables (goal < 16 ms), against a bare
  QTextEdit holding the same document;
- opening a draft with 50 sections, 30 tables and 500 table rows (goal < 300 ms), against the
  repository load alone;
- its warm .docx export (goal < 2 s): in-process, and as a whole `tripreport export` process
  against a process that only starts Python and imports python-docx;
- pasting a 300-row table from Excel (goal < 500 ms), against Qt's own insertHtml of the same HTML;
- the itinerary in the .docx, ms per row at 200, 4,000 and 10,000 rows (goal < 1 ms, linear): the
  export in a fresh process, less the same export with an empty itinerary, over the rows; the
  baseline is python-docx's cell API building the same table (what the export did before), at 200
  and 1,000 rows, timed the same way.

Run: python -m bench.bench_blocks [--quick]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import REPO_ROOT, chinese_text, percentile, row, run_child, time_opens  # noqa: E402

ITINERARY_SIZES = (200, 4000, 10_000)
ITINERARY_SIZES_QUICK = (200, 4000)
BASELINE_SIZES = (200, 1000)
PASTE_ROWS = 300
TYPING_CHARS, TYPING_TABLES = 20_000, 10


def agenda_table(n: int, rows: int):
    from desktop.domain.blocks import table_from_texts

    body = [[f"{9 + r % 9:02d}:{(r * 10) % 60:02d}", f"議程第{n}-{r}項：{chinese_text(12, seed=n * 100 + r)}",
             f"地點{r}", f"備註{r}"] for r in range(rows)]
    return table_from_texts([["時間", "議程", "地點", "備註"], *body], caption=f"第{n}天議程",
                            note="資料來源：主辦單位")


def chapter_blocks(chars: int, tables: int, rows_per_table: int, seed: int = 0):
    """Paragraphs adding up to `chars` characters with `tables` tables spread between them."""
    from desktop.domain.blocks import ListBlock, ListItem, Paragraph, Run

    text = chinese_text(chars, seed=seed, paragraph_every=200)
    paragraphs = [Paragraph([Run(p)]) for p in text.split("\n") if p]
    every = max(1, len(paragraphs) // (tables + 1))
    out = []
    made = 0
    for i, p in enumerate(paragraphs):
        out.append(p)
        if made < tables and (i + 1) % every == 0:
            out.append(agenda_table(made, rows_per_table))
            made += 1
        if i == 2:
            out.append(ListBlock([ListItem([Run("第一項")]), ListItem([Run("第二項")], 1)], ordered=True))
    while made < tables:
        out.append(agenda_table(made, rows_per_table))
        made += 1
    return out


def big_draft():
    """50 sections, 30 tables, 500 table rows in all, and ordinary text around them."""
    from desktop.domain.report import Report, Section

    report = Report.new("含表格的大型草稿")
    report.start_date, report.end_date, report.report_date = date(2025, 10, 14), date(2025, 10, 20), date(2025, 12, 1)
    process = report.chapter("process")
    sections = []
    tables_left, rows_left = 30, 500
    for i in range(50):
        count = 1 if tables_left and i % 5 != 4 else 0
        rows = rows_left // tables_left if count else 0
        tables_left -= count
        rows_left -= rows
        sections.append(Section(heading=f"第{i + 1}天", blocks=chapter_blocks(400, count, max(rows - 1, 1), seed=i)))
    process.sections = sections
    return report


def _keystrokes(app, widget, count: int) -> list[float]:
    from PySide6.QtGui import QInputMethodEvent, QTextCursor

    widget.setFocus()
    cursor = widget.textCursor()
    cursor.setPosition(widget.document().characterCount() // 2)
    while cursor.currentTable() is not None:  # type into a paragraph
        cursor.movePosition(QTextCursor.NextBlock)
    widget.setTextCursor(cursor)
    samples = []
    for i in range(count):
        event = QInputMethodEvent("", [])
        event.setCommitString("表格"[i % 2])
        start = time.perf_counter()
        app.sendEvent(widget, event)
        app.processEvents()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def excel_html(rows: int) -> str:
    head = (REPO_ROOT / "tests" / "fixtures" / "clipboard" / "excel-2016.html").read_text(encoding="utf-8")
    head = head.split("<table")[0]
    cells = "".join(
        f"<tr height=22 style='height:16.5pt'><td height=22 class=xl66 style='height:16.5pt;border-top:none'>"
        f"2025/10/{r % 30 + 1}</td><td class=xl66 style='border-top:none;border-left:none'>{chinese_text(14, seed=r)}"
        f"</td><td class=xl66 align=right style='border-top:none;border-left:none'>{r * 7}</td>"
        f"<td class=xl66 style='border-top:none;border-left:none'>備註{r}</td></tr>" for r in range(rows))
    return (f"{head}<table border=0 cellpadding=0 cellspacing=0 width=416><col width=96><col width=224><col width=96>"
            f"<col width=96>{cells}</table></body></html>")


def window_rows(quick: bool) -> list[dict]:
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QTextEdit

    from desktop.domain.report import Report
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.gui.widgets.block_document import load_document
    from desktop.services import open_services
    from desktop.storage import close_database

    app = make_application()
    keys = 60 if quick else 300
    opens = 3 if quick else 9
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(tmp)
        try:
            window = MainWindow(services)
            window.resize(1366, 768)
            window.show()
            editor = window.editor_page

            report = Report.new("表格打字測試")
            blocks = chapter_blocks(TYPING_CHARS, TYPING_TABLES, 8)
            report.chapter("process").blocks = blocks
            window.open_draft(services.repo.create(report))
            page = editor.page("process")
            editor.show_step(editor.pages.index(page))
            app.processEvents()
            box = page.chapter_editor.text_edit
            typing = _keystrokes(app, box, keys)
            editor.close_draft()
            bare = QTextEdit()
            bare.resize(box.size())
            load_document(bare.document(), blocks)
            bare.show()
            baseline = _keystrokes(app, bare, keys)
            bare.close()
            p95, base95 = percentile(typing, 95), percentile(baseline, 95)
            out.append(row(f"blocks: keystroke, {TYPING_CHARS:,} chars + {TYPING_TABLES} tables (p95)", p95, "ms",
                           "< 16 ms",
                           f"{keys} keys; bare QTextEdit with the same document p95 {base95:.2f} ms "
                           f"({p95 / base95:.2f}×)"))

            # pasting a 300-row table from Excel
            report = Report.new("貼上表格")
            window.open_draft(services.repo.create(report))
            page = editor.page("process")
            editor.show_step(editor.pages.index(page))
            app.processEvents()
            html = excel_html(PASTE_ROWS)
            mime = QMimeData()
            mime.setHtml(html)
            mime.setText("…")
            box = page.chapter_editor.text_edit
            start = time.perf_counter()
            box.insertFromMimeData(mime)
            app.processEvents()
            paste = (time.perf_counter() - start) * 1000
            editor.close_draft()
            bare = QTextEdit()
            bare.resize(box.size())
            bare.show()
            app.processEvents()
            start = time.perf_counter()
            bare.insertHtml(html)
            app.processEvents()
            base = (time.perf_counter() - start) * 1000
            bare.close()
            out.append(row(f"blocks: paste a {PASTE_ROWS}-row Excel table", paste, "ms", "< 500 ms",
                           f"Qt's own insertHtml of the same HTML {base:.0f} ms ({paste / base:.2f}×)"))

            # opening the big draft
            big_id = services.repo.create(big_draft())
            open_ms, load_ms = time_opens(window, services.repo, big_id, opens, app)
            out.append(row("blocks: open draft, 50 sections, 30 tables, 500 rows (median)", open_ms, "ms",
                           "< 300 ms", f"{opens} opens; repository load alone {load_ms:.1f} ms "
                                       f"({open_ms / load_ms:.1f}×)"))
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            close_database()
    return out


def export_rows(quick: bool) -> list[dict]:
    from desktop.export.render import export_docx, run_export
    from desktop.services import open_services
    from desktop.storage import close_database

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        services = open_services(tmp)
        try:
            draft_id = services.repo.create(big_draft())
            report = services.repo.load(draft_id)
        finally:
            close_database()
        target = Path(tmp) / "big.docx"
        run_export(export_docx(report, target))  # warm: templates, imports, fonts read once
        times = []
        for _ in range(2 if quick else 5):
            start = time.perf_counter()
            run_export(export_docx(report, target))
            times.append(time.perf_counter() - start)
        inproc = statistics.median(times)
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        cli = [sys.executable, "-m", "desktop", "--data-dir", tmp, "export", str(draft_id), "-o", str(target)]
        run_child(cli, env=env, cwd=REPO_ROOT)  # the warm run: files in the page cache
        whole = [run_child(cli, env=env, cwd=REPO_ROOT) for _ in range(2 if quick else 3)]
        if any(w.returncode for w in whole):
            raise RuntimeError(whole[0].stderr[-300:])
        bare = [run_child([sys.executable, "-c", "import docx, docxtpl"], env=env, cwd=REPO_ROOT)
                for _ in range(2 if quick else 3)]
        whole_s = statistics.median(w.seconds for w in whole)
        bare_s = statistics.median(b.seconds for b in bare)
    out.append(row("blocks: warm .docx export of that draft (whole process)", whole_s, "s", "< 2 s",
                   f"in-process {inproc:.2f} s; a process that only imports python-docx and docxtpl {bare_s:.2f} s"))
    return out


_ITINERARY_CHILD = """
import sys, time
from datetime import date, timedelta
from pathlib import Path
from desktop.domain.report import ItineraryDay, ItineraryRow, Report
from desktop.export.render import export_docx, run_export
rows = int(sys.argv[1])
report = Report.new("行程")
report.itinerary = [ItineraryDay(date(2025, 1, 1) + timedelta(days=d),
                                 [ItineraryRow(f"{8 + r}:00", f"地點{d}-{r}", f"拜會第{d}-{r}個機關並交流意見")
                                  for r in range(10)]) for d in range(rows // 10)]
run_export(export_docx(Report.new("暖身"), Path(sys.argv[2])))  # the lazy imports, outside the timing
start = time.perf_counter()
run_export(export_docx(report, Path(sys.argv[2])))
print(time.perf_counter() - start)
"""

_BASELINE_CHILD = """
import sys
from docx import Document
from docx.shared import Cm, Pt
import time
Document().save(sys.argv[2])  # warm, as the export's child is
rows = int(sys.argv[1])
start = time.perf_counter()
doc = Document()
table = doc.add_table(rows=1, cols=4)
table.style = "Table Grid"
for cell, text in zip(table.rows[0].cells, ("日期", "時間", "地點", "行程")):
    run = cell.paragraphs[0].add_run(text)
    run.bold = True
for d in range(rows // 10):
    first = None
    for r in range(10):
        row = table.add_row()
        for i, (cell, text) in enumerate(zip(row.cells, ("", f"{8 + r}:00", f"地點{d}-{r}", f"拜會第{d}-{r}個機關並交流意見"))):
            cell.width = Cm((3.6, 2.8, 4.4, 5.2)[i])
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
        first = first or row
    first.cells[0].merge(table.rows[-1].cells[0]).paragraphs[0].add_run(f"day {d}")
doc.save(sys.argv[2])
print(time.perf_counter() - start)
"""


def itinerary_rows(quick: bool) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    sizes = ITINERARY_SIZES_QUICK if quick else ITINERARY_SIZES
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        target = str(Path(tmp) / "it.docx")

        def seconds(script: str, rows: int) -> tuple[float, float]:
            """(the export inside a fresh process, the whole process), the best of a few runs."""
            runs = [run_child([sys.executable, "-c", script, str(rows), target], env=env, cwd=REPO_ROOT)
                    for _ in range(1 if rows > 1000 else (2 if quick else 3))]
            if any(r.returncode for r in runs):
                raise RuntimeError(runs[0].stderr[-300:])
            return min(float(r.stdout.split()[-1]) for r in runs), min(r.seconds for r in runs)

        empty, empty_whole = seconds(_ITINERARY_CHILD, 0)
        base_empty, _ = seconds(_BASELINE_CHILD, 0)
        measured = {rows: seconds(_ITINERARY_CHILD, rows) for rows in sizes}
        baseline = {rows: (seconds(_BASELINE_CHILD, rows)[0] - base_empty) / rows * 1000 for rows in BASELINE_SIZES}
    for rows in sizes:
        inner, whole = measured[rows]
        note = (f"export {inner:.3f} s less {empty:.3f} s with an empty itinerary; whole process {whole:.2f} s "
                f"(empty {empty_whole:.2f} s)")
        if rows in baseline:
            note += f"; python-docx cell API {baseline[rows]:.1f} ms/row"
        out.append(row(f"itinerary in the .docx, {rows:,} rows", (inner - empty) / rows * 1000, "ms/row",
                       "< 1 ms, linear", note))
    last = BASELINE_SIZES[-1]
    out.append(row(f"itinerary: python-docx cell API at {last:,} rows (baseline)", baseline[last], "ms/row", "",
                   "the way the export built the table before"))
    return out


def run(quick: bool) -> list[dict]:
    return window_rows(quick) + export_rows(quick) + itinerary_rows(quick)


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(f"{r['name']:<62} {r['value']:>10.2f} {r['unit']:<6} {r['goal']:<14} {r['note']}")
