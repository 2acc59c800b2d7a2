"""The command line: `tripreport <subcommand>` or `python -m desktop <subcommand>`.

Each subcommand lives in its own module with a `register(subparsers)` function; add new ones to
COMMAND_MODULES. Errors the user can act on are printed in Chinese with exit code 1.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from desktop import APP_TITLE, __version__

COMMAND_MODULES = (
    "desktop.cli.draft_commands",
    "desktop.cli.export_command",
    "desktop.cli.photo_commands",
    "desktop.cli.package_commands",
    "desktop.cli.selftest_command",
)


class UserError(Exception):
    """A problem the user can fix; printed as 錯誤：… without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripreport",
        description=f"{APP_TITLE}（TripReport）命令列：匯入、檢視與匯出出國報告草稿。不加子命令執行 python -m desktop 會開啟視窗。",
    )
    parser.add_argument("--version", action="version", version=f"TripReport {__version__}")
    parser.add_argument("--data-dir", help="草稿資料夾（預設為系統的應用程式資料夾，或環境變數 TRIPREPORT_DATA_DIR）")
    sub = parser.add_subparsers(dest="command", metavar="子命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    # `--data-dir` is accepted after the subcommand too (tripreport export 1 -o x.docx --data-dir D).
    for subparser in sub.choices.values():
        subparser.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def command_names() -> set[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _utf8_console() -> None:
    # Windows consoles default to a legacy code page; Chinese output must not crash the command.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    _utf8_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    from desktop.export.render import ExportError
    from desktop.fileio import FileWriteError
    from desktop.interchange.draft_json import DraftFormatError
    from desktop.storage import StorageError

    try:
        return args.handler(args) or 0
    except (UserError, StorageError, DraftFormatError, ExportError, FileWriteError) as err:
        print(f"錯誤：{err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中止。", file=sys.stderr)
        return 130
