"""Exporting from the window: the file is written, and every failure says what to do, in Chinese."""

import pytest
from docx import Document
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.gui.export_dialog import export_with_dialog


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, title, text, *a, **k: shown.append((title, text))))
    return shown


@pytest.fixture
def notes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, title, text, *a, **k: shown.append((title, text))))
    return shown


def choose(monkeypatch, path):
    from desktop.gui import export_dialog

    monkeypatch.setattr(export_dialog, "tell_exported", lambda *a: "")  # test_after_export.py tests it
    asked = []

    def fake(_parent, caption, suggested, name_filter, *args, **kwargs):
        asked.append((caption, suggested, name_filter))
        return str(path), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_docx_is_written_and_returned(parent, services, example_report, tmp_path, monkeypatch, warnings):
    asked = choose(monkeypatch, tmp_path / "報告")
    written = export_with_dialog(parent, services, example_report)
    assert written == tmp_path / "報告.docx"
    assert asked[0][1] == f"{example_report.title}.docx"
    assert "壹、目的" in [p.text for p in Document(str(written)).paragraphs]
    assert warnings == []


def test_file_open_in_word_is_explained(parent, services, example_report, tmp_path, monkeypatch, warnings):
    target = tmp_path / "出國報告.docx"
    target.write_bytes(b"old")
    (tmp_path / "~$出國報告.docx").write_bytes(b"owner")
    choose(monkeypatch, target)
    assert export_with_dialog(parent, services, example_report) is None
    assert "在 Word 中開啟" in warnings[0][1]
    assert target.read_bytes() == b"old"


def test_read_only_folder_is_explained(parent, services, example_report, tmp_path, monkeypatch, warnings):
    import os

    choose(monkeypatch, tmp_path / "x.docx")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(tmp_path) else real_access(p, mode))
    assert export_with_dialog(parent, services, example_report) is None
    assert "唯讀" in warnings[0][1]
    assert not (tmp_path / "x.docx").exists()


def test_pdf_without_libreoffice_says_what_to_install(parent, services, example_report, tmp_path, monkeypatch,
                                                       warnings):
    monkeypatch.setenv("TRIPREPORT_SOFFICE", str(tmp_path / "none"))
    asked = choose(monkeypatch, tmp_path / "x.pdf")
    assert export_with_dialog(parent, services, example_report, fmt="pdf") is None
    assert asked == []  # told before choosing a file
    assert "LibreOffice" in warnings[0][1]
    assert "libreoffice.org" in warnings[0][1]


def test_broken_agency_template_is_refused_by_name(parent, services, example_report, tmp_path, monkeypatch, warnings):
    bad = tmp_path / "機關範本.docx"
    doc = Document()
    doc.add_paragraph("{{ titel }}")
    doc.save(str(bad))
    choose(monkeypatch, tmp_path / "out.docx")
    assert export_with_dialog(parent, services, example_report, template=bad) is None
    assert "titel" in warnings[0][1]
    assert not (tmp_path / "out.docx").exists()


@pytest.fixture
def window(qtbot, services, example_report):
    from desktop.gui import export_dialog
    from desktop.gui.main_window import MainWindow

    win = MainWindow(services)
    qtbot.addWidget(win)
    export_dialog.install(win)
    example_report.id = None
    services.repo.save(example_report)
    win.open_draft(example_report.id)
    return win


def test_menu_checks_an_agency_template(window, tmp_path, monkeypatch, warnings, notes):
    bad = tmp_path / "壞範本.docx"
    doc = Document()
    doc.add_paragraph("{% for p in summary_paragraphs %}{{ p }}")
    doc.save(str(bad))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    window.check_template_action.trigger()
    assert "endfor" in warnings[0][1]


def choose_in_export_dialog(monkeypatch, key):
    from PySide6.QtWidgets import QDialog

    from desktop.gui.export_dialog import ExportChoiceDialog

    monkeypatch.setattr(ExportChoiceDialog, "exec", lambda self: self.choose(key) or QDialog.Accepted)


def test_export_with_an_agency_template(window, tmp_path, monkeypatch, warnings, notes):
    from desktop.paths import templates_dir

    agency = tmp_path / "機關.docx"
    agency.write_bytes((templates_dir() / "summary-sheet.docx").read_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(agency), "")))
    choose(monkeypatch, tmp_path / "out.docx")
    choose_in_export_dialog(monkeypatch, "agency")
    window.export_action.trigger()
    assert warnings == []
    assert "本文" in notes[0][1]  # a 提要-only template: told the body will be missing, not refused
    assert Document(str(tmp_path / "out.docx")).tables[0].rows[0].cells[1].text == "C11400321"


def test_every_export_keeps_a_snapshot_of_its_draft(parent, services, example_report, tmp_path, monkeypatch, warnings):
    from desktop.storage.snapshots import Snapshots

    draft_id = services.repo.create(example_report)
    target = tmp_path / "送審版.docx"
    choose(monkeypatch, target)
    assert export_with_dialog(parent, services, example_report) == target
    exported = [s for s in Snapshots(services.repo).list(draft_id) if s.kind == "export"]
    assert [s.label for s in exported] == ["匯出：送審版.docx"]
    assert Snapshots(services.repo).load(exported[0].id).title == example_report.title


def test_the_review_sheet_is_one_of_the_export_choices(window, tmp_path, monkeypatch, warnings, notes):
    from desktop.gui.export_dialog import ExportChoiceDialog

    dialog = ExportChoiceDialog(window)
    labels = {key: button.text() for key, button in dialog.buttons.items()}
    assert {"review-sheet.docx", "summary-sheet.docx"} <= set(labels)
    assert labels["review-sheet.docx"].startswith("出國報告審核表")
    choose(monkeypatch, tmp_path / "審核表.docx")
    choose_in_export_dialog(monkeypatch, "review-sheet.docx")
    window.export_action.trigger()
    assert warnings == []
    cells = [c.text for t in Document(str(tmp_path / "審核表.docx")).tables for r in t.rows for c in r.cells]
    assert "機關首長或授權人員" in cells
    assert "出席「2025亞太城市韌性論壇」暨參訪日本福岡市防災設施" in cells
