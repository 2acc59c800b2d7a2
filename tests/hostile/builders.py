"""Hostile agency templates and export targets, built on the fly: each function writes one attack
into a folder and returns its path, so the tests (and a person replaying the campaign) can run
them against template-check and export."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document

DOCUMENT = "word/document.xml"


def plain_template(path: Path, *paragraphs: str) -> Path:
    """A Word template with a title, the given paragraphs and the body tag."""
    doc = Document()
    for text in ("{{ title }}", *paragraphs, "{{p body }}"):
        doc.add_paragraph(text)
    doc.save(str(path))
    return Path(path)


def with_part(source: Path, target: Path, name: str, data: bytes, compresslevel: int | None = None) -> Path:
    """A copy of the .docx `source` whose part `name` holds `data`."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED,
                                                         compresslevel=compresslevel) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info.filename))
    return Path(target)


def document_xml(source: Path) -> bytes:
    with zipfile.ZipFile(source) as z:
        return z.read(DOCUMENT)


def _body_of(xml: bytes) -> bytes:
    """The document without its XML declaration, so a DOCTYPE can go in front."""
    return xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml


def broken_xml(folder: Path) -> Path:
    base = plain_template(folder / "base.docx")
    xml = document_xml(base)
    return with_part(base, folder / "broken-xml.docx", DOCUMENT, xml[: len(xml) - 40])


def undefined_entity(folder: Path) -> Path:
    base = plain_template(folder / "base.docx")
    xml = document_xml(base).replace(b"{{ title }}", b"&nope;")
    return with_part(base, folder / "undefined-entity.docx", DOCUMENT, xml)


def external_entity(folder: Path, url: str = "file:///etc/passwd") -> Path:
    base = plain_template(folder / "base.docx")
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "' + url.encode() + b'">]>'
           + _body_of(document_xml(base)).replace(b"{{ title }}", b"&xxe;"))
    return with_part(base, folder / "external-entity.docx", DOCUMENT, xml)


def billion_laughs(folder: Path) -> Path:
    base = plain_template(folder / "base.docx")
    entities = [b'<!ENTITY a "lollollollollol">']
    for i in range(1, 10):
        prev, name = chr(96 + i).encode(), chr(97 + i).encode()
        entities.append(b"<!ENTITY " + name + b' "' + (b"&" + prev + b";") * 10 + b'">')
    xml = (b'<?xml version="1.0"?><!DOCTYPE w:document [' + b"".join(entities) + b"]>"
           + _body_of(document_xml(base)).replace(b"{{ title }}", b"&j;"))
    return with_part(base, folder / "billion-laughs.docx", DOCUMENT, xml)


def utf16_entity(folder: Path) -> Path:
    """The external entity again, in UTF-16, where a search of the raw bytes would not see it."""
    base = plain_template(folder / "base.docx")
    text = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + _body_of(document_xml(base)).decode().replace("{{ title }}", "&xxe;"))
    return with_part(base, folder / "utf16-entity.docx", DOCUMENT, text.encode("utf-16"))


def huge_document(folder: Path, size: int = 1024 ** 3) -> Path:
    """A document.xml of `size` bytes (1 GiB by default) that compresses to a few MB."""
    base = plain_template(folder / "base.docx")
    xml = document_xml(base)
    head, tail = xml.split(b"<w:body>", 1)
    filler = b"<w:p><w:r><w:t>" + b"x" * 1000 + b"</w:t></w:r></w:p>"
    target = folder / "huge-document.docx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            if info.filename != DOCUMENT:
                zout.writestr(info.filename, zin.read(info.filename))
                continue
            with zout.open(DOCUMENT, "w", force_zip64=True) as fh:
                fh.write(head + b"<w:body>")
                written = len(head) + 8
                block = filler * 1024
                while written + len(block) + len(tail) < size:
                    fh.write(block)
                    written += len(block)
                fh.write(tail)
    return target


