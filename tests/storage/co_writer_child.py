"""A second writer in its own process: appends numbered lines to one chapter of a draft, saving
after each the way the window does (the version it started from; a merge when someone saved
meanwhile). Prints how many saves merged and how many met a conflict."""

import copy
import json
import random
import sys
import time


def main(data_dir: str, database: str, draft_id: int, chapter_id: str, tag: str, count: int) -> None:
    from desktop.services import open_services
    from desktop.storage.co_writing import save_or_merge

    repo = open_services(data_dir, database).repo
    report, version = repo.load_with_version(draft_id)
    base = copy.deepcopy(report)
    merged = conflicts = 0
    rng = random.Random(tag)
    for i in range(count):
        chapter = next(s for _, s in report.all_sections() if s.id == chapter_id)
        chapter.set_text(f"{chapter.text}\n{tag}{i}" if chapter.text else f"{tag}{i}")
        saved = save_or_merge(repo, base, report, version)
        merged += saved.report is not report
        conflicts += bool(saved.conflicts)
        report, version = saved.report, saved.version
        base = copy.deepcopy(report)
        time.sleep(rng.uniform(0, 0.01))
    print(json.dumps({"merged": merged, "conflicts": conflicts}))


if __name__ == "__main__":
    d, db, did, cid, tag, n = sys.argv[1:]
    main(d, db, int(did), cid, tag, int(n))
