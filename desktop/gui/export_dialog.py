"""Exporting from the window: one place to choose what to export, a file, progress, failures explained.

ExportChoiceDialog holds every choice — the report as .docx, .pdf or .odt, with an agency's own
template, and the one-page sheets (提要, 審核表) — and the toolbar, the File menu and the review
step all open it (`open_export_dialog`). `export_with_dialog` asks for the file and runs the export
off the GUI thread (export_progress.py); the open draft stays open on its step, its undo intact.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.report import Report
from desktop.gui import colours
from desktop.services import Services

FILTERS = {
    "docx": ("匯出 Word 文件", "Word 文件 (*.docx)"),
    "pdf": ("匯出 PDF", "PDF 文件 (*.pdf)"),
    "odt": ("匯出 ODF 文字文件", "ODF 文字文件 (*.odt)"),
}
AGENCY = "agency"  # the choice whose template the user picks when exporting


def _safe_name(title: str) -> str:
    name = "".join("_" if c in '\\/:*?"<>|' else c for c in (title or "出國報告")).strip() or "出國報告"
    return name[:80]


def export_with_dialog(parent: QWidget, services: Services, report: Report, fmt: str = "docx",
                       template: str | Path | None = None) -> Path | None:
    """Ask for a target and export `report` as `fmt` (docx, pdf, odt); returns the written path, or
    None when the user cancelled or the export failed (a message box has said why)."""
    from desktop.export import libreoffice
    from desktop.export.render import export_report, target_problem, with_export_suffix

    if fmt not in FILTERS:
        raise ValueError(fmt)
    if fmt != "docx" and not libreoffice.available():
        QMessageBox.warning(parent, "需要 LibreOffice", libreoffice.MISSING_MESSAGE)
        return None
    caption, name_filter = FILTERS[fmt]
    settings, uid = _export_memory(parent, services, report)
    start = Path(settings.export_folder(uid)) if settings else Path()
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(start / f"{_safe_name(report.title)}.{fmt}"),
                                          name_filter)
    if not name:
        return None
    target = with_export_suffix(Path(name), fmt)
    problem = target_problem(target)
    if problem:
        QMessageBox.warning(parent, "無法匯出", problem)
        return None

    from desktop.gui.export_progress import CANCELLED, FAILED, ExportJob

    # the export reads its own copy: the draft in the window may change while it runs
    steps = export_report(copy.deepcopy(report), target, fmt, template, services.photos if services else None)
    job = ExportJob(parent, steps, converts=fmt != "docx")
    outcome = job.run()
    job.deleteLater()
    if outcome == CANCELLED:
        return None
    if outcome == FAILED:
        QMessageBox.warning(parent, "匯出失敗", job.error)
        return None
    if settings is not None:
        settings.remember_export(uid, target)  # the next export of this draft starts there
    if services is not None:
        from desktop.storage import StorageError
        from desktop.storage.snapshots import record_export

        try:
            record_export(services.repo, report.id, target)
        except StorageError as err:  # the file is written; say the history could not note it
            from desktop.gui.storage_guard import window_text

            QMessageBox.warning(parent, "版本紀錄", f"已匯出，但無法保存這次匯出的版本紀錄：{window_text(str(err))}")
    return target


def _export_memory(parent: QWidget, services: Services | None, report: Report):
    """The window's settings and the draft's uid (its export folder is remembered under it)."""
    settings = getattr(parent.window(), "settings", None) if parent is not None else None
    uid = ""
    if settings is not None and services is not None and report.id is not None:
        from desktop.storage import StorageError

        try:
            uid = services.repo.uid_of(report.id)
        except StorageError:
            uid = ""
    return settings, uid


def tell_exported(parent: QWidget, target: Path) -> str:
    """After an export: where the file is, with 開啟檔案 and 開啟資料夾. Returns what was chosen
    ("file", "folder" or "")."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    box = QMessageBox(QMessageBox.Information, "匯出完成", f"已匯出「{target.name}」。", QMessageBox.NoButton, parent)
    box.setInformativeText(f"存放在：{target.parent}")
    open_file = box.addButton("開啟檔案(&O)", QMessageBox.AcceptRole)
    open_folder = box.addButton("開啟資料夾(&F)", QMessageBox.ActionRole)
    box.addButton(QMessageBox.Close).setText("關閉")
    box.setDefaultButton(open_file)
    box.exec()
    clicked = box.clickedButton()
    chosen, url = "", None
    if clicked is open_file:
        chosen, url = "file", QUrl.fromLocalFile(str(target))
    elif clicked is open_folder:
        chosen, url = "folder", QUrl.fromLocalFile(str(target.parent))
    if url is not None and not QDesktopServices.openUrl(url):
        QMessageBox.warning(parent, "無法開啟", f"系統沒有可開啟「{target.name}」的程式；檔案在：{target.parent}")
    return chosen


# ---- the one export dialog ---------------------------------------------------------------------

