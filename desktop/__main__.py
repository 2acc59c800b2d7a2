"""`python -m desktop` opens the window; `python -m desktop <subcommand>` runs the command line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Every subcommand name is a plain word (tests/cli/test_cli.py checks it). An argument list with no
# such word cannot name a subcommand, so the window starts without importing the command modules
# and building the whole argparse tree: that is most of a start-up spent on nothing.
_COMMAND_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def could_name_command(arg: str) -> bool:
    return bool(_COMMAND_WORD.fullmatch(arg))


def mistyped_command(argv: list[str]) -> str | None:
    """A plain word that names no subcommand, no option's value and no file: `tripreport expor`.
    Without this the window would start (or explain that there is no display) instead of
    saying that the command was misspelt."""
    for before, arg in zip([None, *argv[:-1]], argv, strict=True):
        # after an option comes its value: a folder (--data-dir), an address, or Qt's -style fusion
        if (before or "").startswith("-") or not could_name_command(arg):
            continue
        if not Path(arg).exists():
            return arg
    return None


def unknown_command(word: str, names: set[str]) -> int:
    import difflib

    from desktop.gui.launch import command_line_program

    close = difflib.get_close_matches(word, sorted(n for n in names if not n.startswith("-")), n=1)
    hint = f"是不是要用 {close[0]}？" if close else ""
    print(f"錯誤：沒有「{word}」這個子命令。{hint}所有子命令：{command_line_program()} --help", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if any(could_name_command(a) for a in argv):
        from desktop.cli import command_names
        from desktop.cli import main as cli_main

        names = command_names() | {"-h", "--help", "--version"}
        if any(a in names for a in argv):
            return cli_main(argv)
        mistyped = mistyped_command(argv)
        if mistyped:
            return unknown_command(mistyped, names)
    elif any(a in ("-h", "--help", "--version") for a in argv):
        from desktop.cli import main as cli_main

        return cli_main(argv)
    from desktop.gui.launch import launch

    return launch(argv)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # a no-op otherwise, and multiprocessing costs a start-up ~10 ms
        import multiprocessing

        multiprocessing.freeze_support()  # the photo import's worker processes, in the frozen app
    sys.exit(main())
