"""Print-size copies of stored photos for the .docx: upright, sized for the slot, cached.

A photo printed 16 cm wide at 300 dpi needs about 1900 px; we never embed the phone's original.
The copy is cached beside the store, keyed by the source and the size, so a second export does no
image work. The same cache lets the photo page estimate the size of the exported file. When the
data folder cannot take a copy (read-only, or its disk full), the copy is made in a temporary
folder instead, so the export still succeeds; that folder goes when the program ends.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from desktop.fileio import FileWriteError, atomic_target

CACHE_DIRNAME = "print-cache"
DEFAULT_LONG_EDGE = 1600
# The long edges the export asks for: a photo alone on its row (photos_layout.SINGLE) and two side
# by side (PAIR). Import makes both, since which photos end up paired is only known at export.
# tests/photos/test_print_copies.py checks these still match the export's slots.
PRINT_LONG_EDGES = (1600, 900)
JPEG_QUALITY = 85
DEFAULT_SIZE_LIMIT = 20 * 1024 * 1024  # the page warns above this estimated .docx size
RECODE_FACTOR = 0.8
TEXT_OVERHEAD = 64 * 1024  # template, styles and text: the example report exports to 39 KB without photos


def long_edge_for_slot(width_mm: float, dpi: int = 254) -> int:
    """The print size for a slot `width_mm` wide: 100 px a centimetre (254 dpi), kept within 1200–1600
    (a full 16 cm text width gets 1600; two photos side by side get 1200)."""
    return max(1200, min(1600, round(width_mm / 25.4 * dpi)))


def resolve_photo_file(store, file: str) -> Path:
    """A photo's file: a store key (drafts in the database) or a path (drafts read from JSON)."""
    candidate = Path(file)
    if candidate.is_absolute() and candidate.is_file():
        return candidate
    return store.path_of(file)


def print_cache_dir(store_root: Path) -> Path:
    return Path(store_root).parent / CACHE_DIRNAME


def print_cache_path(cache_dir: Path, source: Path, long_edge: int) -> Path:
    """The cache file of `source` at `long_edge`: named by the file's path, size and modification
    time, so a changed or replaced file never gets a stale copy."""
    return Path(cache_dir) / f"{print_fingerprint(source)}-{long_edge}.jpg"


def print_fingerprint(source: Path) -> str:
    """The part of a cache file's name that stands for its source (the store clean-up matches on it)."""
    stat = source.stat()
    return hashlib.sha1(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:20]


_spare_lock = threading.Lock()
_spare_dir: Path | None = None


def spare_cache_dir() -> Path:
    """The temporary folder for print copies the data folder cannot take: one per process (export
    runs print_version on several threads), removed when the process ends."""
    global _spare_dir
    with _spare_lock:
        if _spare_dir is None or not _spare_dir.is_dir():
            _spare_dir = Path(tempfile.mkdtemp(prefix="tripreport-print-"))
            atexit.register(shutil.rmtree, _spare_dir, ignore_errors=True)
        return _spare_dir


def cached_print_path(store, file: str, long_edge: int = DEFAULT_LONG_EDGE) -> Path:
    """Where the print copy of `file` at `long_edge` is (or will be) cached."""
    return print_cache_path(print_cache_dir(store.root), resolve_photo_file(store, file), long_edge)


def _save_print(im, target: Path, icc: bytes | None = None) -> None:
    """Encode a print copy. Plain Huffman tables: optimize=True took three times the encoding time
    to save 3 % of the bytes."""
    options = {"quality": JPEG_QUALITY}
    if icc and im.mode == "RGB":
        options["icc_profile"] = icc
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as tmp:
        im.save(tmp, "JPEG", **options)


