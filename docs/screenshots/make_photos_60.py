"""Make docs/screenshots/photos-60.png: the 照片 step of the window with 60 imported photos.

Run from the checkout: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_photos_60.py
Everything is generated in a temporary data folder: the example draft, and 60 photos of varied
scenes (a few held upright), most captioned and placed by date, a few still without a caption.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COUNT = 60
CAPTIONS = ["福岡市民防災中心地震體驗", "與福岡市消防局交流座談", "指揮管制中心災情影像牆", "博多站周邊雨水蓄留設施",
            "論壇開幕式", "分組會議報告本市成果", "社區防災士培訓課程", "地下街止水板操作示範"]


def make_photos(folder: Path) -> list[Path]:
    from PIL import Image

    from bench.bench_photos import scene

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(COUNT):
        exif = Image.Exif()
        exif[0x8769] = {0x9003: f"2025:10:{14 + i % 3:02d} {9 + i % 8:02d}:{i % 60:02d}:00"}
        if i % 7 == 3:  # a portrait photo: the phone held upright stores it sideways
            im = scene((900, 1200), seed=100 + i).transpose(Image.Transpose.ROTATE_90)
            exif[0x0112] = 6
        else:
            im = scene((1200, 900), seed=100 + i)
        path = folder / f"IMG_{2000 + i}.jpg"
        im.save(path, "JPEG", quality=85, exif=exif.tobytes())
        paths.append(path)
    return paths


def save_small_png(source: Path, target: Path, photo_box: tuple[int, int, int, int]) -> None:
    """A 256-colour PNG (about a third of the full-colour size) that keeps the interface's colours
    exact: 150 entries are the most frequent colours outside the photo grid (a plain median cut
    turned the red warning text brown), the rest a median cut of the grid's thumbnails."""
    from PIL import Image

    im = Image.open(source).convert("RGB")
    ui = im.copy()
    ui.paste((255, 255, 255), photo_box)
    frequent = [colour for _, colour in sorted(ui.getcolors(1 << 24), reverse=True)[:150]]
    photos = im.crop(photo_box).quantize(256 - len(frequent), method=Image.Quantize.MEDIANCUT)
    palette = [v for colour in frequent for v in colour] + photos.getpalette()[:(256 - len(frequent)) * 3]
    holder = Image.new("P", (1, 1))
    holder.putpalette(palette)
    im.quantize(palette=holder, dither=Image.Dither.NONE).save(target, optimize=True)


def main() -> int:
    from desktop.domain.report import Photo
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.interchange.draft_json import read_draft_file
    from desktop.photos.importer import import_files
    from desktop.services import open_services

    app = make_application()  # the app's own font, as a user sees it
    with tempfile.TemporaryDirectory(prefix="shot-photos-") as tmp:
        services = open_services(Path(tmp) / "data")
        report = read_draft_file(ROOT / "docs" / "example-draft.json")
        results = list(import_files(make_photos(Path(tmp) / "phone"), services.photos))
        report.photos = [Photo(file=r.key, taken_at=r.taken_at, width=r.width, height=r.height,
                               caption="" if i % 11 == 5 else CAPTIONS[i % len(CAPTIONS)])
                         for i, r in enumerate(results)]
        draft_id = services.repo.create(report)
        window = MainWindow(services)
        window.resize(1366, 768)
        window.show()
        window.open_draft(draft_id)
        editor = window.editor_page
        editor.show_step(editor.pages.index(editor.page("photos")))
        page = editor.page("photos")
        page.photo_page.assign_action.trigger()  # placed by date, as a user would
        page.photo_page.banner.hide()
        page.photo_page.select_ids([report.photos[5].id])  # an uncaptioned one, in the side panel
        page.photo_page.grid.scrollToTop()
        for _ in range(20):
            app.processEvents()
        window.statusBar().clearMessage()
        out = ROOT / "docs" / "screenshots" / "photos-60.png"
        grid = page.photo_page.grid
        top_left = grid.mapTo(window, grid.rect().topLeft())
        window.grab().save(str(Path(tmp) / "shot.png"))
        save_small_png(Path(tmp) / "shot.png", out, (top_left.x(), top_left.y(), top_left.x() + grid.width(),
                                                     top_left.y() + grid.height()))
        window.close()
        from desktop.storage import close_database

        close_database()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
