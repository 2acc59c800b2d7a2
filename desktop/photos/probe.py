"""Opening a photo file without trusting it: what kind of file it is, what its header claims, and
what decoding it would cost — all decided before a single pixel is decoded. No Qt.

A photo file may be anything: a FIFO or a device that never ends, a 1.5 GB video renamed `.jpg`, a
330 KB PNG whose header claims 169 million 16-bit pixels (1.6 GB once decoded). So:
- only regular files are opened, and without blocking (a FIFO would wait for a writer forever);
- the signature is read from the first bytes before the rest of the file is touched;
- the file is hashed in chunks, and Pillow reads it lazily from the open file, never as one blob;
- the decoded size is estimated from the header (size, mode, bit depth, progressive JPEG, the
  decoder's own buffers) and anything over DECODE_BUDGET is refused with the reason in Chinese.
Import (pipeline.py), export (print_size.py) and package unpacking (interchange/package.py) all use
this module, so one rule decides what a photo file may cost.
"""

from __future__ import annotations

import errno
import hashlib
import math
import os
import stat
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# Pillow reports odd input with raw English warnings ("Corrupt EXIF data", "Palette images with
# Transparency…", TIFF metadata): the import says what matters in Chinese (pipeline notes), and
# export has nothing to add. Panoramas of 89–179 MP warn too; above that Pillow still raises (the
# limit itself stays on).
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
warnings.filterwarnings("ignore", message=r"(?s).*(exif|palette images with transparency)", category=UserWarning)
warnings.filterwarnings("ignore", message=r"Image size \(\d+ pixels\) exceeds limit", category=Warning)

# Signatures of the formats we read, to tell "a damaged photo" from "not a photo at all".
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
HEAD_BYTES = 64
CHUNK = 1024 * 1024

# The pixel memory one decode may take (the decoded image, the decoder's own buffers, the widest
# full-size conversion and the resampling's intermediate image), chosen so a worker process stays
# under 500 MB whatever the file: the interpreter with Pillow and pillow-heif loaded takes about
# 50 MB. The estimate (decode_cost) was fitted to measured peaks of every format at 40 MP and errs
# high; tests/photos/test_hostile_photos.py measures real peaks near the limit.
DECODE_BUDGET = 400 * 1024 * 1024
REDUCING_GAP = 3.0  # pipeline.shrink: reduce() by whole factors first when the ratio allows it

NOT_A_PHOTO = "不是照片檔（內容無法辨識為任何圖片格式）"
EMPTY = "檔案是空的（0 位元組），可能在複製時中斷"
NOT_REGULAR = "不是一般檔案（可能是管線、裝置或資料夾），未匯入"

# Bytes a pixel takes in Pillow, by mode: 1, 2 or 4 (RGB is stored as four bytes).
_PILLOW_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N")
# What the decoding library holds beside Pillow's image, per pixel. libwebp's animation decoder
# (Pillow uses it for every WebP) keeps a canvas, hands over a copy as bytes and Pillow copies that
# again: 16 bytes a pixel measured, 4 of them Pillow's own. libheif decodes to its own planes
# first; libtiff may hold a whole strip.
_DECODER_BYTES = {"WEBP": 12, "HEIF": 6, "AVIF": 6, "TIFF": 4}


class Refused(Exception):  # noqa: N818 (reads better at the raise site than RefusedError)
    """The file cannot be used; str(err) is the reason, in Chinese, without the file name."""


def unreadable(err: OSError) -> Refused:
    """A Refused saying, in Chinese, why the file could not be read."""
    if err.errno in (errno.EACCES, errno.EPERM):
        return Refused("沒有讀取這個檔案的權限")
    if err.errno == errno.ENOENT:
        return Refused("檔案不存在（可能已被移動或刪除）")
    if err.errno == errno.EIO:
        return Refused("讀取時發生磁碟錯誤（隨身碟或記憶卡可能已拔出或損壞）")
    return Refused(f"無法讀取檔案：{err.strerror or err}")


