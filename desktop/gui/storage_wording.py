"""Storage messages as the window says them.

The storage layer's refusals end with advice for the command line: start it again with
--data-dir on a writable copy of the folder. A window user cannot act on that, so in the window
that sentence gives way to what can be done there: ask IT to make the folder writable, keep the
drafts meanwhile (pack them, or copy the whole folder), go back to a backup.
"""

from __future__ import annotations

import re
from pathlib import Path

CLI_ONLY = "--data-dir"


def read_only_advice(folder: Path) -> str:
    return (f"要繼續修改，可以請資訊人員解除資料夾「{folder}」的唯讀設定，再重新開啟 TripReport。"
            "在那之前，可用「檔案 → 打包草稿（.tripreport）」把草稿另存到可寫入的位置（例如「文件」資料夾），"
            "或把整個資料夾複製一份保存；若是資料庫檔案本身出了問題，可用「工具 → 從備份還原」換回最近的備份。")


def unopened_advice(folder: Path) -> str:
    return f"請資訊人員開放資料夾「{folder}」的寫入權限（或解除唯讀設定），再重新開啟 TripReport。"


def for_window(text: str, folder: Path) -> str:
    """`text` with its command-line advice replaced by the window's; other messages unchanged."""
    if CLI_ONLY not in text:
        return text
    from desktop.storage.database import database_access

    kept = "".join(s for s in re.split(r"(?<=[。\n])", text) if CLI_ONLY not in s).rstrip()
    opened = database_access() is not None  # read-only, but open: the window's menus are there
    return f"{kept}\n\n{read_only_advice(folder) if opened else unopened_advice(folder)}"
