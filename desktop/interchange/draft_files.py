"""Moving drafts between JSON files and the local database, photos included.

On the way in, every photo is copied into the photo store (so the draft no longer depends on the
folder it came from); on the way out, photo paths are written relative to the JSON file.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.domain.report import Report
from desktop.fileio import atomic_write_text
from desktop.interchange.draft_json import DraftFormatError, dumps, read_draft_file
from desktop.photos.store import PhotoStore
from desktop.storage import DraftRepository


def store_photos(report: Report, store: PhotoStore, *, as_is: bool = False) -> None:
    """Replace each photo's absolute file path by its key in the store. A draft JSON points at
    the user's own photos, which go through the same pipeline as the photo page (upright, working
    size, GPS and other metadata removed) so no location data reaches a published report. A
    package carries working copies another TripReport already made: those are kept byte for byte
    (`as_is`), so moving a draft between computers never recompresses its photos."""
    from desktop.photos.pipeline import Refused, process_file

    for photo in report.photos:
        source = Path(photo.file)
        name = photo.caption or photo.id
        if not source.is_file():
            raise DraftFormatError(f"找不到照片檔「{source}」（照片「{name}」）。")
        if as_is:
            photo.file = store.add_file(source)
            continue
        try:
            stored = process_file(str(source), str(store.root), str(store.thumbs))
        except Refused as err:
            raise DraftFormatError(f"照片「{name}」（{source.name}）無法使用：{err}") from err
        photo.file = stored.key
        photo.width, photo.height = stored.width, stored.height
        photo.taken_at = photo.taken_at or stored.taken_at


def import_draft_file(path: Path, repo: DraftRepository, store: PhotoStore) -> int:
    """Create a new draft from a JSON file and return its id."""
    report = read_draft_file(path)
    store_photos(report, store)
    report.id = None
    return repo.create(report)


def file_uid(path: Path) -> str:
    """The uid a draft imported from this file gets when it is opened from the command line: the
    same absolute path with the same content gives the same uid (32 hex digits, like any uid), so
    double-clicking the file again finds the draft instead of importing another copy."""
    import hashlib

    path = Path(path).resolve()
    try:
        content = path.read_bytes()
    except OSError as err:
        raise DraftFormatError(f"無法讀取「{path}」：{err.strerror or err}") from err
    digest = hashlib.sha256(os.path.normcase(str(path)).encode("utf-8") + b"\0" + content)
    return digest.hexdigest()[:32]


def open_or_import_draft_file(path: Path, repo: DraftRepository, store: PhotoStore) -> tuple[int, bool]:
    """The draft imported earlier from this very file (same path, unchanged content), or a new
    import of it; returns (draft id, True when it was imported now)."""
    uid = file_uid(path)
    existing = repo.find_by_uid(uid)
    if existing is not None:
        return existing, False
    report = read_draft_file(path)
    store_photos(report, store)
    report.id = None
    return repo.create(report, uid=uid), True


def write_draft_file(report: Report, store: PhotoStore, target: Path) -> None:
    """Write the draft as JSON; photo paths point into the store, relative to the JSON file."""
    target = Path(target).resolve()
    atomic_write_text(target, draft_json_text(report, store, target.parent))


def draft_json_text(report: Report, store: PhotoStore, base: Path) -> str:
    """The JSON text with photo paths relative to the folder `base`."""

    def relative(photo) -> str:
        absolute = store.path_of(photo.file)
        try:
            return Path(os.path.relpath(absolute, base)).as_posix()
        except ValueError:  # another drive on Windows: no relative path exists
            return absolute.as_posix()

    return dumps(report, relative)