def open_regular(path: str | Path) -> BinaryIO:
    """Open `path` for reading if it is a regular file; a FIFO, a device or a folder is refused
    without blocking (O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError as err:
        raise Refused(NOT_REGULAR) from err
    except OSError as err:
        raise unreadable(err) from err
    try:
        mode = os.fstat(fd).st_mode
    except OSError as err:
        os.close(fd)
        raise unreadable(err) from err
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise Refused(NOT_REGULAR)
    return os.fdopen(fd, "rb")


def looks_like_image(head: bytes) -> bool:
    if head.startswith(_SIGNATURES):
        return True
    # RIFF....WEBP, and ISO media (HEIC/HEIF/AVIF) "....ftyp"
    return (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or head[4:8] == b"ftyp"


def read_head(fh: BinaryIO) -> bytes:
    """The first bytes of an opened file (where every signature is); refuses an empty file."""
    try:
        fh.seek(0)
        head = fh.read(HEAD_BYTES)
    except OSError as err:
        raise unreadable(err) from err
    if not head:
        raise Refused(EMPTY)
    return head


def sha256_of(fh: BinaryIO) -> str:
    """The SHA-256 of the whole file, read in chunks (a big file never sits in memory whole)."""
    digest = hashlib.sha256()
    try:
        fh.seek(0)
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    except OSError as err:
        raise unreadable(err) from err
    return digest.hexdigest()


def is_16_bit_png(head: bytes) -> bool:
    return head.startswith(b"\x89PNG") and len(head) > 24 and head[24] == 16


def register_heif() -> None:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # a build without HEIC support still imports everything else
        return
    register_heif_opener()


def open_image(fh: BinaryIO, head: bytes):
    """Image.open on an opened file, reading the header only. Refuses what is not a photo, and the
    pixel counts Pillow calls a decompression bomb (over 179 MP)."""
    from PIL import Image, UnidentifiedImageError

    register_heif()
    fh.seek(0)
    try:
        return Image.open(fh)
    except Image.DecompressionBombError as err:
        raise Refused("圖片宣稱的像素超過 1.79 億的安全上限，可能是惡意檔案，未匯入") from err
    except UnidentifiedImageError as err:
        if looks_like_image(head):
            raise Refused("圖片檔已損壞，無法讀取") from err
        raise Refused(NOT_A_PHOTO) from err
    except (OSError, SyntaxError, ValueError, EOFError) as err:
        raise Refused("圖片檔已損壞，無法讀取") from err


def _widened(im) -> tuple[int, int]:
    """(bytes a pixel of the full-size copies pipeline.shrink must make, bytes a pixel of the
    image it then resamples). A palette is widened to RGB, or RGBA when it has transparency; RGBA
    and LA are premultiplied into a copy by Pillow's resize; one-bit becomes L."""
    mode = im.mode
    if mode in ("P", "PA"):
        alpha = mode == "PA" or "transparency" in im.info
        return (8 if alpha else 4), 4
    if mode in ("RGBA", "LA"):
        return 4, 4
    if mode == "1":
        return 1, 1
    return 0, _PILLOW_BYTES.get(mode, 4)


def _resample_share(long_side: int, long_edge: int, can_reduce: bool) -> float:
    """The resampling's largest intermediate image, as a share of the image it starts from: a
    two-pass resize holds one pass's output (new width × old height); reduce() first, when the
    ratio is at least twice REDUCING_GAP, leaves 1/f² of the pixels and a smaller pass."""
    ratio = long_side / long_edge
    factor = int(ratio / REDUCING_GAP) if can_reduce else 1
    if factor > 1:
        return 1 / factor**2 + 1 / (factor * ratio)
    return 1 / ratio


