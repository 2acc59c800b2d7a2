"""Hostile or broken packages are refused with a Chinese message, and nothing is written: not in
the database, not in the photo store, not beside the package, not left in the temp folder."""

import hashlib
import json
import os
import stat
import tempfile
import zipfile

import pytest

from desktop.domain.report import Photo, Report
from desktop.interchange import package as pkg
from desktop.interchange.package import PackageError, pack, read_package
from desktop.storage.database import DB_FILENAME
from tests.photos.hostile_files import blank_png
from tests.photos.images import bomb_png, card, jpeg_bytes


@pytest.fixture
def good(services, tmp_path):
    """A valid package of a draft with one photo (the store is then emptied: a fresh computer)."""
    key = services.photos.add_bytes(jpeg_bytes(card((120, 90), seed=5)), ".jpg")
    report = Report.new("正常的報告")
    report.photos = [Photo(file=key, caption="合影")]
    return pack(report, services.photos, tmp_path / "good.tripreport", uid="u1")


@pytest.fixture
def sandbox(tmp_path, monkeypatch, services):
    """Point the temp folder at a watched place and remember every byte of the data folder."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    def snapshot():
        files = {}
        for root in (services.data_dir, tmp_path):
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix not in (".db-wal", ".db-shm") and path.name != DB_FILENAME:
                    files[path] = path.read_bytes()
        drafts = services.repo.db.execute_sql("SELECT count(*) FROM draft").fetchone()[0]
        return files, drafts

    return temp, snapshot


def rezip(src, dst, change=None, extra=()):
    """Copy a package entry by entry, letting `change(name, data)` alter or drop entries."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            out = change(info.filename, data) if change else data
            if out is not None:
                zout.writestr(info.filename, out)
        for item in extra:
            if isinstance(item, zipfile.ZipInfo):
                zout.writestr(item, b"x")
            else:
                zout.writestr(*item)
    return dst


