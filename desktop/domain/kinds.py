"""Report kinds as data: one JSON file per kind says everything that differs between kinds and agencies.

A kind names the editor's steps and fields, the chapters a new draft starts with (and what each
holds), the parts the rules require, the review's parameters (摘要 bounds, deadline, minimum
recommendations), the category list, the wording of covers and sheets (the 審核表's items and
signature boxes: review_sheet.py), photo numbering and the templates. Built-in kinds live in forms/ and use templates/; an agency adds its own as a folder
`<data folder>/kinds/<id>/` holding `kind.json` and its .docx templates. Every file is validated
against forms/kind.schema.json by the one loader below; a broken kind is listed as unusable with
the reason in Chinese and never stops the others. docs/report-kinds.md describes the format.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from desktop.domain.json_file import JsonFileError, read_json_object
from desktop.paths import forms_dir, templates_dir

DEFAULT_KIND = "central"
KIND_FILE = "kind.json"
SCHEMA_FILE = "kind.schema.json"
TEMPLATE_ROLES = ("report", "summary_sheet", "review_sheet", "follow_up_sheet")
ROLE_NAMES = {"report": "報告", "summary_sheet": "提要表", "review_sheet": "審核表", "follow_up_sheet": "追蹤表"}

# What a kind file may leave out: docs/report-kinds.md lists the same defaults.
DEFAULTS: dict = {
    "description": "",
    "order": 100,
    "chapters": [],
    "front_chapters": [],
    "heading_style": "壹",
    "tables": "caption",
    "required_parts": [],
    "rules": {"summary": None, "deadline": None, "min_recommendations": 0, "photo_captions": True,
              "placeholders": True, "empty_sections": True},
    "categories": {"list": ["考察", "進修", "研究", "實習", "視察", "訪問", "開會", "談判", "其他"], "other_kinds": []},
    "wording": {"report": "{kind_word}報告", "summary_sheet_title": "{kind_word}報告提要",
                "review_sheet_title": "{kind_word}報告審核表", "follow_up_title": "建議事項採行情形追蹤表"},
    "photos": {"label": "圖", "all_in_appendix": False, "per_row": 2, "appendix_heading": "活動照片"},
    "appendix": True,
    "appendix_title": "附錄",
    "body_new_page": True,
    "extra_chapter": {"page": "chapter", "hint": "自訂章節。章節編號會自動計算，標題只要寫文字。"},
}


class KindError(ValueError):
    """A kind file that cannot be used; str(err) says why, in Chinese."""


@dataclass(frozen=True)
class ChapterSpec:
    key: str
    title: str
    holds: tuple[str, ...] = ("text",)
    hint: str = ""
    print_heading: bool = True
    text_label: str = ""  # the chapter's own text beside a list (心得); empty: an optional preface


@dataclass(frozen=True)
class FrontChapter:
    """A chapter printed before the draft's own chapters, filled from other parts (摘要, 出國人員名單)."""

    title: str
    holds: tuple[str, ...]
    in_template: bool = False  # numbered, but the template prints it (壹、摘要 inside a 提要 sheet)


@dataclass(frozen=True)
class RequiredPart:
    """A part the rules require (目的, 心得 …), satisfied by a chapter with any of these keys."""

    label: str
    chapters: tuple[str, ...]


@dataclass(frozen=True)
class SummaryRule:
    min: int
    max: int | None = None
    severity: str = "warning"


@dataclass(frozen=True)
class DeadlineRule:
    months: int
    from_next_working_day: bool


