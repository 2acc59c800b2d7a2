"""`tripreport photos import ID PATH...`: the photo import of the window, from the command line."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from desktop.domain.report import Photo


def register(sub) -> None:
    p = sub.add_parser("photos", help="草稿的照片")
    photo_sub = p.add_subparsers(dest="photos_command", metavar="動作")
    imp = photo_sub.add_parser(
        "import", help="匯入照片或整個資料夾到草稿（轉正、縮小、移除 GPS 等個人資料）",
        description="每個檔案印出一行：已匯入、重複或拒絕（附原因）。有檔案被拒絕時結束碼為 1。",
    )
    imp.add_argument("id", type=int, help="草稿編號")
    imp.add_argument("paths", nargs="+", type=Path, help="照片檔或資料夾")
    imp.set_defaults(handler=cmd_import)
    clean = photo_sub.add_parser(
        "clean", help="刪除沒有任何草稿、版本紀錄或備份使用的照片檔（縮圖、列印用副本）",
        description="只刪除不再使用、且已超過保留天數的檔案，保留期間內仍可復原。",
    )
    clean.add_argument("--dry-run", action="store_true", help="只列出會刪除的檔案，不實際刪除")
    clean.add_argument("--days", type=float, default=None, metavar="天數",
                       help="不再使用的檔案保留多少天後才刪除（預設 7）")
    clean.set_defaults(handler=cmd_clean)
    p.set_defaults(handler=lambda args: p.print_help() or 0)


# Imported photos are saved as they arrive, a few at a time, each batch in one short transaction;
# a line says 已匯入 only once its photo is saved, so a killed import keeps every photo it named.
BATCH_PHOTOS = 8
BATCH_SECONDS = 0.3


class _Batches:
    """Results waiting to be saved into the draft and then printed."""

    def __init__(self, repo, draft_id: int):
        self.repo = repo
        self.draft_id = draft_id
        self.waiting: list = []
        self.saved_at = float("-inf")  # the first result goes out at once

    def add(self, result) -> None:
        self.waiting.append(result)
        if len(self.waiting) >= BATCH_PHOTOS or time.monotonic() - self.saved_at >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        from desktop.photos.arrange import date_position
        from desktop.photos.importer import IMPORTED

        batch, self.waiting = self.waiting, []
        imported = [r for r in batch if r.status == IMPORTED]
        if imported:
            # Read the draft afresh: only the photos are this command's to change.
            report = self.repo.load(self.draft_id)
            have = {p.file for p in report.photos}
            for r in imported:
                if r.key not in have:
                    photo = Photo(file=r.key, taken_at=r.taken_at, width=r.width, height=r.height)
                    report.photos.insert(date_position(report.photos, photo), photo)
            self.repo.save(report)
        self.saved_at = time.monotonic()
        for result in batch:
            print(result.line(), flush=True)


def cmd_import(args) -> int:
    from desktop.cli import UserError
    from desktop.photos.importer import REFUSED, import_files
    from desktop.services import open_services

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise UserError(f"找不到：{'、'.join(missing)}")
    services = open_services(args.data_dir, args.database)
    report = services.repo.load(args.id)
    counts = {"imported": 0, "duplicate": 0, "refused": 0}
    batches = _Batches(services.repo, args.id)
    steps = import_files(args.paths, services.photos, known_keys=[p.file for p in report.photos])
    try:
        for result in steps:
            counts[result.status] += 1
            batches.add(result)
    except BaseException:
        # Ctrl+C, a full disk: keep what was imported so far (a batch that failed to save is
        # not printed, so nothing is reported imported that is not in the draft).
        steps.close()
        with contextlib.suppress(Exception):
            batches.flush()
        raise
    finally:
        steps.close()  # the worker processes end here, whatever happened
    batches.flush()
    print(f"共 {sum(counts.values())} 個檔案：匯入 {counts['imported']}、重複 {counts['duplicate']}、"
          f"拒絕 {counts['refused']}。")
    return 1 if counts[REFUSED] else 0


def cmd_clean(args) -> int:
    from desktop.cli import UserError
    from desktop.photos.cleanup import GRACE_DAYS, CleanupError, clean_store
    from desktop.services import open_services

    days = GRACE_DAYS if args.days is None else args.days
    if days < 0:
        raise UserError("保留天數不能是負數。")
    services = open_services(args.data_dir, args.database)
    if services.server:
        raise UserError(f"草稿在機關資料庫（{services.server}）上，照片也存在那裡；這台電腦上的照片是它們的副本，"
                        "不在這裡清理。要清理本機資料夾的照片，請加上 --database local。")
    try:
        result = clean_store(services.photos, grace_days=days, dry_run=args.dry_run)
    except CleanupError as err:
        raise UserError(str(err)) from err
    if args.dry_run:
        for path in result.deleted:
            print(path)
    print(result.summary())
    return 0
