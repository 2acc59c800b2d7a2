"""Opening the file to import without trusting it.

Whatever the user picks may not be a Word file at all, may be password-protected (Word then writes
an encrypted OLE container, not a zip), may be a zip bomb, or may be very large. So the file's first
bytes decide what it is, the zip's entries are checked as declared (count, sizes) and again while
inflating (never more than the declared size is inflated), XML is parsed with no DTD, no entities
and no network — both by the export's hardened reader (export/safe_docx.py) — and pictures are
streamed to a work folder instead of memory. Each refusal says what is wrong in Chinese
(ImportRefused).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.export import safe_docx

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
ODT_MIME = b"application/vnd.oasis.opendocument.text"

MAX_FILE_BYTES = 1024 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_XML_PART_BYTES = 64 * 1024 * 1024  # a 300-page report's document.xml is about 5 MB
MAX_PICTURE_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)
# The parts the walker reads; everything else stays in the zip until a picture is asked for.
WANTED = re.compile(r"^(\[Content_Types\]\.xml|word/(document|styles|numbering|footnotes)\.xml|"
                    r"word/_rels/document\.xml\.rels)$")

RESAVE = "請用 Word 開啟，「另存新檔」為 Word 文件（*.docx）後再匯入一次。"


class ImportRefused(Exception):
    """The file cannot be imported; str(err) says why, in Chinese. `code`: not-word, encrypted,
    too-large, damaged, needs-conversion, unsafe."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


@dataclass
class Sniffed:
    kind: str  # docx, odt, doc, rtf
    size: int


def sniff(path: Path) -> Sniffed:
    """What the file is, from its first bytes (the name's suffix can lie). Raises ImportRefused."""
    path = Path(path)
    name = path.name
    try:
        if not path.is_file():
            raise ImportRefused(f"找不到檔案「{path}」，或它不是一般檔案。", "not-word")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except PermissionError:
        raise ImportRefused(f"沒有權限讀取「{name}」。", "not-word") from None
    except OSError as err:
        raise ImportRefused(f"無法讀取「{name}」（{err.strerror or err}）。", "not-word") from None
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"「{name}」有 {_mb(size)}，超過可匯入的上限 {_mb(MAX_FILE_BYTES)}。"
                            "請在 Word 中選取圖片，用「壓縮圖片」縮小後另存，再匯入。", "too-large")
    if size == 0:
        raise ImportRefused(f"「{name}」是空的檔案（0 位元組）。", "not-word")
    if head.startswith(ZIP_MAGIC):
        return Sniffed(_zip_kind(path), size)
    if head.startswith(OLE_MAGIC):
        return Sniffed(_ole_kind(path), size)
    if head.startswith(RTF_MAGIC):
        return Sniffed("rtf", size)
    if head.startswith(b"%PDF"):
        raise ImportRefused(f"「{name}」是 PDF 檔，無法還原成可編輯的草稿。請改用當初的 Word 檔（.docx 或 .doc）匯入。",
                            "not-word")
    raise ImportRefused(f"「{name}」不是 Word 檔（.docx、.doc）或 ODF 文字文件（.odt），無法匯入。", "not-word")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size <= 100 and zf.read(info).strip() == ODT_MIME:
                    return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError):
        raise ImportRefused(f"「{path.name}」已損壞，無法當成 Word 檔開啟。{RESAVE}", "damaged") from None
    raise ImportRefused(f"「{path.name}」是壓縮檔，但不是 Word 文件（.docx）或 ODF 文字文件（.odt），無法匯入。", "not-word")


def _ole_kind(path: Path) -> str:
    """An OLE container is either an encrypted .docx (Word's 「以密碼加密」) or a Word 97–2003 .doc.
    The directory names its streams in UTF-16; looking for them needs no OLE library."""
    try:
        data = path.read_bytes() if path.stat().st_size <= 64 * 1024 * 1024 else _head(path, 64 * 1024 * 1024)
    except OSError as err:
        raise ImportRefused(f"無法讀取「{path.name}」（{err.strerror or err}）。", "not-word") from None
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        raise ImportRefused(f"「{path.name}」有密碼保護，無法讀取內容。請在 Word 中開啟，到「檔案 → 資訊 → 保護文件 → "
                            "以密碼加密」清除密碼並存檔，再匯入。", "encrypted")
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    raise ImportRefused(f"「{path.name}」是舊版 Office 檔，但不是 Word 文件（可能是 Excel 或 PowerPoint），無法匯入。",
                        "not-word")