def with_manifest(src, dst, edit, change=None, extra=()):
    def alter(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            edit(manifest)
            return json.dumps(manifest)
        return change(name, data) if change else data

    return rezip(src, dst, alter, extra)


def listed(name, data):
    return {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}


def bad_packages(good, tmp_path):
    t = tmp_path
    yield "dotdot", with_manifest(good, t / "a.tripreport", lambda m: m["files"].update(listed("../evil.txt", b"x")),
                                  extra=[("../evil.txt", b"x")]), "不安全的路徑"
    yield "absolute", with_manifest(good, t / "b.tripreport",
                                    lambda m: m["files"].update(listed("/tmp/evil.txt", b"x")),
                                    extra=[("/tmp/evil.txt", b"x")]), "不安全的路徑"
    yield "backslash", rezip(good, t / "c.tripreport", extra=[("photos\\..\\..\\evil.txt", b"x")]), "不安全的路徑"
    link = zipfile.ZipInfo("photos/link.jpg")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    yield "symlink", rezip(good, t / "d.tripreport", extra=[link]), "符號連結"
    bomb = b"\0" * (8 * 1024 * 1024)
    yield "bomb-ratio", with_manifest(good, t / "e.tripreport", lambda m: m["files"].update(listed("photos/big.jpg", bomb)),
                                      extra=[("photos/big.jpg", bomb)]), "壓縮炸彈"
    yield "truncated", _truncate(good, t / "f.tripreport"), "不完整"
    yield ("checksum", rezip(good, t / "g.tripreport",
                            lambda n, d: d[:-40] + bytes([d[-40] ^ 1]) + d[-39:] if n.startswith("photos/") else d),
                   "檢查碼不符")
    yield "newer", with_manifest(good, t / "h.tripreport", lambda m: m.update(version=99)), "較新版"

    def bad_json(name, data):
        if name == "draft.json":
            doc = json.loads(data)
            doc["chapters"] = "不是陣列"
            return json.dumps(doc, ensure_ascii=False).encode()
        return data

    def fix_sum(m):
        with zipfile.ZipFile(t / "i0.tripreport") as zf:
            m["files"].update(listed("draft.json", zf.read("draft.json")))

    rezip(good, t / "i0.tripreport", bad_json)
    yield "schema", with_manifest(t / "i0.tripreport", t / "i.tripreport", fix_sum), "草稿格式不正確"
    yield "unlisted", rezip(good, t / "j.tripreport", extra=[("photos/extra.jpg", b"x")]), "與清單不符"
    yield "not-zip", _write(t / "k.tripreport", b"PK\x03\x04 not really a zip" * 10), "不完整"
    yield "no-manifest", rezip(good, t / "l.tripreport", lambda n, d: None if n == "manifest.json" else d), "缺少"
    with zipfile.ZipFile(good) as zf:
        photo = next(n for n in zf.namelist() if n.startswith("photos/"))
    yield "case-twin", rezip(good, t / "m.tripreport", extra=[(photo.upper().replace("PHOTOS/", "photos/"), b"x")]), "重複"


def with_photo(good, dst, data):
    """The good package with its photo's bytes replaced, manifest and checksums made to match: only
    a look at the photo itself can tell."""
    with zipfile.ZipFile(good) as zf:
        photo = next(n for n in zf.namelist() if n.startswith("photos/"))
    return with_manifest(good, dst, lambda m: m["files"].update(listed(photo, data)),
                         lambda n, d: data if n == photo else d)


def bad_photos(good, tmp_path):
    t = tmp_path
    yield "text", with_photo(good, t / "p1.tripreport", "會議紀錄，不是照片。".encode() * 50), "不是照片"
    half = jpeg_bytes(card((400, 300), seed=9))
    yield "truncated", with_photo(good, t / "p2.tripreport", half[: len(half) // 2]), "不完整或已損壞"
    yield "over-limit", with_photo(good, t / "p3.tripreport", bomb_png(t / "bomb.png").read_bytes()), "上限"
    pixels = blank_png(t / "pixels.png", 12000, 9000, colour_type=0).read_bytes()  # 108 MP, under Pillow's limit
    yield "pixel-bomb", with_photo(good, t / "p4.tripreport", pixels), "12000×9000"


def test_package_photos_are_checked_as_the_import_checks_them(good, tmp_path, sandbox):
    temp, snapshot = sandbox
    before = snapshot()
    for name, path, message in bad_photos(good, tmp_path):
        with pytest.raises(PackageError, match=message) as caught:
            read_package(path)
        assert "照片「合影」" in str(caught.value), name
        assert os.listdir(temp) == [], name
        assert snapshot()[1] == before[1], name


def test_pack_refuses_a_photo_the_other_computer_would_refuse(services, tmp_path):
    key = services.photos.add_bytes(b"\xff\xd8 only the first bytes of a JPEG", ".jpg")
    report = Report.new("報告")
    report.photos = [Photo(file=key, caption="合影")]
    with pytest.raises(PackageError, match="照片「合影」.*無法使用.*請在「照片」步驟移除"):
        pack(report, services.photos, tmp_path / "out.tripreport")
    assert not (tmp_path / "out.tripreport").exists()


def _truncate(src, dst):
    data = src.read_bytes()
    return _write(dst, data[: len(data) * 2 // 3])


def _write(path, data):
    path.write_bytes(data)
    return path


def test_every_bad_package_is_refused_and_nothing_is_written(good, tmp_path, sandbox):
    temp, snapshot = sandbox
    cases = list(bad_packages(good, tmp_path))
    assert len(cases) == 13
    before = snapshot()
    for name, path, message in cases:
        with pytest.raises(PackageError, match=message):
            read_package(path)
        assert os.listdir(temp) == [], name
        assert snapshot() == before, name
    assert not (tmp_path.parent / "evil.txt").exists()
    assert not os.path.exists("/tmp/evil.txt")


def test_declared_size_lies_are_caught_while_reading(good, tmp_path, sandbox, monkeypatch):
    """A bomb whose header claims a small size: the real bytes are counted while extracting."""
    temp, _ = sandbox
    monkeypatch.setattr(pkg, "MAX_TOTAL_BYTES", 4 * 1024 * 1024)
    data = os.urandom(6 * 1024 * 1024)
    path = with_manifest(good, tmp_path / "big.tripreport",
                         lambda m: m["files"].update(listed("photos/big.jpg", data)), extra=[("photos/big.jpg", data)])
    with pytest.raises(PackageError, match="壓縮炸彈"):
        read_package(path)
    assert os.listdir(temp) == []


def test_the_good_package_itself_is_accepted(good, sandbox):
    contents = read_package(good)
    assert contents.report.title == "正常的報告"
    contents.cleanup()
