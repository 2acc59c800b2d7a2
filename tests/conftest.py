"""Shared fixtures: every test gets its own data folder, and Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DRAFT = REPO_ROOT / "docs" / "example-draft.json"


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TRIPREPORT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def services(data_dir):
    from desktop.services import open_services
    from desktop.storage import close_database

    svc = open_services(data_dir)
    yield svc
    close_database()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL cluster for this test run (tests/pg_server.py)."""
    from tests import pg_server

    cluster, why = pg_server.start()
    if cluster is None:
        pytest.skip(f"PostgreSQL 測試略過：{why}")
    yield cluster
    cluster.stop()


@pytest.fixture
def repo(services):
    return services.repo


@pytest.fixture
def example_report():
    from desktop.interchange.draft_json import read_draft_file

    return read_draft_file(EXAMPLE_DRAFT)
