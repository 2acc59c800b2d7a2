"""The command line: `tripreport <subcommand>` or `python -m desktop <subcommand>`.

Each subcommand lives in its own module with a `register(subparsers)` function; add new ones to
COMMAND_MODULES. Errors the user can act on are printed in Chinese with exit code 1; so are a full
disk, a read-only or damaged database and a draft a window is editing, whichever command meets
them. A reader that stops early (`tripreport list | head -1`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from desktop import APP_TITLE, __version__

COMMAND_MODULES = (
    "desktop.cli.draft_commands",
    "desktop.cli.export_command",
    "desktop.cli.photo_commands",
    "desktop.cli.package_commands",
    "desktop.cli.selftest_command",
    "desktop.cli.restore_command",
    "desktop.cli.kind_commands",
    "desktop.cli.agency_commands",
    "desktop.cli.word_import_command",
)
# The exit code of a command whose reader went away, as a Unix tool killed by SIGPIPE reports it.
BROKEN_PIPE_EXIT = 141


class UserError(Exception):
    """A problem the user can fix; printed as 錯誤：… without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    from desktop.cli import argparse_zh

    argparse_zh.install()
    parser = argparse.ArgumentParser(
        prog="tripreport",
        description=f"{APP_TITLE}（TripReport）命令列：匯入、檢視與匯出出國報告草稿。不加子命令執行 python -m desktop 會開啟視窗。",
    )
    parser.add_argument("--version", action="version", version=f"TripReport {__version__}", help="顯示版本後結束")
    parser.add_argument("--data-dir", help="草稿資料夾（預設為系統的應用程式資料夾，或環境變數 TRIPREPORT_DATA_DIR）")
    parser.add_argument("--database", metavar="postgresql://帳號@主機/資料庫",
                        help="改用機關的 PostgreSQL 資料庫（或環境變數 TRIPREPORT_DATABASE；local 表示本機資料夾）")
    sub = parser.add_subparsers(dest="command", metavar="子命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    # `--data-dir` is accepted after the subcommand too (tripreport export 1 -o x.docx --data-dir D).
    for subparser in sub.choices.values():
        subparser.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        subparser.add_argument("--database", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
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


def _draft_written(args) -> int | None:
    """The draft a subcommand is about to change, when it is known before any work starts."""
    if args.command == "photos" and getattr(args, "photos_command", None) == "import":
        return args.id
    if args.command == "history" and getattr(args, "restore", None):
        return args.id
    return None


def _refuse_early(args):
    """Claim the draft a command will change (returns the claims, to release at the end), or
    refuse before doing its work (a photo import takes minutes): the draft is being edited in a
    window, or the database is read-only or damaged. Any other write meets the same refusals in
    the storage layer when it happens."""
    draft_id = _draft_written(args)
    if draft_id is None:
        return None
    from desktop.paths import resolve_data_dir
    from desktop.storage.claims import WriterClaims
    from desktop.storage.database import database_access, open_database
    from desktop.storage.errors import DatabaseDamaged, WritesRefused
    from desktop.storage.target import resolve_database, store_identity

    data_dir = resolve_data_dir(args.data_dir)
    server = resolve_database(args.database, data_dir)
    claims = WriterClaims(data_dir, store_identity(server))
    # Held until the command ends: a window that opens the draft meanwhile cannot save over it.
    if not claims.claim_draft(draft_id, {"holder": f"命令列（tripreport {args.command}）", "kind": "command"}):
        claims.check(draft_id)  # says who holds it
    if server:
        return claims  # a server: its own rights and versions refuse what may not be written
    open_database(data_dir)  # the command opens it again: the integrity check is remembered
    access = database_access()
    if not access.writable:
        claims.release_drafts()
        raise (DatabaseDamaged if access.damaged else WritesRefused)(access.refusal)
    return claims


def _read_only_notice() -> None:
    """After a command that only read: say that the database could not have been written."""
    if "desktop.storage.database" not in sys.modules:
        return  # the command never opened the database
    from desktop.storage.database import database_access

    access = database_access()
    if access is not None and not access.writable:
        print(f"注意：{access.refusal}", file=sys.stderr)


def _quiet_stdout() -> None:
    # The reader is gone: later writes (and the flush at exit) go nowhere instead of raising again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _unexpected(err: BaseException) -> int:
    """A bug: one line for the user, the traceback in a file for whoever fixes it."""
    import tempfile
    import traceback
    from datetime import datetime

    log = Path(tempfile.gettempdir()) / f"tripreport-error-{datetime.now():%Y%m%d-%H%M%S}.log"
    try:
        log.write_text("".join(traceback.format_exception(err)), encoding="utf-8")
        where = f"技術細節已存到「{log}」，請交給資訊人員。"
    except OSError:
        where = ""
    print(f"錯誤：TripReport 發生未預期的問題（{type(err).__name__}：{err}）。已儲存的草稿沒有受影響。{where}",
          file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    _utf8_console()
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # inside the try: a reader that left makes this raise too
    except BrokenPipeError:
        _quiet_stdout()
        return BROKEN_PIPE_EXIT


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    from desktop.export.render import ExportError
    from desktop.fileio import FileWriteError
    from desktop.interchange.draft_json import DraftFormatError
    from desktop.storage import StorageError

    claims = None
    try:
        claims = _refuse_early(args)
        code = args.handler(args) or 0
    except BrokenPipeError:
        raise
    except (UserError, StorageError, DraftFormatError, ExportError, FileWriteError) as err:
        print(f"錯誤：{err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中止。", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 — the disk, the database file, or a bug: never a traceback
        from desktop.storage.failures import explain

        explained = explain(err)
        if explained is None:
            if os.environ.get("TRIPREPORT_DEBUG"):
                raise
            return _unexpected(err)
        print(f"錯誤：{explained}", file=sys.stderr)
        return 1
    finally:
        if claims is not None:  # the process ending would drop it too; main() may run in-process
            claims.release_drafts()
    _read_only_notice()
    return code
