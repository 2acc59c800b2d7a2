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
    return target
