"""A guard against a reference-count bug that would crash the app after a few thousand Qt calls.

With PySide6 6.12 on Python 3.11, every call of a Qt method that returns nothing (setText,
QTimer.start, setItem …) gives back `None` without taking a reference to it, so None's reference
count drops by one per call. It starts near 10,000: after that many calls Python aborts with
"none_dealloc: deallocating None", taking the window (and the last second of typing) with it.
Python 3.12 made None immortal, so there it cannot happen. On older versions we give None a
reference count so large that no session could use it up — the same effect as immortality.
tests/gui/test_safety_none_guard.py proves both the bug and the guard in a subprocess.
"""

from __future__ import annotations

import ctypes
import sys

EXTRA_REFERENCES = 1 << 40  # a million void calls a second would need twelve days to use this up


def install() -> bool:
    """Make None effectively immortal on CPython before 3.12; True when something was done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    # ob_refcnt is the first field of every CPython object, at the address id() gives.
    ctypes.c_ssize_t.from_address(id(None)).value += EXTRA_REFERENCES
    return True
