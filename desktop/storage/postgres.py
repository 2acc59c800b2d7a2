"""The agency's PostgreSQL server behind the same peewee models as the data folder's SQLite file.

`ServerDatabase` is peewee's PostgresqlDatabase with three differences: it loads psycopg 3 only
when a server is used (peewee would import a driver with itself, costing every start ~0.1 s; see
desktop/__init__.py), it accepts the `?` placeholders of the repository's raw SQL, and it
reconnects by itself after the server went away, between transactions only — a transaction that
lost its connection fails whole, so nothing is ever half-written on the server.

Each person signs in with their own PostgreSQL role; the password comes from the prompt of the
window (kept in memory only), or from libpq's own password file (PGPASSFILE, ~/.pgpass), never
from a file of ours.
"""

from __future__ import annotations

import re

from peewee import InterfaceError, OperationalError, PostgresqlDatabase, Psycopg3Adapter

from desktop.storage.errors import StorageError
from desktop.storage.target import without_password

SCHEMA_TABLE = "tripreport_schema"
USER_ROLE = "tripreport_user"
REVIEWER_ROLE = "tripreport_reviewer"
# How long a dead server, or another PC holding the draft, may keep a save waiting before it fails;
# the window saves on its own thread, so these bound how long it can stall. The failed save is
# kept on screen and retried by the autosaver.
CONNECT_TIMEOUT_S = 5
UNANSWERED_MS = 5000  # TCP: a server that stopped answering mid-statement (a cable pulled)
LOCK_WAIT_MS = 5000  # another PC's save of the same draft still under way


class ServerUnavailable(StorageError):
    """The server cannot be reached (down, no network, restarted): the local work is kept."""


class SignInFailed(StorageError):
    """The server refused the user name or password."""


class ServerSchemaMismatch(StorageError):
    """The server's tables are of another TripReport version than this one."""


class _LazyPsycopg3(Psycopg3Adapter):
    """peewee's psycopg 3 adapter, importing psycopg when the first server database is made."""

    def __init__(self):
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb

        self._psycopg = psycopg
        self._intrans = TransactionStatus.INTRANS
        self.txn_idle = TransactionStatus.IDLE
        self.txn_inerror = TransactionStatus.INERROR
        self.txn_unknown = TransactionStatus.UNKNOWN
        super().__init__()
        self.json_type, self.jsonb_type = Json, Jsonb

    def check_driver(self):
        return None

    def get_binary_type(self):
        return self._psycopg.Binary

    def connect(self, db, **params):
        params.setdefault("conninfo", db.database)
        return self._psycopg.connect(**params)

    def server_side_cursor(self, conn):
        import uuid

        in_txn = self.txn_status(conn) == self._intrans
        return conn.cursor(name=str(uuid.uuid1()), withhold=not in_txn)


_QUOTED = re.compile(r"('(?:[^']|'')*')")


def qmark_to_format(sql: str) -> str:
    """SQL written with SQLite's `?` placeholders in psycopg's `%s` style (`%` doubled), leaving
    quoted literals' question marks alone."""
    parts = _QUOTED.split(sql.replace("%", "%%"))
    return "".join(p if i % 2 else p.replace("?", "%s") for i, p in enumerate(parts))


def _for_psycopg(sql: str, params) -> str:
    if "?" in sql:  # peewee's own SQL uses %s; `?` only comes from the storage's raw SQL
        return qmark_to_format(sql)
    if not params and "%" in sql:
        return sql.replace("%", "%%")  # psycopg reads placeholders even with no parameters
    return sql


class _Cursor:
    """A psycopg cursor that takes the storage's SQLite-style SQL too (`?`), for code that runs
    statements on db.cursor() itself (executemany)."""

    def __init__(self, cursor):
        self._cursor = cursor

    def execute(self, sql, params=None, **kwargs):
        self._cursor.execute(_for_psycopg(sql, params), params, **kwargs)
        return self

    def executemany(self, sql, params_seq, **kwargs):
        self._cursor.executemany(_for_psycopg(sql, True), params_seq, **kwargs)
        return self

    def __iter__(self):
        return iter(self._cursor)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


