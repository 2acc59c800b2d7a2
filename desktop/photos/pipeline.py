"""One photo from a phone to the store: probe, decode small, turn upright, strip, save. No Qt.

Runs inside the import worker processes, so it only needs Pillow and the standard library. The
working copy is named by the hash of the *original* bytes, so importing the same photo twice (from
a phone folder and again from a USB copy) finds the copy already made and does no image work.

Nothing is decoded before probe.py has looked at the file: a regular file, an image signature, a
header whose decode fits the memory budget. Order matters for speed: `draft()` is asked for a box
with the photo's own aspect ratio in the sensor's orientation, before anything loads the pixels
(stack-notes: a square box does nothing on a 4:3 photo); the EXIF rotation is applied after the
downscale, on a quarter of the pixels. The thumbnail is written right after the working copy, so
the grid can show it before the print copies are made.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.fileio import FileWriteError, atomic_target, atomic_write_bytes
from desktop.photos.probe import (
    NOT_A_PHOTO,
    REDUCING_GAP,
    Refused,
    check_budget,
    is_16_bit_png,
    looks_like_image,
    memory_gate,
    open_image,
    open_regular,
    read_head,
    refusing_decode_errors,
    register_heif,
    sha256_of,
)

__all__ = ["NOT_A_PHOTO", "Refused"]  # re-exported: callers catch pipeline.Refused

WORKING_LONG_EDGE = 2400
# draft() decodes JPEGs at 1/2, 1/4 or 1/8 scale. Accepting a result down to 80 % of the working
# edge lets a 12 MP photo (4000×3000) decode at half size, 2000×1500, with no resampling at all:
# the one change that makes import several times faster. 2000 px still prints 1600 px sharp.
DRAFT_FLOOR = 0.8
WORKING_QUALITY = 85
THUMB_LONG_EDGE = 400  # cards are ~230 px wide: sharp on 1.5× screens too
THUMB_QUALITY = 80
WORKING_SUFFIX = "-work.jpg"

ORIENTATION_TAG = 0x0112
DATETIME_TAG = 0x0132
EXIF_IFD = 0x8769
DATETIME_ORIGINAL_TAG = 0x9003

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif", ".gif", ".bmp")
_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N")


@dataclass
class Processed:
    """What the worker sends back: plain data, cheap to pickle."""

    key: str
    digest: str
    reused: bool = False  # the store already had this photo: no image work was done
    width: int = 0
    height: int = 0
    taken_at: str = ""
    notes: list[str] = field(default_factory=list)


def working_key(digest: str) -> str:
    return f"{digest[:2]}/{digest}{WORKING_SUFFIX}"


def parse_exif_datetime(value) -> str:
    """'2025:03:02 09:15:00' → '2025-03-02T09:15:00'; '' when it is not a usable date."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    text = str(value or "").strip().rstrip("\x00")
    if len(text) < 19 or not text[:4].isdigit():
        return ""
    date_part, time_part = text[:10].replace(":", "-"), text[11:19]
    try:
        from datetime import datetime

        return datetime.fromisoformat(f"{date_part}T{time_part}").isoformat(timespec="seconds")
    except ValueError:
        return ""


def read_exif(im, warned: bool = False, loaded: bool = False) -> tuple[int, str, bool]:
    """(orientation 1–8, taken_at, broken). A broken EXIF block is ignored rather than refused:
    the pixels are fine, only the orientation and date are lost. `warned`: Pillow already warned
    about the block while opening the file (it reads EXIF for the JPEG's resolution). Until the
    pixels are `loaded`, a PNG's EXIF is read only from before its pixels."""
    raw = im.info.get("exif")
    if raw is None and im.format == "PNG" and not loaded:
        return 1, "", False  # PNG's getexif() would decode every pixel to look behind them
    try:  # Pillow's own warnings about the block are silenced in probe.py
        exif = im.getexif()
        orientation = int(exif.get(ORIENTATION_TAG, 1) or 1)
        stamp = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL_TAG) or exif.get(DATETIME_TAG)
    except Exception:  # noqa: BLE001 (any parse failure means the block is unusable)
        return 1, "", raw is not None
    broken = bool(raw) and (warned or len(exif) == 0)
    if orientation not in range(1, 9):
        orientation = 1
    return orientation, parse_exif_datetime(stamp), broken


