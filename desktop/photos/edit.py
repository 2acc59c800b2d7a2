"""Turning a stored photo, and thumbnails for photos stored before thumbnails existed. No Qt.

A turned photo is a new file in the store, made from the *unturned* one each time (key `…-r90.jpg`
beside `….jpg`), so turning four times gives back the original key and a photo is never
re-compressed more than once however often it is turned.
"""

from __future__ import annotations

import re

from desktop.fileio import atomic_write_bytes
from desktop.photos.pipeline import (
    THUMB_LONG_EDGE,
    WORKING_QUALITY,
    _save_jpeg,
    decode_small,
    write_thumbnail,
)
from desktop.photos.print_size import print_cache_dir, write_print_copies

_TURNED = re.compile(r"^(?P<stem>.*?)(?:-r(?P<deg>90|180|270))?(?P<ext>\.[A-Za-z0-9]+)$")


def split_turn(key: str) -> tuple[str, int]:
    """('ab/x-work.jpg', 90) for 'ab/x-work-r90.jpg': the unturned key and the clockwise turn."""
    m = _TURNED.match(key)
    if not m:
        return key, 0
    return m["stem"] + m["ext"], int(m["deg"] or 0)


def turned_key(key: str, clockwise: int) -> str:
    base, deg = split_turn(key)
    total = (deg + clockwise) % 360
    if total == 0:
        return base
    stem, ext = base.rsplit(".", 1)
    return f"{stem}-r{total}.jpg" if ext else f"{base}-r{total}.jpg"


def turn_photo(store, key: str, clockwise: int) -> tuple[str, int, int]:
    """Store the photo turned by `clockwise` degrees (±90, 180); returns (key, width, height)."""
    from PIL import Image, ImageOps

    new_key = turned_key(key, clockwise)
    base, _ = split_turn(key)
    total = split_turn(new_key)[1]
    target = store.path_of(new_key)
    if not target.is_file():
        with Image.open(store.path_of(base)) as im:
            upright = ImageOps.exif_transpose(im).convert("RGB")
        turned = upright.rotate(-total, expand=True) if total else upright
        atomic_write_bytes(target, _save_jpeg(turned, WORKING_QUALITY))
        # The export's print copies of the turned photo, while its pixels are at hand.
        small = write_print_copies(turned, target, print_cache_dir(store.root))
        write_thumbnail(small, store.thumb_path(new_key))
    with Image.open(target) as im:
        if not store.thumb_path(new_key).is_file():
            write_thumbnail(ImageOps.exif_transpose(im), store.thumb_path(new_key))
        return new_key, im.width, im.height


def ensure_thumbnail(store, key: str):
    """The thumbnail's path, made now if missing (photos that came in through a draft JSON or a
    package). Decoded as the import decodes (probe.py's checks and memory budget). Raises Refused."""
    from desktop.photos.probe import open_image, open_regular, read_head

    path = store.thumb_path(key)
    if not path.is_file():
        with open_regular(store.path_of(key)) as fh:
            head = read_head(fh)
            im, _ = decode_small(open_image(fh, head), head, 2 * THUMB_LONG_EDGE, [])
        write_thumbnail(im, path)
    return path
