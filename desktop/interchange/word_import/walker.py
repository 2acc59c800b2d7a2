"""WordprocessingML → Outline: the document as it is shown, in reading order.

What Word keeps beside the visible text is resolved here, once: tracked insertions are read and
deletions skipped (the document as shown); a field contributes its result, not its code; a 目次
field or table-of-contents control marks its paragraphs; text boxes are read after the paragraph
that anchors them (once, although Word stores each twice: the modern shape and a fallback);
automatic numbers are written out; merged cells become spans; pictures keep the part they point to.
"""

from __future__ import annotations

from desktop.domain.text import clean_text
from desktop.interchange.word_import.outline import Cell, Outline, Para, Picture, Run, Table
from desktop.interchange.word_import.word_styles import (
    VAL,
    Numbering,
    Styles,
    on,
    read_numbering,
    read_styles,
    w,
)

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
V_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

# Wingdings/Symbol check boxes as Word's 插入符號 stores them (w:sym), written as the characters
# the 提要 uses.
SYMBOLS = {"F0FE": "☑", "F0FD": "☒", "F078": "☒", "F0A8": "☐", "F06F": "☐", "F0A3": "☐", "F052": "☑", "F0B7": "●",
           "F06C": "●", "F0A7": "■", "F0D8": "▶"}

SKIPPED = {w("del"), w("moveFrom"), w("rPr"), w("pPr"), w("delText"), w("instrText"), w("delInstrText"),
           w("proofErr"), w("bookmarkStart"), w("bookmarkEnd"), w("commentRangeStart"), w("commentRangeEnd"),
           w("endnoteReference"), w("commentReference"), w("lastRenderedPageBreak")}


def _rels(root) -> dict[str, tuple[str, str, str]]:
    """rId → (type, target part, target mode)."""
    out = {}
    if root is None:
        return out
    for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        mode = rel.get("TargetMode", "")
        if mode != "External":
            target = target.lstrip("/") if target.startswith("/") else f"word/{target}"
            parts = []
            for piece in target.split("/"):
                if piece == "..":
                    if parts:
                        parts.pop()
                elif piece and piece != ".":
                    parts.append(piece)
            target = "/".join(parts)
        out[rel.get("Id", "")] = (rel.get("Type", ""), target, mode)
    return out


