"""Opening the agency's PostgreSQL database: sign in, check the schema, upgrade it when allowed.

The schema version lives in the table tripreport_schema (SQLite keeps it in PRAGMA user_version).
The same migration steps as the data folder's run here in their PostgreSQL form (schema_pg.py),
all in one transaction under an advisory lock: PostgreSQL's DDL is transactional, so an upgrade
that fails leaves the old schema whole, and two PCs starting at once do not upgrade twice.
People's own roles may not change tables: when the server is behind, they are told to ask the
agency's database administrator, who runs `tripreport server upgrade` (docs/agency-server.md).
"""

from __future__ import annotations

from peewee import DatabaseError, InterfaceError

from desktop.storage import schema_pg
from desktop.storage.errors import StorageError
from desktop.storage.postgres import (
    SCHEMA_TABLE,
    USER_ROLE,
    ServerDatabase,
    ServerSchemaMismatch,
    explain,
    make_database,
    redact,
)

_UPGRADE_LOCK = 7_240_516  # pg_advisory_xact_lock key: one upgrade at a time per database


def schema_version(db: ServerDatabase) -> int:
    row = db.execute_sql("SELECT to_regclass(%s) IS NOT NULL", (SCHEMA_TABLE,)).fetchone()
    if not row[0]:
        return 0
    row = db.execute_sql(f"SELECT max(version) FROM {SCHEMA_TABLE}").fetchone()
    return row[0] or 0


def connect(url: str, password: str | None = None) -> ServerDatabase:
    """A connected server database (not yet bound to the models); StorageError in Chinese."""
    db = make_database(url, password)
    try:
        db.connect()
    except (DatabaseError, InterfaceError, OSError) as err:
        raise (explain(err, url) or StorageError(f"無法連線到機關資料庫：{err}")) from err
    return db


def check_schema(db: ServerDatabase, url: str, upgrade: bool = True) -> int:
    """The server's schema version once it matches this TripReport (upgraded when it was behind
    and `upgrade` allows it); ServerSchemaMismatch when it cannot be used."""
    from desktop.storage.database import SCHEMA_VERSION

    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise ServerSchemaMismatch(
            f"機關資料庫（{redact(url)}）已由較新版的 TripReport 升級（資料格式 {found}，本版只認得 {SCHEMA_VERSION}）。"
            "伺服器上的資料沒有被修改；請更新這台電腦的 TripReport 後再連線。本機的草稿不受影響。")
    if found < SCHEMA_VERSION:
        if not upgrade:
            raise _behind(url, found)
        try:
            upgrade_schema(db)
        except StorageError as err:
            if "沒有這項權限" in str(err) or "must be owner" in str(err):
                raise _behind(url, found) from err
            raise
    return SCHEMA_VERSION


def _behind(url: str, found: int) -> ServerSchemaMismatch:
    from desktop.storage.database import SCHEMA_VERSION

    return ServerSchemaMismatch(
        f"機關資料庫（{redact(url)}）的資料格式是舊版（{found}），這一版的 TripReport 需要 {SCHEMA_VERSION}，"
        "而你的帳號不能升級它。伺服器上的資料沒有被修改；請資料庫管理員執行 "
        "tripreport --database <管理帳號的連線位址> server upgrade（見 docs/agency-server.md）。")


def upgrade_schema(db: ServerDatabase, to_version: int | None = None) -> int:
    """Run the missing steps (up to `to_version`, the newest by default) in one transaction;
    returns how many ran."""
    from desktop.storage.database import MIGRATIONS, SCHEMA_VERSION

    target = SCHEMA_VERSION if to_version is None else to_version
    try:
        if schema_version(db) >= target:
            return 0  # nothing to do: no need for the rights to change tables
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_UPGRADE_LOCK,))
            db.execute_sql(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version INTEGER NOT NULL)")
            found = schema_version(db)
            for step in MIGRATIONS[found:target]:
                form = schema_pg.STEPS[step.__name__]
                if form == schema_pg.PORTABLE:
                    step(db)
                else:
                    for statement in form:
                        db.execute_sql(statement)
            db.execute_sql(f"DELETE FROM {SCHEMA_TABLE}")
            db.execute_sql(f"INSERT INTO {SCHEMA_TABLE} (version) VALUES (%s)", (max(found, target),))
            schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
            if db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (USER_ROLE,)).fetchone():
                for statement in schema_pg.grants(schema):
                    db.execute_sql(statement)
    except (DatabaseError, InterfaceError) as err:
        raise (explain(err, db.database) or StorageError(f"無法升級機關資料庫：{err}")) from err
    return max(0, target - found)


def sign_in(url: str, password: str | None = None, upgrade: bool = True) -> ServerDatabase:
    """Connect and check (or upgrade) the schema, not yet binding the models: the part that waits
    on the network, which the window runs off its own thread."""
    db = connect(url, password)
    try:
        check_schema(db, url, upgrade)
    except (DatabaseError, InterfaceError) as err:
        db.close()
        raise (explain(err, url) or StorageError(f"無法讀取機關資料庫：{err}")) from err
    except BaseException:
        db.close()
        raise
    return db


def open_server(url: str, password: str | None = None, upgrade: bool = True,
                signed_in: ServerDatabase | None = None) -> ServerDatabase:
    """Bind the models to the server: `signed_in` (from sign_in, its connection taken over by this
    thread), or one signed in to here."""
    from desktop.storage.database import use_server

    db = signed_in if signed_in is not None else sign_in(url, password, upgrade)
    use_server(db, redact(url))
    return db


def current_user(db) -> str:
    return db.execute_sql("SELECT current_user").fetchone()[0]


def probe(url: str, password: str | None = None) -> str:
    """Sign in to `url` on a connection of its own (the models are not touched) and say, in
    Chinese, who this is there and whether this TripReport can use it; StorageError when not."""
    from desktop.storage.database import SCHEMA_VERSION

    db = connect(url, password)
    try:
        user = current_user(db)
        found = schema_version(db)
        reviewer = is_reviewer(db)
    except (DatabaseError, InterfaceError) as err:
        raise (explain(err, url) or StorageError(f"無法讀取機關資料庫：{err}")) from err
    finally:
        db.close()
    role = "審核人員，看得到所有報告" if reviewer else "看得到自己撰寫的報告"
    if found == SCHEMA_VERSION:
        state = "資料格式相符，可以使用"
    elif found > SCHEMA_VERSION:
        state = f"資料格式較新（{found}），請先更新 TripReport"
    else:
        state = f"資料格式較舊（{found}），請資料庫管理員先執行 server upgrade"
    return f"已連線：帳號 {user}（{role}）；{state}。"


def is_reviewer(db) -> bool:
    """Whether the signed-in role reviews every draft (False on a schema without reviewers yet)."""
    if not db.execute_sql("SELECT to_regproc('tripreport_is_reviewer') IS NOT NULL").fetchone()[0]:
        return False
    return bool(db.execute_sql("SELECT tripreport_is_reviewer()").fetchone()[0])
