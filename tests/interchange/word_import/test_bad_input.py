"""Files that are not what they seem: each gets a clear Chinese message or a note, nothing is lost,
and what could be read still becomes a draft that saves and opens."""

import os
import shutil
import struct
import zipfile

import pytest
from docx import Document

from desktop.interchange.word_import import container
from desktop.interchange.word_import.container import ImportRefused
from desktop.interchange.word_import.importer import import_report
from desktop.photos.store import PhotoStore
from tests.interchange.word_import import word_documents as wd


def refused(path, tmp_path) -> ImportRefused:
    with pytest.raises(ImportRefused) as err:
        import_report(path, PhotoStore(tmp_path / "data"))
    message = str(err.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "Traceback" not in message
    return err.value


def simple_docx(path, paragraphs=("壹、目的", "說明目的。")):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


@pytest.mark.parametrize(("name", "content", "says"), [
    ("notes.docx", "這只是一個文字檔".encode(), "不是 Word 檔"),
    ("report.docx", b"%PDF-1.7\n...", "PDF"),
    ("empty.docx", b"", "空的檔案"),
])
def test_a_file_that_is_not_a_word_document(tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    assert says in str(refused(path, tmp_path))


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "book.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(path, tmp_path).code == "not-word"


def ole_file(path, streams: list[str]):
    """An OLE compound file's first bytes with its directory's stream names, as Office writes them."""
    header = container.OLE_MAGIC + b"\x00" * 504
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for name in streams)
    path.write_bytes(header + names + b"\x00" * 1024)
    return path


def test_a_password_protected_document_says_how_to_remove_the_password(tmp_path):
    path = ole_file(tmp_path / "加密.docx", ["Root Entry", "EncryptionInfo", "EncryptedPackage"])
    err = refused(path, tmp_path)
    assert err.code == "encrypted"
    assert "密碼" in str(err)


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path):
    path = simple_docx(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/fonts.xml", b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>")
    assert os.path.getsize(path) < 2 * 1024 * 1024
    assert refused(path, tmp_path).code == "too-large"


def test_a_zip_bomb_that_lies_about_its_size_is_stopped_while_inflating(tmp_path):
    """document.xml declares 2 KB but inflates to 30 MB: reading stops at the declared size."""
    path = tmp_path / "lying.docx"
    big = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>" + \
          b" " * (30 * 1024 * 1024) + b"</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", big)
    data = bytearray(path.read_bytes())
    # patch the declared (uncompressed) size in the local header and the central directory
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            name_len = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + name_len] == b"word/document.xml":
                struct.pack_into("<I", data, at + offset, 2048)
            start = at + 4
    path.write_bytes(bytes(data))
    err = refused(path, tmp_path)
    assert err.code in ("unsafe", "damaged")


def test_xml_that_declares_entities_is_refused(tmp_path):
    path = tmp_path / "entities.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    assert refused(path, tmp_path).code == "unsafe"


def test_a_200_mb_file_imports_its_text_and_says_which_picture_was_too_large(tmp_path, services):
    path = tmp_path / "大檔案.docx"
    doc = Document()
    doc.add_paragraph("壹、目的")
    doc.add_paragraph("說明目的。")
    wd.picture(doc)
    wd.caption(doc, "圖1：會場")
    doc.save(path)
    with zipfile.ZipFile(path) as zf:
        image = next(n for n in zf.namelist() if n.startswith("word/media/"))
        parts = {n: zf.read(n) for n in zf.namelist()}
    # the picture's part is replaced by 200 MB of data that does not compress
    parts[image] = os.urandom(200 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data, zipfile.ZIP_STORED if name == image else zipfile.ZIP_DEFLATED)
    assert os.path.getsize(path) > 200 * 1024 * 1024
    result = import_report(path, services.photos)
    chapter = result.report.chapter("purpose")
    assert chapter.text.startswith("說明目的。")
    assert "會場" in chapter.text  # the caption stays where the picture was
    assert any("超過單張上限" in n.text for n in result.notes.of("problem"))
    draft_id = services.repo.create(result.report)
    assert services.repo.load(draft_id).chapter("purpose").text == chapter.text


def test_a_document_with_no_structure_becomes_one_chapter_with_all_its_text(tmp_path):
    lines = ["今天天氣很好，我們去開會。", "會議討論了很多事情，大家都很認真。", "最後大家一起吃飯。"]
    path = simple_docx(tmp_path / "隨筆.docx", ["出差心得"] + lines)
    result = import_report(path, PhotoStore(tmp_path / "data"))
    texts = "\n".join(c.text for c in result.report.chapters)
    assert all(line in texts for line in lines)
    assert len(result.report.chapters) == 1
    assert any("全部文字放在同一章" in n.text for n in result.notes.of("uncertain"))


def test_tracked_changes_are_taken_as_shown(tmp_path):
    path = tmp_path / "修訂.docx"
    doc = Document()
    doc.add_paragraph("壹、目的")
    p = doc.add_paragraph("本次出國")
    wd.tracked_insert(p, "考察防災設施")
    wd.tracked_delete(p, "順便旅遊")
    p.add_run("。")
    doc.save(path)
    result = import_report(path, PhotoStore(tmp_path / "data"))
    assert result.report.chapter("purpose").text == "本次出國考察防災設施。"
    assert any("追蹤修訂" in n.text for n in result.notes.notes)


