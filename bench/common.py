"""Helpers shared by the bench modules: timing, percentiles, child-process peak memory, and
deterministic inputs (Chinese text, phone-sized JPEGs) so every run measures the same work.

Figures are only meaningful as ratios against a baseline measured in the same run on the same
machine; absolute milliseconds move with the machine and its load.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def row(name: str, value: float, unit: str, goal: str = "", note: str = "") -> dict:
    """One line of the results table (the contract every bench module returns a list of)."""
    return {"name": name, "value": float(value), "unit": unit, "goal": goal, "note": note}


@dataclass
class Elapsed:
    seconds: float = 0.0

    @property
    def ms(self) -> float:
        return self.seconds * 1000


@contextmanager
def timer() -> Iterator[Elapsed]:
    """`with timer() as t: ...` then `t.seconds` / `t.ms`."""
    result = Elapsed()
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100), linear between the closest ranks; p=50 is the median."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class ChildRun:
    seconds: float
    peak_rss_mb: float | None
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float | None = None  # user + system time: steadier than wall time on a busy machine


# Started with `python -S -c`: forks and execs the command, then reports wall time and ru_maxrss.
# The indirection matters on Linux: a child's ru_maxrss keeps the high-water mark of the process it
# was forked from, so forking straight from a bench that holds 500 MB of photos would report 500 MB.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
sys.stderr.write("\\n@@bench %r %d %r\\n" % (seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_child(cmd: list[str], env: dict | None = None, cwd: Path | None = None, timeout: float = 300) -> ChildRun:
    """Run a process to its end: wall time from start to exit, its CPU time and its peak resident
    memory (the last two on Linux and macOS; None elsewhere)."""
    if not hasattr(os, "wait4") or not hasattr(os, "fork"):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=timeout)
        return ChildRun(time.perf_counter() - start, None, done.returncode,
                        done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
    done = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *cmd], env=env, cwd=cwd,
                          capture_output=True, timeout=timeout)
    stderr = done.stderr.decode("utf-8", "replace")
    head, _, tail = stderr.rpartition("\n@@bench ")
    seconds_text, maxrss_text, cpu_text = tail.split()
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = int(maxrss_text) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return ChildRun(float(seconds_text), peak, done.returncode, done.stdout.decode("utf-8", "replace"), head,
                    float(cpu_text))


# ---- deterministic inputs -----------------------------------------------------------------------

# Common characters of official prose; a fixed pool so the text has realistic glyph variety.
_HANZI = (
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後"
    "多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還"
    "因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結"
    "解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級"
    "少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處府研質際防災市局科韌城訪參議會"
)
_PUNCT = "，，，、。；：「」（）"


def time_opens(window, repo, draft_id: int, opens: int, app) -> tuple[float, float]:
    """Median ms of opening a stored draft in the window until painted, and of the repository's
    load of it alone (the same-run baseline), over `opens` opens from the draft list."""
    window.show_list()
    opened, loaded = [], []
    for _ in range(opens):
        start = time.perf_counter()
        repo.load(draft_id)
        loaded.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        window.open_draft(draft_id)
        app.processEvents()
        opened.append((time.perf_counter() - start) * 1000)
        window.show_list()
    return statistics.median(opened), statistics.median(loaded)


def chinese_text(n_chars: int, seed: int = 0, paragraph_every: int = 300) -> str:
    """About `n_chars` characters of Chinese-looking prose (sentences, paragraphs), the same for a seed."""
    rng = random.Random(seed)
    out: list[str] = []
    last_break = 0
    while len(out) < n_chars:
        out.extend(rng.choice(_HANZI) for _ in range(rng.randint(8, 30)))
        if rng.random() < 0.7:
            out.append(rng.choice(_PUNCT))
            continue
        out.append("。")
        if len(out) - last_break >= paragraph_every:
            out.append("\n")
            last_break = len(out)
    return "".join(out[:n_chars])


def make_photo(path: Path, size: tuple[int, int] = (4000, 3000), seed: int = 0, orientation: int | None = None,
               quality: int = 90) -> Path:
    """A JPEG like a phone photo (smooth areas plus fine detail, so it compresses to a realistic
    few MB), identical for a given seed; `orientation` writes an EXIF Orientation tag (6 = rotate)."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    w, h = size
    small = (max(1, w // 8), max(1, h // 8))
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).filter(ImageFilter.GaussianBlur(1))
    channels = []
    for shift in (0, 85, 170):
        grad = Image.linear_gradient("L").rotate(rng.randint(0, 359)).resize(small)
        channels.append(Image.blend(grad, noise.point(lambda v, s=shift: (v + s) % 256), 0.35))
    image = Image.merge("RGB", channels).resize(size, Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randint(w // 80, w // 10)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    # Fine grain, like sensor noise, at full resolution.
    grain = Image.frombytes("L", size, rng.randbytes(w * h)).point(lambda v: 118 + v // 12)
    image = Image.composite(image, Image.merge("RGB", (grain, grain, grain)), Image.new("L", size, 225))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = {}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        extra["exif"] = exif
    image.save(path, "JPEG", quality=quality, **extra)
    return path


def make_photos(folder: Path, count: int, size: tuple[int, int] = (4000, 3000), rotate_every: int = 3) -> list[Path]:
    """`count` photos; every `rotate_every`-th carries EXIF orientation 6 (a third, by default)."""
    return [
        make_photo(Path(folder) / f"photo-{i:03d}.jpg", size, seed=i,
                   orientation=6 if rotate_every and i % rotate_every == rotate_every - 1 else None)
        for i in range(count)
    ]


# Published reports to take realistic text from, read at bench time only (never part of the product).
EXAMPLES_ENV = "TRIPREPORT_BENCH_EXAMPLES"
EXAMPLE_FOLDERS = (Path("/work/shared/examples"),)


def report_paragraphs(min_chars: int = 20) -> tuple[list[str], str]:
    """Paragraphs of real report text and where they came from; generated prose (and a note saying
    so) when no examples folder is found. Markup left in the examples is removed."""
    import re

    folders = [Path(os.environ[EXAMPLES_ENV])] if os.environ.get(EXAMPLES_ENV) else list(EXAMPLE_FOLDERS)
    for folder in folders:
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        paragraphs = []
        for path in files:
            text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8", errors="replace"))
            paragraphs += [line.strip() for line in text.splitlines() if len(line.strip()) >= min_chars]
        if paragraphs:
            return paragraphs, f"{len(files)} published reports in {folder}"
    generated = chinese_text(60_000, seed=99).split("\n")
    return [p for p in generated if len(p) >= min_chars], "generated prose (no examples folder found)"


# ---- the machine ----------------------------------------------------------------------------------

def machine_description() -> dict[str, str]:
    """What docs/benchmarks.md records beside a run: CPUs, memory, CPU model, OS, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "CPUs (nproc)": str(os.cpu_count()),
        "RAM": ram,
        "CPU": cpu,
        "OS": platform.platform(),
        "Python": platform.python_version(),
    }
