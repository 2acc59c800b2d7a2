"""Writes the window offers, on a database that may not take them.

A database opened read-only (a read-only file or folder, damage, a disk too full to open it
normally) is known before the user starts: `refused` says why at once, before any dialog asks for
a name or a file, so nobody fills in a form only to be turned away. A write can also fail while it
runs (the disk fills up, another process holds the draft): `storage_errors_said` turns that into
the same kind of message. Both speak as the window does (storage_wording.for_window), and neither
lets a traceback reach the user.

Loaded on first use: the draft list is the first screen, and peewee comes after its first paint.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox


def _folder() -> Path | None:
    from desktop.storage.database import database_access

    access = database_access()
    return access.path.parent if access is not None and not access.server else None  # a server has no folder


def window_text(text: str) -> str:
    """A storage message as the window words it (the data folder taken from the open database)."""
    from desktop.gui.storage_wording import for_window

    folder = _folder()
    return for_window(text, folder) if folder is not None else text


def refusal() -> str:
    """Why the open database takes no writes, as the window says it; "" when it takes them."""
    from desktop.storage.database import database_access

    access = database_access()
    if access is None or access.writable:
        return ""
    return window_text(access.refusal)


def refused(parent, title: str) -> bool:
    """True, having told the user why, when the open database cannot be written."""
    reason = refusal()
    if reason:
        QMessageBox.warning(parent, title, reason)
    return bool(reason)


@dataclass
class Outcome:
    failed: bool = False


@contextlib.contextmanager
def storage_errors_said(parent, title: str) -> Iterator[Outcome]:
    """Around a write: a storage failure (StorageError, or SQLite's own error) is said in a
    message titled `title` and `outcome.failed` is set; any other error is a bug and goes on."""
    outcome = Outcome()
    try:
        yield outcome
    except Exception as err:
        from desktop.storage.failures import explain

        known = explain(err)
        if known is None:
            raise
        outcome.failed = True
        QMessageBox.warning(parent, title, window_text(str(known)))
