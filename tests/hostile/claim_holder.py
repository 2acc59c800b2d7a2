"""A command in a child process, standing in for `tripreport photos import`: claims a draft as the
command line does, says so, and on a line "write" from stdin adds five photos and ends (its claim
ends with it); on end of input it ends without writing.

Usage: python -m tests.hostile.claim_holder DATA_DIR DRAFT_ID [STORE]
(STORE: the store whose draft is claimed, storage/target.store_identity; the data folder's by default)
"""

from __future__ import annotations

import sys
from pathlib import Path

COMMAND = {"holder": "命令列（tripreport photos import）", "kind": "command"}


def main(data_dir: str, draft_id: str, store: str = "local") -> None:
    from desktop.domain.report import Photo
    from desktop.storage import close_database, open_repository
    from desktop.storage.claims import WriterClaims

    repo = open_repository(Path(data_dir))
    assert WriterClaims(Path(data_dir), store).claim_draft(int(draft_id), COMMAND)
    print("held", flush=True)
    if sys.stdin.readline().strip() == "write":
        report = repo.load(int(draft_id))
        report.photos += [Photo(file=f"cc/{i}.jpg", caption=f"命令列 {i}") for i in range(5)]
        repo.save(report)
        print("written", flush=True)
    close_database()


if __name__ == "__main__":
    main(*sys.argv[1:])
