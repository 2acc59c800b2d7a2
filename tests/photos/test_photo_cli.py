"""`tripreport photos import`: one line per file, and the photos land in the draft."""

from __future__ import annotations

from desktop.cli import main
from desktop.services import open_services
from desktop.storage import close_database
from tests.photos.images import make_bad_set, oriented_jpeg


def test_import_prints_one_line_per_file_and_saves_the_photos(data_dir, tmp_path, capsys):
    assert main(["new", "東京考察"]) == 0
    draft_id = capsys.readouterr().out.strip()
    folder = tmp_path / "phone"
    folder.mkdir()
    for n in (1, 6):
        oriented_jpeg(folder / f"IMG_{n}.jpg", n)
    bad = make_bad_set(tmp_path / "bad")

    code = main(["photos", "import", draft_id, str(folder), str(bad["text"]), str(folder / "IMG_1.jpg")])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1  # one file was refused
    assert lines[0] == f"已匯入：{folder / 'IMG_1.jpg'}"
    assert lines[1] == f"已匯入：{folder / 'IMG_6.jpg'}"
    assert lines[2].startswith(f"拒絕：{bad['text']}：不是照片")
    assert lines[3].startswith("重複：")
    assert "匯入 2、重複 1、拒絕 1" in lines[4]
    close_database()

    report = open_services(data_dir).repo.load(int(draft_id))
    assert [(p.width, p.height, p.placement) for p in report.photos] == [(80, 60, "appendix")] * 2
    assert report.photos[0].taken_at == "2025-03-02T09:15:00"
    close_database()


def test_heic_from_an_iphone_imports_through_the_worker_processes_and_exports(data_dir, tmp_path, capsys):
    """HEIC decodes in the spawned workers too (each registers the decoder itself), comes out upright
    with its date, and the export uses the print copies the import made."""
    import zipfile

    from PIL import Image
    from pillow_heif import register_heif_opener

    from desktop.photos.print_size import cached_print_path
    from tests.photos.images import QUADRANTS, card, exif_bytes

    register_heif_opener()
    folder = tmp_path / "iPhone"
    folder.mkdir()
    for n in range(3):  # held upright: stored sideways with orientation 6
        card(size=(1600, 1200), seed=40 + n).transpose(Image.Transpose.ROTATE_90).save(
            folder / f"IMG_{n}.HEIC", "HEIF", quality=80, exif=exif_bytes(6))
    assert main(["new", "東京考察"]) == 0
    draft_id = capsys.readouterr().out.strip()

    assert main(["photos", "import", draft_id, str(folder)]) == 0
    assert "匯入 3、重複 0、拒絕 0" in capsys.readouterr().out
    services = open_services(data_dir)
    report = services.repo.load(int(draft_id))
    close_database()
    assert [(p.width, p.height, p.taken_at) for p in report.photos] == [(1600, 1200, "2025-03-02T09:15:00")] * 3
    with Image.open(services.photos.path_of(report.photos[2].file)) as im:
        top_left = im.convert("RGB").getpixel((400, 300))
    assert all(abs(a - b) <= 40 for a, b in zip(top_left, QUADRANTS["top_left"], strict=True))  # upright

    out = tmp_path / "r.docx"
    assert main(["export", draft_id, "-o", str(out)]) == 0
    made_at_import = {cached_print_path(services.photos, p.file, edge).read_bytes()
                      for p, edge in zip(report.photos, (900, 900, 1600), strict=True)}
    with zipfile.ZipFile(out) as z:
        assert {z.read(n) for n in z.namelist() if n.startswith("word/media/photo")} == made_at_import
    close_database()


def test_an_import_that_fails_midway_keeps_the_photos_it_already_imported(data_dir, tmp_path, capsys, monkeypatch):
    """A full disk on the fourth photo: the three before it are in the draft, each printed once,
    and the error is a Chinese line, not a traceback."""
    import desktop.photos.importer as importer
    from desktop.fileio import FileWriteError

    assert main(["new", "東京考察"]) == 0
    draft_id = capsys.readouterr().out.strip()
    folder = tmp_path / "phone"
    folder.mkdir()
    for n in range(6):
        oriented_jpeg(folder / f"IMG_{n}.jpg", 1, seed=n * 40)
    real = importer.import_files

    def failing(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            if n == 3:
                raise FileWriteError("磁碟已滿：無法寫入照片。")
            yield result

    monkeypatch.setattr(importer, "import_files", failing)
    code = main(["photos", "import", draft_id, str(folder)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip() == "錯誤：磁碟已滿：無法寫入照片。"
    assert [line.split("：")[0] for line in out.splitlines()] == ["已匯入"] * 3
    close_database()
    report = open_services(data_dir).repo.load(int(draft_id))
    assert len(report.photos) == 3
    close_database()


def test_imported_photos_go_in_date_order_among_those_already_there(data_dir, tmp_path, capsys):
    """As in the window: each photo lands before the first one taken after it; one without a date
    goes at the end."""
    from tests.photos.images import card, exif_bytes

    assert main(["new", "東京考察"]) == 0
    draft_id = capsys.readouterr().out.strip()
    later = tmp_path / "later"
    later.mkdir()
    card(seed=1).save(later / "day4.jpg", "JPEG", exif=exif_bytes(taken="2025:03:04 18:00:00"))
    assert main(["photos", "import", draft_id, str(later)]) == 0
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    card(seed=2).save(earlier / "day2.jpg", "JPEG", exif=exif_bytes(taken="2025:03:02 09:15:00"))
    card(seed=3).save(earlier / "day3.jpg", "JPEG", exif=exif_bytes(taken="2025:03:03 12:00:00"))
    card(seed=4).save(earlier / "undated.png")
    assert main(["photos", "import", draft_id, str(earlier)]) == 0
    capsys.readouterr()

    report = open_services(data_dir).repo.load(int(draft_id))
    close_database()
    assert [p.taken_at for p in report.photos] == [
        "2025-03-02T09:15:00", "2025-03-03T12:00:00", "2025-03-04T18:00:00", ""]
