"""Errors the storage layer raises, each carrying a message a user can act on (in Chinese).

This module imports nothing heavy: the window imports it for error handling before the database
is opened.
"""


class StorageError(Exception):
    """Something is wrong with the data folder or the database; str(err) is shown to the user."""


class DraftNotFound(StorageError):
    pass


class DatabaseDamaged(StorageError):
    """SQLite finds the database file damaged: nothing is written, backed up or migrated.
    `problem` is what SQLite reported, for a front end that words the message its own way."""

    def __init__(self, message: str, problem: str = ""):
        super().__init__(message)
        self.problem = problem


class WritesRefused(StorageError):
    """The database can be read but not written (read-only file or folder, full disk, damage)."""


class DiskFull(WritesRefused):
    pass


class DraftInUse(StorageError):
    """Another TripReport process (a window) is editing this draft; nothing was changed."""


class DraftChanged(StorageError):
    """The draft was saved by someone else since it was loaded: saving now would overwrite it."""
