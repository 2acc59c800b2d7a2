"""Small generated photos for the import tests: every bad input of the issue, and all 8 EXIF
orientations, each a few KB so the whole set is made in well under a second."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

# An upright test card: four coloured quadrants, wider than tall, so a turn or a mirror shows.
UPRIGHT_SIZE = (80, 60)
QUADRANTS = {"top_left": (220, 30, 30), "top_right": (30, 180, 40), "bottom_left": (30, 60, 220),
             "bottom_right": (240, 220, 40)}
TAKEN = "2025:03:02 09:15:00"
GPS = {1: "N", 2: (25.0, 2.0, 0.0), 3: "E", 4: (121.0, 30.0, 0.0)}

# The transpose that *undoes* what EXIF orientation n asks a viewer to do: raw = undo(upright).
_UNDO = {
    1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270,
}


def card(size=UPRIGHT_SIZE, seed: int = 0) -> Image.Image:
    w, h = size
    im = Image.new("RGB", size)
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w // 2 - 1, h // 2 - 1], fill=QUADRANTS["top_left"])
    d.rectangle([w // 2, 0, w - 1, h // 2 - 1], fill=QUADRANTS["top_right"])
    d.rectangle([0, h // 2, w // 2 - 1, h - 1], fill=QUADRANTS["bottom_left"])
    d.rectangle([w // 2, h // 2, w - 1, h - 1], fill=QUADRANTS["bottom_right"])
    if seed:  # a small mark so photos differ in content (and so in hash)
        d.rectangle([w // 2 - 2, h // 2 - 2, w // 2 + 1, h // 2 + 1], fill=(seed % 256, 0, 0))
    return im


def exif_bytes(orientation: int = 1, gps: bool = True, taken: str = TAKEN) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x8769] = {0x9003: taken}
    if gps:
        exif[0x8825] = GPS
    return exif.tobytes()


def oriented_jpeg(path: Path, orientation: int, seed: int = 0) -> Path:
    raw = card(seed=seed + orientation)
    if _UNDO[orientation] is not None:
        raw = raw.transpose(_UNDO[orientation])
    raw.save(path, "JPEG", quality=95, exif=exif_bytes(orientation))
    return path


def bomb_png(path: Path, width: int = 20000, height: int = 20000) -> Path:
    """A valid PNG header claiming 400 MP, with almost no data behind it."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
                     + chunk(b"IEND", b""))
    return path


def jpeg_bytes(im: Image.Image, **options) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, **options)
    return buf.getvalue()


def make_bad_set(folder: Path) -> dict[str, Path]:
    """Files the import must refuse, by what is wrong with them."""
    folder.mkdir(parents=True, exist_ok=True)
    good = jpeg_bytes(card((120, 90), seed=7))
    files = {
        "truncated": folder / "半張.jpg",
        "corrupt": folder / "壞掉.jpg",
        "empty": folder / "空的.jpg",
        "text": folder / "其實是文字.jpg",
        "bomb": folder / "炸彈.png",
    }
    files["truncated"].write_bytes(good[: len(good) // 2])
    damaged = bytearray(good)
    for i in range(20, 400):  # the quantisation and Huffman tables become noise
        damaged[i] = (i * 37) & 0xFF
    files["corrupt"].write_bytes(bytes(damaged))
    files["empty"].write_bytes(b"")
    files["text"].write_text("這不是照片，是一份會議紀錄。\n", encoding="utf-8")
    bomb_png(files["bomb"])
    return files


def make_odd_set(folder: Path) -> dict[str, Path]:
    """Files that import, each with a note saying what was changed."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    files["panorama"] = folder / "全景.jpg"  # 100 MP: above the warning limit, below the bomb limit
    Image.new("L", (20000, 5000), 150).save(files["panorama"], "JPEG", quality=50)
    files["cmyk"] = folder / "印刷.jpg"
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(files["cmyk"], "JPEG", quality=95)  # pure red
    files["png16"] = folder / "十六位元.png"
    Image.new("I;16", (64, 48), 40000).save(files["png16"])
    files["alpha"] = folder / "透明.png"
    alpha = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    ImageDraw.Draw(alpha).rectangle([16, 12, 47, 35], fill=(20, 40, 200, 255))
    alpha.save(files["alpha"])
    files["gif"] = folder / "動畫.gif"
    frames = [Image.new("RGB", (64, 48), c) for c in ((200, 20, 20), (20, 200, 20), (20, 20, 200))]
    frames[0].save(files["gif"], save_all=True, append_images=frames[1:], duration=100, loop=0)
    files["broken_exif"] = folder / "壞EXIF.jpg"
    broken = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x05\x01\x12\x00\x03\x00\x00"
    card(seed=3).save(files["broken_exif"], "JPEG", quality=95, exif=broken)
    return files


def make_formats(folder: Path) -> dict[str, Path]:
    """The same upright card in every format the issue names (HEIC with orientation 6)."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, fmt, seed in (("png", "PNG", 11), ("webp", "WEBP", 12), ("tiff", "TIFF", 13)):
        files[name] = folder / f"card.{name}"
        options = {"lossless": True} if fmt == "WEBP" else {}
        card(seed=seed).save(files[name], fmt, **options)
    files["heic"] = folder / "iphone.heic"
    card(seed=14).transpose(Image.Transpose.ROTATE_90).save(files["heic"], "HEIF", quality=95,
                                                                  exif=exif_bytes(6))
    return files