def decode_cost(im, original_size: tuple[int, int] | None = None, long_edge: int | None = None) -> int:
    """Bytes a decode of `im` (as opened, after any draft()) and its shrinking to `long_edge` are
    expected to take at their peak, from the header alone.

    `original_size` is the size in the file, before draft(): a progressive JPEG keeps every DCT
    coefficient of the full image (two bytes a sample) whatever the output scale."""
    w, h = im.size
    pixels = w * h
    widened, resampled = _widened(im)
    cost = pixels * (_PILLOW_BYTES.get(im.mode, 4) + widened + _DECODER_BYTES.get((im.format or "").upper(), 0))
    if long_edge and max(w, h) > long_edge:
        share = _resample_share(max(w, h), long_edge, can_reduce=im.mode not in _SIXTEEN_BIT)
        cost += int(pixels * resampled * share)
    if long_edge:  # the small image, its flattened copy and the encoders' buffers
        cost += long_edge * long_edge * 6
    if im.format == "JPEG" and im.info.get("progressive"):
        ow, oh = original_size or im.size
        cost += ow * oh * max(1, len(im.getbands())) * 2
    return cost


def check_budget(im, original_size: tuple[int, int] | None = None, long_edge: int | None = None) -> int:
    """Refuse, from the header alone, a photo whose decode would not fit DECODE_BUDGET; return
    the expected cost (for memory_gate)."""
    cost = decode_cost(im, original_size, long_edge)
    if cost > DECODE_BUDGET:
        w, h = original_size or im.size
        # Memory grows with the pixel count: a long side this much shorter would fit.
        fits = int(max(w, h) * math.sqrt(DECODE_BUDGET / cost) * 0.9) // 500 * 500
        raise Refused(f"圖片太大：{w}×{h} 像素（{im.format or '未知格式'}，{im.mode}）解碼約需 "
                      f"{cost // 1024 // 1024} MB 記憶體，超過安全上限 {DECODE_BUDGET // 1024 // 1024} MB。"
                      f"請先用看圖軟體縮小（長邊 {max(fits, 500)} 像素以下）再匯入")
    return cost


class _Gate:
    """Lets decodes run together while their expected costs add up to DECODE_BUDGET at most (one
    alone may take all of it), so the export's threads cannot each decode a giant photo at once."""

    def __init__(self, budget: int):
        self.budget = budget
        self.in_use = 0
        self.cond = threading.Condition()

    @contextmanager
    def hold(self, cost: int):
        cost = min(cost, self.budget)
        with self.cond:
            self.cond.wait_for(lambda: self.in_use + cost <= self.budget)
            self.in_use += cost
        try:
            yield
        finally:
            with self.cond:
                self.in_use -= cost
                self.cond.notify_all()


_GATE = _Gate(DECODE_BUDGET)


def memory_gate(cost: int):
    """`with memory_gate(cost):` around a decode whose cost check_budget returned."""
    return _GATE.hold(cost)


def check_photo_file(path: str | Path, long_edge: int = 400) -> tuple[int, int]:
    """Check that `path` is a photo that can be used as it is (a package's photos, which are stored
    byte for byte): a regular file, an image by its signature, within the pixel limits and the
    decode budget, and decodable to the end (at a small draft scale, which costs little but still
    reads every byte). Returns its size; raises Refused with the reason."""
    from PIL import Image

    with open_regular(path) as fh:
        head = read_head(fh)
        if not looks_like_image(head):
            raise Refused(NOT_A_PHOTO)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            im = open_image(fh, head)
            with im:
                size = im.size
                if size[0] * size[1] > Image.MAX_IMAGE_PIXELS:
                    raise Refused(f"圖片有 {size[0]}×{size[1]} 像素，超過安全上限（約 8900 萬像素），可能是惡意檔案")
                scale = max(1, min(size) // long_edge)
                im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else None,
                         (max(1, size[0] // scale), max(1, size[1] // scale)))
                check_budget(im, size)
                with refusing_decode_errors():
                    im.load()
    return size


@contextmanager
def refusing_decode_errors():
    """Turn whatever a failing decode raises into Refused, with the reason in Chinese."""
    from PIL import Image

    try:
        yield
    except Refused:
        raise
    except Image.DecompressionBombError as err:
        raise Refused("圖片像素超過 1.79 億的安全上限，可能是惡意檔案，未匯入") from err
    except MemoryError as err:
        raise Refused("圖片太大，記憶體不足以處理") from err
    except Exception as err:  # noqa: BLE001 (truncated data surfaces as OSError, SyntaxError, …)
        raise Refused("圖片檔不完整或已損壞（可能複製中斷），無法讀取") from err
