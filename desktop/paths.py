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


def app_root() -> Path:
    """The folder holding templates/, forms/ and resources/: the checkout, or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    return app_root() / "templates"


def forms_dir() -> Path:
    return app_root() / "forms"


def resources_dir() -> Path:
    return app_root() / "resources"


def docs_dir() -> Path:
    return app_root() / "docs"
