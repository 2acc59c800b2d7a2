"""The PDF conversion: profiles reused from our cache folder and never shared by two soffice at once,
a damaged profile replaced, and a failure explained by its real cause (the time limit, LibreOffice
ended by the system or crashing, …) rather than "close other LibreOffice windows"."""

import os
import re
import shutil
import stat
import subprocess
import threading
import time

import pytest

from desktop.export import libreoffice
from desktop.export import lo_convert_script as script
from desktop.export.lo_profiles import PROFILE_SLOTS, _try_lock
from desktop.export.render import ExportError, export_docx, export_report, run_export
from desktop.interchange.draft_json import read_draft_file
from tests.conftest import EXAMPLE_DRAFT

needs_lo = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                              reason="LibreOffice (soffice) 或 poppler-utils 未安裝")


@pytest.fixture
def profiles(tmp_path, monkeypatch):
    root = tmp_path / "profiles"
    monkeypatch.setenv("TRIPREPORT_LO_PROFILES", str(root))
    return root


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "example.docx"
    run_export(export_docx(read_draft_file(EXAMPLE_DRAFT), out))
    return out


def convert(source, target):
    for _ in libreoffice.convert(source, target, "pdf"):
        pass


def take(lock, timeout=30):
    """Hold a profile's lock as another conversion would (once a quitting soffice lets go of it)."""
    deadline = time.monotonic() + timeout
    while (fd := _try_lock(lock)) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fd is not None
    return fd


# ---- what a failure says ---------------------------------------------------------------------