def lying_sizes(folder: Path) -> Path:
    """A document.xml that inflates to 4 MB while the zip declares 2,000 bytes."""
    base = plain_template(folder / "base.docx")
    xml = document_xml(base).replace(b"{{ title }}", b"{{ title }}" + b"y" * 4_000_000)
    target = with_part(base, folder / "lying-sizes.docx", DOCUMENT, xml)
    data = bytearray(target.read_bytes())
    real = len(xml).to_bytes(4, "little")
    fake = (2000).to_bytes(4, "little")
    at = 0
    patched = 0
    while (at := data.find(real, at)) >= 0:  # the size in the local header and the central directory
        data[at:at + 4] = fake
        patched += 1
    assert patched == 2, patched
    target.write_bytes(bytes(data))
    return target


def many_entries(folder: Path, count: int = 5000) -> Path:
    base = plain_template(folder / "base.docx")
    target = folder / "many-entries.docx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        for n in range(count):
            zout.writestr(f"word/media/x{n}.bin", b"")
    return target


XML_ATTACKS = {
    "broken-xml": broken_xml,
    "undefined-entity": undefined_entity,
    "external-entity": external_entity,
    "billion-laughs": billion_laughs,
    "utf16-entity": utf16_entity,
    "lying-sizes": lying_sizes,
    "many-entries": many_entries,
}


# ---- Jinja: tags that ask for what a template must not have ------------------------------------

# Refused by template-check before anything renders (they can never work).
STATIC_JINJA = {
    "include": "{% include 'other.docx' %}",
    "extends": "{% extends 'other.docx' %}",
    "import": "{% import 'macros' as m %}",
    "from-import": "{% from 'macros' import f %}",
    "range-billion": "{% for i in range(10**9) %}{% endfor %}",
    "nested-ranges": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "repeat-300m": "{{ 'x' * 300000000 }}",
    "power-tower": "{{ 9 ** (9 ** 9) }}",
}

# Pass the check (they depend on the report) and are refused while rendering, each by its rule.
RUNTIME_JINJA = {
    "repeat-title": ("{{ title * 300000000 }}", "「*」"),
    "range-of-title": ("{% for i in range(title|length * 10**8) %}{% endfor %}", "range()"),
    "center": ("{{ title|center(10**9) }}", "|center"),
    "ljust": ("{{ title.ljust(300000000) }}", ".ljust()"),
    "format-width": ("{{ '%300000000d' % title|length }}", "格式寬度"),
    "brace-width": ("{{ '{:>300000000}'.format(title) }}", "格式寬度"),
    "namespace-doubling": ("{% set ns = namespace(s=title) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                           "{% endfor %}{{ ns.s|length }}", "namespace"),
    "join-bomb": ("{% set s = title * 99999 %}{{ range(99999)|join(s) }}", "|join"),
    "replace-bomb": ("{% set s = title * 99999 %}{{ s|replace(title, s) }}", "|replace"),
    "batch-fill": ("{{ [1]|batch(10**9, 'x')|list }}", "|batch"),
    "printed-list": ("{{ [title * 99999] * 99999 }}", "印出的清單"),
    "output-flood": ("{% set s = title * 99999 %}{% for i in range(99999) %}{{ s }}{% endfor %}", "MB 字元"),
    "mutation": ("{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}", "不允許的操作"),
    "recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "太多層"),
}

# Pass every rule; only the child's time limit stops it.
ENDLESS_LOOPS = "{% set s = title[:1] * 9999 %}{% for a in s %}{% for b in s %}{% for c in s %}{% endfor %}{% endfor %}{% endfor %}"
# Passes every rule; only the child's memory cap stops it (2 GB of text).
MEMORY_HOG = "{{ ([title[:1] * 99999] * 20000)|string }}"


def jinja_template(folder: Path, name: str, tag: str) -> Path:
    return plain_template(Path(folder) / f"{name}.docx", tag)
