"""The report body as a docxtpl subdocument, built with python-docx.

Templates print the body with one tag, `{{p body }}`: headings, paragraphs, the traveller and
itinerary tables, the numbered recommendations, the photos with their captions and the appendix are
easier and safer to build in code than in Jinja loops inside Word tables (merged date cells, images,
keep-together rows). The cover and the 提要 stay simple tags a person can move around in Word.

Styles come from the template (Heading 1–5, Caption, Table Grid, …); an agency template without
one of them still works: the paragraph falls back to direct formatting.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from desktop.domain.numbering import numbered_heading
from desktop.domain.report import Report, split_paragraphs
from desktop.domain.text import clean_line, clean_text
from desktop.export.context import itinerary_days, recommendation_items
from desktop.export.photos_layout import PhotoPlan, PlacedPhoto, fit

TEXT_WIDTH_CM = 16.0
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ATTR = {'"': "&quot;"}


class BodyBuilder:
    def __init__(self, subdoc, styles, media, plan: PhotoPlan, report: Report, rules: dict):
        self.doc = subdoc
        # python-docx looks a style name up by scanning every style, each time: resolve ids once.
        self.style_ids = {s.name: s.style_id for s in styles if s.type == 1}
        self.table_styles = [s for s in styles if s.type == 3]
        self.media = media
        self.plan = plan
        self.report = report
        self.rules = rules
        self.table_no = 0
        self.first_heading = True

    # ---- small pieces -------------------------------------------------------------------------

    def _style(self, *names: str) -> str | None:
        """The style id of the first of `names` the template has."""
        return next((self.style_ids[n] for n in names if n in self.style_ids), None)

    def _new(self, container, style_id: str | None):
        p = container.add_paragraph()
        if style_id:
            p._p.style = style_id
        return p

    def paragraph(self, text: str = "", style: str | None = None, *, indent: bool = True) -> None:
        """A body paragraph. Built as one XML string: python-docx's element-by-element API costs
        about 1 ms a paragraph, which a 15,000-character report feels."""
        style_id = self._style(style or "Body Text", "Normal")
        ppr = f'<w:pStyle w:val="{escape(style_id, _ATTR)}"/>' if style_id else ""
        if indent:
            ppr += '<w:ind w:firstLine="560" w:firstLineChars="200"/>'
        tab = '</w:t><w:tab/><w:t xml:space="preserve">'  # a tab is an element in WordprocessingML
        run = f'<w:r><w:t xml:space="preserve">{escape(text).replace(chr(9), tab)}</w:t></w:r>' if text else ""
        self._append(f"<w:p {_W}><w:pPr>{ppr}</w:pPr>{run}</w:p>")

    def _append(self, xml: str) -> None:
        body = self.doc.element.body
        element = parse_xml(xml)
        sect_pr = body.sectPr
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)

    def heading(self, level: int, text: str):
        style = self._style(f"Heading {min(level, 5)}")
        p = self._new(self.doc, style)
        if self.first_heading:
            # The body starts on a new page after the 目次.
            self.first_heading = False
            p.paragraph_format.page_break_before = bool(self.rules.get("body_new_page", True))
        run = p.add_run(text)
        if style is None:
            run.bold = True
            p.paragraph_format.keep_with_next = True
        return p

    def table_title(self, text: str):
        self.table_no += 1
        p = self._new(self.doc, self._style("Table Title", "Caption", "Normal"))
        p.add_run(f"表{self.table_no}：{text}")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        return p

    def grid_table(self, header: list[str], widths_cm: list[float]):
        table = self.doc.add_table(rows=1, cols=len(header))
        style = next((s for s in self.table_styles if s.name == "Table Grid"), None)
        if style is not None:
            table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_column_widths(table, widths_cm)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._cell_text(cell, text, bold=True, center=True)
        _repeat_header(table.rows[0])
        return table

    def _cell_text(self, cell, text: str, *, bold: bool = False, center: bool = False) -> None:
        lines = text.split("\n") if text else [""]
        p = cell.paragraphs[0]
        for i, line in enumerate(lines):
            if i:
                p = cell.add_paragraph()
            p.paragraph_format.line_spacing = 1.15
            p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(2)
            run = p.add_run(line)
            run.bold = bold or None
            run.font.size = Pt(12)
            if center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def add_row(self, table, values: list[str], widths_cm: list[float], center_cols=()):
        row = table.add_row()
        _cant_split(row)
        for i, (cell, text, width) in enumerate(zip(row.cells, values, widths_cm, strict=True)):
            cell.width = Cm(width)
            self._cell_text(cell, text, center=i in center_cols)
        return row

    # ---- the parts ----------------------------------------------------------------------------

    def traveller_table(self) -> None:
        people = [t for t in self.report.travellers if t.name.strip()]
        if not people:
            return
        self.table_title("出國人員名單")
        widths = [1.6, 6.2, 4.2, 4.0]
        table = self.grid_table(["編號", "單位", "職稱", "姓名"], widths)
        for n, t in enumerate(people, start=1):
            unit = " ".join(x for x in (clean_line(t.agency), clean_line(t.unit)) if x)
            self.add_row(table, [str(n), unit, clean_line(t.title), clean_line(t.name)], widths, center_cols=(0,))
        self.doc.add_paragraph()

    def itinerary_table(self) -> None:
        days = itinerary_days(self.report)
        if not days:
            return
        self.table_title("行程表")
        widths = [3.6, 2.8, 4.4, 5.2]
        table = self.grid_table(["日期", "時間", "地點", "行程"], widths)
        for day in days:
            first = None
            for row in day["rows"]:
                added = self.add_row(table, ["", row["time"], row["place"], row["activity"]], widths,
                                     center_cols=(1,))
                first = first or added
            date_cell = first.cells[0]
            if len(day["rows"]) > 1:
                date_cell = date_cell.merge(table.rows[-1].cells[0])
                for extra in date_cell.paragraphs[1:]:  # merging keeps each cell's empty paragraph
                    extra._p.getparent().remove(extra._p)
            self._cell_text(date_cell, f"{day['date']}\n（{day['weekday']}）" if day["date"] else "", center=True)
            date_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self.doc.add_paragraph()

    def recommendations(self, level: int, start: int) -> None:
        for offset, rec in enumerate(recommendation_items(self.report)):
            title = rec["title"] or "（未命名建議）"
            self.heading(level, numbered_heading(level, start + offset, title, self.report.heading_style))
            for text in rec["paragraphs"]:
                self.paragraph(text)

    def photo_rows(self, rows: list[list[PlacedPhoto]]) -> None:
        for row_photos in rows:
            self._photo_row(row_photos)

    def _photo_row(self, placed: list[PlacedPhoto]) -> None:
        """One borderless table row: each cell holds a photo and its caption, and the row may not
        break across pages, so a caption never ends up alone."""
        table = self.doc.add_table(rows=1, cols=len(placed))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_borders(table)
        row = table.rows[0]
        _cant_split(row)
        set_column_widths(table, [TEXT_WIDTH_CM / len(placed)] * len(placed))
        for cell, item in zip(row.cells, placed, strict=True):
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.line_spacing = 1.0
            if item.file is not None:
                image = self.media.image_of(item.file)[1]
                cx, cy = fit(item.slot, image.px_width, image.px_height)
                self.media.add_to_run(p.add_run(), item.file, cx, cy)
            caption = self._new(cell, self._style("Caption"))
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption.paragraph_format.space_after = Pt(12)
            caption.add_run(item.caption)

    def sections(self) -> None:
        recs_done = False

        def add(sections, level: int) -> None:
            nonlocal recs_done
            for n, section in enumerate(sections, start=1):
                self.heading(level, numbered_heading(level, n, clean_line(section.heading), self.report.heading_style))
                for text in split_paragraphs(clean_text(section.text)):
                    self.paragraph(text)
                if section.key == "process" and level == 1:
                    self.traveller_table()
                    self.itinerary_table()
                self.photo_rows(self.plan.by_section.get(section.id, []))
                add(section.sections, level + 1)
                if section.key == "recommendations" and level == 1 and not recs_done:
                    recs_done = True
                    self.recommendations(level + 1, len(section.sections) + 1)

        add(self.report.chapters, 1)
        if not recs_done and self.report.recommendations:
            # No 建議 chapter (renamed or removed): the recommendations still print, as their own chapter.
            n = len(self.report.chapters) + 1
            self.heading(1, numbered_heading(1, n, "建議", self.report.heading_style))
            self.recommendations(2, 1)

    def appendix(self) -> None:
        attachments = [a for a in self.report.attachments if a.title.strip() or a.note.strip()]
        if not self.plan.appendix and not attachments:
            return
        p = self.heading(1, "附錄")
        p.paragraph_format.page_break_before = True
        n = 0
        if self.plan.appendix:
            n += 1
            self.heading(2, numbered_heading(2, n, "活動照片"))
            self.photo_rows(self.plan.appendix)
        if attachments:
            n += 1
            self.heading(2, numbered_heading(2, n, "附件"))
            for i, a in enumerate(attachments, start=1):
                note = f"（{clean_line(a.note)}）" if a.note.strip() else ""
                self.paragraph(f"附件{i}：{clean_line(a.title)}{note}")

    def build(self):
        self.sections()
        if self.rules.get("appendix", True):
            self.appendix()
        return self.doc


def indent_two_chars(p, font_pt: float = 14) -> None:
    """Two characters of first-line indent, as reports are typed in Word. firstLineChars is what
    Word uses; firstLine (twips) is what LibreOffice reads."""
    ind = p._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLine"), str(int(2 * font_pt * 20)))
    ind.set(qn("w:firstLineChars"), "200")


def set_column_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths: the grid (LibreOffice) and every cell (Word) must agree."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    later = next((c for c in tbl_pr if c.tag in {qn("w:shd"), qn("w:tblLayout"), qn("w:tblCellMar"),
                                                  qn("w:tblLook")}), None)
    if later is None:
        tbl_pr.append(borders)
    else:
        later.addprevious(borders)
