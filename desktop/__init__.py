"""TripReport (出國報告編輯器)."""

import sys

__version__ = "0.1.0"
APP_NAME = "TripReport"
APP_TITLE = "出國報告編輯器"


class _NoDriverForPeewee:
    """peewee imports a PostgreSQL driver with itself when one is installed (psycopg: ~0.1 s of
    every start). Hide the drivers from peewee's own import only; storage/postgres.py loads
    psycopg when an agency server is actually used."""

    _DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")

    def find_spec(self, name, path=None, target=None):
        if name in self._DRIVERS:
            peewee = sys.modules.get("peewee")
            if peewee is not None and not hasattr(peewee, "PostgresqlDatabase"):  # peewee half-imported
                raise ImportError(f"{name} is loaded when an agency server is used")
        return None


if not any(isinstance(f, _NoDriverForPeewee) for f in sys.meta_path):
    sys.meta_path.insert(0, _NoDriverForPeewee())
