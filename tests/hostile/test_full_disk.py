"""A full disk under the data folder (a real one: a small tmpfs in a private mount namespace).

Reading keeps working — `list`, `show`, export to another disk — and every write says the disk is
full, where, and that nothing was lost; the database stays sound with nothing half-written.
"""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE_DRAFT
from tests.hostile.conditions import cli, in_namespace, unshare_prefix
from tests.photos.images import oriented_jpeg

pytestmark = pytest.mark.skipif(unshare_prefix() is None, reason="cannot make a mount namespace here (unshare)")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """One draft, exported once (its print copies made), and new photos to import."""
    root = tmp_path_factory.mktemp("full")
    data = root / "data"
    assert cli(data, "import", str(EXAMPLE_DRAFT)).code == 0
    assert cli(data, "export", "1", "-o", str(root / "warm.docx")).code == 0
    photos = root / "new-photos"
    photos.mkdir()
    for i in (1, 3, 6):
        oriented_jpeg(photos / f"p{i}.jpg", i, seed=40)
    return root


@pytest.mark.parametrize("free_kb", [0, 64], ids=["nothing-free", "64KB-free"])
def test_reading_works_and_writes_say_the_disk_is_full(prepared, free_kb):
    out = prepared / f"exported-{free_kb}.docx"
    runs = in_namespace("full", prepared / "data", [
        ["list"], ["show", "1"], ["export", "1", "-o", str(out)],
        ["new", "不會存進去"], ["snapshot", "1", "-m", "送審版"], ["photos", "import", "1", str(prepared / "new-photos")],
    ], free_kb=free_kb)
    listing, show, export, new, snapshot, photos, after = runs
    for run in runs[:-1]:
        run.assert_no_traceback()
        assert "損壞" not in run.text, run.text
    assert listing.code == 0
    assert "出席" in listing.out
    assert show.code == 0
    assert "目的" in show.out
    assert export.code == 0, export.text
    assert out.stat().st_size > 0, export.text
    # With a few KB left a small write may still fit; one that does not says so and loses nothing.
    for write in (new, snapshot):
        assert write.code in (0, 1)
        if write.code == 1:
            assert "磁碟已滿" in write.err, write.err
            assert "沒有遺失" in write.err, write.err
            assert "/data" in write.err, write.err
    if free_kb == 0:
        assert new.code == snapshot.code == 1
    assert photos.code == 1, photos.text
    assert "磁碟" in photos.err, photos.text
    drafts = 1 + (new.code == 0)
    assert after.out.split() == ["ok", str(drafts)], after.text  # sound, and no half-made draft


def test_export_makes_missing_print_copies_although_the_disk_is_full(tmp_path):
    """Print-size copies that were never made (see test_read_only.cold) go to a temporary folder
    on another disk, and the export succeeds."""
    import shutil
    import zipfile

    data = tmp_path / "data"
    assert cli(data, "import", str(EXAMPLE_DRAFT)).code == 0
    shutil.rmtree(data / "print-cache")
    out = tmp_path / "out.docx"
    export, _after = in_namespace("full", data, [["export", "1", "-o", str(out)]])
    export.assert_no_traceback()
    assert export.code == 0, export.text
    with zipfile.ZipFile(out) as z:
        assert sum(1 for n in z.namelist() if n.startswith("word/media/photo")) == 3  # the example's three
