"""Errors the storage layer raises, each carrying a message a user can act on (in Chinese)."""


class StorageError(Exception):
    """Something is wrong with the data folder or the database; str(err) is shown to the user."""


class DraftNotFound(StorageError):
    pass
