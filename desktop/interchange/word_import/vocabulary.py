"""What the report kinds' own templates say, read back as the words to look for.

A cover line such as 「服務機關：{{ agency }}」 or a 提要 row 「聯絡人／電話 | {{ contact_line }}」 tells
the importer both the label a report prints and which draft field it holds. So the labels are not
written in Python: they come from each kind's templates (and so from an agency's own templates too),
with 「{{ kind_word }}」 read as either 出國 or 赴大陸地區. Paragraphs that mix text and several tags
become patterns; paragraphs with no tag at all are the template's fixed wording, skipped on import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from desktop.interchange.word_import.outline import Para, Table

KIND_WORDS = {"出國": False, "赴大陸地區": True}
TAG = re.compile(r"\{\{-?\s*([\w.]+)\s*-?\}\}")
STATEMENT = re.compile(r"\{%-?\s*(\w+)?\s*(.*?)\s*-?%\}")
LABEL_SPLIT = re.compile(r"^(?P<label>[^：:]{1,30}?)\s*[：:]\s*(?P<value>.*)$", re.S)
_SPACE = re.compile(r"[\s\u3000]+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def label_key(text: str) -> str:
    """A label compared loosely: no spaces, no slashes or brackets (派赴國家/地區 = 派赴國家地區)."""
    return re.sub(r"[\s\u3000/／()（）、]", "", text)


@dataclass
class LabelRule:
    label: str  # label_key of the printed label
    var: str  # the template name the value fills ("agency", "travellers.line", "category_boxes")
    mainland: bool | None = None  # the label spelled 出國 (False) or 赴大陸地區 (True)
    pattern: re.Pattern | None = None  # the value's shape when it holds several names


@dataclass
class LinePattern:
    regex: re.Pattern


@dataclass
class Vocabulary:
    labels: list[LabelRule] = field(default_factory=list)
    lines: list[LinePattern] = field(default_factory=list)
    fixed: set[str] = field(default_factory=set)  # squeezed tagless paragraphs: boilerplate
    part_titles: dict[str, bool | None] = field(default_factory=dict)  # squeezed title → mainland

    def rule_for(self, label: str) -> LabelRule | None:
        key = label_key(label)
        if not key:
            return None
        exact = next((r for r in self.labels if r.label == key), None)
        if exact is not None:
            return exact
        # 派赴國家 for 派赴國家/地區, 出國計畫主辦機關 for 主辦機關: one contains the other
        near = [r for r in self.labels if len(key) >= 2 and (r.label.startswith(key) or key.endswith(r.label))
                and min(len(key), len(r.label)) >= 2]
        return max(near, key=lambda r: len(r.label)) if near else None


def _value_regex(text: str) -> re.Pattern | None:
    """A pattern for a value template holding several names and optional parts:
    「{{ contact_name }}{% if contact_phone %}　電話：{{ contact_phone }}{% endif %}」."""
    out = ""
    pos = 0
    names = 0
    tokens = sorted([(m.start(), m.end(), "tag", m) for m in TAG.finditer(text)]
                    + [(m.start(), m.end(), "stmt", m) for m in STATEMENT.finditer(text)])
    for start, end, kind, match in tokens:
        out += _literal(text[pos:start])
        if kind == "tag":
            name = match.group(1).replace(".", "__")
            out += f"(?P<{name}>.*?)" if f"(?P<{name}>" not in out else ".*?"
            names += 1
        else:
            word = match.group(1) or ""
            out += "(?:" if word == "if" else ")?" if word == "endif" else ""
        pos = end
    out += _literal(text[pos:])
    if names == 0:
        return None
    try:
        return re.compile(f"^{out}$", re.S)
    except re.error:
        return None


def _literal(text: str) -> str:
    out = ""
    for ch in text:
        if ch.isspace() or ch == "\u3000":
            out += r"\s*"
        elif ch in "：:":
            out += r"\s*[：:]\s*"
        elif ch in "（(":
            out += r"[（(]"
        elif ch in "）)":
            out += r"[）)]"
        elif ch in "／/":
            out += r"[／/]"
        else:
            out += re.escape(ch)
    return out


def _words(text: str, kind) -> list[tuple[str, bool | None]]:
    """The text with the wording names filled in, once per kind word where it uses one."""
    if "kind_word" not in text and "report_kind" not in text and "_title" not in text:
        return [(text, None)]
    out: list[tuple[str, bool | None]] = []
    for word, mainland in KIND_WORDS.items():
        filled = text.replace("{{ kind_word }}", word)
        for name in ("report", "summary_sheet_title", "review_sheet_title", "follow_up_title"):
            tag = "{{ report_kind }}" if name == "report" else f"{{{{ {name} }}}}"
            if tag in filled:
                filled = filled.replace(tag, kind.wording(name, word))
        out.append((filled, mainland))
    if out[0][0] == out[1][0]:
        return [(out[0][0], None)]
    return out


def _add_label(vocab: Vocabulary, label: str, value: str, mainland: bool | None) -> None:
    if "region_label" in label:
        for word in ("出國地區", "前往地區"):
            _add_label(vocab, label.replace("{{ region_label }}", word), value, mainland)
        return
    if TAG.search(label) or not label_key(label):
        return
    if not TAG.search(value) and "{%" not in value:
        vocab.labels.append(LabelRule(label_key(label), "", mainland))  # printed, not a field (頁數)
        return
    var = ""
    if "for t in travellers" in value:
        attr = re.search(r"\{\{\s*t\.(\w+)\s*\}\}", value)
        var = f"travellers.{attr.group(1) if attr else 'line'}"
    elif "for c in category_boxes" in value:
        var = "category_boxes"
    elif "for p in summary_paragraphs" in value:
        var = "summary_paragraphs"
    else:
        names = TAG.findall(value)
        if not names:
            return
        var = names[0]
    plain = STATEMENT.sub("", value).strip()
    pattern = None
    if var in ("category_boxes", "summary_paragraphs") or var.startswith("travellers."):
        pattern = None
    elif len(TAG.findall(value)) > 1 or TAG.sub("", plain).strip():
        pattern = _value_regex(value)
    if var.startswith("has_attachments"):
        var = "has_attachments"
    vocab.labels.append(LabelRule(label_key(label), var, mainland, pattern))


def _read_template_lines(path: Path) -> list[list[str]]:
    """Each paragraph as [text], each table row as its cells' texts, in order (read once per
    file: several kinds share a template)."""
    stat = path.stat()
    return _template_lines(path, stat.st_mtime_ns, stat.st_size)


@cache
def _template_lines(path: Path, _mtime: int, _size: int) -> list[list[str]]:
    from desktop.interchange.word_import.container import open_docx
    from desktop.interchange.word_import.walker import walk

    out: list[list[str]] = []
    for item in walk(open_docx(path)).items:
        if isinstance(item, Para):
            out.append([item.shown])
        elif isinstance(item, Table):
            out.extend([[c.text if c is not None else "" for c in row] for row in item.rows])
    return out


def vocabulary_of(kind) -> Vocabulary:
    """The words of every template the kind uses (report and sheets)."""
    paths = tuple(p for p in (kind.template_path(role) for role in ("report", "summary_sheet", "follow_up_sheet"))
                  if p is not None and p.is_file())
    return _vocabulary(kind.id, paths, _wording_key(kind))


def _wording_key(kind) -> tuple:
    return tuple(sorted(kind.data["wording"].items()))


@cache
def _vocabulary(kind_id: str, paths: tuple[Path, ...], wording: tuple) -> Vocabulary:
    from desktop.domain.kinds import get_kind

    kind = get_kind(kind_id)
    vocab = Vocabulary()
    for path in paths:
        try:
            lines = _read_template_lines(path)
        except Exception:  # noqa: BLE001 - a damaged agency template only costs its words
            continue
        for cells in lines:
            if len(cells) >= 2 and cells[0].strip() and not TAG.search(cells[0].replace("{{ kind_word }}", "")
                                                                           .replace("{{ region_label }}", "")):
                for label, mainland in _words(cells[0], kind):
                    _add_label(vocab, label, " ".join(cells[1:]), mainland)
                continue
            for text in cells:
                _read_paragraph(vocab, text, kind)
    return vocab


def _read_paragraph(vocab: Vocabulary, text: str, kind) -> None:
    text = text.strip()
    if not text or STATEMENT.fullmatch(text):
        return
    for filled, mainland in _words(text, kind):
        if not TAG.search(filled) and not STATEMENT.search(filled):
            if filled.strip() == TAG.sub("", text).strip() or "_title" in text or "report_kind" in text:
                if TAG.fullmatch(text.strip()):
                    vocab.part_titles[squeeze(filled)] = mainland
                elif "{{" not in filled and len(squeeze(filled)) >= 2:
                    vocab.fixed.add(squeeze(filled))
            continue
        split = LABEL_SPLIT.match(filled)
        if split and not TAG.search(split.group("label")) and TAG.search(split.group("value")):
            _add_label(vocab, split.group("label"), split.group("value"), mainland)
            continue
        if TAG.sub("", STATEMENT.sub("", filled)).strip():
            regex = _value_regex(filled.replace("{{ kind_word }}", "{{ kind_word }}"))
            if regex is not None:
                vocab.lines.append(LinePattern(regex))
