"""Import caches the export's print-size copies, so the first export does no image work."""

from __future__ import annotations

import zipfile

import pytest
from PIL import Image

from desktop.domain.report import Photo
from desktop.export.photos_layout import PAIR, SINGLE
from desktop.export.render import export_docx, run_export
from desktop.photos.edit import turn_photo
from desktop.photos.importer import IMPORTED, import_files
from desktop.photos.print_size import PRINT_LONG_EDGES, cached_print_path, print_version
from desktop.photos.store import PhotoStore
from tests.photos.images import _UNDO, card, exif_bytes


def phone_photo(path, orientation=1, size=(2400, 1800), seed=1):
    """A photo larger than both print sizes, stored as a phone with `orientation` would."""
    raw = card(size=size, seed=seed)
    if _UNDO[orientation] is not None:
        raw = raw.transpose(_UNDO[orientation])
    raw.save(path, "JPEG", quality=90, exif=exif_bytes(orientation))
    return path


@pytest.fixture
def store(tmp_path):
    return PhotoStore(tmp_path / "data")


def imported(tmp_path, store, count=3):
    sources = [phone_photo(tmp_path / f"p{i}.jpg", orientation=6 if i % 2 else 1, seed=i + 1) for i in range(count)]
    results = list(import_files(sources, store, workers=1))
    assert [r.status for r in results] == [IMPORTED] * count
    return results


def test_the_export_asks_for_the_sizes_import_makes():
    assert {SINGLE.long_edge_px, PAIR.long_edge_px} <= set(PRINT_LONG_EDGES)


def test_import_caches_upright_print_copies_at_both_sizes(tmp_path, store):
    for result in imported(tmp_path, store):
        for long_edge in PRINT_LONG_EDGES:
            cached = cached_print_path(store, result.key, long_edge)
            assert cached.is_file(), f"no {long_edge} px copy of {result.key}"
            with Image.open(cached) as im:
                assert max(im.size) == long_edge
                assert im.width > im.height  # upright, like the working copy
                assert not im.getexif()  # no metadata from the phone (GPS, make) in the print copy


def test_print_copy_from_import_matches_what_export_would_make(tmp_path, store):
    key = imported(tmp_path, store, count=1)[0].key
    made_at_import = {}
    for long_edge in PRINT_LONG_EDGES:
        path = cached_print_path(store, key, long_edge)
        with Image.open(path) as im:
            made_at_import[long_edge] = (im.size, im.convert("RGB").resize((8, 6)).tobytes())
        path.unlink()
        with Image.open(print_version(store, key, long_edge)) as im:
            size, small = im.size, im.convert("RGB").resize((8, 6)).tobytes()
        assert size == made_at_import[long_edge][0]
        # the same picture (the export one is decoded from the working copy, so a few levels apart)
        assert max(abs(a - b) for a, b in zip(small, made_at_import[long_edge][1], strict=True)) < 12


def test_export_after_import_opens_no_image(tmp_path, store, example_report, monkeypatch):
    results = imported(tmp_path, store, count=3)
    # three photos in one section: a pair (900 px) and one alone on its row (1600 px)
    section = next(example_report.all_sections())[1].id
    example_report.photos = [Photo(file=r.key, caption=f"照片{i}", placement=section, width=r.width,
                                   height=r.height) for i, r in enumerate(results)]
    opened = []
    real_open = Image.open

    def counting_open(*args, **kwargs):
        opened.append(args[0] if args else kwargs)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Image, "open", counting_open)
    out = tmp_path / "r.docx"
    run_export(export_docx(example_report, out, photos=store))
    monkeypatch.setattr(Image, "open", real_open)
    assert opened == [], "the export decoded photos the import should have prepared"
    expected = {cached_print_path(store, r.key, edge).read_bytes() for r, edge in
                zip(results, (PAIR.long_edge_px, PAIR.long_edge_px, SINGLE.long_edge_px), strict=True)}
    with zipfile.ZipFile(out) as z:
        media = {z.read(n) for n in z.namelist() if n.startswith("word/media/photo")}
    assert media == expected


def test_turning_a_photo_caches_its_print_copies(tmp_path, store):
    key = imported(tmp_path, store, count=1)[0].key
    new_key, width, height = turn_photo(store, key, 90)
    assert (width, height) == (1800, 2400)
    for long_edge in PRINT_LONG_EDGES:
        with Image.open(cached_print_path(store, new_key, long_edge)) as im:
            assert im.height == long_edge
            assert im.width < im.height


def test_size_estimate_prints_paired_photos_at_their_size(tmp_path, store, example_report):
    """Two photos on a row print at 900 px: the page's estimate follows the layout, so a report
    of paired photos is not told it is too big for a size it will never reach."""
    from bench.bench_photos import scene
    from desktop.export.photos_layout import plan_photos
    from desktop.photos.print_size import estimate_docx_bytes

    sources = []
    for i in range(4):  # detailed pictures, so the photos (not the template) make the file's size
        sources.append(tmp_path / f"s{i}.jpg")
        scene((1600, 1200), seed=i).save(sources[-1], "JPEG", quality=90)
    results = list(import_files(sources, store, workers=1))
    section = next(example_report.all_sections())[1].id
    example_report.photos = [Photo(file=r.key, placement=section, width=r.width, height=r.height) for r in results]
    edges = {placed.photo.id: placed.slot.long_edge_px for placed in plan_photos(example_report).all()}
    assert sorted(edges.values()) == [PAIR.long_edge_px] * 4
    out = tmp_path / "r.docx"
    run_export(export_docx(example_report, out, photos=store))
    actual = out.stat().st_size
    assert abs(estimate_docx_bytes(store, example_report.photos, long_edges=edges) - actual) < 0.15 * actual
