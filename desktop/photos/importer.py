"""Importing a batch of photos: a generator of one result per file, with two worker processes.

The window and the command line both loop over `import_files(...)`; each yielded ImportResult says
what happened to one file (imported, duplicate, refused with the reason) and how far the batch is.
Stopping the loop early is the cancel: the pool is shut down, queued files are dropped, and a file
being written finishes or disappears (atomic writes), so nothing half-written stays in the store.

Results come back in the order the files were given, so photos land in the report in that order,
while at most a few files are in flight, so memory stays flat for a phone's worth of pictures.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from desktop.photos.pipeline import WORKING_LONG_EDGE, Processed, Refused, import_file, process_file
from desktop.photos.store import PhotoStore
from desktop.photos.workers import photo_pool

IMPORTED, DUPLICATE, REFUSED = "imported", "duplicate", "refused"
STATUS_WORDS = {IMPORTED: "已匯入", DUPLICATE: "重複", REFUSED: "拒絕"}

# What a folder contributes; files named one by one are always tried (and refused if not photos).
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif",
                            ".gif", ".bmp"})
DEFAULT_WORKERS = 2


@dataclass
class ImportResult:
    index: int  # 1-based position in the batch
    total: int
    source: Path
    status: str
    key: str = ""
    message: str = ""  # the reason, for a refused file
    notes: list[str] = field(default_factory=list)  # what was changed on an imported one
    taken_at: str = ""
    width: int = 0
    height: int = 0

    def line(self) -> str:
        """One line for the command line and the import log."""
        word = STATUS_WORDS[self.status]
        if self.status == REFUSED:
            return f"{word}：{self.source}：{self.message}"
        if self.status == DUPLICATE:
            return f"{word}：{self.source}（報告中已有這張照片）"
        extra = f"（{'；'.join(self.notes)}）" if self.notes else ""
        return f"{word}：{self.source}{extra}"


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the photos inside folders (recursively, sorted by name)."""
    found: list[Path] = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            found.extend(sorted(
                (p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES
                 and not p.name.startswith(".")),
                key=lambda p: str(p).lower(),
            ))
        else:
            found.append(path)
    return found


def _work(source: str, store_root: str, thumbs_root: str, long_edge: int, draft: bool, print_copies: bool = True):
    """Runs in a worker process. Returns Processed or the refusal text (exceptions pickle badly)."""
    try:
        return process_file(source, store_root, thumbs_root, long_edge, draft, print_copies)
    except Refused as err:
        return str(err)


def _first(source: str, store_root: str, thumbs_root: str, long_edge: int, draft: bool, print_copies: bool):
    """The first file, done in this process while the workers start: (outcome, the rest of its
    work). Its print copies are left for after its result is handed out, so its thumbnail shows
    without waiting for them."""
    try:
        return import_file(source, store_root, thumbs_root, long_edge, draft, print_copies)
    except Refused as err:
        return str(err), None


def import_files(
    paths: Iterable[str | Path],
    store: PhotoStore,
    known_keys: Iterable[str] = (),
    workers: int = DEFAULT_WORKERS,
    long_edge: int = WORKING_LONG_EDGE,
    draft: bool = True,
    print_copies: bool = True,
) -> Iterator[ImportResult]:
    """Import files and folders into the store; yield one ImportResult per file, in order.

    `known_keys` are the photos the report already has: importing one of them again is reported
    as a duplicate. `workers=1` decodes in this process (small batches, the naive benchmark).
    `print_copies` also caches the export's print-size copies (off only to measure their cost).
    """
    files = collect_files(paths)
    total = len(files)
    seen = set(known_keys)
    store.root.mkdir(parents=True, exist_ok=True)
    store.thumbs.mkdir(parents=True, exist_ok=True)
    args = (str(store.root), str(store.thumbs), long_edge, draft, print_copies)

    def result(index: int, source: Path, outcome: Processed | str) -> ImportResult:
        if isinstance(outcome, str):
            return ImportResult(index, total, source, REFUSED, message=outcome)
        status = DUPLICATE if outcome.key in seen else IMPORTED
        seen.add(outcome.key)
        return ImportResult(index, total, source, status, outcome.key, notes=outcome.notes,
                            taken_at=outcome.taken_at, width=outcome.width, height=outcome.height)

    if workers <= 1 or total <= 1:
        for index, source in enumerate(files, start=1):
            yield result(index, source, _work(str(source), *args))
        return

    pool = photo_pool(min(workers, total - 1))
    pending: deque[tuple[int, Path, Future]] = deque()
    queue = iter(enumerate(files, start=1))
    first_index, first_source = next(queue)
    try:
        for index, source in queue:  # keep a few files in flight per worker
            pending.append((index, source, pool.submit(_work, str(source), *args)))
            if len(pending) >= 2 * workers:
                break
        # Starting the worker processes takes longer than one photo: do the first one here
        # meanwhile, so the first thumbnail shows at once.
        outcome, rest = _first(str(first_source), *args)
        yield result(first_index, first_source, outcome)
        if rest is not None:
            rest()
        while pending:
            index, source, future = pending.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                # A decoder crashed its worker (a hostile file can do that). Refuse the file it was
                # on and carry on with a fresh pool; the window never runs that file itself.
                outcome = "處理這個檔案時解碼程式當掉，可能是損壞或惡意的檔案，未匯入"
                pool.shutdown(wait=False, cancel_futures=True)
                pool = photo_pool(min(workers, total))
                pending = deque((i, s, pool.submit(_work, str(s), *args)) for i, s, _f in pending)
            nxt = next(queue, None)
            if nxt is not None:
                pending.append((*nxt, pool.submit(_work, str(nxt[1]), *args)))
            yield result(index, source, outcome)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def cpu_workers() -> int:
    return max(1, min(DEFAULT_WORKERS, os.cpu_count() or 1))
