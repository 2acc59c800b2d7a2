"""The report body as a docxtpl subdocument, built with python-docx.

Templates print the body with one tag, `{{p body }}`: headings, paragraphs, the traveller and
itinerary tables, the numbered recommendations, the photos with their captions and the appendix are
easier and safer to build in code than in Jinja loops inside Word tables (merged date cells, images,
keep-together rows). The cover and the 提要 stay simple tags a person can move around in Word.
What goes where is the kind's: which chapter holds the traveller table, the itinerary and the
recommendations, chapters printed before the draft's own (e.g. 摘要, 出國人員名單), tables under
a caption (表1：行程表) or as numbered sub-sections (一、行程表), the photo label (圖1 / 照片1).
The 建議事項採行情形追蹤表 is built here too (`follow_up_table`), for `{{p follow_up_table }}`.

A section's body is written block by block (docx_blocks: paragraphs, lists, tables, photos where
they stand), and every table — traveller list, itinerary, the body's own, the 追蹤表 — by one string
writer (docx_xml), numbered 表1, 表2 … through the report.

Styles come from the template (Heading 1–5, Caption, Table Grid, …); an agency template without
one of them still works: the paragraph falls back to direct formatting.
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from desktop.domain.kinds import Kind
from desktop.domain.numbering import numbered_heading
from desktop.domain.report import Report, Section, split_paragraphs
from desktop.domain.text import clean_line, clean_text
from desktop.export.context import follow_up_rows, itinerary_days, recommendation_items
from desktop.export.docx_blocks import FIRST_LINE, BlockWriter, BodyParts
from desktop.export.docx_xml import TWIPS_PER_CM, GridCell, paragraph_xml, run_xml, table_xml
from desktop.export.photos_layout import PhotoPlan, PlacedPhoto, fit

TEXT_WIDTH_CM = 16.0
TRAVELLER_HEADER, TRAVELLER_WIDTHS = ["編號", "單位", "職稱", "姓名"], [1.6, 6.2, 4.2, 4.0]
ITINERARY_HEADER, ITINERARY_WIDTHS = ["日期", "時間", "地點", "行程"], [3.9, 2.9, 4.1, 5.1]


def twips(widths_cm: list[float]) -> list[int]:
    return [round(w * TWIPS_PER_CM) for w in widths_cm]


class BodyBuilder:
    """Builds the body into `doc`: at its end, or right before `anchor` (an element of doc's body,
    where the template printed its body tag). Every element is made in or parsed straight into its
    place: lxml moving a big table from one document into another costs seconds (namespaces are
    fixed node by node), moving it within one document nothing."""

    def __init__(self, doc, styles, media, plan: PhotoPlan, report: Report, kind: Kind, anchor=None):
        self.doc = doc
        self.anchor = anchor
        # python-docx looks a style name up by scanning every style, each time: resolve ids once.
        self.style_ids = {s.name: s.style_id for s in styles if s.type == 1}
        self.table_style = next((s.style_id for s in styles if s.type == 3 and s.name == "Table Grid"), None)
        self.media = media
        self.plan = plan
        self.report = report
        self.kind = kind
        self.style = report.heading_style
        self.table_no = 0
        self.first_heading = True
        self._groups: dict[str, list] = {}  # section id → its photo groups still to print
        self._section_id = ""
        self.blocks = BlockWriter(BodyParts(self._append, self._style, self.next_table_number, self._photo_group,
                                            self.table_style))

    # ---- small pieces -------------------------------------------------------------------------

    def _style(self, *names: str) -> str | None:
        """The style id of the first of `names` the template has."""
        return next((self.style_ids[n] for n in names if n in self.style_ids), None)

    def _new(self, container, style_id: str | None):
        p = container.add_paragraph()
        if container is self.doc:
            self._place(p._p)
        if style_id:
            p._p.style = style_id
        return p

    def _place(self, element) -> None:
        """Put a new top-level element next in reading order."""
        if self.anchor is not None:
            self.anchor.addprevious(element)
            return
        body = self.doc.element.body
        if element.getparent() is body and element.getnext() is body.sectPr:
            return  # python-docx put it at the end already
        sect_pr = body.sectPr
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)

    def paragraph(self, text: str = "", style: str | None = None, *, indent: bool = True) -> None:
        """A body paragraph of plain text, built as one XML string (python-docx's element API costs
        about 1 ms a paragraph, which a 15,000-character report feels)."""
        style_id = self._style(style or "Body Text", "Normal")
        self._append(paragraph_xml(run_xml(text) if text else "", style_id=style_id, ppr=FIRST_LINE if indent else ""))

    def _append(self, xml: str) -> None:
        self._place(parse_xml(xml))

    def heading(self, level: int, text: str):
        style = self._style(f"Heading {min(level, 5)}")
        p = self._new(self.doc, style)
        if self.first_heading:
            # The body starts on a new page after the 目次.
            self.first_heading = False
            p.paragraph_format.page_break_before = bool(self.kind.data["body_new_page"])
        run = p.add_run(text)
        if style is None:
            run.bold = True
            p.paragraph_format.keep_with_next = True
        return p

    def next_table_number(self) -> int:
        """表N: tables are numbered once through the report, the body's own with the traveller and
        itinerary tables."""
        self.table_no += 1
        return self.table_no

    def table_title(self, text: str) -> None:
        style = self._style("Table Title", "Caption", "Normal")
        self._append(paragraph_xml(run_xml(f"表{self.next_table_number()}：{text}"), style_id=style,
                                   ppr='<w:keepNext/><w:jc w:val="center"/>'))

    def _after_table(self) -> None:
        self._append(paragraph_xml("", style_id=self._style("Normal")))

    # ---- the parts ----------------------------------------------------------------------------

    def traveller_table(self, caption: bool = True) -> None:
        people = [t for t in self.report.travellers if t.name.strip()]
        if not people:
            return
        if caption:
            self.table_title("出國人員名單")
        rows = [[GridCell(h) for h in TRAVELLER_HEADER]]
        for n, t in enumerate(people, start=1):
            unit = " ".join(x for x in (clean_line(t.agency), clean_line(t.unit)) if x)
            rows.append([GridCell(str(n), center=True), GridCell(unit), GridCell(clean_line(t.title)),
                         GridCell(clean_line(t.name))])
        self._append(table_xml(rows, twips(TRAVELLER_WIDTHS), style_id=self.table_style))
        self._after_table()

    def itinerary_table(self, caption: bool = True) -> None:
        """The itinerary: a day's date over all its rows (a vertical merge), centred."""
        days = itinerary_days(self.report)
        if not days:
            return
        if caption:
            self.table_title("行程表")
        rows = [[GridCell(h) for h in ITINERARY_HEADER]]
        for day in days:
            date = f"{day['date']}\n（{day['weekday']}）" if day["date"] else ""
            for i, row in enumerate(day["rows"]):
                first = GridCell(date, rowspan=len(day["rows"]), center=True, middle=True) if i == 0 else None
                rows.append([first, GridCell(row["time"], center=True), GridCell(row["place"]),
                             GridCell(row["activity"])])
        self._append(table_xml(rows, twips(ITINERARY_WIDTHS), style_id=self.table_style))
        self._after_table()

    def recommendations(self, level: int, start: int) -> None:
        for offset, rec in enumerate(recommendation_items(self.report)):
            title = rec["title"] or "（未命名建議）"
            self.heading(level, numbered_heading(level, start + offset, title, self.style))
            for text in rec["paragraphs"]:
                self.paragraph(text)

    def photo_rows(self, rows: list[list[PlacedPhoto]]) -> None:
        for row_photos in rows:
            self._photo_row(row_photos)

    def _photo_group(self, _photo_ids: list[str]) -> None:
        """The next group of photos of the section being written (the plan made the groups from
        the same blocks, in the same order)."""
        groups = self._groups.get(self._section_id) or []
        if groups:
            self.photo_rows(groups.pop(0))

    def body(self, section: Section, level: int) -> None:
        """A section's own blocks: paragraphs, lists, tables and photos where they stand."""
        self._section_id = section.id
        self._groups[section.id] = list(self.plan.by_section.get(section.id, []))
        self.blocks.write(self.plan.blocks_of(section), level)

    def _photo_row(self, placed: list[PlacedPhoto]) -> None:
        """One borderless table row: each cell holds a photo and its caption, and the row may not
        break across pages, so a caption never ends up alone."""
        table = self.doc.add_table(rows=1, cols=len(placed))
        self._place(table._tbl)
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
            caption.add_run(self.caption(item))

    def caption(self, item: PlacedPhoto) -> str:
        """圖3：會場 — or 照片3：會場 where the kind labels photos so."""
        text = clean_line(item.photo.caption)
        label = f"{self.kind.photo('label')}{item.number}"
        return f"{label}：{text}" if text else label

    # ---- the body ---------------------------------------------------------------------------
    TABLE_TITLES = {"travellers": "出國人員名單", "itinerary": "行程表"}

    def _has(self, part: str) -> bool:
        if part == "travellers":
            return any(t.name.strip() for t in self.report.travellers)
        if part == "itinerary":
            return bool(self.report.itinerary)
        if part == "summary":
            return bool(self.report.summary.strip())
        return False

    def _part(self, part: str, level: int, numbered: int, alone: bool) -> int:
        """Print a data part (summary, travellers, itinerary) inside a chapter. As a numbered
        sub-section (一、行程表) when the kind wants tables as sections and the chapter holds more than
        this one part; returns how many sub-section numbers it used."""
        if part == "summary":
            for text in split_paragraphs(clean_text(self.report.summary)):
                self.paragraph(text)
            return 0
        as_section = self.kind.tables_as_sections and not alone
        if as_section and self._has(part):
            self.heading(level + 1, numbered_heading(level + 1, numbered + 1, self.TABLE_TITLES[part], self.style))
        caption = not self.kind.tables_as_sections
        if part == "travellers":
            self.traveller_table(caption)
        else:
            self.itinerary_table(caption)
        return 1 if as_section and self._has(part) else 0

    def chapter(self, section: Section, n: int, holds: tuple[str, ...], print_heading: bool,
                with_recommendations: bool) -> None:
        if print_heading:
            self.heading(1, numbered_heading(1, n, clean_line(section.heading), self.style))
        used = 0
        alone = len(holds) == 1
        for part in holds:
            if part == "text":
                self.body(section, 1)
            elif part != "recommendations":
                used += self._part(part, 1, used, alone)
        self.subsections(section.sections, 2, used)
        if with_recommendations:
            self.recommendations(2, used + len(section.sections) + 1)

    def subsections(self, sections: list[Section], level: int, offset: int = 0) -> None:
        for n, section in enumerate(sections, start=1 + offset):
            self.heading(level, numbered_heading(level, n, clean_line(section.heading), self.style))
            self.body(section, level)
            self.subsections(section.sections, level + 1)

    def sections(self) -> None:
        n = 0
        for front in self.kind.front_chapters:
            n += 1
            if front.in_template:
                continue
            self.heading(1, numbered_heading(1, n, front.title, self.style))
            for part in front.holds:
                self._part(part, 1, 0, len(front.holds) == 1)
        holder = self.kind.holder_of("recommendations")
        recs_done = False
        for section in self.report.chapters:
            n += 1
            spec = self.kind.chapter_spec(section.key)
            holds = spec.holds if spec else ("text",)
            with_recs = not recs_done and (
                "recommendations" in holds or (holder is None and section.key == "recommendations"))
            recs_done = recs_done or with_recs
            self.chapter(section, n, holds, spec.print_heading if spec else True, with_recs)
        if not recs_done and self.report.recommendations:
            # No chapter holds them (renamed key or removed): they still print, as their own chapter.
            self.heading(1, numbered_heading(1, n + 1, "建議", self.style))
            self.recommendations(2, 1)

    def appendix(self) -> None:
        attachments = [a for a in self.report.attachments if a.title.strip() or a.note.strip()]
        if not self.plan.appendix and not attachments:
            return
        title = self.kind.data.get("appendix_title")
        photo_heading = self.kind.photo("appendix_heading")
        if title:
            p = self.heading(1, title)
            p.paragraph_format.page_break_before = True
        n = 0
        if self.plan.appendix:
            if photo_heading:
                n += 1
                self.heading(2, numbered_heading(2, n, photo_heading))
            self.photo_rows(self.plan.appendix)
        if attachments:
            n += 1
            self.heading(2, numbered_heading(2, n, "附件"))
            for i, a in enumerate(attachments, start=1):
                note = f"（{clean_line(a.note)}）" if a.note.strip() else ""
                self.paragraph(f"附件{i}：{clean_line(a.title)}{note}")

    def build(self):
        self.sections()
        if self.kind.data["appendix"]:
            self.appendix()
        return self.doc


