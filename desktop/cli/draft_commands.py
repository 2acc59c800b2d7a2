"""Subcommands about drafts: list, new, import, show."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.domain.kinds import DEFAULT_KIND
from desktop.domain.report import Report
from desktop.domain.roc_date import roc_period
from desktop.services import open_services


def register(sub) -> None:
    p = sub.add_parser("list", help="列出所有草稿")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("new", help="建立空白草稿（或以舊草稿為範本）並印出編號")
    p.add_argument("title", nargs="?", default="", help="報告名稱")
    p.add_argument("--kind", default=None, help=f"報告種類代號（見 tripreport kinds；預設 {DEFAULT_KIND}）")
    p.add_argument("--from", dest="template", type=int, metavar="編號",
                   help="以這份草稿為範本：沿用機關、單位、出國人員、章節與規定，日期清空")
    p.add_argument("--with-texts", action="store_true", help="（搭配 --from）一併帶入各章內文、摘要、建議、附錄與行程")
    p.add_argument("--with-photos", action="store_true", help="（搭配 --from）一併帶入照片與照片說明")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("import", help="從草稿 JSON 檔建立草稿並印出編號")
    p.add_argument("file", type=Path, help="草稿 JSON 檔（格式見 docs/draft-format.md）")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("show", help="顯示一份草稿")
    p.add_argument("id", type=int, help="草稿編號")
    p.add_argument("--json", action="store_true", help="以草稿 JSON 格式輸出")
    p.add_argument("-o", "--output", type=Path, help="寫入檔案而非螢幕（照片路徑相對於該檔）")
    p.set_defaults(handler=cmd_show)


def cmd_list(args) -> int:
    services = open_services(args.data_dir, args.database)
    drafts = services.repo.list_drafts()
    if not drafts:
        print("（尚無草稿）")
    for d in drafts:
        print(f"{d.id}\t{d.status}\t{roc_period(d.start_date, d.end_date)}\t{d.title or '（未命名）'}")
    return 0


def cmd_new(args) -> int:
    from desktop.cli import UserError

    services = open_services(args.data_dir, args.database)
    if args.template is not None:
        if args.kind:
            raise UserError("--from 沿用範本草稿的報告種類，不能同時指定 --kind。")
        from desktop.domain.draft_copy import draft_from_template

        source = services.repo.load(args.template)
        report = draft_from_template(source, args.title or source.title, keep_texts=args.with_texts,
                                     keep_photos=args.with_photos)
        print(services.repo.create(report))
        return 0
    if args.with_texts or args.with_photos:
        raise UserError("--with-texts 與 --with-photos 要搭配 --from 編號 使用。")
    from desktop.domain.kinds import registry

    kind = registry().get(args.kind) if args.kind else registry().default
    if kind is None:
        broken = next((u for u in registry().unusable if u.id == args.kind), None)
        known = "、".join(k.id for k in registry().ordered())
        why = f"目前無法使用：{broken.reason}" if broken else f"不存在（可用的有：{known}）"
        raise UserError(f"報告種類「{args.kind}」{why}。")
    print(services.repo.create(Report.new(args.title, kind)))
    return 0


def cmd_import(args) -> int:
    from desktop.interchange.draft_files import import_draft_file

    services = open_services(args.data_dir, args.database)
    print(import_draft_file(args.file, services.repo, services.photos))
    return 0


def cmd_show(args) -> int:
    from desktop.interchange.draft_files import draft_json_text, write_draft_file

    services = open_services(args.data_dir, args.database)
    report = services.repo.load(args.id)
    if args.output:
        write_draft_file(report, services.photos, args.output)
        return 0
    if args.json:
        sys.stdout.write(draft_json_text(report, services.photos, Path.cwd()))
        return 0
    from desktop.domain.kinds import kind_of, missing_kind_notice

    print(f"{report.title or '（未命名）'}　［{report.status}］　{kind_of(report).name}")
    notice = missing_kind_notice(report)  # the kind named above stands in for one this computer lacks
    if notice:
        print(notice)
    print(f"期間：{roc_period(report.start_date, report.end_date)}")
    for level, section in report.all_sections():
        print(f"{'  ' * (level - 1)}- {section.heading}（{len(section.text)} 字）")
    return 0
