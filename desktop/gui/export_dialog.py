"""Exporting from the window: choose a file, show progress, allow cancel, explain failures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.domain.report import Report
from desktop.services import Services


def export_with_dialog(parent: QWidget, services: Services, report: Report) -> Path | None:
    """Ask for a target and export `report` to .docx; returns the written path, or None."""
    suggested = f"{report.title or '出國報告'}.docx"
    name, _ = QFileDialog.getSaveFileName(parent, "匯出 .docx", suggested, "Word 文件 (*.docx)")
    if not name:
        return None
    from desktop.export.render import ExportError, export_docx
    from desktop.fileio import FileWriteError

    progress = QProgressDialog("匯出中…", "取消", 0, 4, parent)
    progress.setWindowTitle("匯出")
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(300)
    steps = export_docx(report, Path(name))
    try:
        for step in steps:
            progress.setMaximum(step.total)
            progress.setLabelText(step.message)
            progress.setValue(step.step - 1)
            QApplication.processEvents()
            if progress.wasCanceled():
                steps.close()  # the generator removes its temporary file
                return None
    except (ExportError, FileWriteError) as err:
        QMessageBox.warning(parent, "匯出失敗", str(err))
        return None
    finally:
        progress.close()
    return Path(name)
