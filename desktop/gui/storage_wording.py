"""Storage messages as the window says them.

The storage layer's messages end with advice for the command line: start it again with
--data-dir on a writable copy of the folder, or (for a damaged database) run `tripreport
restore-backup`, save drafts with `tripreport show … -o`. A window user cannot act on that, so in
the window those sentences give way to what can be done there: ask IT to make the folder
writable, keep the drafts meanwhile (pack them, or copy the whole folder, which 開啟資料夾 in the
about box shows), go back to a backup with the restore dialog.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop import APP_TITLE

CLI_ONLY = "--data-dir"  # the command line's way out of a read-only folder
CLI_COMMAND = re.compile(r"tripreport (?:restore-backup|show|import|backup)\b")  # a command to type
OPEN_FOLDER = f"「說明 → 關於{APP_TITLE}」裡的「開啟資料夾」"


def read_only_advice(folder: Path) -> str:
    return (f"要繼續修改，可以請資訊人員解除資料夾「{folder}」的唯讀設定，再重新開啟 TripReport。"
            "在那之前，可用「檔案 → 打包草稿（.tripreport）」把草稿另存到可寫入的位置（例如「文件」資料夾），"
            "或把整個資料夾複製一份保存；若是資料庫檔案本身出了問題，可用「工具 → 從備份還原」換回最近的備份。")


def unopened_advice(folder: Path) -> str:
    return f"請資訊人員開放資料夾「{folder}」的寫入權限（或解除唯讀設定），再重新開啟 TripReport。"


def damaged_advice(folder: Path) -> str:
    """What to do about a damaged database, in the window: the restore dialog with the newest
    good backup, and before that keep what can still be read."""
    from desktop.storage.backup import newest_good_backup

    keep = ("可用「檔案 → 打包草稿（.tripreport）」把還讀得到的草稿另存到別的資料夾，"
            f"或用{OPEN_FOLDER}打開資料夾、把它整個複製一份保存。")
    backup = newest_good_backup(folder)
    if backup is None:  # the storage layer's message already says there is none, and to ask IT
        return f"在那之前，{keep}"
    return (f"最新的完好備份是「{backup.label}」：在「工具 → 從備份還原」選它就能換回，"
            "損壞的檔案會改名保留在同一個資料夾，不會刪除。備份之後的修改不在備份裡：還原前，"
            f"{keep}還原後再以「檔案 → 匯入草稿包」帶回。")


def for_window(text: str, folder: Path) -> str:
    """`text` with its command-line advice replaced by the window's; other messages unchanged."""
    sentences = re.split(r"(?<=[。\n])", text)
    for_cli = [s for s in sentences if CLI_ONLY in s or CLI_COMMAND.search(s)]
    if not for_cli:
        return text
    from desktop.storage.database import database_access

    kept = "".join(s for s in sentences if s not in for_cli).rstrip()
    if any(CLI_COMMAND.search(s) for s in for_cli):
        advice = damaged_advice(folder)
    elif database_access() is not None:  # read-only, but open: the window's menus are there
        advice = read_only_advice(folder)
    else:
        advice = unopened_advice(folder)
    return f"{kept}\n\n{advice}"
