"""Print-size copies of stored photos for the .docx: upright, sized for the slot, cached.

A photo printed 16 cm wide at 300 dpi needs about 1900 px; we never embed the phone's original.
The copy is cached beside the store, keyed by the source and the size, so a second export does no
image work.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.fileio import atomic_target

CACHE_DIRNAME = "print-cache"
DEFAULT_LONG_EDGE = 1600
JPEG_QUALITY = 85


def resolve_photo_file(store, file: str) -> Path:
    """A photo's file: a store key (drafts in the database) or a path (drafts read from JSON)."""
    candidate = Path(file)
    if candidate.is_absolute() and candidate.is_file():
        return candidate
    return store.path_of(file)


def print_version(store, file: str, long_edge: int = DEFAULT_LONG_EDGE) -> Path:
    """Return a JPEG of the photo, EXIF-rotated and at most `long_edge` pixels on its long side."""
    source = resolve_photo_file(store, file)
    stat = source.stat()
    cache = store.root.parent / CACHE_DIRNAME
    cache.mkdir(parents=True, exist_ok=True)
    fingerprint = hashlib.sha1(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:20]
    name = f"{fingerprint}-{long_edge}.jpg"
    target = cache / name
    if target.is_file():
        return target
    from PIL import Image, ImageOps

    with Image.open(source) as im:
        im.draft("RGB", (long_edge, long_edge))
        im = ImageOps.exif_transpose(im)
        if im.mode not in ("RGB", "L"):
            background = Image.new("RGB", im.size, "white")
            background.paste(im, mask=im.getchannel("A") if "A" in im.getbands() else None)
            im = background
        im.thumbnail((long_edge, long_edge))
        with atomic_target(target) as tmp:
            im.save(tmp, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return target
