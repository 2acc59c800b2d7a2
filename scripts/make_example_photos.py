"""Draw the small photos of docs/example-draft.json (our own pictures, no one else's).

The third one is stored sideways with EXIF orientation 6, as a phone held upright saves it, so the
example shows that photos come out upright. Run: python scripts/make_example_photos.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "docs" / "example-photos"


def scene(size, sky, ground, sun_at, label_box) -> Image.Image:
    im = Image.new("RGB", size, sky)
    d = ImageDraw.Draw(im)
    w, h = size
    d.rectangle([0, int(h * 0.62), w, h], fill=ground)
    x, y = sun_at
    d.ellipse([x - 40, y - 40, x + 40, y + 40], fill=(250, 210, 60))
    for i in range(5):  # a row of buildings
        left = 40 + i * (w - 80) // 5
        top = int(h * (0.30 + 0.06 * (i % 3)))
        d.rectangle([left, top, left + (w - 80) // 6, int(h * 0.62)], fill=(90 + 20 * i, 100, 120))
    d.rectangle(label_box, outline=(255, 255, 255), width=6)
    return im


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    scene((800, 600), (150, 190, 230), (70, 130, 80), (660, 110), [20, 20, 200, 90]).save(
        OUT / "forum-hall.jpg", quality=85)
    scene((800, 600), (200, 170, 140), (120, 110, 100), (120, 100), [600, 500, 780, 580]).save(
        OUT / "drill-site.jpg", quality=85)
    # An upright photo (600 wide, 800 tall) saved as the sensor sees it: turned 90° with tag 6.
    upright = scene((600, 800), (170, 200, 220), (90, 90, 90), (480, 120), [20, 20, 200, 90])
    sideways = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways.save(OUT / "control-room.jpg", quality=85, exif=exif.tobytes())


if __name__ == "__main__":
    main()