def _upright(im, orientation: int):
    from PIL import Image

    turn = {
        2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    return im.transpose(turn) if turn is not None else im


def fit_box(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    """The box of at most `long_edge` with the image's own aspect ratio (what draft() needs)."""
    w, h = size
    scale = min(1.0, long_edge / max(w, h))
    return max(1, math.floor(w * scale + 0.5)), max(1, math.floor(h * scale + 0.5))


def shrink(im, long_edge: int, resample):
    """`im` at most `long_edge` on its long side, making no full-size copy a mode does not force:
    one-bit and palette images are widened first (they cannot be resampled), everything else is
    resampled as it is and flattened afterwards, on the small image."""
    from PIL import Image

    if im.mode == "1":
        im = im.convert("L")
    elif im.mode in ("P", "PA"):
        im = im.convert("RGBA" if im.mode == "PA" or "transparency" in im.info else "RGB")
    if max(im.size) <= long_edge:
        return im
    # reduce() has no 16-bit version: those are resampled in one step.
    gap = None if im.mode in _SIXTEEN_BIT or resample == Image.Resampling.NEAREST else REDUCING_GAP
    return im.resize(fit_box(im.size, long_edge), resample, reducing_gap=gap)


def to_rgb(im, notes: list[str]):
    """Flatten whatever mode the (already small) image has into 8-bit RGB (or L), noting what changed."""
    from PIL import Image

    if im.mode in (*_SIXTEEN_BIT, "I", "F"):
        # convert("L") would clip every value above 255 to white; scale the 16-bit range instead.
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode == "CMYK":
        notes.append("CMYK 印刷色彩已轉為 RGB")
        return im.convert("RGB")
    if im.mode in ("RGBA", "LA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        if rgba.getchannel("A").getextrema()[0] < 255:
            notes.append("透明部分已填為白色")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if im.mode not in ("RGB", "L"):
        return im.convert("RGB")
    return im


def _save_jpeg(im, quality: int, icc: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    im.info = {}  # nothing from the original (EXIF, GPS, XMP, comments) rides along
    options = {"quality": quality}
    if icc and im.mode == "RGB":
        options["icc_profile"] = icc
    im.save(buf, "JPEG", **options)
    return buf.getvalue()


def write_thumbnail(im, target: Path) -> None:
    # A reducing gap of 1.5 averages a 2000 px photo down by 3 before the filter: as fast as
    # starting from a print copy, and the grid's 230 px card cannot tell the difference.
    from PIL import Image

    thumb = im.resize(fit_box(im.size, THUMB_LONG_EDGE), Image.Resampling.BICUBIC, reducing_gap=1.5) \
        if max(im.size) > THUMB_LONG_EDGE else im.copy()
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, _save_jpeg(thumb, THUMB_QUALITY))


def open_photo(fh, head: bytes):
    """Image.open, noting whether Pillow warned about the EXIF block while reading the JPEG
    header. Returns (image, warned). Only the import asks: it runs alone in its worker process,
    and catch_warnings() is process-wide state that threads (the export's) must not race on."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        im = open_image(fh, head)
    return im, any("EXIF" in str(w.message).upper() for w in caught)


def _decode_16_bit_gray_as_8(im) -> None:
    """Have a 16-bit grayscale PNG decode straight to 8 bits, the high byte of each sample (what
    scaling by 1/256 gives): half the memory of the 16-bit image, and nothing to convert after.
    Only the plain case: one tile of big-endian samples, no transparent value."""
    if im.format != "PNG" or im.mode != "I;16" or len(im.tile) != 1 or "transparency" in im.info:
        return
    tile = im.tile[0]
    if tile.args == "I;16B":
        im.tile = [tile._replace(args="L;16B")]
        im._mode = "L"


def decode_small(im, head: bytes, long_edge: int, notes: list[str], draft: bool = True, resample=None,
                 draft_floor: float = DRAFT_FLOOR, exif_warned: bool = False):
    """Decode the opened image `im` at most `long_edge` on the long side, upright, 8-bit RGB or L.
    Returns (image, taken_at). The decode cost is checked against the budget before any pixel is
    read; JPEGs decode at the smallest DCT scale still at least `draft_floor` × `long_edge`.
    Raises Refused. (Not `with im`: closing an image frees its pixels, and the result may be `im`
    itself; the caller closes the file.)"""
    from PIL import Image

    if resample is None:
        resample = Image.Resampling.LANCZOS
    with refusing_decode_errors():
        original = im.size
        if getattr(im, "n_frames", 1) > 1:
            notes.append("動態圖片只取第一格")
        if original[0] * original[1] > Image.MAX_IMAGE_PIXELS:
            notes.append(f"超大照片（{original[0]}×{original[1]}）已縮小")
        if is_16_bit_png(head):
            notes.append("16 位元影像已轉為一般 8 位元")
        icc = im.info.get("icc_profile") if im.mode in ("RGB", "RGBA") else None
        if draft:
            im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else None,
                     fit_box(original, int(long_edge * draft_floor)))
        _decode_16_bit_gray_as_8(im)
        with memory_gate(check_budget(im, original, long_edge)):
            im.load()
            # After load(): a PNG looks for EXIF behind its pixels, and would decode them to do so.
            orientation, taken_at, broken = read_exif(im, exif_warned, loaded=True)
            if broken:
                notes.append("EXIF 資料損壞，已略過（方向與拍攝時間不明）")
            small = shrink(im, long_edge, resample)
            if small is not im:
                im.close()  # the full-size pixels go before the small image is worked on
            small = _upright(to_rgb(small, notes), orientation)
    small.info = {"icc_profile": icc} if icc else {}
    return small, taken_at


def probe_stored(fh, head: bytes, stored: Path) -> tuple[int, int, str]:
    """Size of the stored copy and the original's date, without decoding pixels (a duplicate)."""
    from PIL import Image

    taken_at = ""
    try:
        with open_image(fh, head) as original:
            taken_at = read_exif(original)[1]
    except Exception:  # noqa: BLE001 (the stored copy is good; the date is a nicety)
        taken_at = ""
    with Image.open(stored) as im:
        return im.width, im.height, taken_at


def import_file(source: str, store_root: str, thumbs_root: str, long_edge: int = WORKING_LONG_EDGE,
                draft: bool = True, print_copies: bool = True) -> tuple[Processed, Callable[[], None]]:
    """Store the working copy and the thumbnail of one file. Returns what was stored and a
    function that makes the export's print-size copies from the pixels still in memory (it does
    nothing when `print_copies` is off or the photo was already stored), so a caller can hand the
    result on first. Raises Refused."""
    path = Path(source)
    with open_regular(path) as fh:
        head = read_head(fh)
        if not looks_like_image(head):
            if path.suffix.lower() in _IMAGE_SUFFIXES:
                raise Refused(f"不是照片檔：副檔名是 {path.suffix}，內容卻不是圖片（可能是改了副檔名的其他檔案）")
            raise Refused(NOT_A_PHOTO)
        register_heif()
        digest = sha256_of(fh)
        key = working_key(digest)
        target = Path(store_root) / key
        thumb = Path(thumbs_root) / thumb_name(key)
        if target.is_file():
            width, height, taken_at = probe_stored(fh, head, target)
            if not thumb.is_file():
                from PIL import Image

                with Image.open(target) as im:
                    write_thumbnail(im, thumb)
            return Processed(key, digest, True, width, height, taken_at), _nothing
        notes: list[str] = []
        opened, warned = open_photo(fh, head)
        im, taken_at = decode_small(opened, head, long_edge, notes, draft=draft, exif_warned=warned)
    icc = im.info.get("icc_profile")
    encoded = _save_jpeg(im, WORKING_QUALITY, icc)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as tmp:
        tmp.write_bytes(encoded)
    write_thumbnail(im, thumb)
    processed = Processed(key, digest, False, im.width, im.height, taken_at, notes)
    if not print_copies:
        return processed, _nothing

    def make_print_copies() -> None:
        from desktop.photos.print_size import print_cache_dir, write_print_copies

        # Keyed by the working copy just written (its path, size and time), as print_version is.
        # A cache: when it cannot be written (a full disk), the export makes the copies itself.
        try:
            write_print_copies(im, target, print_cache_dir(Path(store_root)), icc=icc)
        except (OSError, FileWriteError):
            pass

    return processed, make_print_copies


def _nothing() -> None:
    return None


def process_file(source: str, store_root: str, thumbs_root: str, long_edge: int = WORKING_LONG_EDGE,
                 draft: bool = True, print_copies: bool = True) -> Processed:
    """Import one file into the store (the worker's whole job). Raises Refused.

    With `print_copies`, the print-size copies the export asks for are cached too, from the pixels
    already decoded here, so the first export does no image work."""
    processed, finish = import_file(source, store_root, thumbs_root, long_edge, draft, print_copies)
    finish()
    return processed


def thumb_name(key: str) -> str:
    return key.replace("/", "_").rsplit(".", 1)[0] + ".jpg"
