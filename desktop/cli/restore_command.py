"""`tripreport restore-backup [BACKUP]`: go back to a backup, most of all when the database is damaged.

A damaged database is renamed and kept beside the restored one (never deleted); a sound one is
backed up first, so the restore shows up among the backups and can itself be undone.
"""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("restore-backup", help="用備份還原資料庫（預設為最新的完好備份；損壞的資料庫會改名保留）")
    p.add_argument("backup", nargs="?", type=Path, help="備份檔（tripreport backup --list 列出）；不指定時用最新的完好備份")
    p.set_defaults(handler=cmd_restore_backup)


def cmd_restore_backup(args) -> int:
    import sqlite3

    from desktop.cli import UserError
    from desktop.paths import resolve_data_dir
    from desktop.storage.backup import (
        BackupInfo,
        list_backups,
        newest_good_backup,
        replace_damaged,
        restore_backup,
    )
    from desktop.storage.claims import WriterClaims
    from desktop.storage.database import DB_FILENAME
    from desktop.storage.health import check_file, read_only_message, why_not_writable, write_problem

    data_dir = resolve_data_dir(args.data_dir)
    WriterClaims(data_dir).check_folder()  # a window on this folder would keep writing the old file
    db_file = data_dir / DB_FILENAME
    problem = write_problem(data_dir, db_file)
    if problem is not None:
        raise UserError(f"沒有還原：{read_only_message(db_file, why_not_writable(problem))}")
    if args.backup is not None:
        if not args.backup.is_file():
            raise UserError(f"找不到備份檔「{args.backup}」。")
        chosen = args.backup
        label = args.backup.name
    else:
        info: BackupInfo | None = newest_good_backup(data_dir)
        if info is None:
            more = "（現有的備份都已損壞）" if list_backups(data_dir) else ""
            raise UserError(f"資料夾「{data_dir}」沒有可用的備份{more}，沒有還原。")
        chosen, label = info.path, info.label
    try:
        damaged = db_file.exists() and check_file(db_file).damaged
    except sqlite3.Error:
        damaged = True  # cannot even be opened: set it aside as well
    if damaged or not db_file.exists():
        aside = replace_damaged(data_dir, db_file, chosen)
        print(f"已用「{label}」還原。損壞的資料庫保留為「{aside}」，沒有刪除；備份之後的修改不在還原的資料中。")
    else:
        undo = restore_backup(data_dir, db_file, chosen)
        print(f"已用「{label}」還原。還原前的資料庫另存為「{undo}」，要復原時執行 tripreport restore-backup \"{undo}\"。")
    return 0
