"""Benchmark: our PDF conversion against bare `soffice --headless --convert-to pdf` of the same .docx.

Both sides are whole processes, run in turn (ours, bare, ours, bare, …) the same number of times on
the same .docx, so a busy moment on the shared machine falls on both. Ours is what an export does
after the .docx is written: a Python process that calls libreoffice.convert (which starts the UNO
helper, which starts soffice, refreshes the 目次 and stores the PDF). The bare side converts the same
file with soffice alone; it does not refresh the 目次, so it does less than ours, never more. Each
side has its own profile folder, made before the timed runs (one untimed run each), as a user's
are after their first export. Our converter returns once the PDF is written and leaves soffice to
finish quitting (it keeps its profile locked until then); the next run starts only after that, so
our tail never slows the baseline's run.

Two reports: text-heavy (the export benchmark's 15,000 characters plus a long outline, so the 目次
fills pages) and photo-heavy (the same with 12 photos in --quick, 60 otherwise).

Run: python -m bench.bench_pdf [--quick]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import REPO_ROOT, median, row, run_child


def _soffice() -> str | None:
    from desktop.export.libreoffice import find_soffice

    found = find_soffice()
    return str(found) if found else None


def make_docx(folder: Path, photos: int) -> Path:
    from bench.bench_export import benchmark_report, make_photos
    from desktop.domain.blocks import blocks_from_text
    from desktop.domain.report import Section
    from desktop.export.render import export_docx, run_export

    report = benchmark_report(make_photos(photos) if photos else [])
    for chapter in report.chapters:
        chapter.sections += [Section(heading=f"{chapter.heading}補充說明{i}", blocks=blocks_from_text("本段說明相關辦理情形。" * 30))
                             for i in range(6)]
    out = folder / f"report-{photos}-photos.docx"
    run_export(export_docx(report, out))
    return out


# Like bench.common.run_child, but the launcher adopts what its child leaves running (Linux's child
# subreaper), so the CPU time counts soffice quitting after our converter returned; the wall time
# still ends when the child does, as the user's wait does.
_LAUNCHER = """
import ctypes, os, sys, time
try:
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except (OSError, AttributeError):
    pass
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_pid, status, _usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
import resource
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write("\\n@@pdf %r %r\\n" % (seconds, usage.ru_utime + usage.ru_stime))
sys.exit(os.waitstatus_to_exitcode(status))
"""


@dataclass
class Timed:
    seconds: float
    cpu_seconds: float | None
    returncode: int
    stderr: str


def timed(cmd: list[str], env: dict | None = None) -> Timed:
    if not sys.platform.startswith("linux"):
        child = run_child(cmd, env=env, cwd=REPO_ROOT, timeout=900)
        return Timed(child.seconds, child.cpu_seconds, child.returncode, child.stderr)
    done = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *cmd], env=env, cwd=REPO_ROOT,
                          capture_output=True, timeout=900)
    head, _, tail = done.stderr.decode("utf-8", "replace").rpartition("\n@@pdf ")
    seconds, cpu = (float(v) for v in tail.split())
    return Timed(seconds, cpu, done.returncode, head)


def ours(docx: Path, out_dir: Path, profiles: Path) -> Timed:
    env = {**os.environ, "TRIPREPORT_LO_PROFILES": str(profiles)}
    done = timed([sys.executable, "-m", "bench.bench_pdf", "--convert", str(docx), str(out_dir / "ours.pdf")], env)
    _wait_until_unlocked(profiles)
    return done


def _wait_until_unlocked(profiles: Path, timeout: float = 60) -> None:
    """Until every profile's lock is free: our soffice has finished quitting."""
    from desktop.export.lo_profiles import _try_lock

    deadline = time.monotonic() + timeout
    for lock in sorted(profiles.glob("*.lock")):
        while (fd := _try_lock(lock)) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if fd is not None:
            os.close(fd)


def bare(soffice: str, docx: Path, out_dir: Path, profile: Path) -> Timed:
    return timed([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                  "--outdir", str(out_dir / "bare"), str(docx)])


def pages(pdf: Path) -> int | None:
    if not shutil.which("pdfinfo"):
        return None
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:")), None)


def compare(label: str, soffice: str, docx: Path, work: Path, runs: int) -> list[dict]:
    profiles, bare_profile = work / f"{label}-ours-profiles", work / f"{label}-bare-profile"
    (work / "bare").mkdir(exist_ok=True)
    for child in (ours(docx, work, profiles), bare(soffice, docx, work, bare_profile)):  # make the profiles
        if child.returncode != 0:
            raise RuntimeError(f"{label}: conversion failed: {child.stderr.strip()[-200:]}")
    our_runs, bare_runs = [], []
    for _ in range(runs):
        our_runs.append(ours(docx, work, profiles))
        bare_runs.append(bare(soffice, docx, work, bare_profile))
    our_times, bare_times = [r.seconds for r in our_runs], [r.seconds for r in bare_runs]
    ratio = median(our_times) / median(bare_times)
    cpu = ""
    if all(r.cpu_seconds for r in our_runs + bare_runs):
        our_cpu, bare_cpu = median([r.cpu_seconds for r in our_runs]), median([r.cpu_seconds for r in bare_runs])
        cpu = f"; CPU {our_cpu:.2f} s vs {bare_cpu:.2f} s ({(our_cpu / bare_cpu - 1) * 100:+.0f} %)"
    ours_pages, bare_pages = pages(work / "ours.pdf"), pages(work / "bare" / f"{docx.stem}.pdf")
    same = f"{ours_pages} pages both" if ours_pages == bare_pages else f"pages: ours {ours_pages}, bare {bare_pages}"
    goal = "≤ +10 %" if label == "text-heavy" else ""
    return [
        row(f"PDF {label}: ours (convert + 目次 refresh)", median(our_times), "s", "",
            f"median of {runs}, whole process, interleaved"),
        row(f"PDF {label}: bare soffice --convert-to pdf", median(bare_times), "s", "",
            "baseline, same run, same .docx; no 目次 refresh"),
        row(f"PDF {label}: ours over bare", (ratio - 1) * 100, "%", goal, f"wall, medians; {same}{cpu}"),
    ]


def run(quick: bool) -> list[dict]:
    soffice = _soffice()
    if soffice is None:
        return [row("PDF: LibreOffice not installed", float("nan"), "", "", "skipped")]
    runs = 3 if quick else 7
    rows = []
    with tempfile.TemporaryDirectory(prefix="tripreport-bench-pdf-") as tmp:
        work = Path(tmp)
        for label, photos in (("text-heavy", 0), ("photo-heavy", 12 if quick else 60)):
            rows += compare(label, soffice, make_docx(work, photos), work, runs)
    return rows


def _convert(source: str, target: str) -> int:
    from desktop.export.libreoffice import convert

    for _ in convert(Path(source), Path(target), "pdf"):
        pass
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--convert"]:
        sys.exit(_convert(*sys.argv[2:4]))
    for r in run("--quick" in sys.argv):
        print(f"{r['name']:<50} {r['value']:>10.2f} {r['unit']:<4} {r['goal']:<8} {r['note']}")