def _head(path: Path, n: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(n)


def parse_part(name: str, data: bytes):
    """The root of one XML part, parsed by the export's hardened reader (no DTD, no entities, no
    network); its refusal said in the import's words."""
    try:
        return safe_docx.parse_part(name, data)
    except safe_docx.UnsafeDocx as err:
        if err.code == "xml-declarations":
            raise ImportRefused(f"檔案內部的 {name} 含有 DOCTYPE／ENTITY 宣告，Word 存的檔案不會有這種內容，"
                                f"可能被刻意修改過，已拒絕匯入。{RESAVE}", "unsafe") from None
        raise ImportRefused(f"檔案內部的 {name} 不是完整的 XML，檔案已損壞。{RESAVE}", "damaged") from None


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, sink=None) -> bytes:
    """The export's bounded inflate: no more than `limit` (the declared size) is ever inflated."""
    try:
        return safe_docx.inflate(zf, info, limit, keep=True, sink=sink)
    except safe_docx.UnsafeDocx:
        raise ImportRefused(f"檔案內部的 {info.filename} 解壓縮後超過記載的大小，可能是惡意的壓縮檔，已拒絕匯入。",
                            "unsafe") from None


@dataclass
class Package:
    """A .docx whose entries have been checked; its XML parts parsed on demand."""

    path: Path
    parts: dict[str, bytes] = field(default_factory=dict)
    entries: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def xml(self, name: str):
        data = self.parts.get(name)
        return parse_part(name, data) if data is not None else None

    def extract(self, part: str, target: Path) -> str:
        """Write a picture part to `target`; "" when done, else why not (in Chinese)."""
        info = self.entries.get(part)
        if info is None:
            return "檔案中找不到這張圖片的內容"
        if info.file_size > MAX_PICTURE_BYTES:
            return f"圖片有 {_mb(info.file_size)}，超過單張上限 {_mb(MAX_PICTURE_BYTES)}"
        try:
            with zipfile.ZipFile(self.path) as zf, Path(target).open("wb") as fh:
                _inflate(zf, info, info.file_size, fh)
        except ImportRefused as err:
            return str(err)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as err:
            return f"圖片內容已損壞，無法解壓縮（{type(err).__name__}）"
        return ""


def open_docx(path: Path) -> Package:
    """The checked package of a .docx. Raises ImportRefused."""
    path = Path(path)
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused(f"「{name}」已損壞，無法當成 Word 檔開啟。{RESAVE}", "damaged") from None
    package = Package(path)
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise ImportRefused(f"「{name}」裡有 {len(infos)} 個項目（上限 {MAX_ENTRIES}），不像 Word 文件，已拒絕匯入。", "unsafe")
        declared = 0
        for info in infos:
            declared += info.file_size
            if XML_PART.search(info.filename) and info.file_size > MAX_XML_PART_BYTES:
                raise ImportRefused(f"「{name}」內部的 {info.filename} 解壓縮後有 {_mb(info.file_size)}，"
                                    f"超過上限 {_mb(MAX_XML_PART_BYTES)}，已拒絕匯入。", "too-large")
            package.entries[info.filename] = info
        if declared > MAX_TOTAL_BYTES:
            raise ImportRefused(f"「{name}」解壓縮後共 {_mb(declared)}，超過上限 {_mb(MAX_TOTAL_BYTES)}，已拒絕匯入。",
                                "too-large")
        for info in infos:
            if WANTED.match(info.filename):
                try:
                    package.parts[info.filename] = _inflate(zf, info, info.file_size)
                except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
                    raise ImportRefused(f"「{name}」已損壞（內部的 {info.filename} 無法解壓縮）。{RESAVE}",
                                        "damaged") from None
    if "word/document.xml" not in package.parts:
        raise ImportRefused(f"「{name}」不是 Word 文件：缺少文件內容（word/document.xml）。{RESAVE}", "not-word")
    return package
