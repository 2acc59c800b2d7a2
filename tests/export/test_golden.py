"""Golden documents: the example draft's word/document.xml, pretty-printed, against tests/reference/.

A change to the output shows up here as a readable diff. When the change is intended, regenerate
with TRIPREPORT_UPDATE_GOLDEN=1 pytest tests/export/test_golden.py and review the diff in git.
"""

import os
import re
import zipfile

import pytest
from lxml import etree

from desktop.export.render import export_docx, run_export
from tests.conftest import REPO_ROOT

REFERENCE = REPO_ROOT / "tests" / "reference"
VOLATILE = re.compile(r'\s+w:rsid\w*="[0-9A-F]+"')  # revision ids, if a template was edited in Word


def pretty_document_xml(docx) -> str:
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    text = etree.tostring(root, pretty_print=True, encoding="unicode")
    return VOLATILE.sub("", text)


# (kind, template asked for): None is the kind's own report; a built-in sheet becomes the kind's sheet.
CASES = [("central", None), ("central", "summary-sheet.docx"), ("central", "review-sheet.docx"),
         ("taipei", None), ("taipei", "follow-up-sheet.docx"), ("taichung", None),
         ("taichung", "summary-sheet.docx"), ("new-taipei", None), ("summary-only", None), ("press-release", None)]


def as_kind(report, kind_id):
    from desktop.domain.kind_change import change_kind
    from desktop.domain.kinds import get_kind

    return change_kind(report, get_kind(report.kind), get_kind(kind_id)).report


@pytest.mark.parametrize(("kind", "template"), CASES, ids=lambda x: x or "report")
def test_document_xml_matches_reference(example_report, tmp_path, kind, template):
    out = tmp_path / "out.docx"
    run_export(export_docx(as_kind(example_report, kind), out, template))
    actual = pretty_document_xml(out)
    name = f"{kind}.{(template or 'report.docx').replace('.docx', '')}.document.xml"
    reference = REFERENCE / name
    if os.environ.get("TRIPREPORT_UPDATE_GOLDEN"):
        reference.write_text(actual, encoding="utf-8")
    assert reference.is_file(), f"no reference yet: run with TRIPREPORT_UPDATE_GOLDEN=1 ({reference.name})"
    expected = reference.read_text(encoding="utf-8")
    assert actual == expected, "word/document.xml differs from tests/reference: diff them, regenerate if intended"
