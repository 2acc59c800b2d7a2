"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

Every call of a Qt method that returns nothing (setText, setEnabled, …) and QModelIndex.data()
returning no value drop one reference to None that they never took; some paths do the same to
True/False. Python 3.11 counts references
to None (3.12 made it immortal), so after enough calls (a 60-photo import is enough) None's count
reaches zero and the interpreter aborts with "none_dealloc: deallocating None".

Adding a very large number to None's count gives these singletons the immortality 3.12 has by design. Remove
this module once the project runs on Python ≥ 3.12 or a PySide6 release without the bug.
"""

from __future__ import annotations

import sys

_ALLOWANCE = 1 << 40  # far more calls than any session makes


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12) or getattr(keep_none_alive, "done", False):
        return
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _ALLOWANCE
    keep_none_alive.done = True


keep_none_alive()
