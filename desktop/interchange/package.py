"""The portable draft package (.tripreport): one zip holding a draft, its photos and a manifest.

    manifest.json   {"format": "tripreport-package", "version": 1, "draft_uid", "title", "created_at",
                     "files": {name: {"sha256", "size"}}}
    draft.json      the draft JSON (docs/draft-format.md), photo files as "photos/<name>"
    photos/…        the photo files, named by content hash

Reading trusts nothing: entry names that could escape a folder, symlinks, sizes past the limits,
compression ratios of a zip bomb, checksums, the format version and the draft schema are all
checked while extracting into a private temporary folder. Only a package that passed everything
is handed to the caller, who then writes to the database and the photo store.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import stat
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from desktop.domain.report import Report
from desktop.fileio import atomic_target
from desktop.interchange.draft_json import DraftFormatError, dumps, loads
from desktop.photos.store import PhotoStore
from desktop.tempfiles import work_dir

FORMAT = "tripreport-package"
VERSION = 1
SUFFIX = ".tripreport"
MANIFEST = "manifest.json"
DRAFT = "draft.json"
PHOTO_DIR = "photos"

# Limits against hostile packages. A real one: a draft of some 100 KB and up to ~200 photos.
MAX_ENTRIES = 2000
MAX_TOTAL_BYTES = 2 * 1024**3  # everything unpacked
MAX_JSON_BYTES = 50 * 1024**2
MAX_RATIO = 200  # unpacked / packed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024**2
CHUNK = 1024 * 1024


class PackageError(ValueError):
    """The package cannot be read; str(err) says why, in Chinese. Nothing has been written."""


@dataclass
class PackageContents:
    """A verified package, unpacked in `folder` (a temporary folder the caller must `cleanup`)."""

    folder: Path
    manifest: dict
    report: Report  # photo files are absolute paths inside `folder`

    @property
    def uid(self) -> str:
        return self.manifest.get("draft_uid", "")

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


# ---- writing ---------------------------------------------------------------------------------

def pack(report: Report, store: PhotoStore, target: Path, uid: str = "") -> Path:
    """Write `report` and its photos to `target` (atomically: a failure leaves no half file)."""
    target = Path(target)
    if target.suffix != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    names: dict[str, str] = {}  # store key -> name in the package
    for photo in report.photos:
        if photo.file not in names:
            source = store.path_of(photo.file)
            if not source.is_file():
                raise PackageError(f"找不到照片「{photo.caption or photo.id}」的檔案（{photo.file}），無法打包。")
            # The receiving computer would refuse it: say so here, where it can be fixed.
            problem = _photo_problem(source)
            if problem:
                raise PackageError(f"照片「{photo.caption or photo.id}」（{photo.file}）無法使用：{problem}。"
                                   "請在「照片」步驟移除這張照片，或重新加入原始照片後再打包。")
            names[photo.file] = f"{PHOTO_DIR}/{PurePosixPath(photo.file).name}"
    draft_text = dumps(report, lambda p: names[p.file]).encode("utf-8")
    files = {DRAFT: _entry(draft_text)}
    for key, name in names.items():
        files[name] = _file_entry(store.path_of(key))
    manifest = {
        "format": FORMAT, "version": VERSION, "draft_uid": uid, "title": report.title,
        "created_at": datetime.now().isoformat(timespec="seconds"), "files": files,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2), zipfile.ZIP_DEFLATED)
        zf.writestr(DRAFT, draft_text, zipfile.ZIP_DEFLATED)
        for key, name in names.items():
            zf.write(store.path_of(key), name, zipfile.ZIP_STORED)  # JPEGs do not compress
    return target


def _entry(data: bytes) -> dict:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _file_entry(path: Path) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


# ---- reading ---------------------------------------------------------------------------------

def read_package(path: Path) -> PackageContents:
    """Verify and unpack a package into a new temporary folder. Raises PackageError (nothing left
    behind) when anything is wrong."""
    path = Path(path)
    folder = work_dir("package")
    try:
        manifest, report = _read_into(path, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return PackageContents(folder, manifest, report)


def _read_into(path: Path, folder: Path) -> tuple[dict, Report]:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PackageError(f"找不到檔案「{path}」。") from None
    except (zipfile.BadZipFile, OSError) as err:
        raise PackageError(f"「{name}」檔案不完整或已損壞（可能沒有傳完），無法當作 TripReport 草稿包讀取（{err}）。") from None
    with zf:
        infos = zf.infolist()
        _check_entries(name, infos)
        manifest = _read_manifest(name, zf)
        files = manifest["files"]
        listed = {i.filename for i in infos if not i.is_dir()} - {MANIFEST}
        if set(files) != listed:
            extra = sorted(listed - set(files)) + sorted(set(files) - listed)
            raise PackageError(f"「{name}」的內容與清單不符（{extra[0]}），可能被修改過，已拒絕匯入。")
        total = 0
        for info in infos:
            if info.is_dir() or info.filename == MANIFEST:
                continue
            total += _extract_checked(name, zf, info, folder, files[info.filename], MAX_TOTAL_BYTES - total)
    draft_path = folder / DRAFT
    try:
        report = loads(draft_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise PackageError(f"「{name}」裡的草稿不是 UTF-8 文字，已拒絕匯入。") from None
    except DraftFormatError as err:
        raise PackageError(f"「{name}」裡的草稿格式不正確：{err}") from None
    checked: dict[str, str | None] = {}
    for photo in report.photos:
        local = folder / photo.file
        if (photo.file not in files or not photo.file.startswith(f"{PHOTO_DIR}/") or not _is_plain_name(photo.file)
                or not local.is_file()):
            raise PackageError(f"「{name}」缺少照片「{photo.caption or photo.id}」的檔案（{photo.file}），已拒絕匯入。")
        # Package photos are stored byte for byte: check each as the import checks a photo, or a
        # text file or a pixel bomb would sit in the store until an export failed on it.
        if photo.file not in checked:
            checked[photo.file] = _photo_problem(local)
        if checked[photo.file]:
            raise PackageError(f"「{name}」裡的照片「{photo.caption or photo.id}」（{photo.file}）無法使用："
                               f"{checked[photo.file]}，已拒絕匯入。")
        photo.file = str(local)
    return manifest, report


def _photo_problem(path: Path) -> str | None:
    """Why `path` cannot be used as a photo as it is (in Chinese), or None."""
    from desktop.photos.probe import Refused, check_photo_file

    try:
        check_photo_file(path)
    except Refused as err:
        return str(err).removesuffix("，未匯入")
    return None


def _is_plain_name(name: str) -> bool:
    """A relative path with no way out of the folder: no absolute path, drive, '..' or backslash."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def _check_entries(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise PackageError(f"「{name}」含有 {len(infos)} 個檔案，超過上限 {MAX_ENTRIES}，已拒絕匯入。")
    seen = set()
    declared = 0
    for info in infos:
        entry = info.filename
        if not _is_plain_name(entry.rstrip("/") if info.is_dir() else entry):
            raise PackageError(f"「{name}」含有不安全的路徑「{entry}」（可能寫到資料夾之外），已拒絕匯入。")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(f"「{name}」含有捷徑（符號連結）「{entry}」，已拒絕匯入。")
        if entry.casefold() in seen:  # Windows and macOS would write both to one file
            raise PackageError(f"「{name}」含有重複的檔案「{entry}」，已拒絕匯入。")
        seen.add(entry.casefold())
        if info.is_dir():
            continue
        if not (entry in (MANIFEST, DRAFT) or (entry.startswith(f"{PHOTO_DIR}/") and entry.count("/") == 1)):
            raise PackageError(f"「{name}」含有不屬於草稿包的檔案「{entry}」，已拒絕匯入。")
        declared += info.file_size
        _check_size(name, entry, info.file_size, info.compress_size, declared)


