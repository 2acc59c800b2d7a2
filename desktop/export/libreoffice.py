"""PDF and ODT through LibreOffice, when it is installed.

The .docx is always made first; LibreOffice converts it. Each conversion gets its own profile folder
(two soffice runs on one profile: the second silently writes nothing) and updates the 目次 before
saving (lo_convert_script.py), since LibreOffice does not refresh indexes when it converts. Without a
Python that has LibreOffice's `uno` module, the plain --convert-to still works, with the 目次 as
Word's placeholder. The conversion runs as a child process polled from a generator, so the window
can cancel it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from desktop.fileio import atomic_target
from desktop.paths import app_root

FILTERS = {"pdf": "writer_pdf_Export", "odt": "writer8"}
FORMAT_NAMES = {"pdf": "PDF", "odt": "ODF 文字文件（.odt）"}
SOFFICE_ENV = "TRIPREPORT_SOFFICE"
TIMEOUT_S = 600
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
    with python3-uno (Linux)."""
    program = Path(os.path.realpath(soffice)).parent
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


def _command(soffice: Path, source: Path, out_dir: Path, fmt: str, profile: Path) -> tuple[list[str], Path]:
    profile_url = profile.as_uri()
    target = out_dir / f"{source.stem}.{fmt}"
    python = find_uno_python(soffice)
    if python and SCRIPT.is_file():  # a frozen build must ship the script as a data file
        return [python, str(SCRIPT), str(soffice), str(source), str(target), FILTERS[fmt], profile_url], target
    return [str(soffice), "--headless", "--norestore", f"-env:UserInstallation={profile_url}",
            "--convert-to", f"{fmt}:{FILTERS[fmt]}", "--outdir", str(out_dir), str(source)], target


def convert(source: Path, target: Path, fmt: str) -> Iterator[None]:
    """Convert `source` (.docx) to `target` as `fmt` (pdf or odt). A generator that yields while
    LibreOffice works; closing it kills LibreOffice and leaves no file."""
    if fmt not in FILTERS:
        raise ConversionError(f"不支援的格式「{fmt}」：只能匯出 docx、pdf 或 odt。")
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(MISSING_MESSAGE)
    with tempfile.TemporaryDirectory(prefix="tripreport-lo-") as work:
        work_dir = Path(work)
        command, produced = _command(soffice, Path(source), work_dir, fmt, work_dir / "profile")
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **_own_group())
        started = time.monotonic()
        try:
            while proc.poll() is None:
                if time.monotonic() - started > TIMEOUT_S:
                    raise ConversionError("LibreOffice 轉檔超過 10 分鐘沒有完成，已停止。請關閉其他 LibreOffice 視窗後再試。")
                yield
                time.sleep(0.05)
        finally:
            if proc.poll() is None:
                _kill_tree(proc)
        errors = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = f"（{errors.splitlines()[-1]}）" if errors else ""
            raise ConversionError(f"LibreOffice 無法把報告轉成 {FORMAT_NAMES[fmt]}{detail}。"
                                  "請先匯出 .docx，用 Word 或 LibreOffice 開啟後另存。")
        with atomic_target(Path(target)) as tmp:
            shutil.copyfile(produced, tmp)


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
