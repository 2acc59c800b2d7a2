"""The frozen program's entry point (PyInstaller runs this file, see build_installer.spec).

One script serves both executables in the bundle: `tripreport-cli` is the command line (a console
program, like the `tripreport` command of a pip install); `TripReport` is the window, which also
accepts subcommands exactly as `python -m desktop` does.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the photo import's worker processes re-enter here when frozen
    if Path(sys.executable).stem.lower() == "tripreport-cli":
        from desktop.cli import main
    else:
        from desktop.__main__ import main
    sys.exit(main())
