"""`tripreport export (ID | FILE.json) -o OUT.docx`."""

from __future__ import annotations

from pathlib import Path

from desktop.cli import UserError


def register(sub) -> None:
    p = sub.add_parser("export", help="把草稿匯出為 .docx")
    p.add_argument("source", help="草稿編號，或草稿 JSON 檔的路徑")
    p.add_argument("-o", "--output", type=Path, required=True, help="輸出檔，例如 報告.docx")
    p.add_argument("--template", help="範本：內建範本名稱或 .docx 檔路徑")
    p.set_defaults(handler=cmd_export)


def load_source(source: str, data_dir):
    """A report from a draft id (in the data folder) or a draft JSON file."""
    if source.isdigit():
        from desktop.services import open_services

        return open_services(data_dir).repo.load(int(source))
    path = Path(source)
    if not path.is_file():
        raise UserError(f"「{source}」既不是草稿編號，也不是存在的檔案。")
    from desktop.interchange.draft_json import read_draft_file

    return read_draft_file(path)


def cmd_export(args) -> int:
    from desktop.export.render import export_docx, run_export

    report = load_source(args.source, args.data_dir)
    run_export(export_docx(report, args.output, args.template))
    print(f"已匯出：{args.output}")
    return 0
