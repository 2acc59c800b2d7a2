"""Merging two edits of one draft made from the same starting point (three-way merge).

The window keeps the draft as it was last stored (`base`); when it finds the stored draft changed
by someone else (`theirs`) while it holds edits of its own (`mine`), each part of the report is
taken from the side that changed it. Lists whose items carry an id (chapters and their
sub-sections, photos, recommendations) are merged item by item, so photos added on one side and a
chapter typed on the other both survive; the photos the other side added go where importing them
would put them (by the time they were taken: the order the export prints a section's photos in).
Where both sides changed the same thing differently,
mine wins and the place is reported, so the caller can keep theirs where the user can find it.
"""

from __future__ import annotations

import copy
from dataclasses import fields, is_dataclass

# Not merged: the row's identity and bookkeeping the repository sets on every save.
_SKIPPED = {"id", "created_at", "updated_at"}


def _fresh_position(where: str):
    """How a list places an item added to it, when that is not simply beside its neighbour: the
    report's photos go at their date, as the photo import puts them (photos/arrange.py)."""
    if where == "photos":
        from desktop.photos.arrange import date_position

        return date_position
    return None


def merge_reports(base, mine, theirs):
    """(merged report, conflicts): conflicts name the parts both sides changed (mine was kept)."""
    conflicts: list[str] = []
    merged = _merge(base, mine, theirs, "", conflicts)
    merged = copy.deepcopy(merged)
    merged.id, merged.created_at = mine.id, mine.created_at
    merged.updated_at = theirs.updated_at
    return merged, conflicts


def _merge(base, mine, theirs, where: str, conflicts: list[str]):
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    if is_dataclass(mine) and type(mine) is type(theirs) and type(base) is type(mine):
        out = copy.copy(mine)
        for f in fields(mine):
            if f.name in _SKIPPED and where == "":
                continue
            inner = f"{where}.{f.name}" if where else f.name
            setattr(out, f.name, _merge(getattr(base, f.name), getattr(mine, f.name), getattr(theirs, f.name),
                                        inner, conflicts))
        return out
    if isinstance(mine, dict) and isinstance(theirs, dict) and isinstance(base, dict):
        out = {}
        for key in dict.fromkeys([*mine, *theirs]):
            value = _merge(base.get(key), mine.get(key), theirs.get(key), f"{where}.{key}", conflicts)
            if value is not None:
                out[key] = value
        return out
    if _id_list(base) and _id_list(mine) and _id_list(theirs):
        return _merge_by_id(base, mine, theirs, where, conflicts)
    conflicts.append(where)
    return mine


def _id_list(value) -> bool:
    return isinstance(value, list) and all(hasattr(item, "id") for item in value)


def _merge_by_id(base: list, mine: list, theirs: list, where: str, conflicts: list[str]) -> list:
    b = {x.id: x for x in base}
    m = {x.id: x for x in mine}
    t = {x.id: x for x in theirs}
    kept: dict[str, object] = {}
    for key in dict.fromkeys([*m, *t]):
        inner = f"{where}[{key}]"
        if key in m and key in t:
            kept[key] = _merge(b.get(key), m[key], t[key], inner, conflicts) if key in b else m[key]
        elif key in m:  # they removed it, or only I have it
            if key in b and m[key] != b[key]:
                conflicts.append(inner)  # they removed what I changed: keep it
                kept[key] = m[key]
            elif key not in b:
                kept[key] = m[key]
        elif key in b and t[key] != b[key]:  # I removed what they changed: keep theirs
            conflicts.append(inner)
            kept[key] = t[key]
        elif key not in b:
            kept[key] = t[key]
    # Order: that of the side that reordered what both kept (mine when both did); items only the
    # other side has go where that list puts a new item, else right after their neighbour there.
    common = [k for k in b if k in m and k in t]
    mine_order = [x.id for x in mine if x.id in common]
    lead, other = (theirs, mine) if mine_order == common else (mine, theirs)
    order = [x.id for x in lead if x.id in kept]
    position = _fresh_position(where)
    for i, item in enumerate(other):
        if item.id in kept and item.id not in order:
            if position is not None:
                order.insert(position([kept[k] for k in order], kept[item.id]), item.id)
                continue
            before = next((o.id for o in reversed(other[:i]) if o.id in order), None)
            order.insert(order.index(before) + 1 if before else 0, item.id)
    return [kept[k] for k in order]
