"""The photo and export benchmarks stay runnable: their whole-process runs measure what they say
(python -m bench prints the figures; these tests only check the machinery on a few small files)."""

from __future__ import annotations

import sys

import pytest

from bench.bench_photos import import_run
from bench.photo_runs import Series, busy_core, ratio_series, run_tree
from tests.photos.images import oriented_jpeg

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="samples the tree from /proc")


@linux_only
def test_an_import_run_counts_its_whole_process_tree(tmp_path):
    photos = [oriented_jpeg(tmp_path / f"p{n}.jpg", 1 + n % 8, seed=n * 40) for n in range(5)]
    done = import_run(photos, tmp_path / "store", workers=2, draft=True)
    assert done.returncode == 0
    assert [line for _t, line in done.lines] == ["first", "done 5"]
    assert 0 < done.at("first") <= done.seconds
    assert done.processes >= 4  # the import, two workers, the resource tracker
    assert done.hwm_sum >= done.tree_peak > 30 * 1024 * 1024  # more than one bare interpreter


@linux_only
def test_a_naive_run_makes_the_same_files_as_ours(tmp_path):
    photos = [oriented_jpeg(tmp_path / f"p{n}.jpg", 6, seed=n * 40) for n in range(3)]
    made = {}
    for side, workers, draft in (("naive", 1, False), ("ours", 2, True)):
        import_run(photos, tmp_path / side, workers=workers, draft=draft)
        made[side] = sorted(p.relative_to(tmp_path / side).parent.name for p in (tmp_path / side).rglob("*.jpg"))
    assert made["naive"] == made["ours"]
    assert made["ours"].count("print-cache") == 6  # both print copies of each photo


def test_a_process_that_ends_while_its_tree_is_read_is_skipped():
    from bench.photo_runs import descendants

    assert descendants(2**22 + 12345) == []  # above the kernel's pid limit: never a process


def test_a_failing_child_is_reported_not_hidden(tmp_path):
    done = run_tree([sys.executable, "-c", "import sys; print('half', flush=True); sys.exit(3)"])
    assert done.returncode == 3
    assert done.lines[0][1] == "half"


def test_series_give_medians_spreads_and_paired_ratios():
    slow, fast = Series([10.0, 12.0, 30.0]), Series([2.0, 3.0, 5.0])
    assert slow.median == 12.0
    assert slow.spread() == "3 runs 10.00–30.00"
    assert ratio_series(slow, fast).values == [5.0, 4.0, 6.0]
    with busy_core(False):
        pass
