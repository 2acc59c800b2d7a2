"""檔案 → 從 Word 報告匯入…: an existing report read into a new draft, off the window's thread,
then a page of what was found, where each item to check jumps to its place in the editor (the
review's mechanism: EditorPage.goto)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QAction, QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
)

from desktop.gui import colours
from desktop.interchange.word_import.notes import PLAIN, PROBLEM, RECOGNISED, UNCERTAIN

FILE_FILTER = "Word 報告 (*.docx *.doc *.odt *.rtf);;所有檔案 (*)"
# the mark and the colour meaning (colours.MEANINGS) of each kind of note; "" is the palette's muted text
MARKS = {PROBLEM: ("✖", "problem"), UNCERTAIN: ("⚠", "partial"), PLAIN: ("≡", ""), RECOGNISED: ("✔", "ok")}
ORDER = (PROBLEM, UNCERTAIN, PLAIN, RECOGNISED)


class ImportThread(QThread):
    """Runs import_report; only plain values cross to the window (progress text and counts)."""

    progress = Signal(str, int, int)
    failed = Signal(str)

    def __init__(self, path: Path, store, parent=None):
        super().__init__(parent)
        self.path = path
        self.store = store
        self.result = None

    def run(self) -> None:
        from desktop.interchange.word_import.importer import ImportRefused, import_report

        try:
            self.result = import_report(self.path, self.store, progress=self.progress.emit)
        except ImportRefused as err:
            self.failed.emit(str(err))
        except Exception as err:  # noqa: BLE001 — a bug or the disk: said in one line, never a traceback
            from desktop.storage.failures import explain

            self.failed.emit(explain(err) or f"匯入時發生未預期的問題（{type(err).__name__}：{err}），原檔案沒有改變。")


class ImportReportDialog(QDialog):
    """What the import found: problems and things to check first, each a jump to its place."""

    jumpRequested = Signal(str)

    def __init__(self, notes, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("匯入結果")
        self.setModal(False)
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        check = len(notes.needs_attention)
        head = QLabel(f"已從「{Path(notes.source).name}」建立草稿「{title or '（未命名）'}」。\n"
                      f"報告種類：{notes.kind_name}（{notes.kind_reason}）。"
                      + (f"\n有 {check} 項請看一下；按一下項目就會跳到草稿中的位置。" if check else "\n全部內容都已辨識。"))
        head.setWordWrap(True)
        layout.addWidget(head)
        self.list = QListWidget()
        self.list.setAccessibleName("匯入結果")
        self.list.setWordWrap(True)
        for level in ORDER:
            for note in notes.of(level):
                mark, meaning = MARKS[level]
                item = QListWidgetItem(f"{mark} {note.line()}")
                item.setData(Qt.UserRole, note.target)
                palette = self.list.palette()
                item.setForeground(QBrush(colours.meaning(meaning, palette) if meaning else colours.muted(palette)))
                if note.target:
                    item.setToolTip("按一下前往")
                self.list.addItem(item)
        self.list.itemClicked.connect(self._jump)
        self.list.itemActivated.connect(self._jump)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("關閉")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def _jump(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.UserRole)
        if target:
            self.jumpRequested.emit(target)


class WordImport:
    """The menu action and the run of one import at a time."""

    def __init__(self, window):
        self.window = window
        self.thread: ImportThread | None = None
        self.progress: QProgressDialog | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.action = QAction("從 Word 報告匯入(&W)…", window)
        self.action.setToolTip("讀入既有的報告（.docx、.doc、.odt），建立新草稿")
        self.action.setStatusTip("把去年的報告或同事寫了一半的 Word 檔讀成新草稿：封面、提要、章節、行程表、建議與照片，"
                                 "並列出哪些要確認")
        self.action.triggered.connect(lambda _checked=False: self.choose())
        menu = window.file_menu
        import_json = getattr(window, "import_action", None)
        after = menu.actions()[menu.actions().index(import_json) + 1] if import_json in menu.actions() else None
        if after is not None:
            menu.insertAction(after, self.action)
        else:
            menu.addAction(self.action)

    def choose(self) -> None:
        if self.window.services is None or self.thread is not None:
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "從 Word 報告匯入", "", FILE_FILTER)
        if name:
            self.start(Path(name))

    def start(self, path: Path) -> None:
        if not self.window.save_pending_edits():
            return
        self.thread = ImportThread(path, self.window.services.photos, self.window)
        self.progress = QProgressDialog(f"正在讀取「{path.name}」…", None, 0, 0, self.window)
        self.progress.setWindowTitle("從 Word 報告匯入")
        self.progress.setMinimumDuration(300)
        self.progress.setWindowModality(Qt.WindowModal)
        self.thread.progress.connect(self._progress)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._finished)
        self.thread.start()

    def _progress(self, text: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setLabelText(text)
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self.window, "無法匯入", message)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def _finished(self) -> None:
        thread, self.thread = self.thread, None
        self._close_progress()
        if thread is None or thread.result is None:
            return
        result = thread.result
        from desktop.storage import StorageError

        try:
            draft_id = self.window.services.repo.create(result.report)
        except StorageError as err:
            QMessageBox.warning(self.window, "無法儲存匯入的草稿", str(err))
            return
        self.window.open_draft(draft_id)
        self.window.statusBar().showMessage(f"已從「{Path(result.notes.source).name}」匯入", 15000)
        self.show_report(result.notes, result.report.title)

    def show_report(self, notes, title: str) -> ImportReportDialog:
        dialog = self.report_dialog = ImportReportDialog(notes, title, self.window)
        dialog.jumpRequested.connect(self.window.editor_page.goto)
        dialog.show()
        return dialog


def install(window) -> WordImport:
    window.word_import = WordImport(window)
    return window.word_import
