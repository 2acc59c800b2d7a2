"""Whole-process runs for the photo and export benchmarks: a fresh process per run, its wall time
to each line it prints, and the peak memory of its whole process tree (the import's worker
processes and multiprocessing's resource tracker included). Also a CPU hog, to measure "the
machine is busy", and the child entry points those runs start.

Child use (what the benchmarks start, not for people):
    python -m bench.photo_runs import STORE_DIR WORKERS DRAFT(0|1) PRINT_COPIES(0|1) FILE...
    python -m bench.photo_runs docxtpl DRAFT.json OUT.docx
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


# ---- measuring a process tree ---------------------------------------------------------------------

def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in bytes (empty when it is gone)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5]] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return out


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux: read from /proc)."""
    found, stack = [], [pid]
    while stack:
        try:
            tasks = list(Path(f"/proc/{stack.pop()}/task").iterdir())
        except OSError:  # it ended while we looked
            continue
        for task in tasks:
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            found += kids
            stack += kids
    return found


@dataclass
class TreeRun:
    """One finished run: wall seconds from start to exit, to each printed line, and memory."""

    seconds: float
    lines: list[tuple[float, str]]  # (seconds since start, line)
    tree_peak: int  # the largest sum of the tree's resident memory seen at once (sampled)
    hwm_sum: int  # the sum of every process's own peak: an upper bound of the tree's peak
    processes: int  # how many processes the tree had in all
    returncode: int
    stderr: str = ""

    def at(self, prefix: str) -> float:
        """Seconds until the first line starting with `prefix`."""
        return next(t for t, line in self.lines if line.startswith(prefix))


def run_tree(cmd: list[str], env: dict | None = None, interval: float = 0.01, timeout: float = 900) -> TreeRun:
    """Run `cmd` in a fresh process to its end, sampling its process tree every `interval` s
    (Linux; elsewhere the memory figures are 0)."""
    lines: list[tuple[float, str]] = []
    hwm: dict[int, int] = {}
    peak = 0
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stop = threading.Event()

    def read_lines() -> None:
        for raw in child.stdout:
            lines.append((time.perf_counter() - start, raw.decode("utf-8", "replace").rstrip("\n")))

    def sample() -> None:
        nonlocal peak
        linux = sys.platform.startswith("linux")
        while linux and not stop.is_set():
            total = 0
            for pid in [child.pid, *descendants(child.pid)]:
                status = _status(pid)
                total += status.get("VmRSS", 0)
                hwm[pid] = max(hwm.get(pid, 0), status.get("VmHWM", 0))
            peak = max(peak, total)
            stop.wait(interval)

    reader = threading.Thread(target=read_lines, daemon=True)
    sampler = threading.Thread(target=sample, daemon=True)
    reader.start()
    sampler.start()
    stderr = child.stderr.read()
    child.wait(timeout)
    seconds = time.perf_counter() - start
    stop.set()
    reader.join()
    sampler.join()
    return TreeRun(seconds, lines, peak, sum(hwm.values()), len(hwm), child.returncode,
                   stderr.decode("utf-8", "replace"))


@contextmanager
def busy_core(busy: bool = True):
    """While inside, one extra process spins on a core, as another program would."""
    if not busy:
        yield
        return
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)  # let it take its core
        yield
    finally:
        hog.kill()
        hog.wait()


@dataclass
class Series:
    """Repeated measurements of one figure: the median and the spread."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def spread(self, fmt: str = "{:.2f}") -> str:
        if len(self.values) < 2:
            return f"1 run: {fmt.format(self.values[0])}"
        return f"{len(self.values)} runs {fmt.format(min(self.values))}–{fmt.format(max(self.values))}"


def load_note() -> str:
    """The machine's load average, for the note of a figure measured on a shared machine."""
    try:
        one, five, _ = os.getloadavg()
    except (AttributeError, OSError):
        return "load average unknown"
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs"


def ratio_series(slow: Series, fast: Series) -> Series:
    """Run-by-run ratios of two series measured in pairs (interleaved, same conditions)."""
    return Series([s / f for s, f in zip(slow.values, fast.values, strict=True)])


# ---- child entry points -------------------------------------------------------------------------

def _child_import(store_dir: str, workers: str, draft: str, print_copies: str, *files: str) -> None:
    from desktop.photos.importer import IMPORTED, import_files
    from desktop.photos.store import PhotoStore

    store = PhotoStore(Path(store_dir))
    imported = 0
    for n, result in enumerate(import_files(files, store, workers=int(workers), draft=draft == "1",
                                            print_copies=print_copies == "1")):
        if n == 0:
            if result.status != IMPORTED or not store.thumb_path(result.key).is_file():
                raise SystemExit(f"the first photo has no thumbnail: {result.line()}")
            print("first", flush=True)
        imported += result.status == IMPORTED
    print(f"done {imported}", flush=True)


def _child_docxtpl(draft_json: str, out: str) -> None:
    from bench.bench_export import baseline_docxtpl
    from desktop.interchange.draft_json import read_draft_file

    baseline_docxtpl(read_draft_file(Path(draft_json)), Path(out).parent, Path(out).name)
    print("done", flush=True)


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    {"import": _child_import, "docxtpl": _child_docxtpl}[kind](*args)
