"""Only what pyproject.toml cannot say: a built wheel carries the app's data files.

templates/, forms/, resources/, the user guide and the example draft sit beside the `desktop`
package in the checkout (other tools and people edit them there). When a wheel is built (`pip
install .`, `python -m build`), they are copied into desktop/_app_data/ in the same layout, where
desktop.paths.app_root() looks first. An editable install reads them from the checkout.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from desktop.paths import APP_DATA, PACKAGED_DATA  # noqa: E402 (the one list of run-time files)


class BuildWithAppData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "desktop" / PACKAGED_DATA
        for name in APP_DATA:
            source = ROOT / name
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, destination, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "make_*.py"))
            elif source.is_file():
                shutil.copy2(source, destination)


setup(cmdclass={"build_py": BuildWithAppData})