@dataclass
class Kind:
    id: str
    data: dict
    folder: Path | None = None  # an agency kind's folder; None for built-in kinds
    source: Path | None = None

    # ---- plain values -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def builtin(self) -> bool:
        return self.folder is None

    @property
    def form(self) -> dict:
        """What the editor reads: steps, extra_chapter, chapters (the old form-file shape)."""
        return self.data

    @property
    def steps(self) -> list[dict]:
        return self.data["steps"]

    @property
    def chapters(self) -> list[ChapterSpec]:
        return [ChapterSpec(c["key"], c["title"], tuple(c.get("holds", ["text"])), c.get("hint", ""),
                            c.get("print_heading", True), c.get("text_label", ""))
                for c in self.data["chapters"]]

    def chapter_spec(self, key: str) -> ChapterSpec | None:
        return next((c for c in self.chapters if c.key == key and key), None)

    @property
    def front_chapters(self) -> list[FrontChapter]:
        return [FrontChapter(c["title"], tuple(c["holds"]), c.get("in_template", False))
                for c in self.data["front_chapters"]]

    @property
    def heading_style(self) -> str:
        return self.data["heading_style"]

    @property
    def tables_as_sections(self) -> bool:
        return self.data["tables"] == "section"

    @property
    def required_parts(self) -> list[RequiredPart]:
        return [RequiredPart(p["label"], tuple(p["chapters"])) for p in self.data["required_parts"]]

    @property
    def summary_rule(self) -> SummaryRule | None:
        rule = self.data["rules"].get("summary")
        return SummaryRule(rule["min"], rule.get("max"), rule.get("severity", "warning")) if rule else None

    @property
    def deadline_rule(self) -> DeadlineRule | None:
        rule = self.data["rules"].get("deadline")
        return DeadlineRule(rule["months"], rule["from"] == "next_working_day") if rule else None

    def rule(self, name: str):
        return self.data["rules"].get(name, DEFAULTS["rules"].get(name))

    @property
    def categories(self) -> list[str]:
        return list(self.data["categories"]["list"])

    @property
    def other_kinds(self) -> list[str]:
        return list(self.data["categories"].get("other_kinds", []))

    def wording(self, name: str, kind_word: str) -> str:
        return self.data["wording"].get(name, DEFAULTS["wording"][name]).replace("{kind_word}", kind_word)

    def photo(self, name: str):
        return self.data["photos"].get(name, DEFAULTS["photos"][name])

    def required_fields(self) -> list[tuple[str, str]]:
        """(key, label) of every field the form marks required, in form order."""
        return [(f["key"], f["label"]) for s in self.steps for f in s.get("fields", [])
                if f.get("required") and f["type"] not in ("bool", "cover", "kind")]

    def has_page(self, page: str) -> bool:
        return any(s["page"] == page for s in self.steps)

    def holder_of(self, part: str) -> ChapterSpec | None:
        """The chapter that holds `part` (travellers, itinerary, recommendations), if any."""
        return next((c for c in self.chapters if part in c.holds), None)

    # ---- templates ----------------------------------------------------------------------------
    def template_name(self, role: str) -> str | None:
        return self.data.get("templates", {}).get(role)

    def template_path(self, role: str) -> Path | None:
        """The template for a role: the kind's own folder first, then the built-in templates."""
        name = self.template_name(role)
        if not name:
            return None
        if self.folder is not None and (self.folder / name).is_file():
            return self.folder / name
        return templates_dir() / name


@dataclass
class Unusable:
    id: str
    source: Path
    reason: str


@dataclass
class KindRegistry:
    kinds: dict[str, Kind] = field(default_factory=dict)
    unusable: list[Unusable] = field(default_factory=list)

    def get(self, kind_id: str) -> Kind | None:
        return self.kinds.get(kind_id)

    @property
    def default(self) -> Kind:
        return self.kinds.get(DEFAULT_KIND) or next(iter(self.kinds.values()))

    def ordered(self) -> list[Kind]:
        return sorted(self.kinds.values(), key=lambda k: (not k.builtin, k.data["order"], k.id))


# ---- reading and validating -----------------------------------------------------------------

@cache
def kind_schema() -> dict:
    return json.loads((forms_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))


@cache
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(kind_schema())


