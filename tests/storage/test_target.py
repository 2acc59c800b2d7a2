"""Which store of drafts an address names: what remembers drafts by id keeps them per store."""

from desktop.storage.target import LOCAL_STORE, store_identity


def test_the_data_folder_is_one_store():
    assert store_identity("") == store_identity(None) == LOCAL_STORE


def test_people_signed_in_to_one_database_share_its_store(monkeypatch):
    for name in ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    one = store_identity("postgresql://wang@DB.example/tripreport")
    assert one == store_identity("postgresql://lin:secret@db.example:5432/tripreport")
    assert one != store_identity("postgresql://wang@db.example/tripreport_test")  # another database
    assert one != store_identity("postgresql://wang@db2.example/tripreport")  # another server
    assert one != store_identity("postgresql://wang@db.example:5433/tripreport")
    assert store_identity("postgresql:///tripreport?host=/run/postgresql") != one
    assert store_identity("postgresql://wang@db.example:notaport/tripreport").startswith("postgresql://")
