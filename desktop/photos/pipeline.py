"""One photo from a phone to the store: probe, decode small, turn upright, strip, save. No Qt.

Runs inside the import worker processes, so it only needs Pillow and the standard library. The
working copy is named by the hash of the *original* bytes, so importing the same photo twice (from
a phone folder and again from a USB copy) finds the copy already made and does no image work.

Order matters for speed: `draft()` is asked for a box with the photo's own aspect ratio in the
sensor's orientation, before anything loads the pixels (stack-notes: a square box does nothing on
a 4:3 photo); the EXIF rotation is applied after the downscale, on a quarter of the pixels.
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from desktop.fileio import atomic_target, atomic_write_bytes

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

# Signatures of the formats we read, to tell "a damaged photo" from "not a photo at all".
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")


NOT_A_PHOTO = "不是照片檔（內容無法辨識為任何圖片格式）"
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif", ".gif", ".bmp")


class Refused(Exception):  # noqa: N818 (reads better at the raise site than RefusedError)
    """The file cannot be imported; str(err) is the reason, in Chinese, without the file name."""


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


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def working_key(digest: str) -> str:
    return f"{digest[:2]}/{digest}{WORKING_SUFFIX}"


def _looks_like_image(data: bytes) -> bool:
    if data.startswith(_SIGNATURES):
        return True
    # RIFF....WEBP, and ISO media (HEIC/HEIF/AVIF) "....ftyp"
    return (data[:4] == b"RIFF" and data[8:12] == b"WEBP") or data[4:8] == b"ftyp"


def _register_heif() -> None:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # a build without HEIC support still imports everything else
        return
    register_heif_opener()


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


def read_exif(im) -> tuple[int, str, bool]:
    """(orientation 1–8, taken_at, broken). A broken EXIF block is ignored rather than refused:
    the pixels are fine, only the orientation and date are lost."""
    raw = im.info.get("exif")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exif = im.getexif()
            orientation = int(exif.get(ORIENTATION_TAG, 1) or 1)
            stamp = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL_TAG) or exif.get(DATETIME_TAG)
        except Exception:  # noqa: BLE001 (any parse failure means the block is unusable)
            return 1, "", raw is not None
    broken = bool(raw) and (any("EXIF" in str(w.message) for w in caught) or len(exif) == 0)
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


def _to_rgb(im, data: bytes, notes: list[str]):
    """Flatten whatever mode the file has into 8-bit RGB (or L), noting what was changed."""
    from PIL import Image

    if data.startswith(b"\x89PNG") and len(data) > 24 and data[24] == 16:
        notes.append("16 位元影像已轉為一般 8 位元")
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        # convert("L") would clip every value above 255 to white; scale the 16-bit range instead.
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode == "CMYK":
        notes.append("CMYK 印刷色彩已轉為 RGB")
        return im.convert("RGB")
    has_alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (im.mode == "P" and "transparency" in im.info)
    if has_alpha:
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
    thumb = im.copy()
    thumb.thumbnail((THUMB_LONG_EDGE, THUMB_LONG_EDGE), reducing_gap=2.0)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, _save_jpeg(thumb, THUMB_QUALITY))


def decode_upright(data: bytes, long_edge: int, notes: list[str], draft: bool = True):
    """Decode, downscale to `long_edge`, turn upright. Returns (image, taken_at, original size).
    Raises Refused with the reason for anything that is not a readable photo."""
    from PIL import Image, UnidentifiedImageError

    _register_heif()
    if not data:
        raise Refused("檔案是空的（0 位元組），可能在複製時中斷")
    with warnings.catch_warnings():
        # 89–179 MP (a panorama) only warns; above that Pillow raises and we refuse. The limit
        # itself stays on.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as err:
            raise Refused("圖片宣稱的像素超過 1.79 億的安全上限，可能是惡意檔案，未匯入") from err
        except UnidentifiedImageError as err:
            if _looks_like_image(data):
                raise Refused("圖片檔已損壞，無法讀取") from err
            raise Refused(NOT_A_PHOTO) from err
        try:
            original = im.size
            if getattr(im, "n_frames", 1) > 1:
                notes.append("動態圖片只取第一格")
            orientation, taken_at, broken = read_exif(im)
            if broken:
                notes.append("EXIF 資料損壞，已略過（方向與拍攝時間不明）")
            if original[0] * original[1] > Image.MAX_IMAGE_PIXELS:
                notes.append(f"超大照片（{original[0]}×{original[1]}）已縮小")
            icc = im.info.get("icc_profile") if im.mode in ("RGB", "RGBA") else None
            if draft:
                im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else None,
                         fit_box(original, int(long_edge * DRAFT_FLOOR)))
            im.load()
            im = _to_rgb(im, data, notes)
            if max(im.size) > long_edge:
                im = im.resize(fit_box(im.size, long_edge), Image.Resampling.LANCZOS, reducing_gap=3.0)
            im = _upright(im, orientation)
        except Refused:
            raise
        except Image.DecompressionBombError as err:
            raise Refused("圖片像素超過 1.79 億的安全上限，可能是惡意檔案，未匯入") from err
        except MemoryError as err:
            raise Refused("圖片太大，記憶體不足以處理") from err
        except Exception as err:  # noqa: BLE001 (truncated data surfaces as OSError, SyntaxError, …)
            raise Refused("圖片檔不完整或已損壞（可能複製中斷），無法讀取") from err
    im.info = {"icc_profile": icc} if icc else {}
    return im, taken_at, original


def probe_stored(data: bytes, stored: Path) -> tuple[int, int, str]:
    """Size of the stored copy and the original's date, without decoding pixels (a duplicate)."""
    from PIL import Image

    _register_heif()
    taken_at = ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as original:
                taken_at = read_exif(original)[1]
    except Exception:  # noqa: BLE001 (the stored copy is good; the date is a nicety)
        taken_at = ""
    with Image.open(stored) as im:
        return im.width, im.height, taken_at


