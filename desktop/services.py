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


def open_services(data_dir: str | Path | None = None) -> Services:
    from desktop.export.kind_templates import use_data_folder
    from desktop.paths import resolve_data_dir
    from desktop.photos.store import PhotoStore
    from desktop.storage import open_repository

    folder = resolve_data_dir(data_dir)
    services = Services(folder, open_repository(folder), PhotoStore(folder))
    use_data_folder(folder)  # built-in kinds and the agency's own under <data folder>/kinds/, read when needed
    return services
