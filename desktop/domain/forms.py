"""Report kinds as data: a form file in forms/ lists the editor's steps, fields, hints and rules.

The editor builds its pages from the form, so an agency's variant is a new form file, not new
screens. This module only reads the file; it knows nothing about widgets.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from desktop.paths import forms_dir

DEFAULT_FORM = "full-report"


@cache
def load_form(name: str = DEFAULT_FORM, folder: Path | None = None) -> dict:
    path = (folder or forms_dir()) / f"{name}.json"
    form = json.loads(path.read_text(encoding="utf-8"))
    ids = [step["id"] for step in form["steps"]]
    if len(ids) != len(set(ids)):
        raise ValueError(f"表單 {path} 的步驟代號重複")
    return form


def step_for_chapter(form: dict, key: str) -> dict | None:
    return next((s for s in form["steps"] if s.get("chapter") == key and key), None)
