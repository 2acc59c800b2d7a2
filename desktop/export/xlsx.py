"""A minimal .xlsx writer: one sheet of text and numbers, a bold header row that stays in view and
filters, and rows that can be marked (red text). Enough for the deadline board; written here
because a spreadsheet library would be a large dependency for one table (docs/stack-decisions.md).

The parts are those of the Office Open XML minimum (content types, relationships, workbook,
styles, one worksheet with inline strings), written with the zipfile module and escaped text, and
saved atomically (desktop/fileio.py).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from desktop.fileio import atomic_write_bytes

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
# Cell styles: 0 plain, 1 bold (header), 2 red (a marked row).
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="3"><font><sz val="11"/><name val="Microsoft JhengHei"/></font>
<font><b/><sz val="11"/><name val="Microsoft JhengHei"/></font>
<font><sz val="11"/><color rgb="FFC62828"/><name val="Microsoft JhengHei"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(ref: str, value, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    text = escape(str(value)).replace("\n", "&#10;")
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _width(values) -> float:
    # East Asian characters take about two columns.
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in values), default=4)
    return min(max(longest + 2, 6), 60)


def sheet_xml(header: Sequence[str], rows: Sequence[Sequence], marked: Sequence[bool] = ()) -> str:
    last = _column(len(header) - 1)
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{_width([h, *[r[i] for r in rows]])}" customWidth="1"/>'
                   for i, h in enumerate(header))
    lines = ['<row r="1">' + "".join(_cell(f"{_column(i)}1", h, 1) for i, h in enumerate(header)) + "</row>"]
    for n, row in enumerate(rows, start=2):
        style = 2 if n - 2 < len(marked) and marked[n - 2] else 0
        lines.append(f'<row r="{n}">' + "".join(_cell(f"{_column(i)}{n}", v, style) for i, v in enumerate(row)
                                               if v != "") + "</row>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>'
            f"<cols>{cols}</cols><sheetData>{''.join(lines)}</sheetData>"
            f'<autoFilter ref="A1:{last}{len(rows) + 1}"/></worksheet>')


def write_xlsx(target: Path, sheet_name: str, header: Sequence[str], rows: Sequence[Sequence],
               marked: Sequence[bool] = ()) -> Path:
    """Write one sheet; `marked[i]` shows row i in red."""
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{escape(sheet_name[:31])}" sheetId="1" r:id="rId1"/></sheets>'
                '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
                f"'{escape(sheet_name[:31])}'!$A$1:${_column(len(header) - 1)}${len(rows) + 1}</definedName>"
                "</definedNames></workbook>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml(header, rows, marked))
    atomic_write_bytes(Path(target), buffer.getvalue())
    return Path(target)
