"""The services a front end (window or command line) works with, opened once and passed in.

Importing this module is cheap (no peewee, no SQLite): windows import `Services` for their type
hints, and the storage stack loads only when `open_services` runs, so a window can be shown before
the database is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.photos.store import PhotoStore
    from desktop.storage import DraftRepository


@dataclass
class Services:
    data_dir: Path
    repo: DraftRepository
    photos: PhotoStore
    server: str = ""  # the agency server's address (no password) when the drafts are there

    @property
    def store(self) -> str:
        """Which store numbers these drafts (storage/target.store_identity): what remembers a
        draft by its id (settings.ini, the session marker) remembers it for this store only."""
        from desktop.storage.target import store_identity

        return store_identity(self.server)


def open_services(data_dir: str | Path | None = None, database: str | None = None,
                  password: str | None = None, signed_in=None) -> Services:
    """The drafts of the data folder, or of the agency's server when `database` (or
    TRIPREPORT_DATABASE, or the window's saved choice) names one; see storage/target.py.
    `signed_in`: that server's database, already signed in to (the window does it off its thread)."""
    from desktop.export.kind_templates import use_data_folder
    from desktop.paths import resolve_data_dir
    from desktop.storage.target import resolve_database

    folder = resolve_data_dir(data_dir)
    url = resolve_database(database, folder)
    if url:
        from desktop.storage import open_server_repository
        from desktop.storage.photo_blobs import ServerPhotoStore
        from desktop.storage.target import without_password

        photos = ServerPhotoStore(folder)
        repo = open_server_repository(url, folder, photos, password, signed_in)
        photos.server = repo.blobs
        services = Services(folder, repo, photos, without_password(url))
    else:
        from desktop.photos.store import PhotoStore
        from desktop.storage import open_repository

        services = Services(folder, open_repository(folder), PhotoStore(folder))
    use_data_folder(folder)  # built-in kinds and the agency's own under <data folder>/kinds/, read when needed
    return services