class ServerDatabase(PostgresqlDatabase):
    psycopg2_adapter = psycopg3_adapter = _LazyPsycopg3

    def cursor(self, named_cursor=None):
        return _Cursor(super().cursor(named_cursor))

    def execute_sql(self, sql, params=None):
        if self.transaction_depth() > 0 or not sql.lstrip()[:6].upper() == "SELECT":
            self._revive()
            return super().execute_sql(sql, params)
        return self._again_if_dropped(lambda: super(ServerDatabase, self).execute_sql(sql, params))

    def begin(self, isolation_level=None):
        return self._again_if_dropped(lambda: super(ServerDatabase, self).begin(isolation_level))

    def _again_if_dropped(self, run):
        """A read or a BEGIN outside a transaction that finds the connection gone (the server
        restarted, the network came back) runs once more on a new connection: it changed nothing,
        so running it again is safe. Writes are never repeated: they fail with their transaction."""
        self._revive()
        try:
            return run()
        except (OperationalError, InterfaceError):
            if not self._dropped():
                raise
            self.close()
            self.connect()
            return run()

    def _dropped(self) -> bool:
        conn = self._state.conn
        return conn is not None and (getattr(conn, "broken", False) or conn.closed)

    def hand_over(self):
        """This thread's open connection, forgotten by this thread without closing it, for
        `take_over` on another: the window signs in on a worker thread (a server that does not
        answer must not freeze it) and then works on that connection without signing in again."""
        conn = self._state.conn
        self._state.reset()
        return conn

    def take_over(self, conn) -> None:
        """Use `conn` (from `hand_over` on another thread) as this thread's connection."""
        self._state.set_connection(conn)

    def _revive(self) -> None:
        """Between transactions, replace a connection the server dropped (restart, network)."""
        if self.transaction_depth() == 0 and self._dropped():
            self.close()
            self.connect()


redact = without_password


def make_database(url: str, password: str | None = None) -> ServerDatabase:
    params = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "TripReport",
              "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
              "tcp_user_timeout": UNANSWERED_MS, "options": f"-c lock_timeout={LOCK_WAIT_MS}"}
    if password:
        params["password"] = password
    return ServerDatabase(url, autoconnect=True, **params)


# ---- errors, said for a user ---------------------------------------------------------------------
KEEP_WORKING = "這台電腦上的內容都保留；"


def explain(err: BaseException, url: str = "") -> StorageError | None:
    """A StorageError for what psycopg raised (None when `err` is not from the server)."""
    import psycopg
    from psycopg import errors as pg

    from desktop.storage.failures import error_chain

    found = next((e for e in error_chain(err) if isinstance(e, psycopg.Error)), None)
    if found is None:
        return None
    where = f"機關資料庫（{redact(url)}）" if url else "機關資料庫"
    text = str(found).lower()
    if isinstance(found, pg.InsufficientPrivilege):
        return StorageError(f"你的帳號在{where}沒有這項權限（{_first_line(found)}）。沒有寫入任何資料；"
                            "請洽機關的資料庫管理員授權（docs/agency-server.md）。")
    if "password authentication failed" in text or "no password supplied" in text \
            or isinstance(found, pg.InvalidPassword):
        return SignInFailed(f"{where}不接受這組帳號或密碼。請確認帳號與密碼後再連線一次；"
                            "本機的草稿不受影響。")
    if isinstance(found, pg.InvalidAuthorizationSpecification) or "role" in text and "does not exist" in text:
        return SignInFailed(f"{where}沒有這個帳號（{_first_line(found)}）。請洽資料庫管理員建立帳號。")
    if isinstance(found, pg.InvalidCatalogName):
        return ServerUnavailable(f"{where}上沒有這個資料庫（{_first_line(found)}）。請確認連線位址。")
    # before the connection failures: psycopg counts these as operational errors too
    if isinstance(found, pg.SerializationFailure | pg.DeadlockDetected | pg.LockNotAvailable):
        return StorageError(f"{where}上有人同時修改同一份草稿，這次沒有寫入；請再試一次。")
    if isinstance(found, psycopg.OperationalError | pg.AdminShutdown | pg.CannotConnectNow) \
            or "connection" in text or "server closed" in text:
        return ServerUnavailable(f"連不上{where}（{_first_line(found)}）。這次的動作沒有寫入伺服器（不會留下寫到一半的資料），"
                                 f"{KEEP_WORKING}請確認網路或伺服器恢復後再試；沒有網路時，可用本機資料夾"
                                 "（--database local）或帶出的草稿包繼續工作。")
    return StorageError(f"{where}回報錯誤：{_first_line(found)}。這次的修改沒有寫入伺服器，{KEEP_WORKING}請再試一次。")


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
