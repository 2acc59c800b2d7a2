"""Drafts on the local disk — SQLite (WAL) through peewee — or on the agency's PostgreSQL server
behind the same models (server.py, postgres.py); no Qt.

The names below load their modules on first use (PEP 562), so importing `desktop.storage.errors`
or `StorageError` does not import peewee and open SQLite machinery: a window can import what it
needs for error handling and type hints and still show itself before the database is touched.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.storage.errors import DraftNotFound, StorageError

if TYPE_CHECKING:
    from desktop.storage.database import close_database
    from desktop.storage.repository import DraftRepository, DraftSummary

__all__ = ["DraftNotFound", "DraftRepository", "DraftSummary", "StorageError", "close_database", "open_repository"]

_LAZY = {
    "DraftRepository": "desktop.storage.repository",
    "DraftSummary": "desktop.storage.repository",
    "close_database": "desktop.storage.database",
    "open_database": "desktop.storage.database",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def open_repository(data_dir: Path) -> DraftRepository:
    """Open (creating or migrating) the database in data_dir and return a repository on it."""
    from desktop.storage.claims import WriterClaims
    from desktop.storage.database import open_database
    from desktop.storage.repository import DraftRepository

    repo = DraftRepository(open_database(Path(data_dir)))
    repo.claims = WriterClaims(Path(data_dir))
    return repo


def open_server_repository(url: str, data_dir: Path, photos, password: str | None = None,
                           signed_in=None) -> DraftRepository:
    """Sign in to the agency's PostgreSQL server at `url` (checking or upgrading its schema) and
    return a repository on it — or on `signed_in`, a server database already signed in to
    (server.sign_in). `photos` is the data folder's photo store, which caches the server's photos;
    this computer's claims (window and command line) still apply."""
    from desktop.storage.claims import WriterClaims
    from desktop.storage.models import db
    from desktop.storage.photo_blobs import ServerPhotos
    from desktop.storage.repository import DraftRepository
    from desktop.storage.server import open_server
    from desktop.storage.target import store_identity

    open_server(url, password, signed_in=signed_in)
    repo = DraftRepository(db)
    repo.claims = WriterClaims(Path(data_dir), store_identity(url))
    repo.blobs = ServerPhotos(db, photos)
    return repo
