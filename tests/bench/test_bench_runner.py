"""The bench runner: one broken area shows its error in the table and never hides the others."""

import sys
import types

from bench.__main__ import discover, format_markdown, format_text_table, run_module, table_cells
from bench.common import chinese_text, percentile


def _fake_module(monkeypatch, name, run):
    module = types.ModuleType(name)
    module.run = run
    monkeypatch.setitem(sys.modules, name, module)


def test_a_failing_module_becomes_an_error_row(monkeypatch):
    def run(quick):
        raise RuntimeError("沒有測試資料")

    _fake_module(monkeypatch, "bench.bench_fake_broken", run)
    rows, _seconds = run_module("bench.bench_fake_broken", quick=True)
    assert len(rows) == 1
    assert rows[0]["name"] == "bench_fake_broken: FAILED"
    assert "RuntimeError: 沒有測試資料" in rows[0]["note"]
    text = format_text_table(table_cells(rows))
    assert "沒有測試資料" in text


def test_rows_keep_their_order_and_goals(monkeypatch):
    _fake_module(monkeypatch, "bench.bench_fake_ok", lambda quick: [
        {"name": "a", "value": 1234.5, "unit": "ms", "goal": "≤ 2 s", "note": "quick" if quick else "full"},
        {"name": "b", "value": 1.25, "unit": "×", "goal": "≤ 1.5×", "note": ""},
    ])
    rows, _ = run_module("bench.bench_fake_ok", quick=False)
    cells = table_cells(rows)
    assert cells[0] == ("a", "1,234", "ms", "≤ 2 s", "full")
    assert cells[1][:3] == ("b", "1.25", "×")
    markdown = format_markdown(cells, quick=False, seconds=3)
    assert "| a | 1,234 | ms | ≤ 2 s | full |" in markdown
    assert "Python" in markdown


def test_every_bench_module_in_the_package_is_found():
    names = discover()
    assert "bench.bench_startup" in names
    assert all(n.startswith("bench.bench_") for n in names)
    assert discover(["startup"]) == ["bench.bench_startup"]


def test_generated_text_is_deterministic_chinese():
    text = chinese_text(2000, seed=7)
    assert len(text) == 2000
    assert text == chinese_text(2000, seed=7)
    assert text != chinese_text(2000, seed=8)
    assert sum("\u4e00" <= c <= "\u9fff" for c in text) > 1500


def test_percentile_interpolates():
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([5], 90) == 5
