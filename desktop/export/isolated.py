"""Exporting with an agency's template in a child process, bounded in time and memory.

An agency template is code written by someone else. template_check.py refuses what can never work
and template_env.py refuses the known ways to ask for too much, but no rule can foresee every loop
of loops: `{% for a in x %}{% for b in x %}…` over two long texts runs for hours and cannot be
interrupted inside the process that runs it. So an export with a template that is not one of ours
runs in a child process: its memory is capped (RLIMIT_DATA, or RLIMIT_AS where that is all there
is) at MEMORY_LIMIT_BYTES while it prepares the photos and the body, and at what it then uses plus
RENDER_HEADROOM_BYTES once the template's code runs; it is killed when rendering takes longer than
RENDER_TIMEOUT_S, and it exits by itself when the process that started it dies. It writes into a work folder; the file is copied into place only when
the child has finished. Starting the child costs about 0.3 s, paid only with agency templates: the
built-in ones are ours and render in-process.

Windows has no rlimit: there the sandbox's own limits and Windows' refusal to overcommit memory
(a huge allocation fails with MemoryError rather than being killed later) stand in for the cap.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

RENDER_TIMEOUT_S = 60  # a 10,000-row itinerary renders in a few seconds
MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024  # photos of 50 MP on four threads fit; 60 of 12 MP peak near 100 MB
RENDER_HEADROOM_BYTES = 384 * 1024 * 1024  # a 10,000-row itinerary renders within 256 MB of it
POLL_S = 0.05

IN_CHILD = False  # True in the child: export_docx then renders in-process

TIMEOUT_MESSAGE = ("套用機關範本超過 {seconds} 秒仍未完成，已停止（時間上限）。範本中可能有重複太多次的迴圈"
                   "（例如兩層以上的 {{% for %}}）。請用 tripreport template-check 檢查範本，或改用內建範本。")
MEMORY_MESSAGE = ("套用機關範本時用掉的記憶體超過上限，已停止。範本可能重複產生了大量內容；"
                  "請簡化範本中的迴圈或運算，或改用內建範本。")
CRASH_MESSAGE = "套用機關範本的程序意外結束（結束代碼 {code}），沒有產生檔案。請再試一次；若仍失敗，請改用內建範本。"


def export_in_child(report, target: Path, template: Path, photos) -> Iterator:
    """export_docx with `template`, in a child process; a generator of the child's Progress.
    Closing it kills the child and leaves no file."""
    from desktop.domain import kinds
    from desktop.export.render import RENDER_STEP, ExportError, Progress
    from desktop.fileio import atomic_target
    from desktop.tempfiles import temporary_folder

    context = multiprocessing.get_context("spawn")
    with temporary_folder("render") as work:
        produced = work / "report.docx"
        receiver, sender = context.Pipe(duplex=False)
        # The child matches the draft against the same report kinds (an agency's, from the data folder).
        child = context.Process(target=_child_main, name="tripreport-render", daemon=True,
                                args=(sender, report, str(produced), str(template), photos, kinds.registry(),
                                      MEMORY_LIMIT_BYTES))
        child.start()
        sender.close()
        last = Progress(1, 5, "啟動範本處理程序")
        rendering_since = None
        outcome = None
        try:
            while outcome is None:
                if receiver.poll(POLL_S):
                    try:
                        message = receiver.recv()
                    except (EOFError, OSError):
                        outcome = ("died",)
                        break
                    if message[0] == "progress":
                        last = Progress(*message[1:])
                        rendering_since = time.monotonic() if last.message == RENDER_STEP else None
                    else:
                        outcome = message
                elif not child.is_alive() and not receiver.poll(0):
                    outcome = ("died",)
                if rendering_since is not None and time.monotonic() - rendering_since > RENDER_TIMEOUT_S:
                    raise ExportError(TIMEOUT_MESSAGE.format(seconds=RENDER_TIMEOUT_S))
                yield last
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            receiver.close()
        if outcome[0] == "error":
            raise ExportError(outcome[1])
        if outcome[0] == "memory":
            raise ExportError(MEMORY_MESSAGE)
        if outcome[0] != "done" or not produced.is_file():
            raise ExportError(MEMORY_MESSAGE if child.exitcode in (-9, 137) else CRASH_MESSAGE.format(code=child.exitcode))
        with atomic_target(target) as tmp:
            shutil.copyfile(produced, tmp)


# ---- the child ------------------------------------------------------------------------------

def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows
        return
    kind = resource.RLIMIT_DATA if sys.platform.startswith("linux") else resource.RLIMIT_AS
    _soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(kind, (limit, hard))


def _data_in_use() -> int | None:
    """What RLIMIT_DATA counts for this process now (Linux), in bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _tighten_for_rendering() -> None:
    in_use = _data_in_use()
    if in_use is not None:
        _limit_memory(min(MEMORY_LIMIT_BYTES, in_use + RENDER_HEADROOM_BYTES))


def _exit_with_parent() -> None:
    """A child whose parent was killed must not render on alone for hours."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _child_main(conn, report, out: str, template: str, photos, kind_registry, memory_limit: int) -> None:
    global IN_CHILD
    IN_CHILD = True
    _exit_with_parent()
    _limit_memory(memory_limit)
    try:
        from desktop.domain.kinds import use_registry
        from desktop.export.render import RENDER_STEP, ExportError, export_docx

        use_registry(kind_registry)
        from desktop.fileio import FileWriteError

        try:
            for step in export_docx(report, Path(out), template, photos):
                conn.send(("progress", step.step, step.total, step.message))
                if step.message == RENDER_STEP:  # the generator renders when it is resumed
                    _tighten_for_rendering()
            outcome = ("done",)
        except (ExportError, FileWriteError) as err:
            outcome = ("error", str(err))
        except MemoryError:
            outcome = ("memory",)
        except RecursionError:
            outcome = ("error", "範本中的巨集或迴圈一層套一層太多層，無法套用。請簡化範本。")
        except Exception as err:  # noqa: BLE001 - whatever the template does, the user reads one line, not a traceback
            outcome = ("error", f"套用機關範本時發生錯誤：{type(err).__name__}：{err}"[:500])
        conn.send(outcome)
    except (MemoryError, OSError):
        pass  # the parent sees the child end without an answer and says so
    finally:
        conn.close()
