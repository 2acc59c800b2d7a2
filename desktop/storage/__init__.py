"""Drafts on the local disk: SQLite (WAL) through peewee, no Qt."""

from __future__ import annotations

from pathlib import Path

from desktop.storage.database import close_database, open_database
from desktop.storage.errors import DraftNotFound, StorageError
from desktop.storage.repository import DraftRepository, DraftSummary

__all__ = ["DraftNotFound", "DraftRepository", "DraftSummary", "StorageError", "close_database", "open_repository"]


def open_repository(data_dir: Path) -> DraftRepository:
    """Open (creating or migrating) the database in data_dir and return a repository on it."""
    return DraftRepository(open_database(Path(data_dir)))
