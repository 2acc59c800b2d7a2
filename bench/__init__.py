"""Benchmarks: `python -m bench [--quick]`. Each bench_<area>.py has `run(quick) -> list[dict]`."""
