"""The typist the kill test kills: types into a draft without pause and autosaves it through the
editor's own debounce (gui.autosave.Autosaver, whole-report DraftRepository.save).

Usage: python -m tests.storage.crash_child DATA_DIR DRAFT_ID LOG_FILE
Every keystroke appends "<monotonic seconds> <text length>" to LOG_FILE with a raw os.write, so the
line is in the kernel before the next key: a SIGKILL cannot lose it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ALPHABET = "出國報告測試文字甲乙丙丁戊己庚辛壬癸。"
KEY_INTERVAL_MS = 2


def typed_text(length: int) -> str:
    """What the typist has typed after `length` keys: the same for every run, so the parent can
    check the stored text is exactly a prefix of it."""
    return "".join(ALPHABET[i % len(ALPHABET)] for i in range(length))


def main(data_dir: str, draft_id: str, log_file: str) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    from desktop.gui.autosave import Autosaver
    from desktop.storage import open_repository

    app = QCoreApplication([])
    repo = open_repository(Path(data_dir))
    report = repo.load(int(draft_id))
    chapter = report.chapters[0]
    log = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    saver = Autosaver(lambda: repo.save(report))

    def key() -> None:
        n = len(chapter.text)
        chapter.set_text(chapter.text + ALPHABET[n % len(ALPHABET)])
        saver.schedule()
        os.write(log, f"{time.monotonic():.4f} {n + 1}\n".encode())

    os.write(log, f"{time.monotonic():.4f} {len(chapter.text)}\n".encode())
    timer = QTimer()
    timer.timeout.connect(key)
    timer.start(KEY_INTERVAL_MS)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
