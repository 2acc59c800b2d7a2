"""`python -m desktop` opens the window; `python -m desktop <subcommand>` runs the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop.cli import command_names
    from desktop.cli import main as cli_main

    names = command_names() | {"-h", "--help", "--version"}
    wants_cli = any(a in names for a in argv)
    if wants_cli:
        return cli_main(argv)
    from desktop.gui.launch import launch

    return launch(argv)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the photo import's worker processes, in the frozen app
    sys.exit(main())
