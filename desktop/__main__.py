"""`python -m desktop` opens the window; `python -m desktop <subcommand>` runs the command line."""

from __future__ import annotations

import re
import sys

# Every subcommand name is a plain word (tests/cli/test_cli.py checks it). An argument list with no
# such word cannot name a subcommand, so the window starts without importing the command modules
# and building the whole argparse tree: that is most of a start-up spent on nothing.
_COMMAND_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def could_name_command(arg: str) -> bool:
    return bool(_COMMAND_WORD.fullmatch(arg))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if any(could_name_command(a) for a in argv):
        from desktop.cli import command_names
        from desktop.cli import main as cli_main

        names = command_names() | {"-h", "--help", "--version"}
        if any(a in names for a in argv):
            return cli_main(argv)
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
