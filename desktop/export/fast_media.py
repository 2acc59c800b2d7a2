"""Adding many photos to a .docx without python-docx's two slow paths.

python-docx 1.2 looks for a duplicate of each new image by SHA-1-hashing every image already in the
package (quadratic in the number of photos), and saves every part deflated, JPEGs included, which
costs seconds and gains nothing (JPEG does not compress further). Here each photo is hashed once,
its image part is created directly, and on save the already-compressed media are stored as they are.
The result is an ordinary OPC package: Word and LibreOffice open it (tests/export checks both).
bench/bench_export.py measures the difference.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Emu

# Already compressed: deflating them again only costs time.
_STORED_SUFFIXES = (".jpeg", ".jpg", ".png", ".gif", ".tif", ".tiff", ".emf.gz")


class MediaAdder:
    """Adds pictures to one document part, each distinct file once."""

    def __init__(self, document_part):
        self.part = document_part
        self._by_hash: dict[str, tuple[str, DocxImage]] = {}
        taken = {str(p.partname) for p in document_part.package.iter_parts()}
        self._taken = taken
        self._counter = 0
        ids = [int(v) for v in document_part.element.xpath("//wp:docPr/@id") if str(v).isdigit()]
        self._next_shape_id = max(ids, default=0) + 1000

    def _partname(self, ext: str) -> PackURI:
        while True:
            self._counter += 1
            name = f"/word/media/photo{self._counter:04d}.{ext}"
            if name not in self._taken:
                self._taken.add(name)
                return PackURI(name)

    def image_of(self, path: Path) -> tuple[str, DocxImage]:
        """The relationship id and parsed header of `path`, adding the image part on first use."""
        blob = Path(path).read_bytes()
        digest = hashlib.sha1(blob).hexdigest()
        found = self._by_hash.get(digest)
        if found:
            return found
        image = DocxImage.from_blob(blob)  # reads the header only
        image_part = ImagePart(self._partname(image.ext), image.content_type, blob, image)
        rid = self.part.relate_to(image_part, RT.IMAGE)
        self._by_hash[digest] = (rid, image)
        return rid, image

    def inline(self, path: Path, width_emu: int, height_emu: int) -> CT_Inline:
        rid, image = self.image_of(path)
        self._next_shape_id += 1
        return CT_Inline.new_pic_inline(self._next_shape_id, rid, image.filename, Emu(width_emu), Emu(height_emu))

    def add_to_run(self, run, path: Path, width_emu: int, height_emu: int) -> None:
        run._r.add_drawing(self.inline(path, width_emu, height_emu))


class _MixedZipWriter:
    """The writer python-docx's PackageWriter expects, storing media uncompressed."""

    def __init__(self, target):
        self._zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob) -> None:
        name = pack_uri.membername
        stored = name.lower().endswith(_STORED_SUFFIXES)
        self._zip.writestr(name, blob, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)

    def close(self) -> None:
        self._zip.close()


def save_document(document, target: Path) -> None:
    """Save a python-docx Document like Document.save, but with media stored, not deflated.

    Mirrors OpcPackage.save (python-docx 1.2, pinned): marshal the parts, then write content types,
    package relationships and parts through PackageWriter's steps."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    writer = _MixedZipWriter(target)
    try:
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    finally:
        writer.close()


_AFTER_UPDATE_FIELDS = {qn(f"w:{n}") for n in (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")} | {
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}


def set_update_fields_on_open(document) -> None:
    """Ask Word to refresh fields (the 目次) when the file is opened: python-docx cannot lay out
    pages, so only Word (or LibreOffice, see libreoffice.py) can put page numbers in the TOC."""
    settings = document.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = settings.makeelement(qn("w:updateFields"), {})
        # CT_Settings is a sequence: Word rejects an element out of order.
        later = next((child for child in settings if child.tag in _AFTER_UPDATE_FIELDS), None)
        if later is None:
            settings.append(existing)
        else:
            later.addprevious(existing)
    existing.set(qn("w:val"), "true")
