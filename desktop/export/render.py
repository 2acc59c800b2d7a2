"""Filling a .docx template with a report, safely.

Templates are code: they render in a sandboxed, autoescaping, strict Jinja environment, so a
template cannot reach Python internals, `A & B <c>` prints as typed, and a misspelt tag is an error
rather than an empty space. The file is written beside the target and renamed into place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.report import Report
from desktop.fileio import atomic_target
from desktop.paths import templates_dir

DEFAULT_TEMPLATE = "full-report.docx"


class ExportError(Exception):
    """The export failed; str(err) says why, in Chinese. No file was written."""


@dataclass
class Progress:
    step: int
    total: int
    message: str


def jinja_environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def template_path(name: str | None = None) -> Path:
    path = Path(name) if name and Path(name).is_file() else templates_dir() / (name or DEFAULT_TEMPLATE)
    if not path.is_file():
        raise ExportError(f"找不到範本「{path}」。")
    return path


def export_docx(report: Report, target: Path, template: str | Path | None = None) -> Iterator[Progress]:
    """Render `report` into `target`. A generator: each step yields Progress; stopping it early
    (a cancel) leaves no file behind."""
    from jinja2 import TemplateError

    from desktop.export.context import build_context

    total = 4
    target = Path(target)
    yield Progress(1, total, "準備內容")
    context = build_context(report)
    yield Progress(2, total, "載入範本")
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template_path(str(template) if template else None)))
    yield Progress(3, total, "套用範本")
    try:
        tpl.render(context, jinja_env=jinja_environment(), autoescape=True)
    except TemplateError as err:
        raise ExportError(f"範本有錯誤：{err}") from err
    yield Progress(4, total, "寫入檔案")
    with atomic_target(target) as tmp:
        tpl.save(str(tmp))


def run_export(steps: Iterator[Progress]) -> None:
    """Drive an export generator to the end (the command line and tests)."""
    for _ in steps:
        pass