def write_print_copies(im, source: Path, cache_dir: Path, long_edges=PRINT_LONG_EDGES, icc: bytes | None = None):
    """Cache the print copies of `source` from `im`, its already decoded, upright RGB (or L) pixels
    (the import has them in memory, so this costs resizes and encodes, no decode).

    Every size is resized from `im` itself, so none is a copy of a copy. The filter is bilinear:
    on a 12 MP bench photo it differs from Lanczos by 1.6 levels RMS against bicubic's 0.8, both
    below the 2.5–3.8 levels the JPEG encoding itself changes, at 60 % of bicubic's time. A
    reducing gap of 1.1 lets Pillow halve a 2000 px photo by averaging before the 900 px filter.
    Returns the smallest image made. Copies already cached are kept."""
    from PIL import Image

    from desktop.photos.pipeline import fit_box

    smallest = im
    for long_edge in sorted(long_edges, reverse=True):
        target = print_cache_path(cache_dir, source, long_edge)
        if target.is_file():
            continue
        copy = im
        if max(im.size) > long_edge:
            copy = im.resize(fit_box(im.size, long_edge), Image.Resampling.BILINEAR, reducing_gap=1.1)
        _save_print(copy, target, icc)
        smallest = copy
    return smallest


def print_version(store, file: str, long_edge: int = DEFAULT_LONG_EDGE) -> Path:
    """Return a JPEG of the photo, upright and at most `long_edge` pixels on its long side.

    Made from the stored photo when the import did not cache it (photos imported before it did,
    drafts read from JSON that point at the camera's originals): a JPEG is decoded at the smallest
    DCT scale that still covers `long_edge` (a 12 MP photo at 1/2 for 1600 px, 1/4 for 900 px),
    the one bilinear resize the print copies of the import make, no optimize pass. The file is
    checked as the import checks it (probe.py): regular, an image, within the memory budget.
    A copy the data folder cannot take goes to spare_cache_dir(). Raises FileNotFoundError,
    Refused with the reason, or FileWriteError when not even the temporary folder takes it."""
    from PIL import Image

    from desktop.photos.pipeline import decode_small
    from desktop.photos.probe import (
        NOT_A_PHOTO,
        Refused,
        looks_like_image,
        open_image,
        open_regular,
        read_head,
    )

    source = resolve_photo_file(store, file)
    if not source.exists():
        raise FileNotFoundError(source)
    target = cached_print_path(store, file, long_edge)
    if target.is_file():
        return target
    spare = print_cache_path(_spare_dir, source, long_edge) if _spare_dir is not None else None
    if spare is not None and spare.is_file():  # made by an earlier export of this session
        return spare
    with open_regular(source) as fh:
        head = read_head(fh)
        if not looks_like_image(head):
            raise Refused(NOT_A_PHOTO)
        im, _ = decode_small(open_image(fh, head), head, long_edge, [], resample=Image.Resampling.BILINEAR,
                             draft_floor=1.0)
    try:
        _save_print(im, target, im.info.get("icc_profile"))
    except (FileWriteError, OSError):  # a read-only data folder, a full disk: the export goes on
        target = print_cache_path(spare_cache_dir(), source, long_edge)
        _save_print(im, target, im.info.get("icc_profile"))
    return target


def estimate_photo_bytes(store, file: str, width: int, height: int, long_edge: int = DEFAULT_LONG_EDGE) -> int:
    """Bytes this photo adds to the .docx: the cached print copy if made, else scaled from the
    working copy (JPEG size follows the pixel count closely enough for a budget)."""
    try:
        cached = cached_print_path(store, file, long_edge)
        if cached.is_file():
            return cached.stat().st_size
        size = resolve_photo_file(store, file).stat().st_size
    except OSError:
        return 0
    longest = max(width, height)
    scale = 1.0 if longest <= long_edge or longest == 0 else (long_edge / longest) ** 2
    # The print copy is re-encoded: about 0.8 of the scaled size on phone photos (measured on 12
    # generated 12 MP photos with optimize=True: 2.59 MB made against 3.34 MB scaled; without it
    # the copies are 3 % larger).
    return int(size * scale * RECODE_FACTOR)


def estimate_docx_bytes(store, photos: Iterable, long_edge: int = DEFAULT_LONG_EDGE,
                        long_edges: dict[str, int] | None = None) -> int:
    """The .docx size with these photos; `long_edges` gives each photo's print size by photo id
    (two on a row print at 900 px, not 1600: assuming 1600 for all overstated a report of paired
    photos 2.6 times), `long_edge` the size of any photo it does not name."""
    edges = long_edges or {}
    return TEXT_OVERHEAD + sum(estimate_photo_bytes(store, p.file, p.width, p.height, edges.get(p.id, long_edge))
                               for p in photos)
