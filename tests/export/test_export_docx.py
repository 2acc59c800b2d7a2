import zipfile

import pytest
from docx import Document

from desktop.domain.report import Report
from desktop.export.render import ExportError, export_docx, run_export


def document_text(path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for p in doc.paragraphs)


def test_example_exports_cover_and_body(example_report, tmp_path):
    out = tmp_path / "report.docx"
    run_export(export_docx(example_report, out))
    text = document_text(out)
    assert "出國報告（出國類別：開會、考察）" in text
    assert example_report.title in text
    assert "服務機關：臺南市政府消防局" in text
    assert "姓名職稱：王大明 副局長 等3人" in text
    assert "出國期間：民國114年10月14日至114年10月16日" in text
    assert "報告日期：民國114年12月5日" in text
    assert "壹、目的" in text
    assert "貳、過程" in text
    assert "一、114年10月14日（星期二）出席亞太城市韌性論壇" in text
    assert "福岡市民防災中心以體驗為主軸" not in text  # not in the example; guards against fake text
    assert "上午參訪福岡市民防災中心。" in text


def test_special_characters_print_as_typed(tmp_path):
    report = Report.new("A & B <c>")
    report.chapters[0].set_text("第一段 A & B <c>\x0b第二段\x00 結束")
    out = tmp_path / "x.docx"
    run_export(export_docx(report, out))
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert any("A & B <c>" == p.strip() for p in paragraphs)
    assert "第一段 A & B <c>" in paragraphs
    assert "第二段 結束" in paragraphs


def test_dates_on_the_cover_in_roc_calendar(example_report, tmp_path):
    example_report.mainland = True
    out = tmp_path / "m.docx"
    run_export(export_docx(example_report, out))
    text = document_text(out)
    assert "赴大陸地區報告" in text
    assert "赴大陸地區期間：民國114年10月14日" in text


def test_template_cannot_reach_python_internals(tmp_path):
    from docx import Document as NewDocument

    evil = tmp_path / "evil.docx"
    doc = NewDocument()
    doc.add_paragraph("{{ title.__class__.__mro__[1].__subclasses__() }}")
    doc.save(str(evil))
    with pytest.raises(ExportError):
        run_export(export_docx(Report.new("x"), tmp_path / "out.docx", evil))
    assert not (tmp_path / "out.docx").exists()


def test_unknown_tag_is_an_error_not_blank(tmp_path):
    from docx import Document as NewDocument

    tpl = tmp_path / "typo.docx"
    doc = NewDocument()
    doc.add_paragraph("{{ titel }}")
    doc.save(str(tpl))
    with pytest.raises(ExportError, match="titel"):
        run_export(export_docx(Report.new("x"), tmp_path / "out.docx", tpl))


def test_cancelled_export_leaves_no_file(example_report, tmp_path):
    out = tmp_path / "cancel.docx"
    steps = export_docx(example_report, out)
    next(steps)
    next(steps)
    steps.close()
    assert list(tmp_path.iterdir()) == []


def test_output_is_a_valid_zip_with_east_asian_font(example_report, tmp_path):
    out = tmp_path / "f.docx"
    run_export(export_docx(example_report, out))
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        styles = z.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="標楷體"' in styles


def test_unwritable_target_gives_clear_message(example_report, tmp_path):
    from desktop.fileio import FileWriteError

    with pytest.raises(FileWriteError, match="找不到資料夾|無法寫入"):
        run_export(export_docx(example_report, tmp_path / "missing" / "x.docx"))


# ---- the body: tables, recommendations, photos ------------------------------------------------

def _export(report, tmp_path, name="r.docx", **kwargs):
    out = tmp_path / name
    run_export(export_docx(report, out, **kwargs))
    return out


def _body_texts(path) -> list[str]:
    """Every paragraph's text in document order, table cells included."""
    doc = Document(str(path))
    from docx.oxml.ns import qn

    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]


def test_itinerary_table_merges_the_date_of_a_day(example_report, tmp_path):
    doc = Document(str(_export(example_report, tmp_path)))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "日期")
    assert [c.text for c in table.rows[0].cells] == ["日期", "時間", "地點", "行程"]
    first_day = [table.rows[i].cells[0] for i in (1, 2, 3)]
    # a merged cell is the same cell on each row it spans
    assert first_day[0]._tc is first_day[1]._tc is first_day[2]._tc
    assert first_day[0].text == "114年10月14日\n（星期二）"
    assert table.rows[4].cells[0]._tc is not first_day[0]._tc
    assert table.rows[4].cells[0].text.startswith("114年10月15日")
    assert [table.rows[i].cells[3].text for i in (1, 2, 3)] == [
        "搭機前往福岡", "出席論壇開幕式、主題演講及分組會議並報告", "出席大會歡迎晚宴"]


def test_traveller_table_lists_everyone_numbered(example_report, tmp_path):
    doc = Document(str(_export(example_report, tmp_path)))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "編號")
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["編號", "單位", "職稱", "姓名"]
    assert rows[1] == ["1", "臺南市政府消防局 局本部", "副局長", "王大明"]
    assert [r[3] for r in rows[1:]] == ["王大明", "陳美玲", "李志豪"]


def test_recommendations_numbered_under_their_chapter(example_report, tmp_path):
    texts = _body_texts(_export(example_report, tmp_path))
    start = texts.index("肆、建議")
    assert texts[start + 1] == "一、規劃設置市民防災體驗館"
    assert texts[start + 2].startswith("建議結合本局既有訓練場地")
    assert "二、強化地下空間淹水應變演練" in texts[start:]
    assert texts.index("三、建置跨機關災情影像共享平台") < texts.index("伍、後續推動規劃")


