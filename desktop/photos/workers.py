"""Worker processes for photo work that end when the process that started them ends. No Qt.

A ProcessPoolExecutor's workers wait for work on a pipe whose writing end they hold themselves, so
when the window or the command line is killed (SIGKILL, Task Manager's "End task", a crash) they
would wait forever — and keep multiprocessing's resource tracker alive with them. Each worker
therefore starts by watching its parent:
- everywhere: a thread waits on multiprocessing's parent sentinel (the read end of a pipe only the
  parent holds on POSIX, the parent's process handle on Windows) and exits the worker when it fires;
- on Linux, also PR_SET_PDEATHSIG, so the kernel kills the worker the moment its parent goes, even
  while the worker is deep inside a decoder. Linux sends it when the *thread* that started the
  worker ends: the import starts its workers from the thread that iterates it, which shuts the pool
  down before it ends.
Once the workers are gone, the resource tracker sees its pipe close and exits too.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def photo_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the window has threads (Qt, the import thread), and forking a threaded
    # process can deadlock; spawn is also what Windows does, so both behave the same.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=watch_parent)


def watch_parent() -> None:
    """Runs first in every worker: arrange to exit as soon as the parent process is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    if sys.platform.startswith("linux"):
        _die_with_parent_on_linux(parent.pid)
    threading.Thread(target=_exit_when_gone, args=(parent.sentinel,), name="parent-watch", daemon=True).start()


def _exit_when_gone(sentinel) -> None:
    from multiprocessing.connection import wait

    try:
        wait([sentinel])
    except OSError:
        pass  # the sentinel itself is gone: so is the parent
    os._exit(1)  # no clean-up to run: the parent that wanted the results is dead


def _die_with_parent_on_linux(parent_pid: int) -> None:
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return  # the watching thread still covers it
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)
