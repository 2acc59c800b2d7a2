"""Running a test on both engines: the data folder's SQLite file and the agency's PostgreSQL.

A test module (or a folder's conftest) that wants both uses the `services` fixture defined by
`engine_services` with `params=ENGINES`; the PostgreSQL run signs in as an ordinary writer of the
test agency (so the row-level security is in force) on a fresh database copied from a migrated
template, and is skipped, saying why, only when no server can be started.
"""

from __future__ import annotations

import pytest

ENGINES = ["sqlite", "postgresql"]


def engine_services(request, data_dir, user: str | None = None):
    """A generator for a `services` fixture on request.param's engine."""
    from desktop.services import open_services
    from desktop.storage import close_database

    if request.param == "sqlite":
        svc = open_services(data_dir, database="local")
        yield svc
        close_database()
        return
    from tests import pg_server

    cluster = request.getfixturevalue("pg_cluster")
    name = pg_server.new_database(cluster)
    svc = open_services(data_dir, database=cluster.url(user or pg_server.WRITERS[0], name))
    request.node.pg_database = name
    try:
        yield svc
    finally:
        close_database()
        pg_server.drop_database(cluster, name)


@pytest.fixture(params=ENGINES)
def services(request, data_dir):
    yield from engine_services(request, data_dir)


# For a test about the data folder's SQLite file itself (WAL, its backups, its damage).
sqlite_only = pytest.mark.parametrize("services", ["sqlite"], indirect=True)


@pytest.fixture
def engine(services, request) -> str:
    """"sqlite" or "postgresql": the engine this run of the test stores its drafts on."""
    callspec = getattr(request.node, "callspec", None)
    return callspec.params.get("services", "sqlite") if callspec else "sqlite"
