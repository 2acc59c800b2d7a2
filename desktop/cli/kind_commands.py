"""`tripreport kinds` (the report kinds, and why any is unusable) and `tripreport check ID|FILE`
(the review, as the window's 檢查與匯出 shows it; exit 1 when a required rule fails)."""

from __future__ import annotations

from desktop.cli import UserError

MARKS = {"ok": "✔", "error": "✖", "warning": "⚠"}


def register(sub) -> None:
    p = sub.add_parser("kinds", help="列出報告種類（內建與機關自訂；無法使用的會說明原因）")
    p.set_defaults(handler=cmd_kinds)

    c = sub.add_parser("check", help="檢查一份草稿是否符合其報告種類的規定；有必要規定未符合時結束碼為 1")
    c.add_argument("source", help="草稿編號，或草稿 JSON 檔的路徑")
    c.add_argument("--all", action="store_true", help="也列出已通過的項目")
    c.set_defaults(handler=cmd_check)


def _open_kinds(data_dir):
    from desktop.export.kind_templates import load_kinds
    from desktop.paths import resolve_data_dir

    return load_kinds(resolve_data_dir(data_dir))


def cmd_kinds(args) -> int:
    registry = _open_kinds(args.data_dir)
    for kind in registry.ordered():
        where = "內建" if kind.builtin else f"機關自訂：{kind.folder}"
        print(f"{kind.id}\t{kind.name}（{where}）")
    if registry.unusable:
        print()
        print("無法使用的報告種類：")
        for broken in registry.unusable:
            print(f"{broken.id}\t{broken.reason}（{broken.source}）")
    return 0


def result_line(result) -> str:
    mark = MARKS["ok"] if result.ok else MARKS[result.severity]
    return f"{mark} {result.title}：{result.message}"


def warning_lines(results) -> list[str]:
    """The failing results, problems first, as the export prints them."""
    failing = sorted((r for r in results if not r.ok), key=lambda r: r.severity != "error")
    return [result_line(r) for r in failing]


def cmd_check(args) -> int:
    from desktop.cli.export_command import load_source
    from desktop.domain.checks import blocking, overall, run_checks
    from desktop.domain.kinds import kind_of, missing_kind_notice

    if not args.source.isdigit():
        _open_kinds(args.data_dir)
    try:
        report, _photos, _repo = load_source(args.source, args.data_dir, args.database)
    except FileNotFoundError as err:
        raise UserError(str(err)) from err
    notice = missing_kind_notice(report)
    if notice:
        print(notice)
    results = run_checks(report)
    print(f"{report.title or '（未命名）'}（{kind_of(report).name}）")
    shown = results if args.all else [r for r in results if not r.ok]
    for line in (result_line(r) for r in shown):
        print(line)
    state = overall(results)
    failing = [r for r in results if not r.ok]
    if state == "ok":
        print(f"全部 {len(results)} 項都符合規定。")
    else:
        print(f"共 {len(results)} 項，{len(blocking(results))} 項必要規定未符合，"
              f"{len(failing) - len(blocking(results))} 項提醒。")
    return 1 if blocking(results) else 0
