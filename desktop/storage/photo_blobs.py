"""Photos on the agency's server: the bytes in the database, a copy on each PC as a cache.

Chosen over a shared folder: the database is the one store every PC already reaches with the
person's own sign-in, its row-level security decides who sees a photo (whoever sees a draft that
shows it), pg_dump backs photos up with the text they belong to, and a draft saved on the server
never names a photo the server lacks — the photo rows and their bytes are written in one
transaction. Photos are content-addressed (the key is their hash), so the local cache is the data
folder's usual photo store and the same bytes are stored once. The figures are in
docs/stack-decisions.md (bench/bench_agency.py).
"""

from __future__ import annotations

from pathlib import Path

from desktop.photos.store import PhotoStore


class ServerPhotos:
    """Upload and fetch photo bytes by key, on the repository's open server database."""

    def __init__(self, db, store: PhotoStore):
        self.db = db
        self.store = store

    def ensure(self, keys) -> None:
        """Make sure the server holds every photo in `keys` (call inside the save's transaction,
        after the photo rows are written: their rows make the stored bytes visible)."""
        keys = sorted({k for k in keys if k})
        if not keys:
            return
        marks = ", ".join("?" for _ in keys)
        held = {row[0] for row in self.db.execute_sql(f"SELECT key FROM photo_blob WHERE key IN ({marks})", keys)}
        for key in keys:
            if key in held:
                continue
            path = self.store.root / key
            if not path.is_file():
                continue  # a file the draft names but nobody has (a broken import): export says so
            self.db.execute_sql("INSERT INTO photo_blob (key, data) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                                (key, path.read_bytes()))

    def fetch(self, key: str) -> bytes | None:
        row = self.db.execute_sql("SELECT data FROM photo_blob WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None


class ServerPhotoStore(PhotoStore):
    """The data folder's photo store, filled from the server when a draft shows a photo this PC
    has not seen yet (a co-author's)."""

    def __init__(self, data_dir: Path, server: ServerPhotos | None = None):
        super().__init__(data_dir)
        self.server = server

    def path_of(self, key: str) -> Path:
        path = super().path_of(key)
        if self.server is not None and key and not path.is_file():
            self._download(key, path)
        return path

    def has(self, key: str) -> bool:
        return self.path_of(key).is_file()

    def _download(self, key: str, path: Path) -> None:
        from peewee import DatabaseError

        from desktop.fileio import FileWriteError, atomic_write_bytes

        try:
            data = self.server.fetch(key)
        except DatabaseError:
            return  # the server is away: the photo shows as missing until it is back
        if data is None:
            return
        try:
            atomic_write_bytes(path, data)
        except FileWriteError:
            return
