"""Benchmark: importing 100 phone photos of 12 MP (quick mode: 12).

Rows: total time of our import (draft mode, two worker processes), time until the first
thumbnail exists, peak memory of the whole process tree, and the speed-up over a naive import
(full decode, no draft mode, one core) measured in the same run on the same files. The import
also caches the export's print-size copies; two rows give their cost (the same import without them)
and what they save: the first export of a report with every imported photo, after each import.

Inputs are generated here, deterministically: 4000×3000 scenes with a repeating noise texture, so
each JPEG carries about as much detail (and costs as much to decode) as a phone photo; every
third one is stored sideways with EXIF orientation 6, all carry a date and a GPS position.
Run: python -m bench.bench_photos [--quick]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

PHOTO_SIZE = (4000, 3000)
FULL_COUNT, QUICK_COUNT = 100, 12


def scene(size: tuple[int, int], seed: int):
    """A deterministic outdoor-looking picture: sky, buildings, ground, a sun, fine texture."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    w, h = size
    sky = (rng.randint(110, 190), rng.randint(150, 210), rng.randint(200, 245))
    ground = (rng.randint(60, 130), rng.randint(90, 140), rng.randint(60, 110))
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, sky)
    im = Image.blend(tint, im, 0.25)
    d = ImageDraw.Draw(im)
    horizon = int(h * rng.uniform(0.55, 0.7))
    d.rectangle([0, horizon, w, h], fill=ground)
    sx, sy = rng.randint(w // 8, w - w // 8), rng.randint(h // 12, h // 3)
    r = max(8, w // 22)
    d.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(250, 214, 90))
    x = 0
    while x < w:
        bw = rng.randint(w // 18, w // 7)
        top = int(h * rng.uniform(0.2, 0.5))
        shade = rng.randint(70, 170)
        d.rectangle([x, top, x + bw, horizon], fill=(shade, shade - 10, shade + 15))
        for wy in range(top + bw // 8, horizon - bw // 8, max(6, bw // 5)):  # windows
            for wx in range(x + bw // 8, x + bw - bw // 8, max(6, bw // 4)):
                d.rectangle([wx, wy, wx + max(2, bw // 10), wy + max(2, bw // 12)], fill=(235, 230, 190))
        x += bw + rng.randint(4, w // 40)
    tile = Image.frombytes("L", (256, 256), random.Random(seed * 7 + 1).randbytes(256 * 256)).convert("RGB")
    noise = Image.new("RGB", size)
    for ty in range(0, h, 256):
        for tx in range(0, w, 256):
            noise.paste(tile, (tx, ty))
    return Image.blend(im, noise, 0.10)


def make_photos(folder: Path, count: int, size=PHOTO_SIZE) -> list[Path]:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"IMG_{1000 + i}.jpg"
        paths.append(path)
        if path.is_file():
            continue
        exif = Image.Exif()
        exif[0x010F] = "BenchPhone"
        exif[0x8769] = {0x9003: f"2025:03:{2 + i % 5:02d} {8 + i % 10:02d}:{i % 60:02d}:00"}
        exif[0x8825] = {1: "N", 2: (25.0, 2.0, float(i % 60)), 3: "E", 4: (121.0, 30.0, 0.0)}
        im = scene(size, seed=i)
        if i % 3 == 0:  # held upright: stored sideways with orientation 6
            im = im.transpose(Image.Transpose.ROTATE_90)
            exif[0x0112] = 6
        im.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return paths


class PeakMemory:
    """Samples the resident memory of this process and its children (the worker pool) and keeps
    what the import itself added: `python -m bench` runs every area in one process, so the earlier
    areas (a 60-photo export, Qt windows) would otherwise be counted as the import's memory."""

    def __init__(self, interval: float = 0.02):
        self.interval = interval
        self.peak = 0
        self.baseline = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    @staticmethod
    def _children(pid: int) -> list[int]:
        kids = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                kids += [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                pass
        return kids

    def _tree(self) -> int:
        pids, total = [os.getpid()], 0
        while pids:
            pid = pids.pop()
            total += self._rss(pid)
            pids += self._children(pid)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree())
            time.sleep(self.interval)

    def __enter__(self):
        if sys.platform.startswith("linux"):
            self.baseline = self._tree()
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
            self.peak = max(0, self.peak - self.baseline)
        if not self.peak:  # not Linux: the largest of this process and one child, a lower bound
            import resource

            self.peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) * 1024


def timed_import(paths: list[Path], data_dir: Path, workers: int, draft: bool,
                 print_copies: bool = True) -> tuple[float, float, int, int]:
    """(total s, first thumbnail s, peak bytes, photos imported)."""
    from desktop.photos.importer import IMPORTED, import_files
    from desktop.photos.store import PhotoStore

    store = PhotoStore(data_dir)
    first = None
    imported = 0
    with PeakMemory() as memory:
        start = time.perf_counter()
        for result in import_files(paths, store, workers=workers, draft=draft, print_copies=print_copies):
            if first is None:
                first = time.perf_counter() - start
                assert store.thumb_path(result.key).is_file()
            imported += result.status == IMPORTED
        total = time.perf_counter() - start
    return total, first or total, memory.peak, imported


def per_photo_ms(paths: list[Path], folder: Path, print_copies: bool) -> float:
    """CPU cost of one photo in one process (no pool, so steadier than the batch on a busy machine):
    the best of two passes over `paths`, in ms a photo."""
    from desktop.photos.pipeline import process_file

    best = float("inf")
    for n in range(2):
        root = folder / f"{'with' if print_copies else 'without'}{n}"
        start = time.perf_counter()
        for path in paths:
            process_file(str(path), str(root / "photos"), str(root / "thumbs"), print_copies=print_copies)
        best = min(best, time.perf_counter() - start)
    return best / len(paths) * 1000


def first_export(data_dir: Path, target: Path) -> float:
    """Seconds for the first export of the example report carrying every photo in `data_dir`'s
    store, in store order (pairs and singles both occur: sections get 1, 2 or 3 photos)."""
    from desktop.domain.report import Photo
    from desktop.export.render import export_docx, run_export
    from desktop.interchange.draft_json import read_draft_file
    from desktop.photos.store import PhotoStore

    root = Path(__file__).resolve().parent.parent
    report = read_draft_file(root / "docs" / "example-draft.json")
    sections = [s.id for _, s in report.all_sections()]
    store = PhotoStore(data_dir)
    keys = sorted(str(p.relative_to(store.root)) for p in store.root.rglob("*-work.jpg"))
    report.photos = [Photo(file=key, caption=f"照片 {i}", placement=sections[(i * 2) // 3 % len(sections)])
                     for i, key in enumerate(keys)]
    start = time.perf_counter()
    run_export(export_docx(report, target, photos=store))
    return time.perf_counter() - start


def run(quick: bool) -> list[dict]:
    count = QUICK_COUNT if quick else FULL_COUNT
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        tmp = Path(tmp)
        paths = make_photos(tmp / "phone", count)
        mb = sum(p.stat().st_size for p in paths) / 1024 / 1024
        naive, naive_first, naive_peak, _ = timed_import(paths, tmp / "naive", workers=1, draft=False)
        # Without and with the print copies, twice each, alternating, the faster of each kept: on a
        # shared machine one run of a dozen photos can be off by half.
        bare_runs, fast_runs = [], []
        for n in range(2):
            bare_runs.append(timed_import(paths, tmp / f"bare{n}", workers=2, draft=True, print_copies=False))
            fast_runs.append(timed_import(paths, tmp / f"fast{n}", workers=2, draft=True))
        bare = min(run[0] for run in bare_runs)
        fast, first, peak, imported = min(fast_runs)
        without_ms = per_photo_ms(paths[:4], tmp / "single", print_copies=False)
        with_ms = per_photo_ms(paths[:4], tmp / "single", print_copies=True)
        cold_export = min(first_export(tmp / f"bare{n}", tmp / f"cold{n}.docx") for n in range(2))
        warm_export = min(first_export(tmp / f"fast{n}", tmp / f"warm{n}.docx") for n in range(2))
    assert imported == count
    what = f"{count} 張 12 MP JPEG（共 {mb:.0f} MB）"
    return [
        {"name": "photos: import without print copies", "value": round(bare, 2), "unit": "s", "goal": "",
         "note": "the import before it made the export's copies"},
        {"name": "photos: print copies' share", "value": round(fast / bare, 2), "unit": "×", "goal": "≤ 1.5",
         "note": f"import with / without the 1600 + 900 px copies ({fast:.2f} / {bare:.2f} s)"},
        {"name": "photos: print copies a photo", "value": round(with_ms - without_ms), "unit": "ms", "goal": "",
         "note": f"one process: {without_ms:.0f} ms a photo without them, {with_ms:.0f} ms with"},
        {"name": "photos: first export after import", "value": round(warm_export, 2), "unit": "s", "goal": "",
         "note": f"example report + {count} photos; import without copies: {cold_export:.2f} s"},
        {"name": "photos: first export speed-up", "value": round(cold_export / warm_export, 2), "unit": "×",
         "goal": "≥ 5", "note": "first export, copies made at import vs. at export"},
        {"name": "photos: import total", "value": round(fast, 2), "unit": "s", "goal": "",
         "note": f"{what}，draft + 2 processes"},
        {"name": "photos: first thumbnail", "value": round(first, 2), "unit": "s", "goal": "",
         "note": f"naive: {naive_first:.2f} s"},
        {"name": "photos: peak memory", "value": round(peak / 1024 / 1024), "unit": "MB", "goal": "< 400",
         "note": f"added by the import (workers + this process's growth); naive {naive_peak / 1024 / 1024:.0f} MB"},
        {"name": "photos: speed-up vs naive", "value": round(naive / fast, 2), "unit": "×", "goal": "≥ 3",
         "note": f"naive (full decode, 1 core) {naive:.1f} s"},
    ]


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(f"{row['name']:<30} {row['value']:>8} {row['unit']:<3} goal {row['goal'] or '-':<6} {row['note']}")
