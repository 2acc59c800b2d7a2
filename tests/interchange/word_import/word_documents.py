"""Word documents made in the test with python-docx, shaped like reports written by hand in Word:
manual numbering (壹、/一、/（一）), a 提要 table, merged itinerary cells, captioned pictures, Word
lists, tracked changes, text boxes and fields written as Word writes them."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm
from PIL import Image

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'


def picture_bytes(colour=(40, 120, 200), size=(640, 480), fmt="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def heading(doc, text: str, bold: bool = True):
    """A heading typed by hand: a bold paragraph with its number in the text (no heading style)."""
    p = doc.add_paragraph()
    p.add_run(text).bold = bold
    return p


def picture(doc, data: bytes | None = None, width_cm: float = 8):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(data or picture_bytes()), width=Cm(width_cm))
    return p


def caption(doc, text: str):
    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def table(doc, rows: list[list[str]], style: str = "Table Grid"):
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = style
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    return t


def summary_sheet(doc, title: str = "出國報告提要"):
    heading(doc, title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table(doc, [
        ["系統識別號", "C11400321"],
        ["計畫名稱", "出席2025亞太城市韌性論壇"],
        ["主辦機關", "臺南市政府消防局"],
        ["聯絡人／電話", "陳美玲／06-2975119分機1203"],
        ["出國人員（姓名／服務機關／單位／職稱／官職等）",
         "王大明／臺南市政府消防局／局本部／副局長／簡任第十一職等\n陳美玲／臺南市政府消防局／災害管理科／科長／薦任第九職等"],
        ["出國類別", "☑考察　☐進修　☐研究　☐實習　☐視察　☐訪問　☑開會　☐談判　☐其他"],
        ["出國期間", "114年10月14日至16日"],
        ["出國地區", "日本（福岡市）"],
        ["報告日期", "114/12/05"],
        ["關鍵詞", "城市韌性、防災教育"],
        ["頁數", "12"],
        ["內容摘要", "本局應邀出席論壇並參訪防災設施。"],
    ])


def itinerary_with_merged_days(doc):
    """Columns in another order than ours (時間 before 日期, 星期 of its own), each day's date cell
    merged over its rows."""
    t = table(doc, [
        ["時間", "日期", "星期", "行程", "地點"],
        ["上午", "10月14日", "二", "搭機前往福岡", "臺南→福岡"],
        ["下午", "", "", "出席論壇開幕式", "福岡國際會議中心"],
        ["全日", "10月15日", "三", "參訪防災中心", "福岡市民防災中心"],
        ["上午", "10月16日", "四", "參訪指揮中心", "福岡市消防局"],
        ["下午", "", "", "搭機返國", "福岡→臺南"],
    ])
    for col in (1, 2):
        keep = t.cell(1, col).text
        t.cell(1, col).merge(t.cell(2, col)).text = keep
        keep = t.cell(4, col).text
        t.cell(4, col).merge(t.cell(5, col)).text = keep
    return t


def word_style_report(path: Path) -> Path:
    """The report the acceptance test reads: every part in a known place."""
    doc = Document()
    doc.add_paragraph("出國報告（出國類別：開會）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("出席2025亞太城市韌性論壇").bold = True
    for line in ("服務機關：臺南市政府消防局", "姓名職稱：王大明 副局長 等2人", "派赴國家/地區：日本（福岡市）",
                 "出國期間：民國114年10月14日至16日", "報告日期：民國114年12月5日"):
        doc.add_paragraph(line)
    summary_sheet(doc)
    heading(doc, "摘要")
    doc.add_paragraph("本局應日本福岡市消防局邀請出席論壇，並參訪當地防災設施。")
    heading(doc, "目次")
    for line in ("壹、目的\t1", "貳、過程\t2", "參、心得\t5", "肆、建議\t6"):
        doc.add_paragraph(line)
    heading(doc, "壹、目的")
    doc.add_paragraph("近年極端降雨頻率升高，本市多處低窪地區淹水。")
    heading(doc, "貳、過程")
    heading(doc, "一、行程表")
    itinerary_with_merged_days(doc)
    heading(doc, "二、出席論壇")
    doc.add_paragraph("上午抵達福岡後隨即前往會場。")
    heading(doc, "（一）分組會議")
    p = doc.add_paragraph("本局於分組會議報告")
    p.add_run("智慧水情監測").bold = True
    p.add_run("成果。")
    picture(doc, picture_bytes((200, 60, 60)))
    caption(doc, "圖1：王副局長於分組會議報告")
    heading(doc, "（二）閉幕式")
    doc.add_paragraph("論壇重點如下：")
    for item in ("預警到行動的時間差", "社區參與", "跨機關指揮"):
        doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph("表1：與會城市")
    table(doc, [["城市", "國家", "代表"], ["福岡", "日本", "市長"], ["釜山", "韓國", "副市長"]])
    heading(doc, "三、參訪防災中心")
    doc.add_paragraph("該中心以體驗為主軸。")
    picture(doc, picture_bytes((60, 160, 60)))
    caption(doc, "照片2 參觀濃煙避難體驗區")
    heading(doc, "參、心得")
    doc.add_paragraph("體驗式防災教育能有效提升市民的應變能力。")
    heading(doc, "肆、建議")
    heading(doc, "一、規劃設置市民防災體驗館")
    doc.add_paragraph("建議分期設置體驗設施。")
    heading(doc, "二、強化地下空間淹水應變演練")
    doc.add_paragraph("建議每年汛期前辦理演練。")
    doc.save(path)
    return path


# ---- what Word writes that python-docx does not: tracked changes, text boxes, fields -----------

def add_xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def tracked_insert(paragraph, text: str) -> None:
    add_xml(paragraph, f'<w:ins {W} w:id="1" w:author="審核人" w:date="2025-12-01T00:00:00Z">'
                       f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>')


def tracked_delete(paragraph, text: str) -> None:
    add_xml(paragraph, f'<w:del {W} w:id="2" w:author="審核人" w:date="2025-12-01T00:00:00Z">'
                       f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def text_box(paragraph, text: str) -> None:
    """A text box as Word 2010+ saves it: the shape, and a VML fallback holding the same text."""
    box = f'<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    add_xml(paragraph, f'''<w:r {W} {MC} {WPS} {V} {A} {WP}><mc:AlternateContent>
      <mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"
        relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
        <wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
        <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
        <wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="9" name="文字方塊 1"/>
        <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
        <wps:wsp><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
      </mc:Choice>
      <mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt"><v:textbox>{box}</v:textbox></v:shape></w:pict>
      </mc:Fallback></mc:AlternateContent></w:r>''')


def complex_field(paragraph, code: str, result: str) -> None:
    add_xml(paragraph, f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>')
    add_xml(paragraph, f'<w:r {W}><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>')
    add_xml(paragraph, f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>')
    add_xml(paragraph, f'<w:r {W}><w:t>{result}</w:t></w:r>')
    add_xml(paragraph, f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>')


def simple_field(paragraph, code: str, result: str) -> None:
    add_xml(paragraph, f'<w:fldSimple {W} w:instr=" {code} "><w:r><w:t>{result}</w:t></w:r></w:fldSimple>')
