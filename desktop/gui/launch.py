"""Starting the window: find a display (or explain), set up Qt, open the main window.

With no display (a server, an SSH session) Qt would abort with a cryptic xcb message, and a
window run under a virtual screen (Xvfb) would wait for ever where nobody can see it; instead we
say so in Chinese, point to the command line and end, as scripts/start does. QT_QPA_PLATFORM
(offscreen: the tests and the selftest) counts as a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NO_DISPLAY_EXIT = 2

NO_DISPLAY_MESSAGE = """\
找不到顯示器（沒有設定 DISPLAY 或 WAYLAND_DISPLAY），無法開啟視窗，所以程式沒有啟動。
在有桌面的電腦上執行即可使用視窗。
這台電腦可以用命令列寫報告與匯出，例如：
  建立草稿（會印出編號）：  {cli} new 出國報告
  把 1 號草稿匯出成 .docx：{cli} export 1 -o 報告.docx
  所有指令：              {cli} --help"""


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--database", help="機關資料庫 postgresql://帳號@主機/資料庫，或 local")
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


def command_line_program() -> str:
    """How this installation's command line is started: the bundle's tripreport-cli, the
    tripreport beside this Python (a virtual environment), else python -m desktop."""
    here = Path(sys.executable)
    if getattr(sys, "frozen", False):
        return str(here.with_name("tripreport-cli.exe" if sys.platform == "win32" else "tripreport-cli"))
    script = here.with_name("tripreport")
    return str(script) if script.is_file() else "python -m desktop"


def launch(argv: list[str]) -> int:
    if not has_display():
        print(NO_DISPLAY_MESSAGE.format(cli=command_line_program()), file=sys.stderr)
        return NO_DISPLAY_EXIT
    args = parse_gui_args(argv)
    from desktop.gui.app import run_app

    return run_app(args)
