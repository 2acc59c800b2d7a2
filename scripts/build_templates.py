"""Build the built-in .docx templates in templates/ from code, so they can be made again and
reviewed as a diff. A person may still open and adjust the result in Word or LibreOffice: every tag
is plain text typed in one run (docs/templates.md lists them).

Run: python scripts/build_templates.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
CHINESE_FONT = "標楷體"
LATIN_FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def set_run_fonts(rpr) -> None:
    """Latin and East Asian fonts both, and no theme fonts: a w:asciiTheme attribute would win over
    w:ascii, and python-docx's font.name sets only the Latin slots."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), CHINESE_FONT)


def set_fonts(style, size_pt: float, bold: bool = False) -> None:
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    set_run_fonts(style.element.get_or_add_rPr())


def setup_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    section.footer_distance = Mm(12)
    styles = doc.styles
    # Document defaults too, so text outside any style (table cells of an edited template) keeps 標楷體.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    set_run_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = styles["Normal"]
    set_fonts(normal, 14)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    body = styles["Body Text"]
    set_fonts(body, 14)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(0)
    for level in range(1, 6):
        style = styles[f"Heading {level}"]
        set_fonts(style, 16 if level == 1 else 14, bold=level <= 2)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(6 if level == 1 else 0)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.line_spacing = 1.5
        # A hanging indent as wide as the number (壹、 一、 （一）), so a long heading wraps under its
        # text rather than under the number.
        width = {1: 2 * 16, 2: 2 * 14, 3: 3 * 14}.get(level)
        if width:
            style.paragraph_format.left_indent = Pt(width)
            style.paragraph_format.first_line_indent = Pt(-width)
    caption = styles["Caption"]
    set_fonts(caption, 12)
    caption.paragraph_format.alignment = CENTER
    caption.paragraph_format.keep_together = True
    for name, size in (("Part Title", 18), ("Cover Title", 24)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        set_fonts(style, size, bold=True)
        style.paragraph_format.alignment = CENTER
        style.paragraph_format.space_after = Pt(12)
    styles["Part Title"].paragraph_format.page_break_before = True
    styles["Part Title"].next_paragraph_style = body
    add_page_number_footer(section)
    return doc


def add_field(paragraph, instruction: str, placeholder: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", placeholder),
                       ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                el.set(qn("w:dirty"), "true")
        run._r.append(el)


def add_page_number_footer(section) -> None:
    """Page numbers centred in the footer; the cover (first page) has none."""
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = CENTER
    add_field(paragraph, "PAGE", "1")


def para(doc, text: str = "", style: str | None = None, align=None, size: float | None = None, bold=None):
    p = doc.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        if size:
            run.font.size = Pt(size)
        if bold is not None:
            run.font.bold = bold
    if align is not None:
        p.alignment = align
    return p


def indent_first_line(p) -> None:
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLine"), "560")
    ind.set(qn("w:firstLineChars"), "200")


def set_widths(table, widths) -> None:
    """Fixed widths in the grid (LibreOffice reads these) and in every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def label_table(doc, rows: list[tuple[str, str]], widths=(4.2, 11.8)):
    """A two-column form table: label | value (the value may hold tags and paragraph loops)."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(widths[0]), Cm(widths[1])
        cell_lines(cells[0], [label], bold=True)
        cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if value == PAGE_COUNT:
            paragraph = cells[1].paragraphs[0]
            add_field(paragraph, "NUMPAGES", "1")
            paragraph.runs[-1].font.size = Pt(12)
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
        else:
            cell_lines(cells[1], value.split("\n"))
    set_widths(table, widths)
    return table


def cell_lines(cell, lines: list[str], bold: bool = False, center: bool = False, size: float = 12) -> None:
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.line_spacing = 1.15
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(2)
        if center:
            p.alignment = CENTER
        run = p.add_run(line)
        run.font.size = Pt(size)
        run.bold = bold or None


PAGE_COUNT = "<NUMPAGES field>"

SUMMARY_SHEET_ROWS = [
    ("系統識別號", "{{ system_id }}"),
    ("計畫名稱", "{{ title }}"),
    ("主辦機關", "{{ host_agency }}"),
    ("聯絡人／電話", "{{ contact_line }}"),
    ("{{ kind_word }}人員\n（姓名／服務機關／單位／職稱／官職等）",
     "{%p for t in travellers %}\n{{ t.line }}\n{%p endfor %}"),
    ("{{ kind_word }}類別", "{% for c in category_boxes %}{{ c.box }}{{ c.name }}　{% endfor %}"),
    ("{{ kind_word }}期間", "{{ period_plain }}"),
    ("{{ region_label }}", "{{ places }}"),
    ("參訪機關", "{{ visited_agencies }}"),
    ("報告日期", "{{ report_date_plain }}"),
    ("關鍵詞", "{{ keywords }}"),
    ("主題分類", "{{ topic }}"),
    ("含附件", "{{ has_attachments_yes }}是　{{ has_attachments_no }}否"),
    ("內容摘要", "{%p for p in summary_paragraphs %}\n{{ p }}\n{%p endfor %}"),
]


def add_summary_sheet(doc, new_page: bool, page_count: bool = False) -> None:
    """The 提要. Inside the full report it also gives 頁數 (the portals ask for it) as a NUMPAGES
    field, which Word refreshes on opening and LibreOffice when converting; a lone 提要 sheet cannot
    know the report's length."""
    p = para(doc, "{{ summary_sheet_title }}", style="Part Title")
    p.paragraph_format.page_break_before = new_page
    rows = list(SUMMARY_SHEET_ROWS)
    if page_count:
        rows.insert([label for label, _ in rows].index("含附件"), ("頁數", PAGE_COUNT))
    label_table(doc, rows)


def add_cover(doc) -> None:
    para(doc, "{{ report_kind }}（{{ kind_word }}類別：{{ category }}）", align=CENTER, size=16)
    for _ in range(5):
        para(doc)
    para(doc, "{{ title }}", style="Cover Title")
    for _ in range(7):
        para(doc)
    for label, tag in (("服務機關", "agency"), ("姓名職稱", "traveller_line"),
                       ("派赴國家/地區", "places"), ("{{ kind_word }}期間", "period"),
                       ("報告日期", "report_date")):
        p = para(doc, f"{label}：{{{{ {tag} }}}}")
        p.paragraph_format.left_indent = Cm(2.5)


def add_summary_part(doc) -> None:
    para(doc, "摘要", style="Part Title")
    para(doc, "{%p for p in summary_paragraphs %}", style="Body Text")
    indent_first_line(para(doc, "{{ p }}", style="Body Text"))
    para(doc, "{%p endfor %}", style="Body Text")


def add_contents(doc) -> None:
    para(doc, "目次", style="Part Title")
    add_field(para(doc), 'TOC \\o "1-3" \\h \\z \\u', "（目次於開啟檔案時更新；若未更新，請在此按右鍵選「更新功能變數」。）")


def build_full_report(path: Path, *, follow_up: bool = False) -> None:
    doc = setup_document()
    add_cover(doc)
    add_summary_sheet(doc, new_page=True, page_count=True)
    add_summary_part(doc)
    add_contents(doc)
    para(doc, "{{p body }}")
    if follow_up:
        add_follow_up_section(doc)
    doc.save(str(path))


def landscape_section(doc):
    """A new landscape section (A4 turned) for a wide table; its page numbers continue."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(20)
    section.different_first_page_header_footer = False
    return section


def add_follow_up_section(doc, *, new_section: bool = True) -> None:
    """The 建議事項採行情形追蹤表 on landscape pages: the table is built in code (one row per
    recommendation and responsible agency, header repeated), this part only frames it."""
    if new_section:
        landscape_section(doc)
    title = para(doc, "{{ follow_up_title }}", style="Part Title")
    title.paragraph_format.page_break_before = False
    para(doc, "報告名稱：{{ title }}", size=12)
    para(doc, "{{ kind_word }}期間：{{ period_plain }}", size=12)
    para(doc, "{{p follow_up_table }}")
    para(doc, "說明：採行情形請填「已採行」「部分採行」「研議中」或「不採行」並敘明理由；每6個月追蹤1次。", size=12)


def build_follow_up_sheet(path: Path) -> None:
    doc = setup_document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.different_first_page_header_footer = False
    add_follow_up_section(doc, new_section=False)
    doc.save(str(path))


TAICHUNG_SHEET_ROWS = [
    ("類別", "{{ category }}"),
    ("出國報告提要名稱", "{{ title }}"),
    ("含附件", "{{ has_attachments_yes }}是　{{ has_attachments_no }}否"),
    ("出國計畫主辦機關", "{{ host_agency }}"),
    ("聯絡人", "{{ contact_name }}{% if contact_phone %}　電話：{{ contact_phone }}{% endif %}"),
    ("出國人員姓名/服務機關/單位/職稱", "{%p for t in travellers %}\n{{ t.line_short }}\n{%p endfor %}"),
    ("出國類別", "{% for c in category_boxes %}{{ c.box }}{{ c.name }}　{% endfor %}"
                 "{% if other_kind_boxes %}（{% for c in other_kind_boxes %}{{ c.box }}{{ c.name }}　{% endfor %}）{% endif %}"),
    ("出國期間", "{{ period_plain }}"),
    ("出國地區", "{{ places }}"),
    ("報告日期", "{{ report_date_plain }}"),
]


def add_taichung_sheet(doc) -> None:
    """臺中市政府公務出國或赴大陸地區報告提要: its own rows, and 內容摘要 (500字以上) holding 壹、摘要."""
    p = para(doc, "{{ summary_sheet_title }}", style="Part Title")
    p.paragraph_format.page_break_before = False
    label_table(doc, TAICHUNG_SHEET_ROWS, widths=(4.6, 11.4))
    para(doc, "內容摘要：（500字以上）", bold=True)
    para(doc, "{{ summary_heading }}", style="Heading 1")
    para(doc, "{%p for p in summary_paragraphs %}", style="Body Text")
    indent_first_line(para(doc, "{{ p }}", style="Body Text"))
    para(doc, "{%p endfor %}", style="Body Text")


def build_taichung_summary_sheet(path: Path) -> None:
    doc = setup_document()
    doc.sections[0].different_first_page_header_footer = False
    add_taichung_sheet(doc)
    doc.save(str(path))


def build_taichung_full_report(path: Path) -> None:
    """The 提要 comes first (it holds 壹、摘要), then the body from 貳、出國人員名單 on, as published."""
    doc = setup_document()
    doc.sections[0].different_first_page_header_footer = False
    add_taichung_sheet(doc)
    para(doc, "{{p body }}")
    doc.save(str(path))


def build_new_taipei_full_report(path: Path) -> None:
    """A first page with 類別, 地區, the title and 主辦機關; then 摘要, 目次 (第一章 …) and the body."""
    doc = setup_document()
    for label, tag in (("類別", "category"), ("地區", "places")):
        para(doc, f"{label}：{{{{ {tag} }}}}", size=14)
    for _ in range(6):
        para(doc)
    para(doc, "{{ title }}", style="Cover Title")
    para(doc, "{{ report_kind }}", align=CENTER, size=18)
    for _ in range(8):
        para(doc)
    for label, tag in (("主辦機關", "host_agency"), ("姓名職稱", "traveller_line"),
                       ("{{ kind_word }}期間", "period"), ("報告日期", "report_date")):
        p = para(doc, f"{label}：{{{{ {tag} }}}}")
        p.paragraph_format.left_indent = Cm(2.5)
    add_summary_part(doc)
    add_contents(doc)
    para(doc, "{{p body }}")
    doc.save(str(path))


def build_press_release(path: Path) -> None:
    """「<機關> 新聞稿」, the four lines, the headline and the body with its captioned photos."""
    doc = setup_document()
    doc.sections[0].different_first_page_header_footer = False
    title = para(doc, "{{ agency }} 新聞稿", style="Cover Title")
    title.runs[0].font.size = Pt(20)
    for label, tag in (("發布機關", "agency"), ("張貼日", "report_date_slash"), ("聯絡人", "contact_name"),
                       ("聯絡資訊", "contact_phone")):
        para(doc, f"{label}:{{{{ {tag} }}}}")
    headline = para(doc, "{{ title }}", align=CENTER, size=16, bold=True)
    headline.paragraph_format.space_before = Pt(12)
    headline.paragraph_format.space_after = Pt(6)
    para(doc, "{{p body }}")
    doc.save(str(path))


def build_summary_sheet(path: Path) -> None:
    doc = setup_document()
    add_summary_sheet(doc, new_page=False)
    doc.sections[0].different_first_page_header_footer = False
    doc.save(str(path))


def build_review_sheet(path: Path) -> None:
    doc = setup_document()
    doc.sections[0].different_first_page_header_footer = False
    # A checklist is signed on one sheet: single spacing and 12 pt keep the header, the ten items
    # and the signature boxes on one A4 page.
    for name in ("Normal", "Body Text") if "Body Text" in [s.name for s in doc.styles] else ("Normal",):
        doc.styles[name].paragraph_format.line_spacing = 1.0
        doc.styles[name].font.size = Pt(12)
    doc.sections[0].top_margin = doc.sections[0].bottom_margin = Cm(1.8)
    para(doc, "{{ review_sheet_title }}", style="Cover Title").runs[0].font.size = Pt(18)
    label_table(doc, [
        ("報告名稱", "{{ title }}"),
        ("出國人姓名", "{{ traveller_names }}"),
        ("職稱", "{{ lead_title }}"),
        ("服務單位", "{{ lead_unit }}"),
        ("出國類別", "{{ category }}"),
        ("出國期間", "{{ period_plain }}"),
        ("報告繳交日期", "{{ report_date_plain }}"),
    ])
    para(doc)
    widths = (1.2, 9.6, 1.3, 1.3, 1.3, 1.3)
    table = doc.add_table(rows=5, cols=6)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].merge(sub[0])
    top[1].merge(sub[1])
    top[2].merge(top[3])
    top[4].merge(top[5])
    cell_lines(table.cell(0, 0), ["項次"], bold=True, center=True)
    cell_lines(table.cell(0, 1), ["審核項目"], bold=True, center=True)
    cell_lines(table.cell(0, 2), ["出國人\n自我檢核"][0].split("\n"), bold=True, center=True)
    cell_lines(table.cell(0, 4), ["機關\n審核"][0].split("\n"), bold=True, center=True)
    for i, text in enumerate(("是", "否", "是", "否")):
        cell_lines(table.cell(1, 2 + i), [text], bold=True, center=True)
    cell_lines(table.cell(2, 0), ["{%tr for i in review_items %}"])
    for cell, text, w in zip(table.rows[3].cells, ("{{ i.no }}", "{{ i.text }}", "{{ i.self_yes }}", "{{ i.self_no }}",
                                                   "{{ i.review_yes }}", "{{ i.review_no }}"), widths, strict=True):
        cell.width = Cm(w)
        cell_lines(cell, [text], center=text != "{{ i.text }}")
    cell_lines(table.cell(4, 0), ["{%tr endfor %}"])
    set_widths(table, widths)
    para(doc)
    # One column per signer the kind declares (review_sheet in templates/review-sheet.json or the
    # kind file): the {%tc %} cells repeat the middle one, and docxtpl fits the grid to the count.
    sign = doc.add_table(rows=2, cols=3)
    sign.style = doc.styles["Table Grid"]
    sign.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, label in ((sign.rows[0], "{{ s }}"), (sign.rows[1], "")):
        cells = row.cells
        cell_lines(cells[0], ["{%tc for s in signatures %}"])
        cell_lines(cells[1], [label] if label else [], bold=True, center=True)
        cell_lines(cells[2], ["{%tc endfor %}"])
    sign.rows[1].height = Cm(2.2)
    set_widths(sign, (5.3, 5.3, 5.4))
    para(doc, "{{ review_note }}", size=11)
    doc.save(str(path))


# (file stem, name, form, role, listed by name in menus, builder)
TEMPLATES = (
    ("full-report", "完整出國報告（中央通用格式）", "full-report", "report", True, build_full_report),
    ("taipei-full-report", "完整出國報告（臺北市，含建議事項採行情形追蹤表）", "full-report", "report", False,
     lambda p: build_full_report(p, follow_up=True)),
    ("taichung-full-report", "完整出國報告（臺中市）", "full-report", "report", False, build_taichung_full_report),
    ("new-taipei-full-report", "完整出國報告（新北市）", "full-report", "report", False, build_new_taipei_full_report),
    ("press-release", "新聞稿", "full-report", "report", False, build_press_release),
    ("summary-sheet", "出國報告提要（單頁）", "summary-only", "summary_sheet", True, build_summary_sheet),
    ("taichung-summary-sheet", "臺中市政府公務出國或赴大陸地區報告提要", "summary-only", "summary_sheet", False,
     build_taichung_summary_sheet),
    ("review-sheet", "出國報告審核表", "review", "review_sheet", True, build_review_sheet),
    ("follow-up-sheet", "建議事項採行情形追蹤表", "follow-up", "follow_up_sheet", False, build_follow_up_sheet),
)


def main() -> int:
    out = ROOT / "templates"
    out.mkdir(exist_ok=True)
    for stem, name, form, role, listed, build in TEMPLATES:
        build(out / f"{stem}.docx")
        # what the script does not make (the 審核表's items and signatures) stays as written
        written = out / f"{stem}.json"
        kept = json.loads(written.read_text(encoding="utf-8")) if written.is_file() else {}
        manifest = {**kept, "name": name, "file": f"{stem}.docx", "form": form, "role": role, "listed": listed}
        (out / f"{stem}.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out / stem}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
