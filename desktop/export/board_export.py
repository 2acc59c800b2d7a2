"""The deadline board as a file: CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese) or
.xlsx (overdue rows in red), the columns of domain/board.COLUMNS."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.domain.board import COLUMNS, BoardRow, cells
from desktop.fileio import atomic_write_bytes

FORMATS = {".csv": "CSV", ".xlsx": "Excel 活頁簿"}


def export_board(rows: list[BoardRow], target: Path) -> Path:
    """Write `rows` to `target` in the format its suffix names (.csv or .xlsx)."""
    target = Path(target)
    suffix = target.suffix.lower()
    header = [heading for _key, heading in COLUMNS]
    if suffix == ".csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(cells(r) for r in rows)
        atomic_write_bytes(target, out.getvalue().encode("utf-8-sig"))
        return target
    if suffix == ".xlsx":
        from desktop.export.xlsx import write_xlsx

        return write_xlsx(target, "繳交期限", header, [cells(r) for r in rows], [r.overdue for r in rows])
    raise ValueError(f"「{target.name}」：期限表只能匯出成 .csv 或 .xlsx。")
