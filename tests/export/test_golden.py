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


@pytest.mark.parametrize("template", ["full-report.docx", "summary-sheet.docx", "review-sheet.docx",
                                      "taipei-full-report.docx"])
def test_document_xml_matches_reference(example_report, tmp_path, template):
    out = tmp_path / template
    run_export(export_docx(example_report, out, template))
    actual = pretty_document_xml(out)
    reference = REFERENCE / template.replace(".docx", ".document.xml")
    if os.environ.get("TRIPREPORT_UPDATE_GOLDEN"):
        reference.write_text(actual, encoding="utf-8")
    assert reference.is_file(), f"no reference yet: run with TRIPREPORT_UPDATE_GOLDEN=1 ({reference.name})"
    expected = reference.read_text(encoding="utf-8")
    assert actual == expected, "word/document.xml differs from tests/reference: diff them, regenerate if intended"
