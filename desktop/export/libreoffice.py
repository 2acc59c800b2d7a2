"""PDF and ODT through LibreOffice, when it is installed.

The .docx is always made first; LibreOffice converts it, in a profile reused from a small pool
(lo_profiles.py: a fresh profile per call cost about a second), and updates the 目次 once before
saving (lo_convert_script.py), since LibreOffice does not refresh indexes when it converts. Without
a Python that has LibreOffice's `uno` module, the plain --convert-to still works, with the 目次 as
Word's placeholder. The conversion runs as a child process polled from a generator, so the window
can cancel it. When it fails, the message says why: the time limit, LibreOffice ended by the
system or crashing, a document it cannot open, a file it cannot write.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from desktop.export import lo_convert_script as script
from desktop.export.lo_profiles import Profile, profile, profiles_root
from desktop.fileio import atomic_target
from desktop.paths import app_root

# docx: the importer brings .odt and .doc files in through it (word_import/convert.py).
FILTERS = {"pdf": "writer_pdf_Export", "odt": "writer8", "docx": "MS Word 2007 XML"}
FORMAT_NAMES = {"pdf": "PDF", "odt": "ODF 文字文件（.odt）", "docx": "Word 文件（.docx）"}
SOFFICE_ENV = "TRIPREPORT_SOFFICE"
TIMEOUT_S = 600
POLL_S = 0.05
# In the frozen app modules live in an archive; the spec ships this script as a plain file.
SCRIPT = app_root() / "desktop" / "export" / "lo_convert_script.py"

MISSING_MESSAGE = (
    "找不到 LibreOffice，所以無法匯出 .pdf 或 .odt（.docx 不受影響）。\n\n"
    "請安裝免費的 LibreOffice：\n"
    "・Windows：到 https://zh-tw.libreoffice.org/ 下載安裝（預設安裝位置即可）\n"
    "・Linux：執行 sudo apt install libreoffice-writer\n\n"
    "安裝後重新開啟本程式即可。"
)


class ConversionError(Exception):
    """LibreOffice is missing or failed; str(err) says what to do, in Chinese."""


def _windows_candidates() -> list[Path]:
    out = []
    for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA"):
        base = os.environ.get(var)
        if base:
            out.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
            if var == "LOCALAPPDATA":
                out.append(Path(base) / "Programs" / "LibreOffice" / "program" / "soffice.exe")
    return out


def find_soffice() -> Path | None:
    """soffice from TRIPREPORT_SOFFICE, the PATH, or LibreOffice's usual install folders."""
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = _windows_candidates() if sys.platform == "win32" else []
    if sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((c for c in candidates if c.is_file()), None)


@functools.cache
def find_uno_python(soffice: Path) -> str | None:
    """A Python that can `import uno`: LibreOffice's own (Windows, macOS) or the system python3
    with python3-uno (Linux). Asking each candidate costs a process start, so the answer is kept in
    our cache folder for as long as that soffice is the same file."""
    real = Path(os.path.realpath(soffice))
    try:
        key = f"{real}\t{real.stat().st_mtime_ns}\t"
    except OSError:
        key = None
    memo = profiles_root() / "uno-python.txt"
    try:
        known = memo.read_text(encoding="utf-8")
        if key and known.startswith(key) and (not known[len(key):] or Path(known[len(key):]).is_file()):
            return known[len(key):] or None
    except OSError:
        pass
    found = _probe_uno_python(real.parent)
    if key:
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            memo.write_text(key + (found or ""), encoding="utf-8")
        except OSError:
            pass  # asked again next time
    return found


def _probe_uno_python(program: Path) -> str | None:
    candidates = [program / "python.exe", program / "python", program.parent / "Resources" / "python"]
    candidates = [str(c) for c in candidates if c.is_file()]
    candidates += [p for p in ("/usr/bin/python3", shutil.which("python3")) if p]
    for python in dict.fromkeys(candidates):
        try:
            flags = {"creationflags": subprocess.CREATE_NO_WINDOW} if os.name == "nt" else {}
            ok = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30, **flags).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            return python
    return None


def available() -> bool:
    return find_soffice() is not None


def _command(soffice: Path, source: Path, out_dir: Path, fmt: str, profile_url: str,
             lock_fd: int | None = None) -> tuple[list[str], Path]:
    target = out_dir / f"{source.stem}.{fmt}"
    python = find_uno_python(soffice)
    if python and SCRIPT.is_file():  # a frozen build must ship the script as a data file
        lock = [str(lock_fd)] if lock_fd is not None else []
        return [python, str(SCRIPT), str(soffice), str(source), str(target), FILTERS[fmt], profile_url, *lock], target
    return [str(soffice), "--headless", "--norestore", f"-env:UserInstallation={profile_url}",
            "--convert-to", f"{fmt}:{FILTERS[fmt]}", "--outdir", str(out_dir), str(source)], target


class _Failed(Exception):
    """One attempt failed; `retry` when a fresh profile might succeed where a reused one did not."""

    def __init__(self, message: str, retry: bool):
        super().__init__(message)
        self.retry = retry


