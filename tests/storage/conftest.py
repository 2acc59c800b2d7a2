"""These tests run on both engines (tests/engines.py)."""

from tests.engines import engine, services  # noqa: F401 — the fixtures, parametrized by engine