def _check_size(name: str, entry: str, size: int, packed: int, total: int) -> None:
    if total > MAX_TOTAL_BYTES:
        raise PackageError(f"「{name}」解開後超過 {MAX_TOTAL_BYTES // 1024**3} GB，疑似壓縮炸彈，已拒絕匯入。")
    if size > RATIO_FLOOR and size > MAX_RATIO * max(packed, 1):
        raise PackageError(f"「{name}」中的「{entry}」壓縮比異常（疑似壓縮炸彈），已拒絕匯入。")
    if entry.endswith(".json") and size > MAX_JSON_BYTES:
        raise PackageError(f"「{name}」中的「{entry}」過大，已拒絕匯入。")


def _read_manifest(name: str, zf: zipfile.ZipFile) -> dict:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise PackageError(f"「{name}」不是 TripReport 草稿包（缺少 {MANIFEST}）。") from None
    data = _read_limited(name, zf, info, MAX_JSON_BYTES)
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError(f"「{name}」的清單（{MANIFEST}）無法讀取，已拒絕匯入。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError(f"「{name}」不是 TripReport 草稿包。")
    version = manifest.get("version")
    if not isinstance(version, int):
        raise PackageError(f"「{name}」的清單缺少格式版本，已拒絕匯入。")
    if version > VERSION:
        raise PackageError(f"「{name}」是較新版 TripReport 製作的草稿包（格式 {version}，本版只認得 {VERSION}）。"
                           "請先更新 TripReport 再匯入。")
    files = manifest.get("files")
    if not isinstance(files, dict) or DRAFT not in files or not all(
        isinstance(v, dict) and isinstance(v.get("sha256"), str) and isinstance(v.get("size"), int)
        for v in files.values()
    ):
        raise PackageError(f"「{name}」的清單格式不正確，已拒絕匯入。")
    return manifest


def _read_limited(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                out += chunk
                if len(out) > limit or len(out) > info.file_size:
                    raise PackageError(f"「{name}」中的「{info.filename}」比宣告的大小更大，疑似壓縮炸彈，已拒絕匯入。")
    except (zipfile.BadZipFile, EOFError, OSError, zlib_error()) as err:
        raise PackageError(f"「{name}」已損壞或不完整（{info.filename}：{err}），已拒絕匯入。") from None
    return bytes(out)


def _extract_checked(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, folder: Path, expected: dict,
                     budget: int) -> int:
    """Stream one entry to `folder`, counting real bytes (declared sizes can lie) and hashing."""
    target = folder / info.filename
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    written = 0
    limit = min(info.file_size, budget, expected["size"])
    try:
        with zf.open(info) as src, open(target, "wb") as dst:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise PackageError(f"「{name}」中的「{info.filename}」解開後超出宣告或上限，疑似壓縮炸彈，已拒絕匯入。")
                if written > RATIO_FLOOR and written > MAX_RATIO * max(info.compress_size, 1):
                    raise PackageError(f"「{name}」中的「{info.filename}」壓縮比異常（疑似壓縮炸彈），已拒絕匯入。")
                digest.update(chunk)
                dst.write(chunk)
    except (zipfile.BadZipFile, EOFError, zlib_error()) as err:
        raise PackageError(f"「{name}」已損壞或不完整（{info.filename}：{err}），已拒絕匯入。") from None
    except OSError as err:
        raise PackageError(f"無法解開「{name}」（{err.strerror or err}），沒有匯入任何內容。") from None
    if written != expected["size"] or digest.hexdigest() != expected["sha256"]:
        raise PackageError(f"「{name}」中的「{info.filename}」檢查碼不符（檔案損壞或被修改過），已拒絕匯入。")
    return written


def zlib_error():
    import zlib

    return zlib.error


# ---- importing a verified package --------------------------------------------------------------
# The database and the photo store are touched only here, after read_package verified everything.

def existing_draft(contents: PackageContents, repo) -> int | None:
    """The local draft this package is a version of (same uid), if any."""
    return repo.find_by_uid(contents.uid) if contents.uid else None


def import_new(contents: PackageContents, repo, store: PhotoStore, as_copy: bool = False) -> int:
    """A new draft from the package. As a copy (or when the draft is already here) it gets a new
    identity, so later packages of the original do not merge into the copy."""
    from desktop.interchange.draft_files import store_photos

    report = copy.deepcopy(contents.report)
    store_photos(report, store, as_is=True)
    report.id = None
    if as_copy or existing_draft(contents, repo) is not None:
        report.title = f"{report.title}（副本）" if report.title else "（副本）"
        return repo.create(report)
    return repo.create(report, uid=contents.uid or None)


def import_replace(contents: PackageContents, repo, store: PhotoStore, draft_id: int) -> int:
    """Replace a local draft by the package's version, after a snapshot of the local one."""
    from desktop.interchange.draft_files import store_photos
    from desktop.storage.snapshots import Snapshots

    report = copy.deepcopy(contents.report)
    store_photos(report, store, as_is=True)
    Snapshots(repo).take(draft_id, label="匯入取代前", kind="replace", force=True)
    report.id = draft_id
    report.created_at = repo.load(draft_id).created_at
    repo.save(report)
    return draft_id


def import_merge(contents: PackageContents, repo, store: PhotoStore, draft_id: int,
                 choices: dict[str, str] | None = None) -> int:
    """Merge the package's chapters into a local draft (merge.merge), after a snapshot."""
    from desktop.interchange.draft_files import store_photos
    from desktop.interchange.merge import merge
    from desktop.storage.snapshots import Snapshots

    theirs = copy.deepcopy(contents.report)
    store_photos(theirs, store, as_is=True)
    mine = repo.load(draft_id)
    merged = merge(mine, theirs, choices)
    Snapshots(repo).take(draft_id, label="合併前", kind="merge", force=True)
    repo.save(merged)
    return draft_id
