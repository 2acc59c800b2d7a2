"""`tripreport pack` / `unpack` / `history` / `snapshot` / `search` / `backup` as a user types them."""

import zipfile

from desktop.cli import main
from desktop.storage import close_database
from tests.conftest import EXAMPLE_DRAFT


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_pack_and_unpack_between_data_folders(capsys, tmp_path):
    a, b = tmp_path / "A", tmp_path / "B"
    code, out, _ = run(capsys, "import", EXAMPLE_DRAFT, "--data-dir", a)
    draft_id = out.strip()
    code, out, _ = run(capsys, "pack", draft_id, "-o", tmp_path / "報告", "--data-dir", a)
    assert code == 0
    assert zipfile.is_zipfile(tmp_path / "報告.tripreport")
    code, out, _ = run(capsys, "unpack", tmp_path / "報告.tripreport", "--data-dir", b)
    assert code == 0
    new_id = out.strip()
    code, out, _ = run(capsys, "show", new_id, "--data-dir", b)
    assert "目的" in out
    # A second unpack of the same draft asks what to do instead of guessing.
    code, _, err = run(capsys, "unpack", tmp_path / "報告.tripreport", "--data-dir", b)
    assert code == 1
    assert "--merge" in err
    code, out, _ = run(capsys, "unpack", tmp_path / "報告.tripreport", "--as-copy", "--data-dir", b)
    assert code == 0
    assert out.strip() != new_id
    code, out, _ = run(capsys, "unpack", tmp_path / "報告.tripreport", "--merge", "--data-dir", b)
    assert (code, out.strip()) == (0, new_id)
    close_database()


def test_bad_package_prints_chinese_error(capsys, tmp_path, data_dir):
    bad = tmp_path / "bad.tripreport"
    bad.write_bytes(b"not a zip")
    code, _, err = run(capsys, "unpack", bad)
    assert code == 1
    assert err.startswith("錯誤：")
    assert "不完整" in err
    close_database()


def test_snapshot_history_restore_search_backup(capsys, data_dir):
    _, out, _ = run(capsys, "import", EXAMPLE_DRAFT)
    draft_id = out.strip()
    _, out, _ = run(capsys, "snapshot", draft_id, "-m", "送審版")
    snap = out.strip()
    _, out, _ = run(capsys, "history", draft_id)
    assert "送審版" in out
    _, out, _ = run(capsys, "search", "目的")
    assert out.startswith(f"{draft_id}\t")
    code, out, _ = run(capsys, "history", draft_id, "--restore", snap)
    assert code == 0
    assert "已還原" in out
    code, out, _ = run(capsys, "backup")
    assert "已備份" in out
    close_database()
