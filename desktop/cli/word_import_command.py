"""`tripreport import-docx FILE`: an existing report (.docx, .odt, .doc) read into a new draft."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "import-docx", help="從既有的 Word 報告（.docx、.odt、.doc）建立草稿",
        description="讀入一份既有的報告（自己的、去年的或其他機關的），依封面、提要、章節編號、行程表、出國人員、"
                    "建議與照片建立新草稿，並列出辨識到什麼、哪些保留為文字、哪些請確認。.odt 與 .doc 需要 LibreOffice。")
    p.add_argument("file", type=Path, help="Word 報告檔")
    p.add_argument("--kind", default=None, help="報告種類代號（見 tripreport kinds；預設依文件判斷）")
    p.set_defaults(handler=cmd_import_docx)


def cmd_import_docx(args) -> int:
    from desktop.cli import UserError
    from desktop.interchange.word_import.importer import ImportRefused, import_report
    from desktop.services import open_services

    services = open_services(args.data_dir)
    try:
        result = import_report(args.file, services.photos, kind_id=args.kind)
    except ImportRefused as err:
        raise UserError(str(err)) from err
    draft_id = services.repo.create(result.report)
    for line in result.notes.lines():
        print(line)
    print(f"已建立草稿 {draft_id}：{result.report.title or '（未命名）'}")
    return 0
