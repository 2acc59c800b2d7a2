"""Checking an agency's own .docx template before it is used, in plain Chinese.

Word breaks what a person typed into several runs (spell-check marks, a changed font), turns
straight quotes into curly ones, and people misspell field names. docxtpl either fails with a Jinja
message nobody in an office can read or prints nothing where a field was. So we look first and say
what is wrong and where: syntax errors, unknown fields, missing main fields, tags split across runs
or paragraphs, pictures inside text boxes, attempts to reach program internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop.export.safe_docx import UnsafeDocx, parse_part, read_docx_parts

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
OPENERS = ("{{", "{%", "{#")
CURLY_QUOTES = "“”‘’「」"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STORY_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


@dataclass
class TemplateProblem:
    code: str
    message: str
    fatal: bool = True


def known_fields() -> set[str]:
    from desktop.domain.report import Report
    from desktop.export.context import build_context

    return set(build_context(Report.new())) | {"body", "photo_captions"}


def _paragraph_texts(root) -> list[tuple[str, list[str]]]:
    """(paragraph text, texts of its runs) for every paragraph of a story part."""
    out = []
    for p in root.iter(f"{{{W_NS}}}p"):
        runs = []
        for r in p.iter(f"{{{W_NS}}}r"):
            runs.append("".join(t.text or "" for t in r.iter(f"{{{W_NS}}}t")))
        out.append(("".join(runs), runs))
    return out


PLAIN_OPEN = re.compile(r"^\{%-?\s*(if|for)\b")
PLAIN_END = re.compile(r"^\{%-?\s*end(if|for)\b")


def _blocks_across_containers(root) -> list[str]:
    """Plain {% if %}/{% for %} blocks whose end sits in another table cell, row or text box than
    their start. docxtpl then cuts the document's XML in the middle of a table and the result is a
    file Word cannot open (lxml even repairs it silently). {%p %}, {%tr %} and {%tc %} are fine."""
    stack: list[tuple[str, object]] = []
    bad = []
    for p in root.iter(f"{{{W_NS}}}p"):
        text = "".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t"))
        for match in TAG.finditer(text):
            tag = match.group()
            if PLAIN_OPEN.match(tag):
                stack.append((tag, p.getparent()))
            elif PLAIN_END.match(tag) and stack:
                opened, parent = stack.pop()
                if parent is not p.getparent():
                    bad.append(f"{opened} … {tag}")
    return bad


def _split_runs(text: str, runs: list[str]) -> bool:
    """True when some tag of the paragraph starts in one run and ends in another."""
    pos = 0
    bounds = []
    for run in runs:
        bounds.append((pos, pos + len(run)))
        pos += len(run)
    for match in TAG.finditer(text):
        start, end = match.span()
        if not any(a <= start and end <= b for a, b in bounds):
            return True
    return False


def _short(tag: str) -> str:
    return tag if len(tag) <= 40 else tag[:37] + "…"


def check_xml_parts(parts: dict[str, bytes]) -> list[TemplateProblem]:
    problems: list[TemplateProblem] = []
    split_seen: set[str] = set()
    for name, xml in parts.items():
        root = parse_part(name, xml)
        if b"txbxContent" in xml and re.search(rb"<w:txbxContent\b.*?(<w:drawing\b|<v:imagedata\b|<pic:pic\b).*?</w:txbxContent>",
                                               xml, re.S):
            problems.append(TemplateProblem(
                "image-in-textbox",
                f"範本的文字方塊中放了圖片（{name}）：轉成 PDF 或 ODT 時圖片常會移位或消失。"
                "請把圖片（例如機關標誌）移出文字方塊，放在頁首或一般段落中。", fatal=False))
        for pair in _blocks_across_containers(root):
            problems.append(TemplateProblem(
                "block-across-cells",
                f"「{_short(pair)}」的開頭與結尾不在同一個表格儲存格（或文字方塊）中，套用後 Word 會打不開。"
                "要重複或省略整列請用 {%tr for … %}／{%tr endfor %}，整段請用 {%p if … %}／{%p endif %}，"
                "或把開頭和結尾放在同一格內。"))
        for text, runs in _paragraph_texts(root):
            for match in TAG.finditer(text):
                tag = match.group()
                if any(q in tag for q in CURLY_QUOTES):
                    problems.append(TemplateProblem(
                        "curly-quotes",
                        f"標籤「{_short(tag)}」中有全形或彎引號（“ ” 「 」）。Word 的自動校正會把直引號換掉；"
                        "請改用半形直引號 \" 或 '，或在 Word 的「自動校正」中關閉「將直引號改為彎引號」。"))
                if re.fullmatch(r"\{\{-?\s*(?:r\s+)?body\s*-?\}\}", tag):
                    problems.append(TemplateProblem(
                        "body-tag", f"本文標籤要寫成「{{{{p body }}}}」（多一個 p，且單獨成一段），"
                                    f"目前的「{_short(tag)}」會產生 Word 打不開的檔案。"))
                if "__" in tag:
                    problems.append(TemplateProblem(
                        "internals", f"標籤「{_short(tag)}」試圖存取程式內部（含有 __）。範本只能印出報告欄位，這個標籤不允許使用。"))
            unclosed = _unclosed(text)
            if unclosed:
                problems.append(TemplateProblem(
                    "split-paragraph",
                    f"標籤「{_short(unclosed)}」沒有在同一段落內結束：請確認 {{{{ }}}} 或 {{% %}} 成對，"
                    "且整個標籤打在同一行，中間不要按 Enter。"))
            if _split_runs(text, runs):
                for match in TAG.finditer(text):
                    split_seen.add(match.group())
    if split_seen:
        tags = "、".join(f"「{_short(t)}」" for t in sorted(split_seen)[:5])
        problems.append(TemplateProblem(
            "split-runs",
            f"有 {len(split_seen)} 個標籤被 Word 拆成好幾段格式（例如 {tags}）。程式會自動接回，"
            "但若標籤中間的字型或顏色不同，印出來可能不一致；建議選取整個標籤，清除格式後一次重打。", fatal=False))
    return problems


def _unclosed(text: str) -> str:
    """The start of a tag opened in this paragraph but not closed in it, or ""."""
    rest = TAG.sub("", text)
    for opener in OPENERS:
        at = rest.find(opener)
        if at >= 0:
            return rest[at:at + 40]
    return ""


def check_template(path: Path, form: str = "full-report") -> list[TemplateProblem]:
    """Every problem found in the template at `path`; fatal ones stop an export."""
    path = Path(path)
    if not path.is_file():
        return [TemplateProblem("missing", f"找不到範本檔「{path}」。")]
    try:
        parts = {n: xml for n, xml in read_docx_parts(path).items() if STORY_PARTS.match(n)}
    except UnsafeDocx as err:
        return [TemplateProblem(err.code, str(err))]
    problems = check_xml_parts(parts)
    if any(p.code in ("split-paragraph", "curly-quotes", "internals", "body-tag", "block-across-cells")
           for p in problems):
        return problems  # Jinja's own message would only repeat these, less clearly
    problems += _check_jinja(path, form)
    return problems


def _template_source(path: Path) -> str:
    """The Jinja source docxtpl renders and checks: the body, then each header and footer, patched
    as docxtpl patches them (DocxTemplate.get_undeclared_template_variables reads the same)."""
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(path))
    docx = tpl.get_docx()
    source = tpl.patch_xml(tpl.xml_to_string(docx.element.body))
    for rel in docx.part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and not rel.is_external and rel.target_part.blob:
            source += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
    return source


def _check_jinja(path: Path, form: str) -> list[TemplateProblem]:
    from jinja2 import TemplateSyntaxError, meta

    from desktop.export.render import jinja_environment
    from desktop.export.template_static import unworkable

    try:
        ast = jinja_environment().parse(_template_source(path))
    except TemplateSyntaxError as err:
        return [TemplateProblem("syntax", f"範本的標籤語法有誤：{_explain_syntax(err.message or '')}"
                                          "（原始訊息：" + (err.message or "") + "）")]
    except Exception:  # noqa: BLE001 - a damaged file can fail anywhere inside python-docx
        # python-docx says what is missing in English and in its own terms; the fix is the same
        return [TemplateProblem("unreadable", f"無法讀取範本「{path.name}」：檔案不完整或不是 Word 存成的 .docx"
                                              "（例如缺少 Word 文件必要的部分）。請用 Word 開啟後另存新檔（.docx），再試一次。")]
    problems = [TemplateProblem(code, message) for code, message in unworkable(ast)]
    used = meta.find_undeclared_variables(ast)
    known = known_fields()
    for name in sorted(used - known):
        problems.append(TemplateProblem(
            "unknown-field",
            f"範本用到不存在的欄位「{name}」。請檢查拼字；可用的欄位列在 docs/templates.md（例如 title、agency、period）。"))
    if form == "full-report":
        for name, label in (("title", "報告名稱"), ("body", "本文（{{p body }}）")):
            if name not in used:
                problems.append(TemplateProblem(
                    "missing-field", f"範本沒有放「{label}」（{name}），匯出的報告會缺這一部分。", fatal=False))
    return problems


def _explain_syntax(message: str) -> str:
    if "unexpected end of template" in message or "endfor" in message or "endif" in message:
        return "有 {% for %} 或 {% if %} 沒有對應的 {% endfor %} / {% endif %}。"
    if "unexpected '}'" in message or "unexpected '%'" in message:
        return "有標籤的括號不成對，例如少打一個 } 或 %。"
    if "unknown tag" in message:
        return "用了不認得的 {% %} 指令。"
    return "標籤寫法不正確。"


def format_problems(problems: list[TemplateProblem]) -> str:
    if not problems:
        return "範本檢查通過，沒有發現問題。"
    lines = []
    for p in problems:
        lines.append(("錯誤：" if p.fatal else "提醒：") + p.message)
    return "\n".join(lines)