def _where(path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "（最上層）"


_TYPE_NAMES = {"string": "文字", "integer": "整數", "boolean": "true 或 false", "object": "物件 { }",
               "array": "清單 [ ]", "null": "null"}


def explain_schema_error(err, root: str = "") -> str:
    """A jsonschema error in words an agency's IT staff can act on; `root` names the part of a file
    that was validated on its own."""
    where = _where([root, *err.absolute_path] if root else err.absolute_path)
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"「{where}」缺少必要的欄位「{missing}」"
    if v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return f"「{where}」有不認得的欄位「{'、'.join(extra)}」（請檢查拼字）"
    if v == "enum":
        allowed = "、".join(str(x) for x in err.validator_value)
        return f"「{where}」的值「{err.instance}」不認得，可用的值：{allowed}"
    if v == "const":
        return f"「{where}」只能是「{err.validator_value}」"
    if v == "type":
        wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"「{where}」應該是{'或'.join(_TYPE_NAMES.get(t, t) for t in wanted)}"
    if v == "pattern":
        return f"「{where}」的寫法不對（「{err.instance}」）"
    if v in ("minItems", "minLength"):
        return f"「{where}」不能是空的"
    if v == "uniqueItems":
        return f"「{where}」的項目重複了"
    if v == "minimum":
        return f"「{where}」不能小於 {err.validator_value}"
    if v == "maximum":
        return f"「{where}」不能大於 {err.validator_value}"
    # Every keyword the schema uses is named above; a new one reads as this until it gets its words.
    return f"「{where}」的值不符合格式說明（docs/report-kinds.md）"


def _merge(base: dict, over: dict) -> dict:
    """`over` on top of `base`: objects merge key by key, everything else (lists too) is replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_json(path: Path) -> dict:
    try:
        return read_json_object(path)
    except JsonFileError as err:
        raise KindError(str(err)) from err


def _validate_raw(data: dict, path: Path) -> None:
    errors = sorted(_validator().iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.path))))
    if errors:
        raise KindError(f"「{path.name}」格式錯誤：{explain_schema_error(errors[0])}")


def _check_complete(kind: Kind) -> None:
    """What a schema cannot say: references between parts of the kind, and names the program knows."""
    from desktop.domain.report import Report

    data = kind.data
    for key in ("name", "steps", "templates"):
        if key not in data:
            raise KindError(f"缺少必要的欄位「{key}」")
    ids = [s["id"] for s in data["steps"]]
    if len(ids) != len(set(ids)):
        raise KindError("步驟代號（steps 的 id）重複")
    report_fields = {f.name for f in dataclasses.fields(Report)}
    for step in data["steps"]:
        for spec in step.get("fields", []):
            if spec["type"] != "cover" and spec["key"] not in report_fields:
                raise KindError(f"步驟「{step['title']}」的欄位「{spec['key']}」不是報告的欄位（可用的欄位見 docs/report-kinds.md）")
    keys = [c["key"] for c in data["chapters"]]
    if len(keys) != len(set(keys)):
        raise KindError("預設章節（chapters 的 key）重複")
    for part in data["required_parts"]:
        if not any(k in keys for k in part["chapters"]):
            raise KindError(f"必要部分「{part['label']}」指向的章節「{'、'.join(part['chapters'])}」都不在 chapters 中")
    for role in TEMPLATE_ROLES:
        path = kind.template_path(role)
        if path is not None and not path.is_file():
            raise KindError(f"找不到{ROLE_NAMES[role]}範本「{kind.template_name(role)}」")
    if kind.template_name("review_sheet"):
        from desktop.domain.review_sheet import review_sheet_of

        review_sheet_of(kind)  # its items and signatures must read


def build_kind(kind_id: str, raw: dict, source: Path, folder: Path | None,
               bases: Callable[[str], dict | None]) -> Kind:
    """A Kind from a file's content: validated, its `extends` resolved, defaults filled in."""
    _validate_raw(raw, source)
    if raw.get("id", kind_id) != kind_id:
        raise KindError(f"檔案中的 id「{raw['id']}」與{'資料夾' if folder else '檔案'}名稱「{kind_id}」不同")
    merged = raw
    seen = {kind_id}
    while "extends" in merged:
        parent_id = merged["extends"]
        if parent_id in seen:
            raise KindError(f"extends 形成循環（{parent_id}）")
        seen.add(parent_id)
        parent = bases(parent_id)
        if parent is None:
            raise KindError(f"extends 指向不存在的內建種類「{parent_id}」")
        rest = {k: v for k, v in merged.items() if k != "extends"}
        merged = _merge(parent, rest)
    data = _merge(DEFAULTS, merged)
    data["id"] = kind_id
    kind = Kind(kind_id, data, folder, source)
    _check_complete(kind)
    return kind


def _builtin_raw() -> dict[str, tuple[Path, dict | KindError]]:
    out: dict[str, tuple[Path, dict | KindError]] = {}
    for path in sorted(forms_dir().glob("*.json")):
        if path.name == SCHEMA_FILE:
            continue
        try:
            out[path.stem] = (path, _read_json(path))
        except KindError as err:
            out[path.stem] = (path, err)
    return out


def scan(data_dir: Path | None = None,
         template_problems: Callable[[Path], list[str]] | None = None) -> KindRegistry:
    """Every kind: the built-in ones in forms/, then the agency folders under `<data_dir>/kinds/`.

    `template_problems(path)` (export's template check) vets an agency kind's own templates; its
    messages make the kind unusable. A kind that fails is listed in `unusable` with the reason."""
    registry = KindRegistry()
    raws = _builtin_raw()

    def base(kind_id: str) -> dict | None:
        found = raws.get(kind_id)
        return found[1] if found and isinstance(found[1], dict) else None

    for kind_id, (path, raw) in raws.items():
        try:
            if isinstance(raw, KindError):
                raise raw
            registry.kinds[kind_id] = build_kind(kind_id, raw, path, None, base)
        except KindError as err:
            registry.unusable.append(Unusable(kind_id, path, str(err)))
    agency_root = Path(data_dir) / "kinds" if data_dir else None
    if agency_root is not None and agency_root.is_dir():
        for folder in sorted(p for p in agency_root.iterdir() if p.is_dir()):
            path = folder / KIND_FILE
            try:
                if not path.is_file():
                    raise KindError(f"資料夾中沒有 {KIND_FILE}")
                if folder.name in registry.kinds:
                    raise KindError(f"代號「{folder.name}」與內建種類相同，請換一個資料夾名稱")
                kind = build_kind(folder.name, _read_json(path), path, folder, base)
                if template_problems is not None:
                    for role in TEMPLATE_ROLES:
                        tpl = kind.template_path(role)
                        if tpl is not None and tpl.parent == folder:
                            problems = template_problems(tpl)
                            if problems:
                                raise KindError(f"{ROLE_NAMES[role]}範本「{tpl.name}」有問題：{problems[0]}")
                registry.kinds[folder.name] = kind
            except KindError as err:
                registry.unusable.append(Unusable(folder.name, path, str(err)))
    if not registry.kinds:
        raise KindError("沒有任何可用的報告種類：程式的 forms 資料夾可能不完整，請重新安裝。")
    return registry


# ---- the registry in use --------------------------------------------------------------------

_current: KindRegistry | None = None
_source: tuple[Path | None, Callable[[Path], list[str]] | None] = (None, None)


def use_registry(registry: KindRegistry | None) -> None:
    """Make `registry` the one drafts are matched against (None: the built-in kinds, loaded lazily)."""
    global _current, _source
    _current = registry
    if registry is None:
        _source = (None, None)


def use_data_folder(data_dir: Path | None, template_problems: Callable[[Path], list[str]] | None = None) -> None:
    """Match drafts against the built-in kinds and `data_dir`'s, read when first needed (opening
    the database stays quick; jsonschema loads with the first draft)."""
    global _current, _source
    _current, _source = None, (data_dir, template_problems)


_vetting = threading.local()  # set while this thread checks an agency kind's templates


def registry() -> KindRegistry:
    global _current
    if _current is None:
        if getattr(_vetting, "active", False):
            # The template check makes a draft to learn the template's fields, and that draft asks
            # for the registry being built: it gets the built-in kinds instead of a scan of its own
            # (which would check the same template again, a hundred levels deep).
            return _builtin_registry()
        _vetting.active = True
        try:
            _current = scan(*_source)
        finally:
            _vetting.active = False
    return _current


@cache
def _builtin_registry() -> KindRegistry:
    return scan()


def get_kind(kind_id: str | None = None) -> Kind:
    """The kind with this id, or the default (中央) kind when it is unknown."""
    reg = registry()
    return reg.get(kind_id or DEFAULT_KIND) or reg.default


def kind_of(report) -> Kind:
    return get_kind(report.kind)


def missing_kind_notice(report) -> str:
    """A notice for a draft whose kind is gone (an agency folder removed or broken); "" otherwise."""
    reg = registry()
    if reg.get(report.kind) is not None:
        return ""
    broken = next((u for u in reg.unusable if u.id == report.kind), None)
    why = f"（{broken.reason}）" if broken else "（已不存在）"
    return (f"這份草稿的報告種類「{report.kind}」目前無法使用{why}，暫以「{reg.default.name}」的規則與範本開啟；"
            "內容都保留，修好該種類後會自動恢復。")
