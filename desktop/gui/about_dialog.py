"""說明 → 關於: which versions are running (for a call to the IT office) and where the drafts are."""

from __future__ import annotations

import platform
import subprocess
import threading

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from desktop import APP_NAME, APP_TITLE, __version__
from desktop.gui.thread_answer import ThreadAnswer

LOOKING = "尋找中…"


def libreoffice_version() -> str:
    """"LibreOffice 7.4.7.2", or a sentence saying it is missing (takes a second: not on the GUI thread)."""
    from desktop.export.libreoffice import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return "未安裝（無法匯出 PDF 與預覽頁面；.docx 不受影響）"
    try:
        flags = {"creationflags": subprocess.CREATE_NO_WINDOW} if hasattr(subprocess, "CREATE_NO_WINDOW") else {}
        out = subprocess.run([str(soffice), "--version"], capture_output=True, text=True, timeout=30, **flags).stdout
    except (OSError, subprocess.TimeoutExpired):
        return f"已找到（{soffice}），但無法得知版本"
    words = out.split()
    return " ".join(words[:2]) if len(words) >= 2 else f"已找到（{soffice}）"


class AboutDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        import PySide6

        self.setWindowTitle(f"關於{APP_TITLE}")
        self.data_dir = window.data_dir
        title = QLabel(f"<b>{APP_TITLE}</b>（{APP_NAME}）　版本 {__version__}")
        blurb = QLabel("撰寫公務出國報告並依規定格式匯出。自由軟體，以 MIT 授權釋出。")
        blurb.setWordWrap(True)
        self.libreoffice_label = QLabel(LOOKING)
        folder = QLabel(str(self.data_dir))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy it into Explorer
        folder.setWordWrap(True)
        form = QFormLayout()
        form.addRow("程式版本：", QLabel(__version__))
        form.addRow("Python：", QLabel(platform.python_version()))
        form.addRow("Qt：", QLabel(f"{qVersion()}（PySide6 {PySide6.__version__}）"))
        form.addRow("LibreOffice：", self.libreoffice_label)
        form.addRow("作業系統：", QLabel(platform.platform(terse=True)))
        form.addRow("草稿資料夾：", folder)
        self.open_folder_button = QPushButton("開啟資料夾(&O)")
        self.open_folder_button.clicked.connect(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)
        # the thread may answer after the dialog is gone (Qt then drops the connection)
        answer = ThreadAnswer(self.libreoffice_label.setText)
        threading.Thread(target=lambda: answer.ready.emit(libreoffice_version()), daemon=True).start()

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
