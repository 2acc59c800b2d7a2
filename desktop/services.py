"""The services a front end (window or command line) works with, opened once and passed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.paths import resolve_data_dir
from desktop.photos.store import PhotoStore
from desktop.storage import DraftRepository, open_repository


@dataclass
class Services:
    data_dir: Path
    repo: DraftRepository
    photos: PhotoStore


def open_services(data_dir: str | Path | None = None) -> Services:
    folder = resolve_data_dir(data_dir)
    return Services(folder, open_repository(folder), PhotoStore(folder))
