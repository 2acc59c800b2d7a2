"""`tripreport kinds`, `new --kind`, `check` and the review's warnings on `export`, as a newcomer runs them."""

import json

from desktop.cli import main
from desktop.domain.kinds import use_registry
from tests.conftest import EXAMPLE_DRAFT


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_kinds_lists_built_in_and_agency_kinds_and_why_one_is_unusable(data_dir, capsys):
    for name, content in (("harbour", {"extends": "central", "name": "出國報告（港務局）"}),
                          ("broken", {"extends": "central", "name": "壞的", "rules": {"min_recommendations": "三"}})):
        (data_dir / "kinds" / name).mkdir(parents=True)
        (data_dir / "kinds" / name / "kind.json").write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    try:
        code, out, _ = run(capsys, "kinds")
    finally:
        use_registry(None)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "central\t出國報告（中央：行政院格式）（內建）"
    assert any(line.startswith("harbour\t出國報告（港務局）（機關自訂：") for line in lines)
    broken = lines[lines.index("無法使用的報告種類：") + 1]
    assert broken.startswith("broken\t「kind.json」格式錯誤：「rules.min_recommendations」應該是整數")


def test_new_with_a_kind_then_check_exits_1_until_the_rules_are_met(data_dir, capsys):
    code, out, _ = run(capsys, "new", "臺中考察", "--kind", "taichung")
    assert code == 0
    draft_id = out.strip()
    code, out, _ = run(capsys, "show", draft_id)
    assert "出國報告（臺中市）" in out
    code, out, _ = run(capsys, "check", draft_id)
    assert code == 1
    assert out.splitlines()[0] == "臺中考察（出國報告（臺中市））"
    assert "✖ 必填：服務機關：請填寫「服務機關」。" in out
    assert "✖ 摘要 500 字以上：還沒有寫摘要。" in out
    assert "必要規定未符合" in out


def test_check_of_a_complete_draft_passes(data_dir, capsys):
    code, out, _ = run(capsys, "import", str(EXAMPLE_DRAFT))
    code, out, _ = run(capsys, "check", out.strip(), "--all")
    assert code == 0, out
    assert "✔ 必要章節：目的" in out
    assert out.rstrip().endswith("項都符合規定。")


def test_new_with_an_unknown_kind_is_refused_in_chinese(data_dir, capsys):
    code, _out, err = run(capsys, "new", "x", "--kind", "nowhere")
    assert code == 1
    assert "報告種類「nowhere」不存在（可用的有：central、taipei" in err


def test_export_prints_the_reviews_warnings(data_dir, capsys, tmp_path):
    _code, out, _ = run(capsys, "new", "空白報告")
    code, out, _ = run(capsys, "export", out.strip(), "-o", str(tmp_path / "空白.docx"))
    assert code == 0
    assert "檢查結果（不影響匯出，建議修正後再送審）：" in out
    assert "✖ 摘要 200–300 字：還沒有寫摘要。" in out
    assert out.rstrip().endswith("空白.docx")


def test_check_reads_a_draft_json_file_too(data_dir, capsys, tmp_path):
    data = json.loads(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["summary"] = ""
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "還沒有寫摘要" in out
