"""`tripreport export (ID | FILE.json) -o OUT.docx [--format docx|pdf|odt]` and
`tripreport template-check FILE.docx`."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli import UserError


def register(sub) -> None:
    p = sub.add_parser("export", help="把草稿匯出為 .docx（或經 LibreOffice 匯出 .pdf、.odt）")
    p.add_argument("source", help="草稿編號，或草稿 JSON 檔的路徑")
    p.add_argument("-o", "--output", type=Path, required=True, help="輸出檔，例如 報告.docx")
    p.add_argument("--template", help="範本：內建範本名稱（例如 review-sheet.docx）或機關自備 .docx 檔的路徑")
    p.add_argument("--format", choices=("docx", "pdf", "odt"), default=None,
                   help="輸出格式；不指定時依輸出檔的副檔名決定（預設 docx）")
    p.set_defaults(handler=cmd_export)

    c = sub.add_parser("template-check", help="檢查機關自備的 .docx 範本能否使用，並以中文說明問題")
    c.add_argument("template", type=Path, help="範本 .docx 檔")
    c.set_defaults(handler=cmd_template_check)

    t = sub.add_parser("templates", help="列出內建範本")
    t.set_defaults(handler=cmd_templates)


def load_source(source: str, data_dir, database: str | None = None):
    """A report, its photo store and repository (both None for a draft JSON file, whose photo
    paths are absolute and which has no history to record the export in)."""
    if source.isdigit():
        from desktop.services import open_services

        services = open_services(data_dir, database)
        return services.repo.load(int(source)), services.photos, services.repo
    path = Path(source)
    if not path.is_file():
        raise UserError(f"「{source}」既不是草稿編號，也不是存在的檔案。")
    from desktop.interchange.draft_json import read_draft_file

    return read_draft_file(path), None, None


def output_format(output: Path, explicit: str | None) -> str:
    """--format, or the output's suffix; a suffix that does not match is refused by target_problem."""
    suffix = output.suffix.lower().lstrip(".")
    if explicit:
        return explicit
    return suffix if suffix in ("docx", "pdf", "odt") else "docx"


def cmd_export(args) -> int:
    from desktop.export.render import export_report, run_export, target_problem
    from desktop.tempfiles import clean_stale_temp

    clean_stale_temp()
    fmt = output_format(args.output, args.format)
    problem = target_problem(args.output, fmt)
    if problem:
        raise UserError(problem)
    if not args.source.isdigit():
        from desktop.export.kind_templates import load_kinds
        from desktop.paths import resolve_data_dir

        load_kinds(resolve_data_dir(args.data_dir))
    report, photos, repo = load_source(args.source, args.data_dir, args.database)
    from desktop.cli.kind_commands import warning_lines
    from desktop.domain.checks import run_checks
    from desktop.domain.kinds import missing_kind_notice

    notice = missing_kind_notice(report)
    if notice:
        print(notice)
    warnings = warning_lines(run_checks(report))
    if warnings:
        print("檢查結果（不影響匯出，建議修正後再送審）：")
        for line in warnings:
            print(f"  {line}")
    run_export(export_report(report, args.output, fmt, args.template, photos))
    if repo is not None:
        from desktop.storage import StorageError
        from desktop.storage.snapshots import record_export

        try:
            record_export(repo, report.id, args.output)
        except StorageError as err:  # the file is written; say the history could not note it
            print(f"注意：無法保存這次匯出的版本紀錄：{err}", file=sys.stderr)
    print(f"已匯出：{args.output}")
    return 0


def cmd_template_check(args) -> int:
    from desktop.export.template_check import check_template, format_problems

    problems = check_template(args.template)
    print(format_problems(problems))
    return 1 if any(p.fatal for p in problems) else 0


def cmd_templates(args) -> int:
    from desktop.export.render import builtin_templates

    for info in builtin_templates():
        print(f"{info.path.name}\t{info.name}")
    return 0
