"""Hostile agency templates at the zip and XML level: broken XML, entities of every kind, a part
that inflates to a gigabyte, sizes the zip lies about. Each is refused with a Chinese message by
template-check and by export — no lxml traceback, no entity expanded, no file read, memory bounded."""

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.report import Report
from desktop.export.render import ExportError, export_docx, run_export
from desktop.export.template_check import check_template
from tests.conftest import REPO_ROOT
from tests.hostile import builders


@pytest.mark.parametrize("attack", sorted(builders.XML_ATTACKS))
def test_template_check_explains_in_chinese(attack, tmp_path, capsys):
    template = builders.XML_ATTACKS[attack](tmp_path)
    problems = check_template(template)
    assert problems
    assert all(p.fatal for p in problems)
    message = problems[0].message
    assert "範本" in message
    assert "Traceback" not in message
    assert "lxml" not in message
    assert main(["template-check", str(template)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("錯誤：")
    assert err == ""


@pytest.mark.parametrize("attack", sorted(builders.XML_ATTACKS))
def test_export_refuses_and_writes_nothing(attack, tmp_path):
    template = builders.XML_ATTACKS[attack](tmp_path)
    out = tmp_path / "out.docx"
    with pytest.raises(ExportError, match="範本"):
        run_export(export_docx(Report.new("報告"), out, template))
    assert not out.exists()


def test_entities_are_named_as_the_reason(tmp_path):
    for build in (builders.external_entity, builders.billion_laughs, builders.utf16_entity):
        problems = check_template(build(tmp_path))
        assert [p.code for p in problems] == ["xml-declarations"], build.__name__
        assert "DOCTYPE" in problems[0].message


def test_external_entity_reads_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE")
    template = builders.external_entity(tmp_path, secret.as_uri())
    text = "\n".join(p.message for p in check_template(template))
    assert "TOP-SECRET-LINE" not in text


def test_broken_xml_names_the_part(tmp_path):
    problems = check_template(builders.broken_xml(tmp_path))
    assert [p.code for p in problems] == ["broken-xml"]
    assert "word/document.xml" in problems[0].message
    assert "另存新檔" in problems[0].message


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads the peak from /proc")
def test_gigabyte_document_is_refused_quickly_in_little_memory(tmp_path):
    """A 1 GiB document.xml (7 MB zipped) is refused from the zip's declared size: the process
    that checks it and tries to export with it stays small."""
    template = builders.huge_document(tmp_path)
    script = (  # VmHWM: ru_maxrss would still count the pytest process this one was forked from
        "import re, sys\n"
        "from pathlib import Path\n"
        "from desktop.cli import main\n"
        "codes = [main(['template-check', sys.argv[1]]),\n"
        "         main(['export', sys.argv[2], '-o', sys.argv[3], '--template', sys.argv[1]])]\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1)) // 1024\n"
        "print('codes', codes, 'peak-mb', peak)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(template), str(REPO_ROOT / "docs" / "example-draft.json"),
                           str(tmp_path / "out.docx")], capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert "Traceback" not in done.stderr
    assert "codes [1, 1]" in done.stdout, done.stdout + done.stderr
    assert "超過上限" in done.stdout + done.stderr
    peak = int(done.stdout.split("peak-mb")[1])
    assert peak < 200, f"peak {peak} MB"
    assert not (tmp_path / "out.docx").exists()
