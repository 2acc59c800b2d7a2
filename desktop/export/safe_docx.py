"""Reading an agency's .docx without trusting it.

A .docx is a zip of XML parts, and both layers can be made hostile: a part that inflates to a
gigabyte, a zip of thousands of entries, XML that declares entities ("billion laughs", or an
external entity that would read a local file or a URL), or plain broken XML. python-docx and lxml
answer each of these with a traceback or gigabytes of memory, so a template is read here before
either sees it: sizes are checked as the zip declares them and again while inflating (never more
than the limit is inflated), every XML part is parsed by a parser that loads no DTD, resolves no
entity and opens no network connection, and a document type declaration is refused outright (Word
never writes one). What is wrong comes back in Chinese as UnsafeDocx.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

MAX_ENTRIES = 2000
MAX_XML_PART_BYTES = 16 * 1024 * 1024  # a 100-page agency template's document.xml is ~2 MB
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # logos and pictures included
CHUNK = 1024 * 1024
XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)
DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

RESAVE = "請用 Word 開啟範本，「另存新檔」為 Word 文件（*.docx）後再選一次。"


class UnsafeDocx(Exception):
    """The file cannot be used as a template; str(err) says why, in Chinese, and `code` names the
    kind of problem: not-docx, too-large, broken-xml or xml-declarations."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def hardened_parser():
    """An lxml parser for untrusted XML. A new one per call: lxml parsers must not be shared
    between threads."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False)


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _declares_entities(data: bytes) -> bool:
    if DECLARATION.search(data):
        return True
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 would hide the declaration from a byte search
        text = data.decode("utf-16", "replace").encode("utf-8", "replace")
        return bool(DECLARATION.search(text))
    return False


def parse_part(name: str, data: bytes):
    """The root element of one XML part, parsed safely; UnsafeDocx when it is not plain XML."""
    from lxml import etree

    if _declares_entities(data):
        raise UnsafeDocx(f"範本內部的 {name} 含有 DOCTYPE／ENTITY 宣告。Word 存的檔案不會有這種內容，"
                         f"這個檔案可能被刻意修改過（例如想讀取電腦上的其他檔案），已拒絕使用。{RESAVE}", "xml-declarations")
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as err:
        where = f"第 {err.lineno} 行" if err.lineno else "開頭"
        if "Entity" in str(err):
            raise UnsafeDocx(f"範本內部的 {name} 使用了未定義的實體（&名稱;，{where}），檔案已損壞或被修改過。"
                             f"{RESAVE}", "broken-xml") from None
        raise UnsafeDocx(f"範本內部的 {name} 不是完整的 XML（{where}），檔案已損壞。{RESAVE}",
                         "broken-xml") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise UnsafeDocx(f"範本內部的 {name} 含有 DOCTYPE 宣告，已拒絕使用。{RESAVE}", "xml-declarations")
    return root


def inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, keep: bool, sink=None) -> bytes:
    """The entry's bytes (b"" unless `keep`; written to `sink`, a binary file, when given),
    inflating no more than `limit` bytes (its declared size) whatever the compressed data holds.
    The Word import streams pictures to disk through `sink`."""
    out = bytearray()
    seen = 0
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            seen += len(chunk)
            if seen > limit:
                raise UnsafeDocx(f"範本內部的 {info.filename} 解壓縮後超過 {_megabytes(limit)}"
                                 "（與檔案記載的大小不符），可能是惡意的壓縮檔，已拒絕使用。", "too-large")
            if sink is not None:
                sink.write(chunk)
            elif keep:
                out += chunk
    return bytes(out)


def read_docx_parts(path: Path) -> dict[str, bytes]:
    """Every XML part of the .docx at `path`, each parsed once safely; other parts are inflated
    (to check their real size) but not kept. Raises UnsafeDocx."""
    path = Path(path)
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnsafeDocx(f"「{name}」不是 Word（.docx）檔，或檔案已損壞。{RESAVE}", "not-docx") from None
    parts: dict[str, bytes] = {}
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise UnsafeDocx(f"範本「{name}」裡有 {len(infos)} 個檔案（上限 {MAX_ENTRIES}），不像 Word 文件，已拒絕使用。", "too-large")
        declared = 0
        for info in infos:
            limit = MAX_XML_PART_BYTES if XML_PART.search(info.filename) else MAX_TOTAL_BYTES
            if info.file_size > limit:
                raise UnsafeDocx(f"範本內部的 {info.filename} 有 {_megabytes(info.file_size)}，"
                                 f"超過上限 {_megabytes(limit)}，已拒絕使用。請縮小範本中的圖片或內容。", "too-large")
            declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise UnsafeDocx(f"範本「{name}」解壓縮後共 {_megabytes(declared)}，超過範本上限 {_megabytes(MAX_TOTAL_BYTES)}，"
                             "已拒絕使用。請縮小範本中的圖片。", "too-large")
        for info in infos:
            is_xml = bool(XML_PART.search(info.filename))
            try:
                data = inflate(zf, info, info.file_size, keep=is_xml)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
                raise UnsafeDocx(f"範本「{name}」已損壞（內部的 {info.filename} 無法解壓縮）。{RESAVE}", "not-docx") from None
            if is_xml:
                parse_part(info.filename, data)
                parts[info.filename] = data
    if "word/document.xml" not in parts:
        raise UnsafeDocx(f"範本「{name}」不是 Word（.docx）檔：缺少文件內容（word/document.xml）。{RESAVE}", "not-docx")
    return parts