@pytest.fixture
def fake_soffice(tmp_path, monkeypatch, profiles):
    """A stand-in soffice that behaves as the test says; no UNO helper, so it is run directly."""
    def make(body: str):
        path = tmp_path / "soffice"
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("TRIPREPORT_SOFFICE", str(path))
        monkeypatch.setattr(libreoffice, "find_uno_python", lambda soffice: None)
        return path
    return make


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
def test_the_time_limit_is_named_as_the_cause(fake_soffice, tmp_path, monkeypatch, docx):
    fake_soffice("sleep 30")
    monkeypatch.setattr(libreoffice, "TIMEOUT_S", 1)
    with pytest.raises(libreoffice.ConversionError) as caught:
        convert(docx, tmp_path / "out.pdf")
    message = str(caught.value)
    assert "時間上限" in message
    assert "LibreOffice 視窗" not in message
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
@pytest.mark.parametrize(("body", "cause"), [
    ("kill -KILL $$", "被系統或其他程式終止"),
    ("kill -TERM $$", "被系統或其他程式終止"),
    ("kill -SEGV $$", "當掉"),
    ("exit 0", "沒有產生"),
])
def test_an_ended_libreoffice_is_explained(fake_soffice, tmp_path, docx, body, cause):
    fake_soffice(body)
    with pytest.raises(libreoffice.ConversionError, match=cause):
        convert(docx, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(("code", "cause"), [
    (script.EXIT_NOT_STARTED, "沒有啟動"),
    (script.EXIT_NOT_OPENED, "無法開啟"),
    (script.EXIT_NOT_STORED, "磁碟可能已滿"),
    (script.EXIT_OFFICE_KILLED, "被系統或其他程式終止"),
    (script.EXIT_OFFICE_CRASHED, "當掉"),
    (0xC0000005, "當掉"),
])
def test_every_exit_of_the_converter_has_its_own_message(code, cause):
    message, _retry = libreoffice.failure_message(code, "pdf")
    assert cause in message
    assert "LibreOffice 視窗" not in message


# ---- profiles --------------------------------------------------------------------------------

@pytest.mark.render
@needs_lo
def test_the_profile_is_kept_in_our_cache_folder_and_reused(profiles, docx, tmp_path):
    convert(docx, tmp_path / "a.pdf")
    settings = profiles / "profile-0" / "user" / "registrymodifications.xcu"
    assert settings.is_file()  # LibreOffice made its profile there, and it stays
    made = settings.parent.stat().st_ino
    convert(docx, tmp_path / "b.pdf")
    assert settings.parent.stat().st_ino == made  # the same profile, not a new one
    assert not (profiles / "profile-1").exists()
    assert (tmp_path / "b.pdf").stat().st_size > 0


@pytest.mark.render
@needs_lo
def test_a_profile_in_use_is_never_shared(profiles, docx, tmp_path):
    profiles.mkdir()
    held = take(profiles / "profile-0.lock")  # another conversion is using profile 0
    try:
        convert(docx, tmp_path / "a.pdf")
        assert not (profiles / "profile-0").exists()
        assert (profiles / "profile-1" / "user").is_dir()
        others = [take(profiles / f"profile-{n}.lock") for n in range(1, PROFILE_SLOTS)]
        try:  # every profile busy: a throw-away one
            convert(docx, tmp_path / "b.pdf")
        finally:
            for fd in others:
                os.close(fd)
    finally:
        os.close(held)
    assert (tmp_path / "b.pdf").stat().st_size > 0
    assert not (profiles / f"profile-{PROFILE_SLOTS}").exists()


@pytest.mark.render
@needs_lo
def test_two_conversions_at_once_both_succeed(profiles, docx, tmp_path):
    """Two exports at once (the window and the command line), each from its own .docx as
    export_report makes them: each gets a profile of its own."""
    errors = []

    def one(name):
        try:
            own = shutil.copyfile(docx, tmp_path / f"{name}.docx")
            convert(own, tmp_path / name)
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=one, args=(f"{n}.pdf",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == []
    assert all((tmp_path / f"{n}.pdf").stat().st_size > 0 for n in range(2))


@pytest.mark.render
@needs_lo
def test_a_damaged_profile_is_replaced_and_the_export_still_succeeds(profiles, docx, tmp_path):
    convert(docx, tmp_path / "a.pdf")
    user = profiles / "profile-0" / "user"
    shutil.rmtree(user)
    user.write_text("not a folder")  # LibreOffice cannot start on this
    convert(docx, tmp_path / "b.pdf")
    assert (tmp_path / "b.pdf").stat().st_size > 0
    assert user.is_dir()


# ---- the 目次 ---------------------------------------------------------------------------------

@pytest.mark.render
@needs_lo
def test_a_three_page_toc_points_at_the_right_pages(profiles, tmp_path):
    """The 目次 is refreshed once; when it grows to three pages, the body moves down and every
    entry must still name the page its heading is on."""
    from desktop.domain.blocks import blocks_from_text
    from desktop.domain.report import Section

    report = read_draft_file(EXAMPLE_DRAFT)
    for chapter in report.chapters:
        chapter.sections = [Section(heading=f"{chapter.heading}小節{i}", blocks=blocks_from_text("本段說明辦理情形。" * 40))
                            for i in range(15)]
    pdf = tmp_path / "toc.pdf"
    run_export(export_report(report, pdf, "pdf"))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    toc = [n for n, text in enumerate(pages) if re.search(r"\.{5,}\s*\d+\s*$", text, re.M)]
    assert len(toc) >= 2
    entries = [(m.group(1).replace(" ", ""), int(m.group(2))) for n in toc
               for m in re.finditer(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", pages[n], re.M)]
    assert len(entries) > 60
    wrong = [(heading, page) for heading, page in entries
             if heading not in pages[page - 1].replace(" ", "") or page - 1 in toc]
    assert wrong == []


def test_export_error_carries_the_cause(fake_soffice, tmp_path, docx, monkeypatch):
    fake_soffice("kill -KILL $$")
    with pytest.raises(ExportError, match="被系統或其他程式終止"):
        run_export(export_report(read_draft_file(EXAMPLE_DRAFT), tmp_path / "r.pdf", "pdf"))
