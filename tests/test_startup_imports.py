"""What the window's start-up path may import: export and photo libraries load on first use, and
the storage stack (peewee) loads when the database is opened, not when a module names its types."""

import subprocess
import sys

from tests.conftest import REPO_ROOT


def _loaded_after(code: str, modules: list[str]) -> list[str]:
    probe = f"import sys\n{code}\nprint(','.join(m for m in {modules!r} if m in sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return [m for m in result.stdout.strip().split(",") if m]


def test_storage_errors_and_services_do_not_load_peewee():
    code = "import desktop.storage.errors\nfrom desktop.storage import StorageError\nimport desktop.services"
    assert _loaded_after(code, ["peewee", "sqlite3"]) == []


def test_opening_services_loads_storage_but_not_export_or_photo_libraries(tmp_path):
    code = f"from desktop.services import open_services\nopen_services({str(tmp_path)!r})"
    loaded = _loaded_after(code, ["peewee", "docxtpl", "docx", "jinja2", "PIL", "jsonschema"])
    assert loaded == ["peewee"]


def test_python_m_desktop_without_arguments_skips_the_command_line():
    # The window path decides without building the argparse tree of every subcommand.
    code = (
        "import desktop.__main__ as entry, desktop.gui.launch as launch\n"
        "launch.launch = lambda argv: 0\n"
        "entry.main([])"
    )
    assert _loaded_after(code, ["desktop.cli", "desktop.cli.draft_commands"]) == []


def test_the_first_screen_loads_neither_storage_nor_domain_nor_qtnetwork():
    # What run_app needs before the window's first paint; the rest follows it (desktop/gui/app.py).
    code = "import desktop.gui.app, desktop.gui.main_window, desktop.gui.single_instance, desktop.gui.launch"
    loaded = _loaded_after(code, ["peewee", "sqlite3", "desktop.domain.report", "desktop.domain.checks",
                                  "PySide6.QtNetwork", "multiprocessing", "subprocess"])
    assert loaded == []