class Walker:
    def __init__(self, styles: Styles, numbering: Numbering, rels: dict, footnotes: dict[str, str] | None = None):
        self.footnotes = footnotes or {}
        self.pending_notes: list[str] = []  # footnotes met in the paragraph being read
        self.styles = styles
        self.numbering = numbering
        self.rels = rels
        self.outline = Outline()
        self.field_depth: list[dict] = []  # open complex fields: {"code": str, "result": bool, "toc": bool}
        self.toc_control = 0

    # ---- the body -----------------------------------------------------------------------------

    def body(self, body) -> Outline:
        for el in self._content(body):
            self._block(el, self.outline.items)
        for n, item in enumerate(self.outline.items):
            item.index = n
        return self.outline

    def _content(self, parent):
        """Block-level children, with content controls, custom XML and insertions unwrapped."""
        for el in parent:
            tag = el.tag
            if tag in (w("sdt"),):
                toc = self._is_toc_control(el)
                self.toc_control += toc
                content = el.find(w("sdtContent"))
                if content is not None:
                    yield from self._content(content)
                self.toc_control -= toc
            elif tag in (w("customXml"), w("ins"), w("moveTo"), w("smartTag")):
                yield from self._content(el)
            elif tag in (w("p"), w("tbl")):
                yield el

    def _is_toc_control(self, sdt) -> int:
        gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
        return int(gallery is not None and "content" in gallery.get(VAL, "").lower())

    def _block(self, el, out: list, in_box: bool = False) -> None:
        if el.tag == w("p"):
            para, boxes = self._paragraph(el, in_box)
            out.append(para)
            notes, self.pending_notes = self.pending_notes, []
            for text in notes:  # a footnote's words after its paragraph: nothing is dropped
                out.append(Para(runs=[Run(text)], in_text_box=in_box))
            for box in boxes:
                self.outline.text_boxes += 1
                for child in self._content(box):
                    self._block(child, out, in_box=True)
        elif el.tag == w("tbl"):
            table = self._table(el, in_box)
            if table.rows:
                out.append(table)

    # ---- paragraphs ---------------------------------------------------------------------------

    def _paragraph(self, p, in_box: bool) -> tuple[Para, list]:
        ppr = p.find(w("pPr"))
        style_id = ""
        num_id, ilvl = "", 0
        outline_level = None
        centered = False
        left = hanging = 0
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            style_id = ps.get(VAL, "") if ps is not None else ""
            num = ppr.find(w("numPr"))
            if num is not None:
                nid, lvl = num.find(w("numId")), num.find(w("ilvl"))
                num_id = nid.get(VAL, "") if nid is not None else ""
                ilvl = int(lvl.get(VAL, "0")) if lvl is not None and lvl.get(VAL, "0").isdigit() else 0
            ol = ppr.find(w("outlineLvl"))
            if ol is not None and ol.get(VAL, "").isdigit():
                outline_level = int(ol.get(VAL))
            jc = ppr.find(w("jc"))
            centered = jc is not None and jc.get(VAL) == "center"
            ind = ppr.find(w("ind"))
            if ind is not None:
                left = _twips(ind.get(w("left")) or ind.get(w("start")))
                hanging = _twips(ind.get(w("hanging")))
        style_id = style_id or self.styles.default_paragraph
        if not num_id:
            num_id, style_ilvl = self.styles.numbering(style_id)
            ilvl = ilvl or style_ilvl
        para = Para(style=self.styles.name(style_id), in_text_box=in_box,
                    centered=centered or self.styles.centered(style_id), indent=left - hanging, hanging=hanging)
        para.heading_level = (outline_level + 1 if outline_level is not None and outline_level < 9
                              else self.styles.heading_level(style_id))
        if num_id and num_id != "0":
            label, numbered = self.numbering.next_label(num_id, ilvl)
            if label:
                para.label = label
                para.list_level = ilvl
                para.ordered = numbered
        boxes: list = []
        base_bold = self.styles.bold(style_id)
        self._inline(p, para, boxes, base_bold)
        para.in_toc = self.toc_control > 0 or any(f["toc"] for f in self.field_depth)
        para.runs = [Run(clean_text(r.text), r.bold, r.italic, r.underline) for r in para.runs if r.text]
        return para, boxes

    def _inline(self, parent, para: Para, boxes: list, base_bold: bool) -> None:
        for el in parent:
            tag = el.tag
            if tag in SKIPPED:
                if tag in (w("del"), w("moveFrom")):
                    self.outline.tracked_changes += 1
                continue
            if tag == w("r"):
                self._run(el, para, boxes, base_bold)
            elif tag in (w("ins"), w("moveTo")):
                self.outline.tracked_changes += 1
                self._inline(el, para, boxes, base_bold)
            elif tag == w("fldSimple"):
                self.outline.fields += 1
                code = el.get(w("instr"), "").strip().upper()
                self.field_depth.append({"code": code, "result": True, "toc": code.startswith("TOC")})
                self._inline(el, para, boxes, base_bold)
                self.field_depth.pop()
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("sdt"), w("sdtContent"), w("dir"),
                         w("bdo")):
                self._inline(el, para, boxes, base_bold)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                self._inline(self._alternative(el), para, boxes, base_bold)

    def _alternative(self, el):
        """mc:AlternateContent holds the same thing twice; read the first choice only."""
        for child in el:
            if child.tag in (f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"):
                return child
        return []

    def _in_field_code(self) -> bool:
        return any(not f["result"] for f in self.field_depth)

    def _run(self, r, para: Para, boxes: list, base_bold: bool) -> None:
        rpr = r.find(w("rPr"))
        bold, italic, underline = base_bold, False, False
        if rpr is not None:
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                bold = bold or self.styles.bold(rstyle.get(VAL, ""))
            if rpr.find(w("b")) is not None:
                bold = on(rpr.find(w("b")))
            italic = on(rpr.find(w("i")))
            u = rpr.find(w("u"))
            underline = u is not None and u.get(VAL, "single") != "none"
            if on(rpr.find(w("vanish"))):
                return  # hidden text is not shown
        for el in r:
            tag = el.tag
            if tag == w("fldChar"):
                kind = el.get(w("fldCharType"))
                if kind == "begin":
                    self.outline.fields += 1
                    self.field_depth.append({"code": "", "result": False, "toc": False})
                elif kind == "separate" and self.field_depth:
                    field = self.field_depth[-1]
                    field["result"] = True
                    field["toc"] = field["code"].strip().upper().startswith("TOC")
                elif kind == "end" and self.field_depth:
                    self.field_depth.pop()
                continue
            if tag == w("instrText"):
                if self.field_depth:
                    self.field_depth[-1]["code"] += el.text or ""
                continue
            if self._in_field_code():
                continue
            text = None
            if tag == w("t"):
                text = el.text or ""
            elif tag in (w("tab"), w("ptab")):
                text = "\t"
            elif tag in (w("br"), w("cr")):
                text = "" if el.get(w("type")) in ("page", "column") else "\n"
            elif tag in (w("noBreakHyphen"), w("softHyphen")):
                text = "-" if tag == w("noBreakHyphen") else ""
            elif tag == w("sym"):
                text = SYMBOLS.get(el.get(w("char"), "").upper(), "")
            elif tag == w("footnoteReference"):
                note = self.footnotes.get(el.get(w("id"), ""), "")
                if note:
                    number = len(self.outline.footnotes) + 1
                    self.outline.footnotes.append(note)
                    text = f"［註{number}］"
                    self.pending_notes.append(f"［註{number}］{note}")
            elif tag in (w("drawing"), w("pict"), w("object")):
                self._graphics(el, para, boxes)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = self._alternative(el)
                for child in choice:
                    if child.tag in (w("drawing"), w("pict")):
                        self._graphics(child, para, boxes)
            if text:
                para.runs.append(Run(text, bold, italic, underline))

    def _graphics(self, el, para: Para, boxes: list) -> None:
        """Pictures and text boxes inside a drawing or VML shape."""
        for box in el.iter(w("txbxContent")):
            boxes.append(box)
        seen = False
        for blip in el.iter(f"{{{A_NS}}}blip"):
            seen = True
            para.pictures.append(self._picture(blip.get(f"{{{R_NS}}}embed") or blip.get(f"{{{R_NS}}}link") or "",
                                               self._description(el)))
        for data in el.iter(f"{{{V_NS}}}imagedata"):
            seen = True
            para.pictures.append(self._picture(data.get(f"{{{R_NS}}}id", ""), self._description(el)))
        if not seen and not boxes and any(g.get("uri", "").endswith(("/chart", "/diagram"))
                                          for g in el.iter(f"{{{A_NS}}}graphicData")):
            para.pictures.append(Picture(problem="圖表或 SmartArt 無法匯入，請在 Word 中另存成圖片後插入照片"))

    def _description(self, el) -> str:
        for doc_pr in el.iter(f"{{{WP_NS}}}docPr"):
            return (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
        return ""

    def _picture(self, rid: str, description: str) -> Picture:
        rel = self.rels.get(rid)
        if rel is None:
            return Picture(description=description, problem="圖片的內容不在檔案中")
        _type, target, mode = rel
        if mode == "External":
            return Picture(description=description, problem="圖片是連結到另一個檔案，不在這份文件中")
        return Picture(part=target, description=description)

    # ---- tables -------------------------------------------------------------------------------

    def _table(self, tbl, in_box: bool) -> Table:
        grid: list[list[Cell | None]] = []
        vmerge_owner: dict[int, Cell] = {}
        header_rows = 0
        for tr in self._rows(tbl):
            trpr = tr.find(w("trPr"))
            if len(grid) == header_rows and trpr is not None and on(trpr.find(w("tblHeader"))):
                header_rows += 1
            row: list[Cell | None] = []
            col = 0
            for tc in self._cells(tr):
                tcpr = tc.find(w("tcPr"))
                span = 1
                merge = None
                if tcpr is not None:
                    gs = tcpr.find(w("gridSpan"))
                    if gs is not None and gs.get(VAL, "1").isdigit():
                        span = max(1, int(gs.get(VAL)))
                    vm = tcpr.find(w("vMerge"))
                    if vm is not None:
                        merge = vm.get(VAL, "continue")
                paras: list = []
                for child in self._content(tc):
                    self._block(child, paras, in_box)
                flat = [p for p in paras if isinstance(p, Para)]
                for nested in (t for t in paras if isinstance(t, Table)):
                    # A table inside a cell: its rows as lines of the cell, nothing dropped.
                    for nested_row in nested.rows:
                        flat.append(Para(runs=[Run("｜".join(c.text for c in nested_row if c is not None))],
                                         pictures=[pic for c in nested_row if c is not None for pic in c.pictures]))
                if merge == "continue" and col in vmerge_owner:
                    owner = vmerge_owner[col]
                    owner.rowspan += 1
                    owner.paras += [p for p in flat if p.shown.strip() or p.pictures]
                    row.extend([None] * span)
                else:
                    cell = Cell(flat, 1, span)
                    row.append(cell)
                    row.extend([None] * (span - 1))
                    for c in range(col, col + span):
                        vmerge_owner.pop(c, None)
                    if merge == "restart":
                        vmerge_owner[col] = cell
                col += span
            grid.append(row)
        width = max((len(r) for r in grid), default=0)
        for row in grid:
            row.extend(Cell() for _ in range(width - len(row)))
        return Table(grid, header_rows=header_rows)

    def _rows(self, tbl):
        for el in self._content_rows(tbl):
            trpr = el.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                self.outline.tracked_changes += 1
                continue  # a deleted row is not shown
            yield el

    def _content_rows(self, parent):
        for el in parent:
            if el.tag == w("tr"):
                yield el
            elif el.tag in (w("sdt"), w("customXml"), w("ins"), w("sdtContent")):
                yield from self._content_rows(_unwrap(el))

    def _cells(self, tr):
        for el in tr:
            if el.tag == w("tc"):
                yield el
            elif el.tag in (w("sdt"), w("customXml"), w("sdtContent")):
                yield from self._cells(_unwrap(el))


def _footnotes(root) -> dict[str, str]:
    """Footnote id → its text (the separators Word keeps as footnotes -1 and 0 have none)."""
    out = {}
    if root is None:
        return out
    for note in root.iter(w("footnote")):
        text = "".join(t.text or "" for t in note.iter(w("t"))).strip()
        if text:
            out[note.get(w("id"), "")] = clean_text(text)
    return out


def _twips(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


def _unwrap(el):
    """A content control's content (empty when it has none); other wrappers as they are."""
    if el.tag != w("sdt"):
        return el
    content = el.find(w("sdtContent"))
    return content if content is not None else []


def walk(package) -> Outline:
    """The outline of a checked package (container.Package)."""
    document = package.xml("word/document.xml")
    body = document.find(w("body"))
    styles = read_styles(package.xml("word/styles.xml"))
    numbering = read_numbering(package.xml("word/numbering.xml"))
    rels = _rels(package.xml("word/_rels/document.xml.rels"))
    walker = Walker(styles, numbering, rels, _footnotes(package.xml("word/footnotes.xml")))
    return walker.body(body if body is not None else [])