def test_photos_numbered_in_reading_order_inline_and_in_appendix(example_report, tmp_path):
    texts = _body_texts(_export(example_report, tmp_path))
    fig1 = texts.index("圖1：王副局長於論壇分組會議報告本市智慧水情監測成果")
    fig2 = texts.index("圖2：參觀福岡市民防災中心的濃煙避難體驗區")
    fig3 = texts.index("圖3：福岡市消防局指揮管制中心的災情影像牆")
    day1 = texts.index("一、114年10月14日（星期二）出席亞太城市韌性論壇")
    day2 = texts.index("二、114年10月15日（星期三）參訪福岡市民防災中心及地下街排水設施")
    appendix = texts.index("附錄")
    assert day1 < fig1 < day2 < fig2 < appendix < fig3


def test_photos_go_in_upright_and_at_print_size(example_report, tmp_path):
    import io

    from PIL import Image

    out = _export(example_report, tmp_path)
    with zipfile.ZipFile(out) as z:
        media = {i.filename: i for i in z.infolist() if i.filename.startswith("word/media/")}
        images = {n: Image.open(io.BytesIO(z.read(n))) for n in media}
    assert len(images) == 3
    # the control-room photo is stored 800×600 with EXIF orientation 6: it must arrive portrait
    portrait = [im for im in images.values() if im.height > im.width]
    assert len(portrait) == 1
    assert all(im.getexif().get(274) in (None, 1) for im in images.values())
    # JPEGs are stored, not deflated a second time
    assert all(i.compress_type == zipfile.ZIP_STORED for i in media.values())


def test_photo_row_keeps_caption_with_photo(example_report, tmp_path):
    from docx.oxml.ns import qn

    doc = Document(str(_export(example_report, tmp_path)))
    photo_tables = [t for t in doc.tables if t._tbl.xpath(".//pic:pic")]
    assert len(photo_tables) == 3
    for table in photo_tables:
        row = table.rows[0]
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert all(b.get(qn("w:val")) == "nil" for b in borders)
        cell = row.cells[0]
        assert cell.paragraphs[-1].text.startswith("圖")


def test_toc_field_refreshes_on_open_and_page_numbers_in_footer(example_report, tmp_path):
    out = _export(example_report, tmp_path)
    with zipfile.ZipFile(out) as z:
        settings = z.read("word/settings.xml").decode()
        document = z.read("word/document.xml").decode()
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert '<w:updateFields w:val="true"/>' in settings
    assert 'TOC \\o "1-3"' in document
    assert " PAGE " in footers
    assert 'w:val="center"' in footers
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_chapter_style_headings(example_report, tmp_path):
    example_report.heading_style = "章"
    texts = _body_texts(_export(example_report, tmp_path))
    assert "第一章 目的" in texts
    assert "第四章 建議" in texts
    assert "一、規劃設置市民防災體驗館" in texts


def test_missing_photo_file_is_named(example_report, tmp_path):
    example_report.photos[0].file = str(tmp_path / "gone.jpg")
    with pytest.raises(ExportError, match="gone.jpg"):
        _export(example_report, tmp_path)
    assert not (tmp_path / "r.docx").exists()


def test_export_from_the_photo_store(example_report, tmp_path):
    from desktop.photos.store import PhotoStore

    store = PhotoStore(tmp_path / "data")
    for photo in example_report.photos:
        photo.file = store.add_file(photo.file)
    out = _export(example_report, tmp_path, photos=store)
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("word/media/") for n in z.namelist()) == 3


def test_two_photos_of_a_section_share_a_row(example_report, tmp_path):
    import io

    from PIL import Image

    example_report.photos[2].placement = "sec-day1"  # now two photos under day 1
    out = _export(example_report, tmp_path)
    doc = Document(str(out))
    photo_tables = [t for t in doc.tables if t._tbl.xpath(".//pic:pic")]
    assert [len(t.columns) for t in photo_tables] == [2, 1]
    pair = photo_tables[0].rows[0].cells
    assert [c.paragraphs[-1].text for c in pair] == ["圖1：王副局長於論壇分組會議報告本市智慧水情監測成果",
                                                    "圖2：福岡市消防局指揮管制中心的災情影像牆"]
    # each of a pair prints at most 7.5 cm wide, at 300 dpi or more
    extents = [int(e) for e in photo_tables[0]._tbl.xpath(".//wp:extent/@cx")]
    assert all(e <= 7.5 * 360000 + 1 for e in extents)
    with zipfile.ZipFile(out) as z:
        widths = [Image.open(io.BytesIO(z.read(n))).width for n in z.namelist() if n.startswith("word/media/")]
    assert min(widths) >= 600  # the example photos are 800 px: never upscaled, never raw


def test_file_properties_describe_the_report(example_report, tmp_path):
    props = Document(str(_export(example_report, tmp_path))).core_properties
    assert props.title == example_report.title
    assert props.author == "王大明"
    assert props.created.year >= 2025


def test_photo_of_a_deleted_section_goes_to_the_appendix(example_report, tmp_path):
    example_report.photos[0].placement = "no-such-section"
    texts = _body_texts(_export(example_report, tmp_path))
    appendix = texts.index("附錄")
    assert texts.index("圖1：參觀福岡市民防災中心的濃煙避難體驗區") < appendix
    assert texts.index("圖2：王副局長於論壇分組會議報告本市智慧水情監測成果") > appendix
    assert texts.index("圖3：福岡市消防局指揮管制中心的災情影像牆") > appendix


def test_mainland_cover_matches_the_editor_preview(example_report, tmp_path):
    """The cover's first line reads as the 基本資料 page previews it, 赴大陸地區 throughout."""
    example_report.mainland = True
    out = tmp_path / "mainland.docx"
    run_export(export_docx(example_report, out))
    assert "赴大陸地區報告（赴大陸地區類別：開會、考察）" in document_text(out)
