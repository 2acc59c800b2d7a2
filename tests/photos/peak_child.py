"""Import one file in a fresh process, as an import worker does, and report the process's peak
memory: python -m tests.photos.peak_child FILE STORE_DIR → one JSON line."""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def main() -> None:
    from desktop.photos.pipeline import Refused, process_file

    source, store = sys.argv[1], Path(sys.argv[2])
    try:
        done = process_file(source, str(store / "photos"), str(store / "thumbs"))
        outcome = {"status": "imported", "size": [done.width, done.height], "notes": done.notes}
    except Refused as err:
        outcome = {"status": "refused", "message": str(err)}
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(outcome, ensure_ascii=False))


if __name__ == "__main__":
    main()
