"""Build the built-in .docx templates in templates/ from code, so they can be made again and
reviewed as a diff. A person may still open and adjust the result in Word or LibreOffice.

Run: python scripts/build_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
CHINESE_FONT = "標楷體"
LATIN_FONT = "Times New Roman"


def set_fonts(style, size_pt: float, bold: bool = False) -> None:
    """Latin and East Asian fonts both: python-docx's font.name sets only the Latin slots."""
    style.font.name = LATIN_FONT
    style.font.size = Pt(size_pt)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), CHINESE_FONT)


def setup_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    styles = doc.styles
    set_fonts(styles["Normal"], 14)
    styles["Normal"].paragraph_format.line_spacing = 1.5
    for level, size in ((1, 16), (2, 14), (3, 14)):
        style = styles[f"Heading {level}"]
        set_fonts(style, size, bold=True)
        style.font.color.rgb = None
        style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    set_fonts(styles["Title"], 24, bold=True)
    styles["Title"].font.color.rgb = None
    add_page_number_footer(section)
    return doc


def add_page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


def para(doc, text: str, style: str | None = None, align=None, size: float | None = None, bold=None):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if align is not None:
        p.alignment = align
    return p


def build_full_report(path: Path) -> None:
    doc = setup_document()
    center = WD_ALIGN_PARAGRAPH.CENTER
    # Cover, on its own page.
    para(doc, "{{ report_kind }}（出國類別：{{ category }}）", align=center, size=16)
    for _ in range(4):
        doc.add_paragraph()
    para(doc, "{{ title }}", style="Title", align=center)
    for _ in range(6):
        doc.add_paragraph()
    for label, tag in (("服務機關", "agency"), ("姓名職稱", "traveller_line"),
                       ("派赴國家/地區", "countries"), ("{{ kind_word }}期間", "period"),
                       ("報告日期", "report_date")):
        para(doc, f"{label}：{{{{ {tag} }}}}")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    # 摘要
    para(doc, "摘要", style="Heading 1", align=center)
    para(doc, "{%p for p in summary_paragraphs %}")
    para(doc, "{{ p }}")
    para(doc, "{%p endfor %}")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    # Body: chapters and sub-sections, numbered by the app.
    para(doc, "{%p for s in body %}")
    para(doc, "{%p if s.level == 1 %}")
    para(doc, "{{ s.number_heading }}", style="Heading 1")
    para(doc, "{%p elif s.level == 2 %}")
    para(doc, "{{ s.number_heading }}", style="Heading 2")
    para(doc, "{%p else %}")
    para(doc, "{{ s.number_heading }}", style="Heading 3")
    para(doc, "{%p endif %}")
    para(doc, "{%p for p in s.paragraphs %}")
    para(doc, "{{ p }}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    doc.save(str(path))


def main() -> int:
    out = ROOT / "templates"
    out.mkdir(exist_ok=True)
    build_full_report(out / "full-report.docx")
    print(f"wrote {out / 'full-report.docx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
