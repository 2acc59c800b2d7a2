"""`tripreport selftest` is what the IT office (and CI, on the frozen bundle) runs after installing."""

from docx import Document

from desktop.cli import main


def test_selftest_exports_the_example_and_leaves_user_data_alone(data_dir, capsys, tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    kept = tmp_path / "out" / "selftest.docx"
    shot = tmp_path / "out" / "window.png"
    code = main(["selftest", "--keep", str(kept), "--screenshot", str(shot)])
    out = capsys.readouterr().out
    assert code == 0
    assert "自我檢查通過" in out
    assert "主視窗已在背景開啟" in out
    assert "Qt 的對話框按鈕為中文" in out
    assert "使用說明" in out
    assert shot.stat().st_size > 0
    text = "\n".join(p.text for p in Document(str(kept)).paragraphs)
    assert "臺南市政府消防局" in text
    # The user's own data folder is never created or written by the check.
    assert not data_dir.exists()


def test_selftest_fails_clearly_when_the_example_is_missing(data_dir, capsys, tmp_path, monkeypatch):
    import desktop.paths

    monkeypatch.setattr(desktop.paths, "docs_dir", lambda: tmp_path / "nowhere")
    code = main(["selftest", "--no-window"])
    err = capsys.readouterr().err
    assert code == 1
    assert "自我檢查失敗" in err
    assert "找不到內建範例草稿" in err


def test_selftest_fails_when_qt_speaks_english(data_dir, capsys, tmp_path, monkeypatch, qapp):
    from PySide6.QtCore import QTranslator

    from desktop.gui import qt_language

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    for translator in qapp.findChildren(QTranslator):  # as in a bundle without qtbase_zh_TW.qm
        qapp.removeTranslator(translator)
        translator.setParent(None)
    monkeypatch.setattr(qt_language, "translation_dirs", lambda: [tmp_path])
    code = main(["selftest"])
    assert code == 1
    assert "缺少 qtbase_zh_TW.qm" in capsys.readouterr().err
