"""Hostile or odd photo files, made at test time in a temporary folder (nothing big is committed):
PNGs whose header claims a huge image while the file stays small, and a sparse non-image file
that is large on paper and costs no disk."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type → samples a pixel


def blank_png(path: Path, width: int, height: int, bit_depth: int = 8, colour_type: int = 2) -> Path:
    """A valid PNG of width×height whose rows are all zeros: a few hundred KB on disk however many
    pixels it declares (a "pixel bomb" below Pillow's limit)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" * (1 + width * _CHANNELS[colour_type] * bit_depth // 8)
    packer = zlib.compressobj(1)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


def sparse_file(path: Path, size: int, head: bytes) -> Path:
    """A file of `size` bytes starting with `head`, the rest a hole (no disk space used)."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path
