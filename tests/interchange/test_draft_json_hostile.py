"""Draft JSON files built to break the reader: nesting hundreds of levels deep, and ids that appear
twice. Each is refused with the field named, in Chinese, by every command that reads a draft."""

import json

import pytest

from desktop.cli import main
from desktop.interchange.draft_json import DraftFormatError, loads
from tests.conftest import EXAMPLE_DRAFT


def example() -> dict:
    return json.loads(EXAMPLE_DRAFT.read_text(encoding="utf-8"))


def nested_sections(levels: int) -> dict:
    top = {"heading": "層", "text": "", "sections": []}
    current = top
    for n in range(levels - 1):
        child = {"heading": f"層{n}", "text": "", "sections": []}
        current["sections"].append(child)
        current = child
    return top


def nested_sections_text(levels: int) -> str:
    """The same as JSON text, written without json.dumps (which recurses, too)."""
    return '{"heading": "層", "text": "", "sections": [' * levels + "]}" * levels


def write(tmp_path, data) -> str:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("levels", [300, 2000])
def test_sections_hundreds_of_levels_deep_are_refused(tmp_path, capsys, data_dir, levels):
    data = example()
    data["photos"] = []
    data["chapters"].append("NESTED")
    path = write(tmp_path, json.dumps(data, ensure_ascii=False).replace('"NESTED"', nested_sections_text(levels)))
    for command in (["import", path], ["export", path, "-o", str(tmp_path / "out.docx")]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "超過 40 層" in err
        assert "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()


def test_brackets_a_hundred_thousand_deep_are_refused():
    text = '{"format": "tripreport-draft", "version": 1, "title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(DraftFormatError, match="巢狀超過"):
        loads(text)


def test_a_deep_but_sensible_outline_still_imports(tmp_path, capsys, data_dir):
    data = example()
    data["photos"] = []
    data["chapters"].append(nested_sections(18))
    assert main(["import", write(tmp_path, data)]) == 0


@pytest.mark.parametrize(("where", "field"), [
    (lambda d: d["chapters"][1].__setitem__("id", d["chapters"][0]["id"]), "chapters[1].id"),
    (lambda d: d["chapters"][2].__setitem__("sections", [
        {"id": d["chapters"][0]["id"], "heading": "小節", "text": ""}]), "chapters[2].sections[0].id"),
    (lambda d: d["recommendations"][1].__setitem__("id", "rec-same") or d["recommendations"][0].__setitem__(
        "id", "rec-same"), "recommendations[1].id"),
    (lambda d: d["photos"][1].__setitem__("id", d["photos"][0].setdefault("id", "ph-same")), "photos[1].id"),
])
def test_duplicate_ids_name_the_field_instead_of_a_database_error(tmp_path, capsys, data_dir, where, field):
    data = example()
    where(data)
    for photo in data["photos"]:
        photo["file"] = str((EXAMPLE_DRAFT.parent / photo["file"]).resolve())
    assert main(["import", write(tmp_path, data)]) == 1
    err = capsys.readouterr().err
    assert f"欄位「{field}」" in err
    assert "重複" in err
    assert "UNIQUE" not in err
