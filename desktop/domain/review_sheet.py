"""The 審核表's wording as data: its check items and its signature boxes.

The wording of the published sheet sits with the built-in template, in templates/review-sheet.json
(`review_sheet`); a kind whose sheet differs names its own `review_sheet` in its kind file (items,
signatures, or both), validated by the same part of forms/kind.schema.json. An item may name the
review rule that ticks its 是/否 for the traveller (`answer`: `deadline` or `required_parts`); people
tick the others. `review_sheet_of(kind)` is the one reader: the export's context and the kind loader
both go through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.paths import templates_dir

MANIFEST = "review-sheet.json"  # beside review-sheet.docx
ANSWERS = ("deadline", "required_parts")


@dataclass(frozen=True)
class ReviewItem:
    text: str
    answer: str | None = None  # the review rule that ticks it; None: people tick it


@dataclass(frozen=True)
class ReviewSheet:
    items: tuple[ReviewItem, ...]
    signatures: tuple[str, ...]
    note: str = ""  # under the sheet: which boxes the program ticks


@cache
def _part_validator():
    from jsonschema import Draft202012Validator

    from desktop.domain.kinds import kind_schema

    schema = kind_schema()
    return Draft202012Validator({"$ref": "#/$defs/review_sheet", "required": ["items", "signatures"],
                                 "$defs": schema["$defs"]})


@cache
def _builtin(path: Path) -> dict:
    """The built-in sheet's items and signatures; KindError (in Chinese) when the file is broken."""
    from desktop.domain.json_file import JsonFileError, read_json_object
    from desktop.domain.kinds import KindError, explain_schema_error

    try:
        data = read_json_object(path)
    except JsonFileError as err:
        raise KindError(f"審核表的項目檔有問題：{err}") from err
    part = data.get("review_sheet")
    if part is None:
        raise KindError(f"審核表的項目檔「{path.name}」缺少「review_sheet」（審核項目與簽章欄）")
    errors = sorted(_part_validator().iter_errors(part), key=lambda e: (len(e.absolute_path), list(map(str, e.path))))
    if errors:
        raise KindError(f"審核表的項目檔「{path.name}」格式錯誤：{explain_schema_error(errors[0], 'review_sheet')}")
    return part


def review_sheet_of(kind) -> ReviewSheet:
    """The 審核表 a kind prints: its own items and signatures where it names them, else the built-in
    sheet's. KindError when the built-in file it needs is broken."""
    own = kind.data.get("review_sheet") or {}
    part = own if {"items", "signatures"} <= own.keys() else {**_builtin(templates_dir() / MANIFEST), **own}
    # the built-in note speaks of the built-in items: a kind with its own items writes its own note
    note = part.get("note", "") if "items" not in own or "note" in own else ""
    return ReviewSheet(tuple(ReviewItem(i["text"], i.get("answer")) for i in part["items"]),
                       tuple(part["signatures"]), note)
