"""Starting the window: find a display (or explain), set up Qt, open the main window.

With no display (a server, a CI machine), Qt would abort with a cryptic xcb message; instead we
start under Xvfb when it is installed, or say clearly what to do and point to the command line.
"""

from __future__ import annotations

import argparse
import os
import sys

NO_DISPLAY_MESSAGE = """\
找不到可用的顯示器（沒有設定 DISPLAY），無法開啟視窗。
- 在有桌面的電腦上執行，或安裝 Xvfb（apt-get install xvfb）後以 xvfb-run python -m desktop 執行；
- 也可以只用命令列：python -m desktop --help，例如
    python -m desktop import docs/example-draft.json
    python -m desktop export 1 -o 報告.docx
"""


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--open", dest="open_id", help="開啟編號為 ID 的草稿，或草稿 JSON 檔的路徑")
    parser.add_argument("path", nargs="?", help="要開啟的草稿 JSON 檔")
    args, _unknown = parser.parse_known_args(argv)  # Qt's own options (-style …) pass through
    return args


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch(argv: list[str]) -> int:
    if not has_display():
        import shutil
        import subprocess

        xvfb_run = shutil.which("xvfb-run")
        if xvfb_run and not os.environ.get("TRIPREPORT_UNDER_XVFB"):
            print("沒有顯示器：改在 Xvfb 虛擬螢幕中啟動（視窗不會顯示在畫面上）。", file=sys.stderr)
            env = dict(os.environ, TRIPREPORT_UNDER_XVFB="1")
            cmd = [xvfb_run, "-a", "-s", "-screen 0 1366x768x24", sys.executable, "-m", "desktop", *argv]
            return subprocess.call(cmd, env=env)
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    args = parse_gui_args(argv)
    from desktop.gui.app import run_app

    return run_app(args)
