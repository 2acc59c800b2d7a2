"""Importing a phone's worth of photos: upright, stripped, stored once, bad files refused."""

from __future__ import annotations

import pytest
from PIL import Image

from desktop.photos.importer import DUPLICATE, IMPORTED, REFUSED, import_files
from desktop.photos.pipeline import WORKING_LONG_EDGE
from desktop.photos.store import PhotoStore
from tests.photos.images import QUADRANTS, make_bad_set, make_formats, make_odd_set, oriented_jpeg


def close(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def assert_upright(path):
    with Image.open(path) as im:
        im = im.convert("RGB")
        w, h = im.size
        assert w > h, f"{path.name} is {w}×{h}: still sideways"
        corners = {"top_left": (w // 4, h // 4), "top_right": (3 * w // 4, h // 4),
                   "bottom_left": (w // 4, 3 * h // 4), "bottom_right": (3 * w // 4, 3 * h // 4)}
        for name, xy in corners.items():
            assert close(im.getpixel(xy), QUADRANTS[name]), f"{path.name}: {name} is {im.getpixel(xy)}"


@pytest.fixture
def store(tmp_path):
    return PhotoStore(tmp_path / "data")


def test_every_orientation_comes_out_upright_without_gps(tmp_path, store):
    sources = [oriented_jpeg(tmp_path / f"o{n}.jpg", n) for n in range(1, 9)]
    results = list(import_files(sources, store, workers=2))
    assert [r.status for r in results] == [IMPORTED] * 8
    for result in results:
        stored = store.path_of(result.key)
        assert_upright(stored)
        with Image.open(stored) as im:
            exif = im.getexif()
            assert 0x8825 not in exif, "GPS left in the stored copy"
            assert not exif.get_ifd(0x8825)
            assert 0x010F not in exif  # the phone's make, like all other metadata, is gone
        assert result.taken_at == "2025-03-02T09:15:00"
        assert (result.width, result.height) == (80, 60)
        assert store.thumb_path(result.key).is_file()


def test_other_formats_including_heic(tmp_path, store):
    files = make_formats(tmp_path / "formats")
    results = {r.source.suffix: r for r in import_files(files.values(), store, workers=1)}
    assert {r.status for r in results.values()} == {IMPORTED}
    for result in results.values():
        assert_upright(store.path_of(result.key))


def test_same_photo_twice_is_stored_once(tmp_path, store):
    first = oriented_jpeg(tmp_path / "a.jpg", 6)
    copy = tmp_path / "USB" / "a-copy.jpg"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    results = list(import_files([first, copy], store, workers=1))
    assert [r.status for r in results] == [IMPORTED, DUPLICATE]
    assert results[0].key == results[1].key
    # Importing again into a report that has it already: a duplicate, and still one file.
    again = list(import_files([first], store, known_keys=[results[0].key]))
    assert again[0].status == DUPLICATE
    assert len([p for p in store.root.rglob("*") if p.is_file()]) == 1


def test_bad_files_are_refused_by_name_while_the_rest_imports(tmp_path, store):
    bad = make_bad_set(tmp_path / "bad")
    good = [oriented_jpeg(tmp_path / f"good{n}.jpg", n) for n in (1, 6)]
    batch = [good[0], *bad.values(), good[1]]
    results = list(import_files(batch, store, workers=2))
    by_source = {r.source: r for r in results}
    assert by_source[good[0]].status == by_source[good[1]].status == IMPORTED
    for kind, path in bad.items():
        result = by_source[path]
        assert result.status == REFUSED, kind
        line = result.line()
        assert path.name in line
        assert line.startswith("拒絕")
        assert "\n" not in line
    assert "空的" in by_source[bad["empty"]].message
    assert "不是照片" in by_source[bad["text"]].message
    assert "上限" in by_source[bad["bomb"]].message
    assert "損壞" in by_source[bad["truncated"]].message
    # Only the two good photos are in the store, and nothing half-written beside them.
    stored = [p for p in store.root.rglob("*") if p.is_file()]
    assert sorted(p.name for p in stored) == sorted(store.path_of(by_source[g].key).name for g in good)


def test_odd_files_import_with_a_note(tmp_path, store):
    odd = make_odd_set(tmp_path / "odd")
    results = {r.source: r for r in import_files(odd.values(), store, workers=2)}
    assert {r.status for r in results.values()} == {IMPORTED}
    notes = {kind: "；".join(results[path].notes) for kind, path in odd.items()}
    assert "縮小" in notes["panorama"]
    assert "CMYK" in notes["cmyk"]
    assert "16 位元" in notes["png16"]
    assert "白色" in notes["alpha"]
    assert "第一格" in notes["gif"]
    assert "EXIF" in notes["broken_exif"]

    def pixel(kind, xy=(2, 2)):
        with Image.open(store.path_of(results[odd[kind]].key)) as im:
            return im.convert("RGB").getpixel(xy), im.size

    colour, size = pixel("panorama")
    assert size == (WORKING_LONG_EDGE, 600)
    assert close(colour, (150, 150, 150))
    assert close(pixel("cmyk")[0], (255, 0, 0), 50)
    assert close(pixel("png16")[0], (156, 156, 156), 3)  # 40000/65535 of white, not clipped to 255
    assert close(pixel("alpha")[0], (255, 255, 255), 5)  # transparent corner on white
    assert close(pixel("alpha", (32, 24))[0], (20, 40, 200))
    assert close(pixel("gif")[0], (200, 20, 20))  # the first frame
    assert_upright(store.path_of(results[odd["broken_exif"]].key))


def test_a_folder_brings_its_photos_and_skips_other_files(tmp_path, store):
    folder = tmp_path / "phone" / "DCIM"
    folder.mkdir(parents=True)
    for n in (1, 3, 8):
        oriented_jpeg(folder / f"IMG_{n}.JPG", n)
    (folder / "notes.txt").write_text("行程備忘", encoding="utf-8")
    results = list(import_files([tmp_path / "phone"], store))
    assert [r.source.name for r in results] == ["IMG_1.JPG", "IMG_3.JPG", "IMG_8.JPG"]
    assert all(r.status == IMPORTED for r in results)


def test_stopping_early_leaves_only_whole_files(tmp_path, store):
    sources = [oriented_jpeg(tmp_path / f"s{n}.jpg", 1, seed=n * 10) for n in range(12)]
    steps = import_files(sources, store, workers=2)
    first = next(steps)
    steps.close()  # the cancel button
    assert first.status == IMPORTED
    stored = [p for p in store.root.rglob("*") if p.is_file()]
    assert 1 <= len(stored) < 12
    for path in stored:
        assert not path.name.endswith(".tmp")
        with Image.open(path) as im:
            im.load()
