"""The agency tier on the command line: the deadline board, statuses with who and when, co-authors,
checking a draft out of the server and back, and the server's own upkeep.

`tripreport board [--unit U] [--status S] [--overdue] [--sort KEY] [-o FILE.csv|.xlsx]`,
`tripreport status ID [NEW]`, `tripreport authors ID [--add ROLE | --remove ROLE]`,
`tripreport checkout ID -o FILE`, `tripreport checkin FILE`, `tripreport server status|upgrade`.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from desktop.cli import UserError
from desktop.cli.text_table import aligned


def register(sub) -> None:
    from desktop.domain.board import SORT_KEYS
    from desktop.domain.report import STATUSES

    p = sub.add_parser("board", help="繳交期限表：每份報告的出國人員、期限、剩餘天數與狀態（可匯出 .csv／.xlsx）")
    p.add_argument("--unit", default="", help="只列這個單位")
    p.add_argument("--status", default="", choices=["", *STATUSES], metavar="狀態", help="只列這個狀態")
    p.add_argument("--overdue", action="store_true", help="只列逾期的")
    p.add_argument("--find", default="", metavar="文字", help="報告名稱、出國人員或單位含有這段文字")
    p.add_argument("--sort", default="days_left", choices=list(SORT_KEYS), help="排序欄位（預設 days_left：剩餘天數）")
    p.add_argument("--desc", action="store_true", help="由大到小排序")
    p.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)
    p.add_argument("-o", "--output", type=Path, help="匯出成 .csv 或 .xlsx 檔")
    p.set_defaults(handler=cmd_board)

    p = sub.add_parser("status", help="顯示或變更草稿的狀態（記錄誰、何時變更）")
    p.add_argument("id", type=int, help="草稿編號")
    p.add_argument("new", nargs="?", choices=STATUSES, metavar="新狀態", help="、".join(STATUSES))
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("authors", help="列出、加入或移除草稿的共同作者（機關資料庫的帳號）")
    p.add_argument("id", type=int, help="草稿編號")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--add", metavar="帳號", help="加入共同作者")
    how.add_argument("--remove", metavar="帳號", help="移除共同作者")
    p.set_defaults(handler=cmd_authors)

    p = sub.add_parser("checkout", help="把機關資料庫上的草稿帶出成草稿包，離線編輯（伺服器上會標示帶出中）")
    p.add_argument("id", type=int, help="草稿編號")
    p.add_argument("-o", "--output", type=Path, required=True, help="草稿包檔名，例如 報告.tripreport")
    p.set_defaults(handler=cmd_checkout)

    p = sub.add_parser("checkin", help="把帶出的草稿包帶回機關資料庫，逐章合併")
    p.add_argument("file", type=Path, help=".tripreport 檔")
    p.set_defaults(handler=cmd_checkin)

    p = sub.add_parser("server", help="機關資料庫：連線狀態，或由管理帳號升級資料格式")
    p.add_argument("action", choices=["status", "upgrade"], help="status：顯示連線與身分；upgrade：升級資料格式")
    p.set_defaults(handler=cmd_server)


def _services(args):
    from desktop.services import open_services

    return open_services(args.data_dir, args.database)


def cmd_board(args) -> int:
    from desktop.domain.board import BoardFilter, board_rows, filter_rows, sort_rows
    from desktop.storage.agency import board_entries

    services = _services(args)
    rows = board_rows(board_entries(services.repo), args.today or date.today())
    rows = sort_rows(filter_rows(rows, BoardFilter(args.find, args.status, args.unit, args.overdue)),
                     args.sort, args.desc)
    if args.output:
        from desktop.export.board_export import export_board

        try:
            written = export_board(rows, args.output)
        except ValueError as err:
            raise UserError(str(err)) from None
        print(f"已匯出 {len(rows)} 份報告：{written}")
        return 0
    if not rows:
        print("（沒有符合的報告）")
    else:
        for line in aligned(_board_table(rows)):
            print(line)
    overdue = sum(r.overdue for r in rows)
    print(f"共 {len(rows)} 份{f'，逾期 {overdue} 份（以！標示）' if overdue else ''}。")
    return 0


def _board_table(rows) -> list[list[str]]:
    """A heading row and one row per report: the number to give other commands (！ when overdue),
    then the columns of the CSV and the window, as the window shows them."""
    from desktop.domain.board import COLUMNS, shown

    table = [["編號", *(heading for _key, heading in COLUMNS)]]
    for r in rows:
        table.append([f"{'！' if r.overdue else ''}{r.id}", *(shown(r, key) for key, _heading in COLUMNS)])
    return table


def cmd_status(args) -> int:
    from desktop.domain.board import board_rows
    from desktop.storage.agency import board_entries

    services = _services(args)
    if args.new:
        services.repo.set_status(args.id, args.new)
    entry = next((e for e in board_entries(services.repo) if e.id == args.id), None)
    if entry is None:
        raise UserError(f"找不到編號 {args.id} 的草稿。")
    row = board_rows([entry], date.today())[0]
    print(f"{row.title or '（未命名）'}：{row.status}")
    for h in row.history:
        print(f"  {h.at.replace('T', ' ')}\t{h.status}\t{h.who or '—'}")
    return 0


def cmd_authors(args) -> int:
    from desktop.storage.agency import add_author, authors, remove_author

    services = _services(args)
    if args.add:
        add_author(services.repo, args.id, args.add)
    elif args.remove:
        remove_author(services.repo, args.id, args.remove)
    for role in authors(services.repo, args.id):
        print(role)
    return 0


def _require_server(services) -> None:
    if not services.server:
        raise UserError("草稿在本機資料夾：帶出與帶回只用於機關資料庫（--database 或 TRIPREPORT_DATABASE）。"
                        "本機草稿請用 tripreport pack／unpack。")


def cmd_checkout(args) -> int:
    from desktop.interchange.checkout import check_out

    services = _services(args)
    _require_server(services)
    written = check_out(services.repo, services.photos, args.id, args.output)
    print(f"已帶出：{written}。在另一台電腦用 tripreport unpack（或 檔案 → 匯入草稿包）開啟；"
          f"回來後執行 tripreport checkin \"{written}\"。")
    return 0


def cmd_checkin(args) -> int:
    from desktop.interchange.checkout import check_in
    from desktop.interchange.package import PackageError

    services = _services(args)
    _require_server(services)
    try:
        draft_id, both = check_in(services.repo, services.photos, args.file)
    except PackageError as err:
        raise UserError(str(err)) from None
    print(f"已帶回並合併到草稿 {draft_id}。")
    if both:
        print(f"兩邊都改過的章節（兩個版本都保留，帶回的版本標示「（對方版本）」）：{'、'.join(both)}")
    return 0


def cmd_server(args) -> int:
    from desktop.paths import resolve_data_dir
    from desktop.storage.target import resolve_database

    url = resolve_database(args.database, resolve_data_dir(args.data_dir))
    if not url:
        raise UserError("沒有指定機關資料庫：請加上 --database postgresql://帳號@主機/資料庫，"
                        "或設定環境變數 TRIPREPORT_DATABASE。")
    from desktop.storage.postgres import redact
    from desktop.storage.server import connect, current_user, is_reviewer, schema_version, upgrade_schema

    db = connect(url)
    try:
        if args.action == "upgrade":
            ran = upgrade_schema(db)
            print(f"已升級 {redact(url)}：執行了 {ran} 個步驟。" if ran else f"{redact(url)} 已是最新的資料格式。")
            return 0
        from desktop.storage.database import SCHEMA_VERSION

        found = schema_version(db)
        reviewer = is_reviewer(db)
        print(f"機關資料庫：{redact(url)}")
        print(f"帳號：{current_user(db)}{'（審核人員：可看到所有報告）' if reviewer else ''}")
        state = "相符" if found == SCHEMA_VERSION else ("較舊，需要升級" if found < SCHEMA_VERSION else "較新，請更新 TripReport")
        print(f"資料格式：{found}（這一版 TripReport：{SCHEMA_VERSION}，{state}）")
        return 0
    finally:
        db.close()
