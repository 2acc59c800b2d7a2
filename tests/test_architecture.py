"""The core runs without Qt: the command line and the tests drive it with no window."""

import subprocess
import sys

from tests.conftest import REPO_ROOT

CORE = ["desktop.domain", "desktop.storage", "desktop.photos", "desktop.export", "desktop.interchange",
        "desktop.cli", "desktop.services", "desktop.fileio", "desktop.paths"]


def test_core_packages_import_with_qt_blocked():
    code = (
        "import sys, importlib, pkgutil\n"
        "sys.modules['PySide6'] = None\n"
        f"for name in {CORE!r}:\n"
        "    mod = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(getattr(mod, '__path__', []), name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "assert 'PySide6.QtCore' not in sys.modules\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
