"""`python -m bench [--quick] [--only NAME] [--markdown FILE]`: run every bench/bench_*.py and print one
table of figures, each with its goal beside it.

Each module has `run(quick: bool) -> list[dict]`, one dict per row: name, value, unit, goal, note.
A module that fails shows its error as a row instead of stopping the run, so one broken area never
hides the others' figures. Figures are printed, never asserted: speed is judged by a person reading
ratios measured in the same run, not by a flaky test.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import time
import traceback
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import bench
from bench.common import machine_description

COLUMNS = ("figure", "value", "unit", "goal", "note")


def discover(only: list[str] | None = None) -> list[str]:
    names = sorted(info.name for info in pkgutil.iter_modules(bench.__path__) if info.name.startswith("bench_"))
    if only:
        names = [n for n in names if any(word in n for word in only)]
    return [f"bench.{n}" for n in names]


def _format_value(value: float) -> str:
    if value != value:  # NaN: the figure could not be measured
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def run_module(name: str, quick: bool) -> tuple[list[dict], float]:
    """The rows of one module, or one error row; and how long it took."""
    start = time.perf_counter()
    try:
        module = importlib.import_module(name)
        rows = list(module.run(quick))
        for r in rows:
            missing = {"name", "value", "unit"} - set(r)
            if missing:
                raise ValueError(f"row {r!r} lacks {sorted(missing)}")
    except Exception as err:  # one failing area must not hide the others
        last = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
        where = f" ({Path(last.filename).name}:{last.lineno})" if last else ""
        rows = [{"name": f"{name.split('.')[-1]}: FAILED", "value": float("nan"), "unit": "", "goal": "",
                 "note": f"{type(err).__name__}: {err}{where}"[:300]}]
    return rows, time.perf_counter() - start


def table_cells(rows: list[dict]) -> list[tuple[str, ...]]:
    return [(str(r["name"]), _format_value(float(r["value"])), str(r.get("unit", "")),
             str(r.get("goal", "")), str(r.get("note", ""))) for r in rows]


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_text_table(cells: list[tuple[str, ...]]) -> str:
    widths = [max([_width(h)] + [_width(c[i]) for c in cells]) for i, h in enumerate(COLUMNS)]
    widths[-1] = _width(COLUMNS[-1])  # the note runs free at the end

    def line(values) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = widths[i] - _width(v)
            parts.append((" " * pad + v) if i == 1 else (v + " " * max(pad, 0)))
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(COLUMNS), rule, *(line(c) for c in cells)])


def format_markdown(cells: list[tuple[str, ...]], quick: bool, seconds: float) -> str:
    machine = machine_description()
    out = [
        f"Run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `python -m bench{' --quick' if quick else ''}`, "
        f"{seconds:.0f} s in all.",
        "",
        "Machine: " + "; ".join(f"{k}: {v}" for k, v in machine.items()) + ".",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for c in cells:
        out.append("| " + " | ".join(v.replace("|", "\\|") for v in c) + " |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run the TripReport benchmarks.")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and smaller inputs (CI)")
    parser.add_argument("--only", action="append", help="run only modules whose name contains this word")
    parser.add_argument("--markdown", type=Path, help="also write the table as markdown to this file")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")

    modules = discover(args.only)
    if not modules:
        print("no bench_*.py modules found", file=sys.stderr)
        return 1
    start = time.perf_counter()
    rows: list[dict] = []
    for name in modules:
        print(f"running {name} …", file=sys.stderr, flush=True)
        module_rows, seconds = run_module(name, args.quick)
        print(f"  {name}: {seconds:.1f} s", file=sys.stderr, flush=True)
        rows.extend(module_rows)
    total = time.perf_counter() - start
    cells = table_cells(rows)
    print(format_text_table(cells))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(format_markdown(cells, args.quick, total), encoding="utf-8")
        print(f"markdown table written to {args.markdown}", file=sys.stderr)
    failed = sum(1 for r in rows if r["name"].endswith(": FAILED"))
    return 1 if failed == len(modules) else 0


if __name__ == "__main__":
    sys.exit(main())
