"""Import one file in a fresh process, as an import worker does, and report the process's peak
memory: python -m tests.photos.peak_child FILE STORE_DIR → one JSON line."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM). Not ru_maxrss: Linux carries that over from
    the process that forked this one, here a test run that may have grown far bigger."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    from desktop.photos.pipeline import Refused, process_file

    source, store = sys.argv[1], Path(sys.argv[2])
    try:
        done = process_file(source, str(store / "photos"), str(store / "thumbs"))
        outcome = {"status": "imported", "size": [done.width, done.height], "notes": done.notes}
    except Refused as err:
        outcome = {"status": "refused", "message": str(err)}
    outcome["peak_mb"] = peak_mb()
    print(json.dumps(outcome, ensure_ascii=False))


if __name__ == "__main__":
    main()
