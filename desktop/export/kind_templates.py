"""Loading the report kinds for a data folder, with an agency kind's own templates checked first.

The kind loader (domain/kinds.py) knows nothing of .docx files; this passes it the template check,
so a kind whose template would fail at export is listed as unusable with the reason instead.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain import deadline, kinds


def template_problems(path: Path) -> list[str]:
    """The fatal problems of an agency template, in Chinese (empty when it can be used)."""
    from desktop.export.template_check import check_template

    return [p.message for p in check_template(path) if p.fatal]


def use_data_folder(data_dir: Path | None) -> None:
    """Kinds and the working-day calendar come from this data folder (and the built-in ones), read
    when first needed: `<data_dir>/kinds/*/` beside the built-in kinds, `<data_dir>/working-days.json`
    (if any) instead of the shipped calendar."""
    kinds.use_data_folder(data_dir, template_problems)
    deadline.use_data_folder(data_dir)


def load_kinds(data_dir: Path | None) -> kinds.KindRegistry:
    """Every kind (built-in and the data folder's), read now: the registry drafts are matched against."""
    use_data_folder(data_dir)
    return kinds.registry()
