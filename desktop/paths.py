"""Where things live: the user's data folder and the files bundled with the app.

The data folder is the platform's app-data location (%APPDATA%\\TripReport on Windows), unless
`--data-dir` or TRIPREPORT_DATA_DIR says otherwise — which is how every test gets its own folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_NAME

DATA_DIR_ENV = "TRIPREPORT_DATA_DIR"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


# The files the app reads at run time, relative to app_root(). The PyInstaller bundle
# (build_installer.spec) and an installed wheel (setup.py copies them into desktop/_app_data)
# carry them in this same layout, so one function finds them in all three ways of running.
APP_DATA = (
    "templates", "forms", "resources", "docs/guide", "docs/example-draft.json", "docs/example-photos",
    # run by LibreOffice's own Python to refresh the 目次: it must be a plain file
    "desktop/export/lo_convert_script.py",
)
PACKAGED_DATA = "_app_data"  # inside the installed `desktop` package


def app_root() -> Path:
    """The folder holding templates/, forms/ and resources/: the frozen bundle, an installed
    wheel's desktop/_app_data, or the checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    if (package / PACKAGED_DATA).is_dir():
        return package / PACKAGED_DATA
    return package.parent


def templates_dir() -> Path:
    return app_root() / "templates"


def forms_dir() -> Path:
    return app_root() / "forms"


def resources_dir() -> Path:
    return app_root() / "resources"


def docs_dir() -> Path:
    return app_root() / "docs"
