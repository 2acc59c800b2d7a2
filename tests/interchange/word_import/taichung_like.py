"""A .docx shaped like the published Taichung report in the shared examples folder, built at test
time from its text (nothing of it ships): the 提要 as a label table, headings typed with their
numbers, tab-separated lines as tables, and a picture wherever the text shows a picture's gap
(three empty lines) above its caption."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.export.published_examples import example_file
from tests.interchange.word_import import word_documents as wd

SOURCE = "taichung-2018-world-cities-summit.txt"
HEADING = re.compile(r"^(?:[壹貳參肆伍陸柒捌玖拾]+、|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+\.)")


def _boxes(text: str) -> str:
    text = re.sub(r'<input checked="" type="checkbox"/>\s*', "☑", text)
    return re.sub(r'<input type="checkbox"/>\s*', "☐", text)


def build(target: Path) -> Path | None:
    path = example_file(SOURCE)
    if path is None:
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    doc = Document()
    i = 0
    while not lines[i].strip():
        i += 1
    wd.heading(doc, lines[i].strip()).alignment = WD_ALIGN_PARAGRAPH.CENTER
    i += 1
    rows: list[list[str]] = []
    summary_html = ""
    while not lines[i].startswith("貳、"):
        line = _boxes(lines[i].strip())
        i += 1
        if not line:
            continue
        if line.startswith("<p>"):
            summary_html = line
            continue
        if line.startswith("內容摘要"):
            rows.append([line.rstrip("：:"), ""])
            continue
        if "：" not in line and "/" in line and line.endswith(("職稱", "職稱/")):
            rows.append([line, ""])  # 出國人員姓名/服務機關/單位/職稱, one person a line below it
            continue
        cells = []
        for part in line.split("\t"):
            if "：" in part:
                label, value = part.split("：", 1)
                cells += [label.strip(), value.strip()]
            elif part.strip() and rows and not cells:
                rows[-1][-1] = (rows[-1][-1] + "\n" + part.strip()).strip()
        if cells:
            rows.append(cells)
    width = max(len(r) for r in rows)
    wd.table(doc, [r + [""] * (width - len(r)) for r in rows])
    for para in re.findall(r"<p>(.*?)</p>", summary_html):
        if HEADING.match(para.strip()) and len(para) < 12:
            wd.heading(doc, para.strip())
        else:
            doc.add_paragraph(para.strip())
    blank = 0
    table_rows: list[list[str]] = []
    for raw in lines[i:]:
        line = raw.strip().removeprefix("- ").strip()
        if "\t" in raw and line:
            table_rows.append([c.strip() for c in raw.split("\t")])
            continue
        if table_rows:
            wd.table(doc, table_rows)
            table_rows = []
        if not line:
            blank += 1
            continue
        if blank >= 3 and len(line) <= 40:
            wd.picture(doc, wd.picture_bytes((30 + 7 * len(line) % 200, 90, 140)), width_cm=6)
            wd.caption(doc, line)
        elif HEADING.match(line) and len(line) <= 60 and not line.endswith("。"):
            wd.heading(doc, line)
        else:
            doc.add_paragraph(line)
        blank = 0
    if table_rows:
        wd.table(doc, table_rows)
    doc.save(target)
    return target
