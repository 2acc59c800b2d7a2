"""The photo store: each photo copied once into the data folder, named by its content hash, so a
draft never depends on a USB stick or a phone folder still being there."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.fileio import atomic_write_bytes

PHOTO_DIRNAME = "photos"
THUMB_DIRNAME = "thumbs"


class PhotoStore:
    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / PHOTO_DIRNAME
        # Thumbnails sit beside the store, not in it: they can always be made again.
        self.thumbs = Path(data_dir) / THUMB_DIRNAME

    def path_of(self, key: str) -> Path:
        return self.root / key

    def has(self, key: str) -> bool:
        return self.path_of(key).is_file()

    def add_bytes(self, data: bytes, suffix: str) -> str:
        """Store bytes under their hash; storing the same bytes twice keeps one copy."""
        digest = hashlib.sha256(data).hexdigest()
        key = f"{digest[:2]}/{digest}{suffix.lower()}"
        target = self.path_of(key)
        if not target.exists():
            atomic_write_bytes(target, data)
        return key

    def add_file(self, source: Path) -> str:
        return self.add_bytes(Path(source).read_bytes(), Path(source).suffix or ".jpg")

    def thumb_path(self, key: str) -> Path:
        """Where the grid's small picture of this photo is cached (it may not exist yet)."""
        from desktop.photos.pipeline import thumb_name

        return self.thumbs / thumb_name(key)
