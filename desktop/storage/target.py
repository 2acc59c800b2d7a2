"""Where the drafts are: the data folder's SQLite file (the default) or the agency's server.

In order: `--database` on the command line, the TRIPREPORT_DATABASE environment variable, then
the choice made in the window (工具 → 機關資料庫…), kept in the data folder as agency-server.json —
an address only, never a password. `local` (or `sqlite`) means the data folder even when a server
is set elsewhere. Imports nothing heavy: the window reads it before the database is opened.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from desktop.storage.errors import StorageError

DATABASE_ENV = "TRIPREPORT_DATABASE"
SETTING_FILE = "agency-server.json"
LOCAL_WORDS = ("local", "sqlite")
LOCAL_STORE = "local"


def is_server_url(value: str | None) -> bool:
    return bool(value) and value.split(":", 1)[0].lower() in ("postgresql", "postgres")


def resolve_database(explicit: str | None, data_dir: Path) -> str | None:
    """The server's postgresql:// address to use, or None for the data folder."""
    value = explicit if explicit else os.environ.get(DATABASE_ENV) or saved_server(data_dir)
    if not value or value.strip().lower() in LOCAL_WORDS:
        return None
    value = value.strip()
    if not is_server_url(value):
        raise StorageError(f"「{value}」不是機關資料庫的連線位址。請寫成 postgresql://帳號@主機:埠/資料庫，"
                           "或寫 local 使用本機資料夾。")
    return value


def saved_server(data_dir: Path) -> str | None:
    try:
        data = json.loads((Path(data_dir) / SETTING_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if is_server_url(url) else None


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username}@{host}" if parts.username else host
    return parts._replace(netloc=netloc).geturl()


def save_server(data_dir: Path, url: str | None) -> None:
    """Remember the server for the next start (None: back to the data folder). A password typed
    into the address is left out: it is asked for, or read from libpq's password file."""
    from desktop.fileio import atomic_write_text

    path = Path(data_dir) / SETTING_FILE
    if not url:
        path.unlink(missing_ok=True)
        return
    atomic_write_text(path, json.dumps({"url": without_password(url)}, ensure_ascii=False))


def store_identity(server_address: str | None) -> str:
    """A name for the store of drafts that numbers them: LOCAL_STORE for the data folder, else the
    server's host, port and database. Draft 1 of one store is another draft than draft 1 of
    another, so what remembers drafts by id keeps them per store. The user is left out: every
    person signed in to one database sees its drafts by the same ids."""
    if not server_address:
        return LOCAL_STORE
    parts = urlsplit(server_address)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    host = (query.get("host") or parts.hostname or os.environ.get("PGHOST") or "localhost").lower()
    try:
        port = query.get("port") or parts.port or os.environ.get("PGPORT") or 5432
    except ValueError:  # a port that is not a number: the address as written still names the store
        port = parts.netloc.rsplit(":", 1)[-1]
    user = parts.username or os.environ.get("PGUSER") or ""
    database = query.get("dbname") or parts.path.lstrip("/") or os.environ.get("PGDATABASE") or user
    return f"postgresql://{host}:{port}/{database}"