def test_text_box_text_comes_once_after_its_paragraph(tmp_path):
    path = tmp_path / "文字方塊.docx"
    doc = Document()
    doc.add_paragraph("壹、目的")
    p = doc.add_paragraph("主文第一段。")
    wd.text_box(p, "方塊裡的說明")
    doc.add_paragraph("主文第二段。")
    doc.save(path)
    result = import_report(path, PhotoStore(tmp_path / "data"))
    assert result.report.chapter("purpose").text == "主文第一段。\n方塊裡的說明\n主文第二段。"
    assert any("文字方塊" in n.text for n in result.notes.notes)


def test_fields_give_their_results_not_their_codes(tmp_path):
    path = tmp_path / "功能變數.docx"
    doc = Document()
    doc.add_paragraph("壹、目的")
    p = doc.add_paragraph("詳見第")
    wd.complex_field(p, "PAGEREF _Toc1 \\h", "3")
    p.add_run("頁，日期")
    wd.simple_field(p, "DATE \\@ yyyy", "2025")
    doc.save(path)
    result = import_report(path, PhotoStore(tmp_path / "data"))
    assert result.report.chapter("purpose").text == "詳見第3頁，日期2025"


def test_pictures_in_unsupported_formats_leave_their_captions_and_a_note(tmp_path, services):
    path = tmp_path / "圖片.docx"
    doc = Document()
    doc.add_paragraph("壹、目的")
    wd.picture(doc, wd.picture_bytes((10, 10, 10)))
    wd.caption(doc, "圖1：可以匯入的照片")
    wd.picture(doc, wd.picture_bytes((90, 90, 90)))
    wd.caption(doc, "圖2：壞掉的照片")
    wd.picture(doc, wd.picture_bytes((180, 180, 180)))
    wd.caption(doc, "圖3：向量圖")
    doc.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    media = sorted(n for n in parts if n.startswith("word/media/"))
    assert len(media) == 3
    parts[media[1]] = b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 10
    emf = media[2].rsplit(".", 1)[0] + ".emf"
    parts[emf] = parts.pop(media[2])
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        media[2].split("/", 1)[1].encode(), emf.split("/", 1)[1].encode())
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    result = import_report(path, services.photos)
    assert [p.caption for p in result.report.photos] == ["可以匯入的照片"]
    text = result.report.chapter("purpose").text
    assert "壞掉的照片" in text
    assert "向量圖" in text
    problems = [n.text for n in result.notes.of("problem")]
    assert len(problems) == 2
    assert any("EMF" in p for p in problems)
    draft_id = services.repo.create(result.report)
    assert services.repo.load(draft_id).photos[0].caption == "可以匯入的照片"


def test_odt_without_libreoffice_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIPREPORT_SOFFICE", str(tmp_path / "no-soffice-here"))
    path = tmp_path / "報告.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        zf.writestr("content.xml", "<office:document-content/>")
    err = refused(path, tmp_path)
    assert err.code == "needs-conversion"
    assert "LibreOffice" in str(err)


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安裝")
@pytest.mark.parametrize("fmt", ["odt", "doc"])
def test_odt_and_doc_come_in_through_libreoffice(tmp_path, fmt):
    import subprocess

    source = wd.word_style_report(tmp_path / "舊報告.docx")
    filters = {"odt": "odt", "doc": "doc:MS Word 97"}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    filters[fmt], "--outdir", str(tmp_path / "out"), str(source)], check=True, capture_output=True,
                   timeout=180)
    result = import_report(tmp_path / "out" / f"舊報告.{fmt}", PhotoStore(tmp_path / "data"))
    r = result.report
    assert r.title == "出席2025亞太城市韌性論壇"
    assert [c.key for c in r.chapters] == ["purpose", "process", "insights", "recommendations"]
    assert len(r.itinerary) == 3
    assert [p.caption for p in r.photos] == ["王副局長於分組會議報告", "參觀濃煙避難體驗區"]


def test_footnotes_keep_their_words_after_their_paragraph(tmp_path):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    path = tmp_path / "註腳.docx"
    doc = Document()
    doc.add_paragraph("壹、目的")
    p = doc.add_paragraph("依據市府計畫")
    wd.add_xml(p, f'<w:r {wd.W}><w:footnoteReference w:id="1"/></w:r>')
    p.add_run("辦理。")
    doc.add_paragraph("第二段。")
    footnotes = (f'<w:footnotes {wd.W}><w:footnote w:id="1"><w:p><w:r><w:t>114年度施政計畫第3項</w:t></w:r></w:p>'
                 '</w:footnote></w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", footnotes, doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    doc.save(path)
    result = import_report(path, PhotoStore(tmp_path / "data"))
    assert result.report.chapter("purpose").text == "依據市府計畫［註1］辦理。\n［註1］114年度施政計畫第3項\n第二段。"
