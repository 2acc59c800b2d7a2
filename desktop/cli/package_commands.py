"""Package, history, search and backup subcommands:
`tripreport pack ID -o FILE`, `tripreport unpack FILE [--as-copy | --replace | --merge]`,
`tripreport history ID [--restore SNAPSHOT]`, `tripreport snapshot ID [-m LABEL]`,
`tripreport search WORDS`, `tripreport backup [--list]`."""

from __future__ import annotations

from pathlib import Path

from desktop.cli import UserError


def register(sub) -> None:
    p = sub.add_parser("pack", help="把草稿連同照片打包成 .tripreport 檔，帶到另一台電腦")
    p.add_argument("id", type=int, help="草稿編號")
    p.add_argument("-o", "--output", type=Path, required=True, help="輸出檔，例如 報告.tripreport")
    p.set_defaults(handler=cmd_pack)

    p = sub.add_parser("unpack", help="匯入 .tripreport 草稿包並印出草稿編號")
    p.add_argument("file", type=Path, help=".tripreport 檔")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--as-copy", action="store_true", help="已有同一份草稿時，匯入為副本")
    how.add_argument("--replace", action="store_true", help="已有同一份草稿時，以草稿包取代（會先保存版本）")
    how.add_argument("--merge", action="store_true",
                     help="已有同一份草稿時，逐章合併（一方空白時取有內容的一方，其餘保留我的）")
    p.add_argument("--take-theirs", action="append", default=[], metavar="章節",
                   help="合併時採用對方版本的章節（標題或編號，可重複）")
    p.add_argument("--keep-both", action="append", default=[], metavar="章節",
                   help="合併時兩個版本都保留的章節（標題或編號，可重複）")
    p.set_defaults(handler=cmd_unpack)

    p = sub.add_parser("history", help="列出草稿的版本紀錄，或還原其中一個版本")
    p.add_argument("id", type=int, help="草稿編號")
    p.add_argument("--restore", type=int, metavar="版本編號", help="還原到此版本（還原前的狀態會先保存）")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("snapshot", help="為草稿保存一個版本，例如 -m 送審版")
    p.add_argument("id", type=int, help="草稿編號")
    p.add_argument("-m", "--label", default="", help="版本名稱")
    p.set_defaults(handler=cmd_snapshot)

    p = sub.add_parser("search", help="在所有草稿中搜尋文字")
    p.add_argument("words", nargs="+", help="要找的文字")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("backup", help="立即備份資料庫（每天一份，保留 7 天），或列出備份")
    p.add_argument("--list", action="store_true", help="只列出現有的備份")
    p.set_defaults(handler=cmd_backup)


def cmd_pack(args) -> int:
    from desktop.interchange.package import pack
    from desktop.services import open_services

    services = open_services(args.data_dir, args.database)
    report = services.repo.load(args.id)
    written = pack(report, services.photos, args.output, uid=services.repo.uid_of(args.id))
    print(f"已打包：{written}")
    return 0


def _chapter_ids(names: list[str], conflicts) -> list[str]:
    ids = []
    for name in names:
        match = [c.chapter_id for c in conflicts if name in (c.heading, c.chapter_id)]
        if not match:
            raise UserError(f"草稿包與本機草稿沒有不同的章節「{name}」。可選：{'、'.join(c.heading for c in conflicts)}")
        ids += match
    return ids


def cmd_unpack(args) -> int:
    from desktop.interchange import package as pkg
    from desktop.interchange.merge import KEEP_BOTH, TAKE_THEIRS, conflicts
    from desktop.services import open_services

    services = open_services(args.data_dir, args.database)
    try:
        contents = pkg.read_package(args.file)
    except pkg.PackageError as err:
        raise UserError(str(err)) from None
    try:
        existing = pkg.existing_draft(contents, services.repo)
        if existing is None or args.as_copy:
            draft_id = pkg.import_new(contents, services.repo, services.photos, as_copy=args.as_copy)
            print(draft_id)
        elif args.replace:
            print(pkg.import_replace(contents, services.repo, services.photos, existing))
        elif args.merge:
            found = conflicts(services.repo.load(existing), contents.report)
            choices = {cid: TAKE_THEIRS for cid in _chapter_ids(args.take_theirs, found)}
            choices |= {cid: KEEP_BOTH for cid in _chapter_ids(args.keep_both, found)}
            print(pkg.import_merge(contents, services.repo, services.photos, existing, choices))
        else:
            raise UserError(f"這份草稿已在本機（編號 {existing}）。請加上 --as-copy（匯入為副本）、"
                            "--replace（取代，會先保存版本）或 --merge（逐章合併）。")
    finally:
        contents.cleanup()
    _tell_missing_kind(contents.report)
    return 0


def _tell_missing_kind(report) -> None:
    """A draft of a kind this computer lacks (an agency's own, from another data folder) is kept
    as it came; say at once that it is shown with the default kind until that kind is added."""
    import sys

    from desktop.domain.kinds import missing_kind_notice

    notice = missing_kind_notice(report)
    if notice:
        print(notice, file=sys.stderr)


def cmd_history(args) -> int:
    from desktop.services import open_services
    from desktop.storage.snapshots import Snapshots

    services = open_services(args.data_dir, args.database)
    snaps = Snapshots(services.repo)
    services.repo.load(args.id)
    if args.restore:
        if snaps.info(args.restore).draft_id != args.id:
            raise UserError(f"版本 {args.restore} 不屬於草稿 {args.id}。")
        undo = snaps.restore(args.restore)
        print(f"已還原；還原前的狀態保存為版本 {undo}")
        return 0
    listing = snaps.list(args.id)
    if not listing:
        print("（尚無版本紀錄）")
    for s in listing:
        print(f"{s.id}\t{s.title}")
    return 0


def cmd_snapshot(args) -> int:
    from desktop.services import open_services
    from desktop.storage.snapshots import Snapshots

    services = open_services(args.data_dir, args.database)
    made = Snapshots(services.repo).take(args.id, args.label)
    print(made if made else "內容與最近一個版本相同，沒有另存。")
    return 0


def cmd_search(args) -> int:
    from desktop.services import open_services
    from desktop.storage.database import database_access
    from desktop.storage.search import SearchIndex

    open_services(args.data_dir, args.database)
    index = SearchIndex()
    if getattr(database_access(), "writable", True):  # a read-only database is searched as it is
        index.catch_up()  # a command is waited for anyway: index what changed, then nothing is left out
    hits = index.search(" ".join(args.words), limit=200)
    if not hits:
        print("（找不到）")
    for h in hits:
        print(f"{h.draft_id}\t{h.draft_title or '（未命名）'}\t{h.where}\t{h.excerpt}")
    if hits.more:
        print("（只列出最近的 200 處，請多輸入幾個字縮小範圍）")
    return 0


def cmd_backup(args) -> int:
    from desktop.services import open_services
    from desktop.storage.backup import list_backups, make_daily_backup
    from desktop.storage.database import DB_FILENAME

    services = open_services(args.data_dir, args.database)
    if services.server:
        raise UserError(f"草稿在機關資料庫（{services.server}）上，由資料庫管理員以 pg_dump 備份"
                        "（見 docs/agency-server.md）；這台電腦沒有需要備份的草稿資料庫。")
    if not args.list:
        made = make_daily_backup(services.data_dir, services.data_dir / DB_FILENAME)
        print(f"已備份：{made}" if made else "今天已經備份過了。")
    for b in list_backups(services.data_dir):
        print(f"{b.label}\t{b.path}")
    return 0