def convert(source: Path, target: Path, fmt: str) -> Iterator[None]:
    """Convert `source` (.docx) to `target` as `fmt` (pdf or odt). A generator that yields while
    LibreOffice works; closing it kills LibreOffice and leaves no file."""
    if fmt not in FILTERS:
        raise ConversionError(f"不支援的格式「{fmt}」：只能匯出 docx、pdf 或 odt。")
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(MISSING_MESSAGE)
    from desktop.tempfiles import temporary_folder

    with profile() as prof:
        for attempt in (1, 2):
            with temporary_folder("lo") as work:
                try:
                    produced = yield from _run(soffice, Path(source), work, fmt, prof)
                except _Failed as failed:
                    if attempt == 1 and failed.retry and prof.reused:
                        prof.reset()  # it may be what failed; the retry starts it afresh
                        continue
                    raise ConversionError(str(failed)) from None
                with atomic_target(Path(target)) as tmp:
                    shutil.copyfile(produced, tmp)
                return


def _run(soffice: Path, source: Path, work: Path, fmt: str, prof: Profile) -> Iterator[None]:
    """One conversion into `work`; returns the produced file or raises _Failed."""
    inherit = prof.lock_fd if os.name != "nt" else None  # the converter (and soffice) hold the lock too
    command, produced = _command(soffice, source, work, fmt, prof.url, inherit)
    keep = {"pass_fds": (inherit,)} if inherit is not None else {}
    try:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **_own_group(), **keep)
    except OSError as err:
        raise _Failed(f"無法啟動 LibreOffice（{err.strerror or err}）。請確認 LibreOffice 已正確安裝。", retry=False) from None
    started = time.monotonic()
    try:
        while True:
            try:
                proc.wait(timeout=POLL_S)  # returns the moment it ends, not at the next tick
                break
            except subprocess.TimeoutExpired:
                pass
            if time.monotonic() - started > TIMEOUT_S:
                raise _Failed(timeout_message(fmt), retry=False)
            yield
    finally:
        if proc.poll() is None:
            _kill_tree(proc)
    errors = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode == 0 and produced.is_file() and produced.stat().st_size > 0:
        return produced
    message, retry = failure_message(proc.returncode, fmt, errors)
    raise _Failed(message, retry)


def timeout_message(fmt: str) -> str:
    return (f"LibreOffice 轉檔超過 {TIMEOUT_S // 60} 分鐘仍未完成，已停止（時間上限）。報告很大（例如照片很多）時"
            f"可能需要更久：請先匯出 .docx，再用 Word 或 LibreOffice 開啟後另存成 {FORMAT_NAMES[fmt]}。")


KILLED = {-9, -15, 137, 143, script.EXIT_OFFICE_KILLED}


def failure_message(code: int, fmt: str, errors: str = "") -> tuple[str, bool]:
    """What went wrong, in Chinese, from the converter's exit code; and whether a fresh profile
    is worth a second try."""
    name = FORMAT_NAMES[fmt]
    fallback = f"請先匯出 .docx，再用 Word 或 LibreOffice 開啟後另存成 {name}。"
    if code in KILLED:
        return (f"LibreOffice 在轉檔途中被系統或其他程式終止（最常見的原因是記憶體不足），沒有產生 {name}。"
                f"請關閉其他程式後再試一次，或{fallback}"), False
    if code == script.EXIT_OFFICE_CRASHED or code < 0 or code >= 0xC0000000:  # a signal; a Windows exception
        return f"LibreOffice 在轉檔途中當掉了，沒有產生 {name}。請再試一次；若仍失敗，{fallback}", True
    if code == script.EXIT_NOT_STARTED:
        return ("LibreOffice 沒有啟動（90 秒內沒有回應）。請確認 LibreOffice 能正常開啟；"
                "剛更新過 LibreOffice 的話，請重新開機後再試。"), True
    if code == script.EXIT_NOT_OPENED:
        return f"LibreOffice 無法開啟這份報告的 .docx，沒有產生 {name}。{fallback}", True
    if code == script.EXIT_NOT_STORED:
        return f"LibreOffice 無法寫出 {name}：暫存資料夾所在的磁碟可能已滿。請清出空間後再試。", False
    if code == 0:
        return f"LibreOffice 結束了，卻沒有產生 {name}。{fallback}", True
    detail = f"（{errors.splitlines()[-1][:200]}）" if errors else ""
    return f"LibreOffice 無法把報告轉成 {name}（結束代碼 {code}）{detail}。{fallback}", True


def _own_group() -> dict:
    """Start the converter in its own process group: the UNO script starts soffice as its child,
    and a cancel must stop both."""
    if os.name == "nt":
        # and no console window flashing up over the app for the helper python.exe
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW}
    return {"start_new_session": True}


def _kill_tree(proc: subprocess.Popen) -> None:
    if os.name == "nt":
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(proc.pid)], capture_output=True)
    else:
        import signal

        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()


def toc_updated() -> bool:
    """Whether conversions refresh the 目次 (a uno-capable Python was found)."""
    soffice = find_soffice()
    return bool(soffice and find_uno_python(soffice))
