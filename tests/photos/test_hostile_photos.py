"""Photo files built to hurt: a FIFO, a huge file that is not an image, pixel bombs just below
Pillow's limit, a damaged EXIF block. Each is handled in a bounded time and memory, with a
Chinese reason or note, and nothing raw from Pillow reaches the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from desktop.domain.report import Report
from desktop.storage import close_database, open_repository
from tests.conftest import REPO_ROOT
from tests.photos.hostile_files import blank_png, sparse_file
from tests.photos.images import make_odd_set, oriented_jpeg

WORKER_LIMIT_MB = 500  # what one import worker may take, whatever the file
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs, /proc/self/status")


def import_in_child(path, tmp_path) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.photos.peak_child", str(path), str(tmp_path / "store")],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def cli(tmp_path, *args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data"), *map(str, args)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, PYTHONWARNINGS="default"))


def new_draft(tmp_path) -> int:
    repo = open_repository(tmp_path / "data")
    draft_id = repo.create(Report.new("東京考察"))
    close_database()
    return draft_id


@linux_only
def test_a_fifo_named_as_a_photo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "管線.jpg"
    os.mkfifo(fifo)  # nobody ever writes to it: reading it would wait forever
    good = oriented_jpeg(tmp_path / "good.jpg", 1)
    draft_id = new_draft(tmp_path)
    try:
        done = cli(tmp_path, "photos", "import", draft_id, fifo, good, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the import waited on the FIFO")
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert lines[0].startswith(f"拒絕：{fifo}：不是一般檔案")
    assert lines[1] == f"已匯入：{good}"
    assert "Traceback" not in done.stderr


@linux_only
def test_a_huge_file_that_is_not_an_image_is_refused_from_its_first_bytes(tmp_path):
    fake = sparse_file(tmp_path / "影片.jpg", 1536 * 1024 * 1024, b"RIFF\x00\x00\x00\x00AVI LIST")
    outcome = import_in_child(fake, tmp_path)
    assert outcome["status"] == "refused"
    assert outcome["message"].startswith("不是照片檔：副檔名是 .jpg")
    assert outcome["peak_mb"] < 150, f"read {outcome['peak_mb']:.0f} MB of a file that is not an image"


@linux_only
def test_a_16_bit_169_mp_png_imports_in_bounded_memory(tmp_path):
    """The issue's file: 330 KB on disk, 13000×13000 16-bit grey (1.65 GB in a worker before)."""
    bomb = blank_png(tmp_path / "掃描.png", 13000, 13000, bit_depth=16, colour_type=0)
    outcome = import_in_child(bomb, tmp_path)
    assert outcome["status"] == "imported"
    assert outcome["size"] == [2400, 2400]
    assert any("16 位元" in n for n in outcome["notes"])
    assert outcome["peak_mb"] < WORKER_LIMIT_MB


@linux_only
def test_a_pixel_bomb_too_big_to_decode_is_refused_from_its_header(tmp_path):
    bomb = blank_png(tmp_path / "炸彈.png", 13000, 13000, bit_depth=16, colour_type=2)  # 169 MP RGB
    outcome = import_in_child(bomb, tmp_path)
    assert outcome["status"] == "refused"
    assert outcome["message"].startswith("圖片太大：13000×13000 像素")
    assert "像素以下" in outcome["message"]  # and says how small it must be
    assert outcome["peak_mb"] < 150, "decoded before deciding"


@linux_only
@pytest.mark.parametrize(("name", "make"), [
    ("RGBA PNG", lambda path: blank_png(path.with_suffix(".png"), 7200, 5400, colour_type=6)),
    ("WebP", lambda path: Image.new("RGB", (4600, 4000), (90, 140, 200)).save(path.with_suffix(".webp")) or
     path.with_suffix(".webp")),
])
def test_the_largest_photos_the_budget_allows_stay_under_the_worker_limit(tmp_path, name, make):
    """Just under the decode budget, for the formats whose decoders take the most beside Pillow's
    image (a premultiplied RGBA copy; libwebp's canvas and copies)."""
    outcome = import_in_child(make(tmp_path / "大"), tmp_path)
    assert outcome["status"] == "imported", outcome
    assert outcome["peak_mb"] < WORKER_LIMIT_MB, f"{name}: {outcome['peak_mb']:.0f} MB"


def test_a_damaged_exif_block_is_a_note_and_pillows_warning_stays_quiet(tmp_path):
    broken = make_odd_set(tmp_path / "odd")["broken_exif"]
    draft_id = new_draft(tmp_path)
    done = cli(tmp_path, "photos", "import", draft_id, broken)
    assert done.returncode == 0
    assert "EXIF 資料損壞" in done.stdout
    assert done.stderr == ""  # Pillow's "Corrupt EXIF data" UserWarning used to follow the note

    draft = tmp_path / "draft.json"  # a draft JSON pointing at the original: export decodes it
    report = Report.new("東京考察")
    from desktop.domain.report import Photo
    from desktop.interchange.draft_json import dumps

    report.photos = [Photo(file=str(broken), caption="會場")]
    draft.write_text(dumps(report, lambda p: p.file), encoding="utf-8")
    done = cli(tmp_path, "export", draft, "-o", tmp_path / "r.docx")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_file_that_cannot_be_read_is_refused_in_chinese(tmp_path, monkeypatch):
    """No permission (the tests run as root, who may read anything, so the refusal is simulated)
    and a card pulled out mid-import: the reason in Chinese, not the system's English."""
    import errno

    import desktop.photos.probe as probe
    from desktop.photos.importer import REFUSED, import_files
    from desktop.photos.store import PhotoStore

    locked, pulled = oriented_jpeg(tmp_path / "locked.jpg", 1), oriented_jpeg(tmp_path / "pulled.jpg", 1, seed=40)
    real_open = os.open

    def open_as_a_stranger(path, flags, *args):
        if str(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        if str(path) == str(pulled):
            raise OSError(errno.EIO, "Input/output error", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(probe.os, "open", open_as_a_stranger)
    results = list(import_files([locked, pulled], PhotoStore(tmp_path / "data"), workers=1))
    assert [r.status for r in results] == [REFUSED, REFUSED]
    assert results[0].message == "沒有讀取這個檔案的權限"
    assert results[1].message.startswith("讀取時發生磁碟錯誤")