# 追蹤表 columns on a landscape A4 page (29.7 cm less two 2.5 cm margins): 採行情形 gets the room.
FOLLOW_UP_HEADER = ["編號", "建議事項", "主(協)辦機關", "採行情形", "辦理期程", "經費需求"]
FOLLOW_UP_WIDTHS = [1.5, 7.7, 3.2, 7.3, 2.6, 2.4]


def follow_up_table(subdoc, styles, report: Report):
    """The 建議事項採行情形追蹤表 as a subdocument: one row per recommendation and responsible agency,
    the recommendation's cells merged over its agencies' rows, the header repeated on every page,
    rows free to break across pages (採行情形 can be long). The template puts it in a landscape
    section (see scripts/build_templates.py)."""
    builder = BodyBuilder(subdoc, styles, None, PhotoPlan(), report, None)
    rows = [[GridCell(h) for h in FOLLOW_UP_HEADER]]
    for row in follow_up_rows(report):
        first = row["first"]
        rows.append([GridCell(str(row["no"]), rowspan=row["span"], center=True, middle=True) if first else None,
                     GridCell(row["recommendation"], rowspan=row["span"]) if first else None,
                     GridCell(row["agency"]), GridCell(row["status"]), GridCell(row["schedule"]),
                     GridCell(row["budget"])])
    builder._append(table_xml(rows, twips(FOLLOW_UP_WIDTHS), style_id=builder.table_style, rows_can_split=True))
    return subdoc


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