def process_file(source: str, store_root: str, thumbs_root: str, long_edge: int = WORKING_LONG_EDGE,
                 draft: bool = True, print_copies: bool = True) -> Processed:
    """Import one file into the store (the worker's whole job). Raises Refused.

    With `print_copies`, the print-size copies the export asks for are cached too, from the pixels
    already decoded here, so the first export does no image work."""
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise Refused(f"無法讀取檔案：{err.strerror or err}") from err
    digest = digest_of(data)
    key = working_key(digest)
    target = Path(store_root) / key
    thumb = Path(thumbs_root) / thumb_name(key)
    if target.is_file():
        width, height, taken_at = probe_stored(data, target)
        if not thumb.is_file():
            from PIL import Image

            with Image.open(target) as im:
                write_thumbnail(im, thumb)
        return Processed(key, digest, True, width, height, taken_at)
    notes: list[str] = []
    try:
        im, taken_at, _ = decode_upright(data, long_edge, notes, draft=draft)
    except Refused as err:
        if str(err) == NOT_A_PHOTO and path.suffix.lower() in _IMAGE_SUFFIXES:
            raise Refused(f"不是照片檔：副檔名是 {path.suffix}，內容卻不是圖片（可能是改了副檔名的其他檔案）") from err
        raise
    icc = im.info.get("icc_profile")
    encoded = _save_jpeg(im, WORKING_QUALITY, icc)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as tmp:
        tmp.write_bytes(encoded)
    small = im
    if print_copies:
        from desktop.photos.print_size import print_cache_dir, write_print_copies

        # Keyed by the working copy just written (its path, size and time), as print_version is.
        small = write_print_copies(im, target, print_cache_dir(Path(store_root)), icc=icc)
    write_thumbnail(small, thumb)  # from the smallest copy: the same picture, less to resample
    return Processed(key, digest, False, im.width, im.height, taken_at, notes)


def thumb_name(key: str) -> str:
    return key.replace("/", "_").rsplit(".", 1)[0] + ".jpg"
