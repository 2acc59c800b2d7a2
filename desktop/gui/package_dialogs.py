"""Packing a draft into a .tripreport file and importing one, with the choice a co-author needs
when the draft is already here: import as a copy, replace (after a snapshot), or merge chapter by
chapter (keep mine / take theirs / keep both for each chapter that differs)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.fileio import FileWriteError
from desktop.gui.storage_guard import refused, storage_errors_said, window_text
from desktop.interchange import package as pkg
from desktop.interchange.draft_json import DraftFormatError
from desktop.interchange.merge import CHOICE_LABELS, ChapterConflict, conflicts
from desktop.storage import StorageError

FILTER = "TripReport 草稿包 (*.tripreport)"
AS_COPY, REPLACE, MERGE = "copy", "replace", "merge"


def choose_draft(window, title: str = "打包草稿", verb: str = "打包") -> int | None:
    """The open draft, else the one selected in the list, else the one the user picks; None when
    there is none or the user cancels."""
    draft_id = window.current_draft_id()
    if draft_id is not None:
        return draft_id
    page = getattr(window, "list_page", None)
    selected = page.selected_id() if page is not None else None
    if selected is not None:
        return selected
    drafts = window.services.repo.list_drafts()
    if not drafts:
        QMessageBox.information(window, title, f"還沒有草稿可以{verb}。")
        return None
    names = [f"{d.id}　{d.title or '（未命名）'}" for d in drafts]
    name, ok = QInputDialog.getItem(window, title, f"要{verb}哪一份草稿？", names, 0, False)
    return drafts[names.index(name)].id if ok else None


def pack_with_dialog(window) -> Path | None:
    draft_id = choose_draft(window)
    if draft_id is None:
        return None
    repo = window.services.repo
    if window.save_pending_edits():
        report, unsaved = repo.load(draft_id), False
    else:  # a read-only database or a full disk: the draft as the window shows it, so nothing is lost
        report, unsaved = _shown_draft(window), True
    from desktop.gui.settings import note_folder, start_folder

    suggested = str(Path(start_folder(window, "package")) / f"{(report.title or '出國報告')[:40]}.tripreport")
    name, _ = QFileDialog.getSaveFileName(window, "打包草稿", suggested, FILTER)
    if not name:
        return None
    note_folder(window, "package", name)
    try:
        written = pkg.pack(report, window.services.photos, Path(name), uid=repo.uid_of(draft_id))
    except (pkg.PackageError, FileWriteError, StorageError) as err:
        QMessageBox.warning(window, "無法打包", window_text(str(err)))
        return None
    shown = "（含畫面上尚未能儲存的修改）" if unsaved else ""
    window.statusBar().showMessage(f"已打包{shown}：{written}（可用隨身碟帶到另一台電腦，以「匯入草稿包」開啟）", 10000)
    return written


def _shown_draft(window):
    """The open draft as the window shows it, edits not yet stored included."""
    import copy

    editor = window.editor_page
    editor.commit_all()
    return copy.deepcopy(editor.report)


def ask_how(window, title: str) -> str | None:
    """Copy / replace / merge for a package whose draft is already here; None to cancel."""
    box = QMessageBox(window)
    box.setWindowTitle("這份草稿已在本機")
    box.setText(f"「{title or '（未命名）'}」已經在這台電腦上。要怎麼匯入？")
    box.setInformativeText("逐章合併：對每個內容不同的章節選擇保留我的、採用對方的或兩者都保留。\n"
                           "取代與合併之前都會先保存目前的版本。")
    merge = box.addButton("逐章合併(&M)…", QMessageBox.AcceptRole)
    copy = box.addButton("匯入為副本(&C)", QMessageBox.AcceptRole)
    replace = box.addButton("取代本機的(&R)", QMessageBox.DestructiveRole)
    box.addButton("取消", QMessageBox.RejectRole)
    box.setDefaultButton(merge)
    box.exec()
    return {merge: MERGE, copy: AS_COPY, replace: REPLACE}.get(box.clickedButton())


class MergeDialog(QDialog):
    """One row per differing chapter, each with keep mine / take theirs / keep both."""

    def __init__(self, parent, found: list[ChapterConflict],
                 note: str = "以下章節兩邊內容不同（預設：一方空白時取有內容的一方，其餘保留我的）："):
        super().__init__(parent)
        self.found = found
        self.setWindowTitle("逐章合併")
        self.resize(640, 360)
        self.table = QTableWidget(len(found), 3)
        self.table.setHorizontalHeaderLabels(("章節", "字數", "合併方式"))
        self.table.setAccessibleName("不同的章節")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.combos: list[QComboBox] = []
        for row, conflict in enumerate(found):
            self.table.setItem(row, 0, QTableWidgetItem(conflict.heading or "（未命名章節）"))
            self.table.setItem(row, 1, QTableWidgetItem(conflict.summary))
            combo = QComboBox()
            combo.setAccessibleName(f"{conflict.heading} 的合併方式")
            for key, label in CHOICE_LABELS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(combo.findData(conflict.default))
            self.table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("合併")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        explained = QLabel(note)
        explained.setWordWrap(True)
        layout.addWidget(explained)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def choices(self) -> dict[str, str]:
        return {c.chapter_id: combo.currentData() for c, combo in zip(self.found, self.combos, strict=True)}


def unpack_with_dialog(window, path: Path | None = None) -> int | None:
    if refused(window, "無法匯入"):  # said before a file is chosen
        return None
    if path is None:
        from desktop.gui.settings import note_folder, start_folder

        name, _ = QFileDialog.getOpenFileName(window, "匯入草稿包", start_folder(window, "package"), FILTER)
        if not name:
            return None
        note_folder(window, "package", name)
        path = Path(name)
    try:
        contents = pkg.read_package(path)
    except (pkg.PackageError, DraftFormatError) as err:
        QMessageBox.warning(window, "無法匯入", f"{err}\n\n沒有匯入任何內容。")
        return None
    try:
        with storage_errors_said(window, "無法匯入") as outcome:
            draft_id = _import_contents(window, contents)
    except (DraftFormatError, FileWriteError) as err:
        QMessageBox.warning(window, "無法匯入", window_text(str(err)))
        return None
    finally:
        contents.cleanup()
    if outcome.failed or draft_id is None:
        return None
    if window.current_draft_id() == draft_id:
        window.reload_current_draft()
    else:
        window.open_draft(draft_id)
    window.statusBar().showMessage(f"已匯入「{path.name}」。", 8000)
    return draft_id


def _import_contents(window, contents: pkg.PackageContents) -> int | None:
    """Store what the package holds: a new draft, or (for a draft already here) a copy, a
    replacement or a merge as the user chooses; None when the user cancels."""
    services = window.services
    existing = pkg.existing_draft(contents, services.repo)
    if existing is None:
        return pkg.import_new(contents, services.repo, services.photos)
    how = ask_how(window, contents.report.title)
    if how is None:
        return None
    if how != AS_COPY and not window.save_pending_edits():
        QMessageBox.warning(window, "無法匯入", "目前的修改無法儲存，為免遺失，這次不匯入。")
        return None
    if how == AS_COPY:
        return pkg.import_new(contents, services.repo, services.photos, as_copy=True)
    if how == REPLACE:
        return pkg.import_replace(contents, services.repo, services.photos, existing)
    found = conflicts(services.repo.load(existing), contents.report)
    choices = {}
    if found:
        dialog = MergeDialog(window, found)
        if dialog.exec() != QDialog.Accepted:
            return None
        choices = dialog.choices()
    return pkg.import_merge(contents, services.repo, services.photos, existing, choices)
