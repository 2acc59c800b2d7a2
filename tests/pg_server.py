"""A throw-away PostgreSQL cluster for the tests: started on a free local port as its own
(non-root) user, with the roles an agency would have, and stopped when the test run ends.

TRIPREPORT_TEST_POSTGRES=postgresql://admin:pw@host:port/postgres uses a running server instead
(a superuser's address). Without either, the PostgreSQL half of the tests is skipped, saying why.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ENV = "TRIPREPORT_TEST_POSTGRES"
ADMIN = "tripreport_admin"
OWNER = "tripreport_owner"  # owns the databases and runs the upgrades, as an agency's DBA would
PASSWORD = "test-only-" + secrets.token_hex(4)
# People of the test agency: two writers, a reviewer, and someone who was never let in.
WRITERS = ("writer_a", "writer_b")
REVIEWER = "reviewer_c"
OUTSIDER = "outsider_d"
PREFIX = "tripreport-pg-"


def _initdb() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve()
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]) if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class TestCluster:
    host: str
    port: int
    password: str
    folder: Path | None = None  # ours to stop and remove; None for a server given by ENV
    run_as: str | None = None
    bin_dir: Path | None = None
    databases: list[str] = field(default_factory=list)

    def url(self, user: str = ADMIN, database: str = "postgres", password: bool = True) -> str:
        secret = f":{self.password}" if password else ""
        return f"postgresql://{user}{secret}@{self.host}:{self.port}/{database}"

    def admin(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(self.url(ADMIN, database), autocommit=True, connect_timeout=5)

    def stop(self) -> None:
        if self.folder is None:
            return
        _run_as(self.run_as, [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                              "-w", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def _run_as(user: str | None, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
    kwargs = {"user": user} if user else {}
    return subprocess.run(argv, capture_output=True, text=True, check=check, timeout=120, cwd="/", **kwargs)


def _sweep_stale() -> None:
    """Clusters of test runs that died without stopping theirs (never another run's live one)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            owner = int((folder / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        with contextlib.suppress(OSError, ValueError):
            pid = int((folder / "data" / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGQUIT)
        shutil.rmtree(folder, ignore_errors=True)


def start() -> tuple[TestCluster | None, str]:
    """(cluster, "") or (None, why the PostgreSQL tests cannot run here)."""
    given = os.environ.get(ENV)
    if given:
        from urllib.parse import urlsplit

        parts = urlsplit(given)
        cluster = TestCluster(parts.hostname or "127.0.0.1", parts.port or 5432, parts.password or "")
        return _prepare(cluster)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg 未安裝，無法測試 PostgreSQL"
    initdb = _initdb()
    if initdb is None:
        return None, "找不到 PostgreSQL（initdb）：請安裝 Debian 的 postgresql 套件（scripts/test 會自動安裝）"
    run_as = None
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return None, "以 root 執行但沒有 postgres 使用者，無法啟動測試用的 PostgreSQL"
        run_as = "postgres"
    _sweep_stale()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    (folder / "owner.pid").write_text(str(os.getpid()))
    if run_as:
        shutil.chown(folder, run_as)
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD)
    if run_as:
        shutil.chown(pwfile, run_as)
    port = _free_port()
    cluster = TestCluster("127.0.0.1", port, PASSWORD, folder, run_as, initdb.parent)
    try:
        _run_as(run_as, [str(initdb), "-D", str(folder / "data"), "-U", ADMIN, f"--pwfile={pwfile}", "-E", "UTF8",
                         "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"])
        options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=60 -c shared_buffers=32MB")
        _run_as(run_as, [str(initdb.parent / "pg_ctl"), "-D", str(folder / "data"), "-o", options,
                         "-l", str(folder / "server.log"), "-w", "-t", "60", "start"])
    except (subprocess.SubprocessError, OSError) as err:
        log = ""
        with contextlib.suppress(OSError):
            log = (folder / "server.log").read_text()[-400:]
        detail = getattr(err, "stderr", "") or ""
        cluster.stop()
        return None, f"無法啟動測試用的 PostgreSQL：{err} {detail.strip()[-300:]} {log}"
    return _prepare(cluster)


def doc_sql(block: str, password: str, database: str = "tripreport") -> list[str]:
    """The statements of one SQL block of docs/agency-server.md (named by its first comment line),
    with the test's password and database name."""
    import re

    from tests.conftest import REPO_ROOT

    text = (REPO_ROOT / "docs" / "agency-server.md").read_text(encoding="utf-8")
    for body in re.findall(r"```sql\n(.*?)```", text, flags=re.S):
        if body.startswith(f"-- tripreport: {block}\n"):
            body = re.sub(r"--[^\n]*", "", body).replace("'change-me'", f"'{password}'")
            body = re.sub(r"\btripreport\b", database, body)
            return [s.strip() for s in body.split(";") if s.strip()]
    raise LookupError(f"docs/agency-server.md has no SQL block named {block!r}")


def _run_ignoring_existing(conn, statements) -> None:
    import psycopg

    for statement in statements:
        try:
            conn.execute(statement)
        except (psycopg.errors.DuplicateObject, psycopg.errors.DuplicateDatabase):
            pass  # a server given by ENV may have them already


def _prepare(cluster: TestCluster) -> tuple[TestCluster | None, str]:
    """Set up as docs/agency-server.md tells a DBA (its SQL blocks, run as they are), plus the
    test agency's people, and a migrated template database the tests copy."""
    template = "tripreport_template"
    try:
        with cluster.admin() as conn:
            _run_ignoring_existing(conn, doc_sql("roles", cluster.password))
            _run_ignoring_existing(conn, doc_sql("people", cluster.password))
            _run_ignoring_existing(conn, _people_sql(cluster.password))
            conn.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")
            _run_ignoring_existing(conn, doc_sql("database", cluster.password, template))
        with cluster.admin(template) as conn:
            _run_ignoring_existing(conn, doc_sql("in the database", cluster.password, template))
        from desktop.storage.server import connect, upgrade_schema

        db = connect(cluster.url(OWNER, template))
        try:
            upgrade_schema(db)
        finally:
            db.close()
    except Exception as err:  # noqa: BLE001 — any failure here means: no PostgreSQL tests, and why
        cluster.stop()
        return None, f"無法準備測試用的 PostgreSQL：{err}"
    return cluster, ""


def _people_sql(password: str) -> list[str]:
    """The test agency's people, made the way the doc's "people" block makes them."""
    return [*(f"CREATE ROLE {w} LOGIN PASSWORD '{password}' IN ROLE tripreport_user" for w in WRITERS),
            f"CREATE ROLE {REVIEWER} LOGIN PASSWORD '{password}' IN ROLE tripreport_reviewer",
            f"CREATE ROLE {OUTSIDER} LOGIN PASSWORD '{password}'"]


def new_database(cluster: TestCluster, template: str = "tripreport_template") -> str:
    """A fresh copy of the template (or an empty database with template0); returns its name."""
    name = f"t_{os.getpid()}_{secrets.token_hex(4)}"
    extra = " ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" if template == "template0" else ""
    for attempt in range(5):
        try:
            with cluster.admin() as conn:
                conn.execute(f"CREATE DATABASE {name} OWNER {OWNER} TEMPLATE {template}{extra}")
            break
        except Exception:  # the template is busy for a moment after a test's last connection
            if attempt == 4:
                raise
            time.sleep(0.2)
    cluster.databases.append(name)
    return name


def drop_database(cluster: TestCluster, name: str) -> None:
    with contextlib.suppress(Exception), cluster.admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
