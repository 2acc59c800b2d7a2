"""Exporting from the window: choose a file, show progress, allow cancel, explain failures.

export_with_dialog is the one entry point (the 檢查與匯出 step and main_window call it). The export
itself is a generator; each Progress moves the bar and lets Qt process events, so 取消 works between
steps, including while LibreOffice converts (the conversion child process is killed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.domain.report import Report
from desktop.services import Services

FILTERS = {
    "docx": ("匯出 Word 文件", "Word 文件 (*.docx)"),
    "pdf": ("匯出 PDF", "PDF 文件 (*.pdf)"),
    "odt": ("匯出 ODF 文字文件", "ODF 文字文件 (*.odt)"),
}


def _safe_name(title: str) -> str:
    name = "".join("_" if c in '\\/:*?"<>|' else c for c in (title or "出國報告")).strip() or "出國報告"
    return name[:80]


def export_with_dialog(parent: QWidget, services: Services, report: Report, fmt: str = "docx",
                       template: str | Path | None = None) -> Path | None:
    """Ask for a target and export `report` as `fmt` (docx, pdf, odt); returns the written path, or
    None when the user cancelled or the export failed (a message box has said why)."""
    from desktop.export import libreoffice
    from desktop.export.render import ExportError, export_report, target_problem
    from desktop.fileio import FileWriteError

    if fmt not in FILTERS:
        raise ValueError(fmt)
    if fmt != "docx" and not libreoffice.available():
        QMessageBox.warning(parent, "需要 LibreOffice", libreoffice.MISSING_MESSAGE)
        return None
    caption, name_filter = FILTERS[fmt]
    name, _ = QFileDialog.getSaveFileName(parent, caption, f"{_safe_name(report.title)}.{fmt}", name_filter)
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() != f".{fmt}":
        target = target.with_name(target.name + f".{fmt}")
    problem = target_problem(target)
    if problem:
        QMessageBox.warning(parent, "無法匯出", problem)
        return None

    progress = QProgressDialog("匯出中…", "取消", 0, 100, parent)
    progress.setWindowTitle("匯出")
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    steps = export_report(report, target, fmt, template, services.photos if services else None)
    try:
        for step in steps:
            progress.setMaximum(step.total)
            progress.setLabelText(step.message)
            progress.setValue(min(step.step, step.total - 1) if step.message != "完成" else step.total)
            QApplication.processEvents()
            if progress.wasCanceled():
                steps.close()  # the generators remove their temporary files
                return None
    except (ExportError, FileWriteError) as err:
        QMessageBox.warning(parent, "匯出失敗", str(err))
        return None
    finally:
        progress.close()
    if services is not None:
        from desktop.storage import StorageError
        from desktop.storage.snapshots import record_export

        try:
            record_export(services.repo, report.id, target)
        except StorageError as err:  # the file is written; say the history could not note it
            QMessageBox.warning(parent, "版本紀錄", f"已匯出，但無法保存這次匯出的版本紀錄：{err}")
    return target


# ---- menu actions (install(window) is called once from desktop/gui/app.py) ---------------------

def _current_report(window) -> Report | None:
    """The open draft as stored, after the editor has saved what was just typed (open_draft saves
    the draft it leaves, and this reopens the same one)."""
    draft_id = window.current_draft_id()
    if draft_id is None:
        QMessageBox.information(window, "匯出", "請先在草稿清單中開啟一份草稿，再匯出。")
        return None
    window.open_draft(draft_id)
    return window.services.repo.load(draft_id)


def export_current(window, fmt: str, template: str | Path | None = None) -> Path | None:
    report = _current_report(window)
    if report is None:
        return None
    written = export_with_dialog(window, window.services, report, fmt, template)
    if written:
        window.statusBar().showMessage(f"已匯出：{written}", 8000)
    return written


def choose_agency_template(window) -> Path | None:
    """Ask for an agency .docx and check it; None (after saying why) if it cannot be used."""
    from desktop.export.template_check import check_template, format_problems

    name, _ = QFileDialog.getOpenFileName(window, "選擇機關範本", "", "Word 文件 (*.docx)")
    if not name:
        return None
    problems = check_template(Path(name))
    if any(p.fatal for p in problems):
        QMessageBox.warning(window, "範本無法使用", format_problems(problems))
        return None
    if problems:
        QMessageBox.information(window, "範本檢查", format_problems(problems))
    return Path(name)


def check_template_dialog(window) -> None:
    from desktop.export.template_check import check_template, format_problems

    name, _ = QFileDialog.getOpenFileName(window, "檢查機關範本", "", "Word 文件 (*.docx)")
    if not name:
        return
    problems = check_template(Path(name))
    box = QMessageBox.warning if any(p.fatal for p in problems) else QMessageBox.information
    box(window, "範本檢查結果", format_problems(problems))


def _export_with_agency_template(window) -> None:
    if window.current_draft_id() is None:
        QMessageBox.information(window, "匯出", "請先在草稿清單中開啟一份草稿，再匯出。")
        return
    template = choose_agency_template(window)
    if template is not None:
        export_current(window, "docx", template)


def install(window) -> None:
    """Add 匯出 PDF／ODT, 以機關範本匯出 and 檢查機關範本 to the window's menus."""
    from PySide6.QtGui import QAction

    def action(menu, text: str, slot) -> QAction:
        act = QAction(text, window)
        act.triggered.connect(lambda _checked=False: slot())
        menu.addAction(act)
        return act

    window.export_pdf_action = action(window.file_menu, "匯出 PDF(&P)…", lambda: export_current(window, "pdf"))
    window.export_odt_action = action(window.file_menu, "匯出 ODT（開放文件格式）(&O)…",
                                      lambda: export_current(window, "odt"))
    window.export_agency_action = action(window.file_menu, "以機關範本匯出 .docx…",
                                         lambda: _export_with_agency_template(window))
    window.check_template_action = action(window.tools_menu, "檢查機關範本(&K)…", lambda: check_template_dialog(window))
    # The one-page sheets (提要, 審核表) go round beside the report: each built-in one gets its own
    # entry, so nobody has to know that they are templates.
    from desktop.export.render import builtin_templates

    window.export_sheet_actions = {}
    for info in builtin_templates():
        if info.form != "full-report":
            window.export_sheet_actions[info.path.name] = action(
                window.file_menu, f"匯出{info.name} (.docx)…",
                lambda path=info.path: export_current(window, "docx", path))
