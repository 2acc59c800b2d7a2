"""Draw the application icon (resources/icons/app.png and app.ico) with Pillow.

A report page on a deep-blue tile with a small aeroplane crossing its corner: "the trip report".
Drawn at 1024 px and scaled down, so the small .ico sizes stay crisp. Re-run after changing it:
    .venv/bin/python scripts/make_app_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
S = 1024  # drawing size
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

BLUE = (24, 72, 140)
PAPER = (250, 250, 246)
INK = (120, 132, 150)
SEAL = (196, 40, 40)
PLANE = (255, 196, 40)


def draw() -> Image.Image:
    im = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((40, 40, S - 40, S - 40), radius=190, fill=BLUE)
    # The page, with a folded corner.
    left, top, right, bottom, fold = 250, 170, 770, 880, 150
    d.polygon([(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)], fill=PAPER)
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=(205, 212, 224))
    # Title bar and text lines.
    d.rounded_rectangle((left + 70, top + 90, right - fold - 40, top + 150), radius=20, fill=BLUE)
    for i, y in enumerate(range(top + 240, bottom - 120, 90)):
        end = right - 70 - (140 if i % 3 == 2 else 0)
        d.rounded_rectangle((left + 70, y, end, y + 36), radius=18, fill=INK)
    # The official seal in the lower right of the page.
    d.ellipse((right - 250, bottom - 250, right - 60, bottom - 60), outline=SEAL, width=26)
    d.ellipse((right - 200, bottom - 200, right - 110, bottom - 110), fill=SEAL)
    # An aeroplane over the top-left corner, pointing up and right.
    plane = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    p = ImageDraw.Draw(plane)
    cx, cy = 512, 512
    p.rounded_rectangle((cx - 40, cy - 260, cx + 40, cy + 250), radius=40, fill=PLANE)  # body
    p.polygon([(cx - 30, cy - 60), (cx - 300, cy + 60), (cx - 300, cy + 120), (cx - 30, cy + 60)], fill=PLANE)
    p.polygon([(cx + 30, cy - 60), (cx + 300, cy + 60), (cx + 300, cy + 120), (cx + 30, cy + 60)], fill=PLANE)
    p.polygon([(cx - 20, cy + 170), (cx - 130, cy + 240), (cx - 130, cy + 280), (cx + 130, cy + 280),
               (cx + 130, cy + 240), (cx + 20, cy + 170)], fill=PLANE)
    plane = plane.rotate(-45, resample=Image.Resampling.BICUBIC).resize((470, 470), Image.Resampling.LANCZOS)
    im.alpha_composite(plane, (50, 40))
    return im


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "app.png", optimize=True)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "app.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'app.png'} and {OUT / 'app.ico'}")


if __name__ == "__main__":
    main()
