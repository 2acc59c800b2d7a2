"""A built wheel (`pip install .`, not editable) carries what the app reads at run time and works
from a fresh virtual environment: it exports the built-in example and finds its guide and forms."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile

import pytest

from desktop.paths import APP_DATA, PACKAGED_DATA
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO_ROOT), "--no-deps", "-q", "-w", str(out)],
                   check=True, capture_output=True, timeout=600)
    (built,) = out.glob("tripreport-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_the_run_time_files(wheel):
    from desktop import __version__

    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"tripreport-{__version__}-py3-none-any.whl" == wheel.name  # the version from desktop/__init__.py
    data = f"desktop/{PACKAGED_DATA}"
    for expected in ("templates/full-report.docx", "forms/central.json", "forms/kind.schema.json",
                     "forms/calendar/working-days.json", "docs/guide/index.md",
                     "docs/guide/images/preview.png", "docs/example-draft.json", "resources/icons/app.png",
                     "desktop/export/lo_convert_script.py"):
        assert f"{data}/{expected}" in names, expected
    for entry in APP_DATA:
        assert any(n.startswith(f"{data}/{entry}") for n in names), entry
    assert any(n.endswith("licenses/LICENSE") for n in names)


@pytest.mark.slow
def test_a_fresh_venv_with_the_wheel_exports_the_example(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True,
                   timeout=900)
    elsewhere = tmp_path / "elsewhere"  # not the checkout: nothing may come from it
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TRIPREPORT_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    where = subprocess.run([str(python), "-c", "import desktop.paths as p; print(p.app_root())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(env_dir))
    assert where.endswith(PACKAGED_DATA)

    data = tmp_path / "data"
    run = subprocess.run([str(bin_dir / "tripreport"), "--data-dir", str(data), "import",
                          os.path.join(where, "docs", "example-draft.json")],
                         cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    target = elsewhere / "範例.docx"
    run = subprocess.run([str(bin_dir / "tripreport"), "--data-dir", str(data), "export", run.stdout.strip(),
                          "-o", str(target)], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    from docx import Document

    assert "臺南市政府消防局" in "\n".join(p.text for p in Document(str(target)).paragraphs)

    selftest = subprocess.run([str(bin_dir / "tripreport"), "selftest"], cwd=elsewhere, env=env,
                              capture_output=True, text=True, timeout=300)
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "Qt 的對話框按鈕為中文" in selftest.stdout


def test_the_version_is_written_once():
    """desktop/__init__.py holds it; pyproject, the installer and the About box read it."""
    from desktop import __version__

    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "desktop.__version__" }' in pyproject
    installer = (REPO_ROOT / "scripts" / "windows" / "TripReport.iss").read_text(encoding="utf-8-sig")
    assert __version__ not in installer
    assert r"desktop\__init__.py" in installer
    assert "Software\\Classes\\.tripreport" in installer
    assert "ChangesAssociations=yes" in installer
