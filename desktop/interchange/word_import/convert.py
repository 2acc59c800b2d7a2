""".odt, .doc and .rtf files become .docx through LibreOffice before they are read, using the
export's converter (its profile handling, time limit and cancel) with the Word filter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop.interchange.word_import.container import ImportRefused

KIND_NAMES = {"odt": "ODF 文字文件（.odt）", "doc": "舊版 Word 文件（.doc）", "rtf": "RTF 文件"}


def missing_message(kind: str) -> str:
    return (f"這是{KIND_NAMES.get(kind, '非 .docx 的文件')}，要先用 LibreOffice 轉成 .docx 才能匯入，但找不到 LibreOffice。"
            "請安裝免費的 LibreOffice（Windows：https://zh-tw.libreoffice.org/；Linux：sudo apt install "
            "libreoffice-writer）後再試一次，或在 Word 中「另存新檔」為 Word 文件（*.docx）後匯入。")


def to_docx(source: Path, work: Path, kind: str) -> Iterator[None]:
    """Convert `source` into `work`/<name>.docx; a generator that yields while LibreOffice works
    and returns the new file's path. Raises ImportRefused."""
    from desktop.export import libreoffice

    if not libreoffice.available():
        raise ImportRefused(missing_message(kind), "needs-conversion")
    # LibreOffice names its output after the input: a copy with a plain name avoids odd characters
    # and a source folder it may not write to.
    plain = Path(work) / f"import-source.{kind}"
    plain.write_bytes(Path(source).read_bytes())
    target = Path(work) / "import-source.docx"
    try:
        yield from libreoffice.convert(plain, target, "docx")
    except libreoffice.ConversionError as err:
        raise ImportRefused(f"LibreOffice 無法把「{Path(source).name}」轉成 .docx（檔案可能已損壞或有密碼保護）。{err}",
                            "needs-conversion") from None
    if not target.is_file():
        raise ImportRefused(f"LibreOffice 沒有把「{Path(source).name}」轉成 .docx。", "needs-conversion")
    return target
