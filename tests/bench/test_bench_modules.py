"""Every benchmark area still runs end to end (on tiny inputs) and prints its figures with goals.

Figures are never asserted here: only that each row is there, has a number, and says its goal."""

import math
import sys
import tempfile
from pathlib import Path

import pytest

from bench import bench_bundle, bench_editor, bench_integrity, bench_search, bench_startup, bench_storage

pytestmark = pytest.mark.slow


def _rows_by_name(rows):
    assert not any(r["name"].endswith("FAILED") for r in rows), rows
    return {r["name"]: r for r in rows}


def test_search_area_runs_every_query_class_against_the_previous_search(monkeypatch):
    monkeypatch.setattr(bench_search, "N_DRAFTS_QUICK", 30)
    monkeypatch.setattr(bench_search, "RUNS_QUICK", 1)
    monkeypatch.setattr(bench_search, "CHANGED_QUICK", 15)
    rows = _rows_by_name(bench_search.run(quick=True))
    for length in ("1 char", "2 chars", "3 chars"):
        for kind in ("frequent", "rare", "absent"):
            r = rows[f"search: {length}, {kind} (p95)"]
            assert r["goal"] == "< 5 ms"
            assert math.isfinite(r["value"])
            assert "previous search" in r["note"]  # the same-run baseline
    assert rows["search: worst p95 of 1–3 characters"]["goal"] == "< 5 ms"
    assert "search: while re-indexing (p95)" in rows


def test_search_queries_are_real_words_and_the_rare_ones_are_rare(tmp_path):
    from bench.common import report_paragraphs
    from desktop.storage import close_database, open_repository

    paragraphs, _source = report_paragraphs()
    repo = open_repository(tmp_path)
    try:
        texts, owns = bench_search._build(repo, 30, paragraphs)
    finally:
        close_database()
    queries = bench_search._queries(paragraphs, texts, owns)
    for name, words in queries.items():
        assert words, name
        for word in words:
            holding = sum(word in text for text in texts)
            if "frequent" in name:
                assert holding > len(texts) // 2, (name, word)
            elif "rare" in name:
                assert holding == 1, (name, word)
            else:
                assert holding == 0, (name, word)


def test_storage_area_times_the_draft_list_and_the_saves(monkeypatch):
    monkeypatch.setattr(bench_storage, "LIST_SIZES_QUICK", (40,))
    monkeypatch.setattr(bench_storage, "LONG_DRAFTS_QUICK", 3)
    rows = _rows_by_name(bench_storage.run(quick=True))
    for name in ("draft list: open with 40 drafts", "draft list: return from a draft (40)",
                 "draft list: first sort by days left (40)", "draft list: filter by title (40)"):
        assert rows[name]["goal"] == "< 100 ms"
        assert math.isfinite(rows[name]["value"])
    assert "list_drafts() alone" in rows["draft list: open with 40 drafts"]["note"]
    assert "storage: save by full rewrite (skeleton baseline)" in rows


def test_startup_area_starts_every_kind_of_window(monkeypatch):
    monkeypatch.setattr(bench_startup, "RUNS_QUICK", 1)
    rows = _rows_by_name(bench_startup.run(quick=True))
    assert rows["startup: first paint, ratio to bare window"]["goal"] == "≤ 1.5×"
    assert rows["startup: first paint, CPU-time ratio to bare window"]["goal"] == "≤ 1.5×"
    assert rows["startup: usable, ratio to bare window"]["value"] > 1
    assert "heavy modules loaded at first paint: none" in rows["startup: TripReport main window, first paint"]["note"]


def test_bundle_area_says_when_there_is_no_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(bench_bundle, "BUNDLE", tmp_path / "TripReport")
    [row] = bench_bundle.run(quick=True)
    assert "build-bundle" in row["note"]
    assert math.isnan(row["value"])


def test_the_window_start_is_timed_until_the_window_answers():
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        bench_startup._fill(data_dir)
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TMPDIR": tmp, "LANG": "C.UTF-8",
               "QT_QPA_PLATFORM": "offscreen", "TRIPREPORT_DATA_DIR": str(data_dir)}
        ms = bench_bundle.window_start_ms([sys.executable, "-m", "desktop"], env, data_dir)
    assert 0 < ms < bench_bundle.ANSWER_TIMEOUT_S * 1000


def test_editor_area_runs():
    rows = _rows_by_name(bench_editor.run(quick=True))
    assert rows["editor: keystroke in 20,000-char 過程 (p95)"]["goal"] == "< 16 ms"


def test_integrity_area_times_changed_and_unchanged_files_against_no_check(monkeypatch):
    monkeypatch.setattr(bench_integrity, "DRAFTS_TYPICAL", 4)
    monkeypatch.setattr(bench_integrity, "DRAFTS_LARGE_QUICK", 6)
    monkeypatch.setattr(bench_integrity, "WINDOW_RUNS_QUICK", 1)
    rows = _rows_by_name(bench_integrity.run(quick=True))
    for what in ("`tripreport list`", "window usable", "window + its check ended"):
        for size in ("typical", "large"):
            assert rows[f"integrity: {what}, {size}, no check"]["goal"] == "baseline"
            for how in ("changed", "unchanged"):
                assert rows[f"integrity: {what}, {size}, file {how} ÷ no check"]["value"] > 0


def test_blocks_area_times_typing_paste_open_export_and_the_itinerary(monkeypatch):
    from bench import bench_blocks

    monkeypatch.setattr(bench_blocks, "ITINERARY_SIZES_QUICK", (50,))
    monkeypatch.setattr(bench_blocks, "BASELINE_SIZES", (50,))
    monkeypatch.setattr(bench_blocks, "PASTE_ROWS", 20)
    monkeypatch.setattr(bench_blocks, "TYPING_CHARS", 2000)
    rows = _rows_by_name(bench_blocks.run(quick=True))
    assert rows["blocks: keystroke, 2,000 chars + 10 tables (p95)"]["goal"] == "< 16 ms"
    assert "bare QTextEdit" in rows["blocks: keystroke, 2,000 chars + 10 tables (p95)"]["note"]
    assert "insertHtml" in rows["blocks: paste a 20-row Excel table"]["note"]
    assert rows["blocks: open draft, 50 sections, 30 tables, 500 rows (median)"]["goal"] == "< 300 ms"
    assert rows["blocks: warm .docx export of that draft (whole process)"]["goal"] == "< 2 s"
    assert math.isfinite(rows["itinerary in the .docx, 50 rows"]["value"])
    assert "python-docx cell API" in rows["itinerary in the .docx, 50 rows"]["note"]
