"""Hostile Jinja in agency templates: what can never work is refused by template-check; what depends
on the report is refused while rendering by the bounded sandbox; what no rule foresees is stopped
by the child process's time limit and memory cap. Every refusal is in Chinese, leaves no file and
takes little memory; built-in templates render in-process as before."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain.report import Report
from desktop.export import isolated
from desktop.export.render import ExportError, export_docx, run_export
from desktop.export.template_check import check_template
from tests.conftest import REPO_ROOT
from tests.hostile import builders

TITLE = "出國報告"  # 4 characters; the runtime attacks multiply it


def export_with(template, tmp_path):
    out = tmp_path / "out.docx"
    try:
        run_export(export_docx(Report.new(TITLE), out, template))
    finally:
        assert not out.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", sorted(builders.STATIC_JINJA))
def test_what_can_never_work_is_refused_by_the_check(name, tmp_path):
    template = builders.jinja_template(tmp_path, name, builders.STATIC_JINJA[name])
    fatal = [p for p in check_template(template) if p.fatal]
    assert [p.code for p in fatal] in (["include"], ["too-much"])
    with pytest.raises(ExportError, match="範本有問題，無法使用"):
        export_with(template, tmp_path)


@pytest.mark.parametrize("name", sorted(builders.RUNTIME_JINJA))
def test_what_depends_on_the_report_is_refused_while_rendering(name, tmp_path):
    tag, reason = builders.RUNTIME_JINJA[name]
    template = builders.jinja_template(tmp_path, name, tag)
    assert not [p for p in check_template(template) if p.fatal]
    start = time.monotonic()
    with pytest.raises(ExportError) as caught:
        export_with(template, tmp_path)
    message = str(caught.value)
    assert reason in message
    assert "Traceback" not in message
    assert time.monotonic() - start < 20


def test_the_environment_itself_loads_no_other_template():
    """The check refuses include/extends/import; the environment refuses them too, in Chinese."""
    from desktop.export.template_env import TemplateLimitError, jinja_environment

    for source in ("{% include name %}", "{% extends name %}", "{% import name as m %}"):
        with pytest.raises(TemplateLimitError, match="不能引用其他範本"):
            jinja_environment().from_string(source).render(name="/etc/passwd")


def test_endless_loops_stop_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(isolated, "RENDER_TIMEOUT_S", 2)
    template = builders.jinja_template(tmp_path, "loops", builders.ENDLESS_LOOPS)
    assert not [p for p in check_template(template) if p.fatal]
    start = time.monotonic()
    with pytest.raises(ExportError, match="超過 2 秒仍未完成，已停止（時間上限）"):
        export_with(template, tmp_path)
    assert time.monotonic() - start < 15


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the cap is RLIMIT_DATA, measured through /proc")
def test_a_memory_hog_stops_at_the_cap_in_little_memory(tmp_path):
    """2 GB of text, asked for in a way no rule names: the child's cap stops it well before."""
    template = builders.jinja_template(tmp_path, "hog", builders.MEMORY_HOG)
    draft = REPO_ROOT / "docs" / "example-draft.json"
    script = ("import resource, sys\nfrom desktop.cli import main\n"
              "if __name__ == '__main__':\n"
              "    code = main(['export', sys.argv[1], '-o', sys.argv[2], '--template', sys.argv[3]])\n"
              "    print('code', code, 'tree-peak-mb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n")
    runner = tmp_path / "run.py"
    runner.write_text(script)
    done = subprocess.run([sys.executable, str(runner), str(draft), str(tmp_path / "out.docx"), str(template)],
                          capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert "Traceback" not in done.stderr
    assert "記憶體超過上限" in done.stderr
    assert "code 1" in done.stdout
    peak = int(done.stdout.split("tree-peak-mb")[1])
    assert peak < 800, f"peak {peak} MB"
    assert not (tmp_path / "out.docx").exists()


def _children_of(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _is_render_child(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the child")
def test_cancel_and_a_killed_parent_both_end_the_child(tmp_path):
    template = builders.jinja_template(tmp_path, "loops", builders.ENDLESS_LOOPS)
    steps = export_docx(Report.new(TITLE), tmp_path / "out.docx", template)
    for step in steps:
        if step.message == "套用範本":
            break
    children = [p for p in _children_of(os.getpid()) if _alive(p) and _is_render_child(p)]
    assert children
    steps.close()
    assert not any(_alive(p) for p in children)

    script = ("import sys\nfrom desktop.cli import main\n"
              "if __name__ == '__main__':\n    main(['export', sys.argv[1], '-o', sys.argv[2], '--template', sys.argv[3]])\n")
    runner = tmp_path / "run.py"
    runner.write_text(script)
    temp = tmp_path / "temp"  # what the killed command leaves stays in the test's folder
    temp.mkdir()
    cli = subprocess.Popen([sys.executable, str(runner), str(REPO_ROOT / "docs" / "example-draft.json"),
                            str(tmp_path / "out2.docx"), str(template)], cwd=REPO_ROOT,
                           env={**os.environ, "TMPDIR": str(temp)},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not (grandchildren := _children_of(cli.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert grandchildren
    time.sleep(1.5)  # rendering the endless loops by now
    os.kill(cli.pid, signal.SIGKILL)
    cli.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in grandchildren) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in grandchildren)


def test_builtin_templates_render_in_process(tmp_path, monkeypatch):
    def no_child(*args, **kwargs):
        raise AssertionError("a built-in template started a child process")

    monkeypatch.setattr(isolated, "export_in_child", no_child)
    run_export(export_docx(Report.new(TITLE), tmp_path / "out.docx"))
    assert (tmp_path / "out.docx").is_file()
