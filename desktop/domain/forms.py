"""The editor's view of a report kind: its steps and fields, and the page each chapter gets.

The editor builds its pages from the kind (domain/kinds.py), so an agency's variant is a new kind
file, not new screens. This module knows nothing about widgets.
"""

from __future__ import annotations

from desktop.domain.kinds import DEFAULT_KIND, get_kind

DEFAULT_FORM = DEFAULT_KIND


def load_form(name: str = DEFAULT_FORM) -> dict:
    """The form (steps, extra_chapter, chapters) of the kind with this id."""
    return get_kind(name).form


def step_for_chapter(form: dict, key: str) -> dict | None:
    """The step that shows the chapter with this key: the one the kind names, else a page chosen by
    what the kind's chapter holds (the recommendation list, the itinerary); None for the user's own."""
    if not key:
        return None
    named = next((s for s in form["steps"] if s.get("chapter") == key), None)
    if named is not None:
        return named
    spec = next((c for c in form.get("chapters", []) if c["key"] == key), None)
    if spec is None:
        return None
    holds = spec.get("holds", ["text"])
    page = "recommendations" if "recommendations" in holds else "itinerary" if "itinerary" in holds else "chapter"
    hint = spec.get("hint") or form["extra_chapter"]["hint"]
    return {"id": key, "title": spec["title"], "page": page, "chapter": key, "hint": hint}