def export_choices(report: Report | None = None) -> list[tuple[str, str, str, str | Path | None]]:
    """(key, label, format, template) of everything that can be exported; the one-page sheets are
    the built-in templates of other forms, named by their manifests. For `report`, only the sheets
    its kind declares, each named as that kind's own sheet (export swaps it in, resolve_template)."""
    from desktop.domain.kinds import kind_of
    from desktop.export import libreoffice
    from desktop.export.render import builtin_templates, resolve_template

    needs = "" if libreoffice.available() else "　（需要安裝 LibreOffice）"
    choices = [("docx", "Word 文件（.docx）", "docx", None),
               ("pdf", f"PDF（.pdf）{needs}", "pdf", None),
               ("odt", f"ODF 文字文件（.odt）{needs}", "odt", None),
               (AGENCY, "以機關自備範本匯出 .docx（下一步選擇範本檔）", "docx", AGENCY)]
    kind = kind_of(report) if report is not None else None
    for info in builtin_templates():
        if info.form == "full-report":
            continue
        name = info.name
        if kind is not None:
            if kind.template_path(info.role) is None:
                continue  # the kind has no such sheet: offering it would only end in a refusal
            own = resolve_template(info.path, report)
            name = own.name if own.builtin else name  # an agency kind's own file has no manifest
        choices.append((info.path.name, f"{name}（.docx）", "docx", info.path))
    return choices


class ExportChoiceDialog(QDialog):
    """What to export, in one list: the report in each format, with an agency template, the sheets
    (those of `report`'s kind, when given)."""

    def __init__(self, parent=None, preselect: str = "docx", report: Report | None = None):
        super().__init__(parent)
        self.setWindowTitle("匯出")
        offered = export_choices(report)
        self.choices = {key: (fmt, template) for key, _label, fmt, template in offered}
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        if report is not None:
            from desktop.domain.kinds import kind_of

            report_box = QGroupBox(kind_of(report).name)  # 新聞稿 is not an 出國報告
        else:
            report_box = QGroupBox("出國報告")
        sheets_box = QGroupBox("單頁表格（與報告一同送出）")
        report_layout, sheets_layout = QVBoxLayout(report_box), QVBoxLayout(sheets_box)
        for key, label, _fmt, template in offered:
            button = QRadioButton(label)
            button.setAccessibleName(label)
            self.buttons[key] = button
            self.group.addButton(button)
            is_sheet = template not in (None, AGENCY)
            (sheets_layout if is_sheet else report_layout).addWidget(button)
        self.buttons.get(preselect, self.buttons["docx"]).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("匯出…")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel("匯出時會先儲存目前的修改；草稿仍停在原來的步驟。")
        hint.setStyleSheet(f"color: {colours.css(colours.muted(self.palette()))};")
        layout = QVBoxLayout(self)
        layout.addWidget(report_box)
        if sheets_layout.count():
            layout.addWidget(sheets_box)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def choose(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def chosen_key(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def chosen(self) -> tuple[str, str | Path | None]:
        """(format, template) of the checked choice; template AGENCY means "ask for one"."""
        return self.choices[self.chosen_key()]


def open_export_dialog(window, fmt: str = "docx") -> Path | None:
    """The toolbar's, the File menu's and the review step's export: choose, then export."""
    if window.current_draft_id() is None:
        QMessageBox.information(window, "匯出", "請先在草稿清單中開啟一份草稿，再匯出。")
        return None
    dialog = ExportChoiceDialog(window, fmt, window.editor_page.report)
    if dialog.exec() != QDialog.Accepted:
        return None
    fmt, template = dialog.chosen()
    if template == AGENCY:
        template = choose_agency_template(window)
        if template is None:
            return None
    return export_current(window, fmt, template)


def export_current(window, fmt: str, template: str | Path | None = None) -> Path | None:
    """Export the open draft after saving what was just typed; the draft is not reopened, so it
    stays on its step with its undo history."""
    draft_id = window.current_draft_id()
    if draft_id is None:
        QMessageBox.information(window, "匯出", "請先在草稿清單中開啟一份草稿，再匯出。")
        return None
    if not window.save_pending_edits():
        return None  # the editor has said why it could not save
    written = export_with_dialog(window, window.services, window.editor_page.report, fmt, template)
    window.statusBar().showMessage(f"已匯出：{written}" if written else "沒有匯出檔案。", 8000)
    if written:
        tell_exported(window, written)
    return written


def choose_agency_template(window) -> Path | None:
    """Ask for an agency .docx and check it; None (after saying why) if it cannot be used."""
    from desktop.export.template_check import check_template, format_problems

    name = _ask_template(window, "選擇機關範本")
    if not name:
        return None
    problems = check_template(Path(name))
    if any(p.fatal for p in problems):
        QMessageBox.warning(window, "範本無法使用", format_problems(problems))
        return None
    if problems:
        QMessageBox.information(window, "範本檢查", format_problems(problems))
    return Path(name)


def _ask_template(window, caption: str) -> str:
    """An agency .docx, asked in the folder the last one came from."""
    settings = getattr(window, "settings", None)
    name, _ = QFileDialog.getOpenFileName(window, caption, settings.folder("template") if settings else "",
                                          "Word 文件 (*.docx)")
    if name and settings is not None:
        settings.remember_folder("template", name)
    return name


def check_template_dialog(window) -> None:
    from desktop.export.template_check import check_template, format_problems

    name = _ask_template(window, "檢查機關範本")
    if not name:
        return
    problems = check_template(Path(name))
    box = QMessageBox.warning if any(p.fatal for p in problems) else QMessageBox.information
    box(window, "範本檢查結果", format_problems(problems))


def install(window) -> None:
    """Add 檢查機關範本 to the Tools menu (exporting itself is the window's one 匯出… action)."""
    from PySide6.QtGui import QAction

    window.check_template_action = QAction("檢查機關範本(&K)…", window)
    window.check_template_action.triggered.connect(lambda _checked=False: check_template_dialog(window))
    window.tools_menu.addAction(window.check_template_action)
