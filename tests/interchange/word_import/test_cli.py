"""`tripreport import-docx` as a newcomer runs it: the report of what was found, then the new draft."""

from desktop.cli import main
from desktop.storage import close_database
from tests.interchange.word_import.word_documents import word_style_report


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_docx_prints_what_it_found_and_makes_a_draft(data_dir, capsys, tmp_path):
    path = word_style_report(tmp_path / "舊報告.docx")
    code, out, err = run(capsys, "import-docx", str(path))
    assert code == 0, err
    lines = out.strip().split("\n")
    assert lines[0].startswith("報告種類：出國報告（中央")
    assert "已辨識：行程表：3 天、5 列。" in lines
    assert not any(line.startswith("保留為文字") for line in lines)  # its list and table came in as such
    assert lines[-1] == "已建立草稿 1：出席2025亞太城市韌性論壇"
    code, out, _ = run(capsys, "show", "1")
    assert "出席論壇" in out
    close_database()


def test_import_docx_of_something_else_is_one_chinese_line(data_dir, capsys, tmp_path):
    path = tmp_path / "照片.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    code, out, err = run(capsys, "import-docx", str(path))
    assert code == 1
    assert out == ""
    assert err.startswith("錯誤：「照片.docx」不是 Word 檔")
    assert "Traceback" not in err
    close_database()


def test_import_docx_with_a_kind_that_does_not_exist(data_dir, capsys, tmp_path):
    path = word_style_report(tmp_path / "舊報告.docx")
    code, _, err = run(capsys, "import-docx", str(path), "--kind", "harbour")
    assert code == 1
    assert "報告種類「harbour」不存在" in err
    close_database()
