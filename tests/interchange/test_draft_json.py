import json
from pathlib import Path

import pytest

from desktop.domain.blocks import (
    Cell,
    ListBlock,
    ListItem,
    Paragraph,
    PhotoBlock,
    Run,
    Table,
    normalize_table,
)
from desktop.interchange.draft_files import import_draft_file, write_draft_file
from desktop.interchange.draft_json import (
    SCHEMA_PATH,
    VERSION,
    DraftFormatError,
    dumps,
    loads,
    read_draft_file,
)
from tests.conftest import EXAMPLE_DRAFT, REPO_ROOT


def test_documented_schema_is_the_one_the_app_uses():
    assert (REPO_ROOT / "docs" / "draft.schema.json").read_text(encoding="utf-8") == SCHEMA_PATH.read_text(encoding="utf-8")


def test_example_draft_is_complete(example_report):
    r = example_report
    assert r.title
    assert r.summary
    assert r.system_id
    assert r.keywords
    assert r.contact_phone
    assert len(r.itinerary) == 3
    assert all(day.rows for day in r.itinerary)
    assert len(r.recommendations) == 3
    assert all(rec.follow_ups for rec in r.recommendations)
    assert {c.key for c in r.chapters} >= {"purpose", "process", "insights", "recommendations"}
    assert len(r.photos) >= 3
    assert all(p.caption for p in r.photos)
    for photo in r.photos:
        assert (EXAMPLE_DRAFT.parent / "example-photos").resolve() in Path(photo.file).parents
    # rich content every later feature can be shown on: an agenda table, a numbered list, a photo
    # between two paragraphs
    bodies = [s.blocks for _, s in r.all_sections()]
    tables = [b for body in bodies for b in body if isinstance(b, Table)]
    assert any(t.cell_texts()[0] == ["時間", "議程"] and t.caption and t.note for t in tables)
    assert any(isinstance(b, ListBlock) and b.ordered and any(i.level for i in b.items) for body in bodies for b in body)
    assert any([type(b) for b in body[i - 1:i + 2]] == [Paragraph, PhotoBlock, Paragraph]
               for body in bodies for i in range(1, len(body) - 1))


def test_json_roundtrip_keeps_everything(example_report):
    again = loads(dumps(example_report))
    assert again == example_report


def test_schema_error_names_the_field():
    data = json.loads(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["chapters"][1]["sections"][0]["heading"] = 42
    with pytest.raises(DraftFormatError, match=r"chapters\[1\]\.sections\[0\]\.heading"):
        loads(json.dumps(data))


def test_bad_date_names_the_field():
    data = json.loads(EXAMPLE_DRAFT.read_text(encoding="utf-8"))
    data["start_date"] = "2025-13-40"
    with pytest.raises(DraftFormatError, match="start_date"):
        loads(json.dumps(data))


def test_newer_format_is_refused():
    with pytest.raises(DraftFormatError, match="較新版"):
        loads(json.dumps({"format": "tripreport-draft", "version": 99}))


def test_not_json_gives_line_number():
    with pytest.raises(DraftFormatError, match="第 1 行"):
        loads("{not json")


def test_pasted_control_characters_are_cleaned_on_the_way_in():
    doc = {"format": "tripreport-draft", "version": 1, "title": "報告\x0b名稱\x00",
           "summary": "一\x0b二\x07", "chapters": [{"heading": "目的", "text": "甲\r\n乙\x1f"}]}
    report = loads(json.dumps(doc))
    assert report.title == "報告 名稱"
    assert report.summary == "一\n二"
    assert report.chapters[0].text == "甲\n乙"


def test_import_copies_photos_and_export_points_at_them(services, tmp_path):
    draft_id = import_draft_file(EXAMPLE_DRAFT, services.repo, services.photos)
    report = services.repo.load(draft_id)
    for photo in report.photos:
        assert services.photos.has(photo.file)
    out = tmp_path / "out" / "draft.json"
    out.parent.mkdir()
    write_draft_file(report, services.photos, out)
    again = read_draft_file(out)
    assert [p.caption for p in again.photos] == [p.caption for p in report.photos]
    for photo in again.photos:
        assert Path(photo.file).is_file()


def test_imported_draft_photos_lose_gps_and_stand_upright(services, tmp_path):
    from PIL import Image

    folder = tmp_path / "trip"
    folder.mkdir()
    sideways = Image.new("RGB", (80, 40), "red")
    sideways.paste(Image.new("RGB", (40, 40), "blue"), (40, 0))  # blue on the right
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise: blue ends up at the bottom
    gps = exif.get_ifd(0x8825)
    gps[2] = (25.0, 2.0, 0.0)
    sideways.save(folder / "p.jpg", exif=exif.tobytes())
    (folder / "d.json").write_text(json.dumps({
        "format": "tripreport-draft", "version": 1, "title": "照片",
        "photos": [{"file": "p.jpg", "caption": "會場"}]}), encoding="utf-8")
    draft_id = import_draft_file(folder / "d.json", services.repo, services.photos)
    photo = services.repo.load(draft_id).photos[0]
    with Image.open(services.photos.path_of(photo.file)) as stored:
        assert stored.size == (40, 80)
        assert not stored.getexif().get_ifd(0x8825)
        bottom = stored.convert("RGB").getpixel((20, 70))
    assert bottom[2] > 200
    assert bottom[0] < 60


def test_a_version_1_file_still_imports_its_rule_set_as_the_kind():
    old = (REPO_ROOT / "tests" / "fixtures" / "draft-v1.json").read_text(encoding="utf-8")
    assert json.loads(old)["version"] == 1
    assert '"follow_up": {' in old
    report = loads(old)
    assert report.kind == "taipei"
    first = report.recommendations[0]
    assert len(first.follow_ups) == 1
    assert first.follow_ups[0].agency
    again = json.loads(dumps(report))
    assert again["version"] == VERSION
    assert again["kind"] == "taipei"
    assert "rules" not in again
    assert again["recommendations"][0]["follow_ups"][0]["agency"] == first.follow_ups[0].agency


def test_a_version_2_body_of_plain_lines_imports_as_paragraphs():
    old = json.loads((REPO_ROOT / "tests" / "fixtures" / "draft-v1.json").read_text(encoding="utf-8"))
    old["chapters"][0]["text"] = "第一段\n\n第二段"
    old["chapters"][0].pop("blocks", None)
    report = loads(json.dumps(old))
    assert report.chapters[0].blocks == [Paragraph([Run("第一段")]), Paragraph([Run("第二段")])]
    assert "text" not in json.loads(dumps(report))["chapters"][0]


def test_tables_lists_emphasis_and_photos_round_trip(example_report):
    chapter = example_report.chapters[0]
    chapter.blocks = [
        Paragraph([Run("本次"), Run("重點", bold=True), Run("斜", italic=True), Run("底", underline=True)]),
        ListBlock([ListItem([Run("甲")]), ListItem([Run("甲之一")], 1)], ordered=True),
        normalize_table(Table([[Cell("年度", rowspan=2), Cell("名次", colspan=2), None], [None, Cell("臺北"),
                                                                                     Cell("上海\n浦東")]],
                              header_rows=2, widths=[20, 40, 40], caption="評比", note="資料來源：EIU")),
        PhotoBlock(example_report.photos[0].id)]
    again = loads(dumps(example_report))
    assert again.chapters[0].blocks == chapter.blocks


def test_a_bad_block_names_its_field():
    data = json.loads((REPO_ROOT / "tests" / "fixtures" / "draft-v1.json").read_text(encoding="utf-8"))
    data["version"] = VERSION
    data["chapters"][0].pop("text", None)
    data["chapters"][0]["blocks"] = [{"type": "paragraph", "text": "好"}, {"type": "table", "rows": "不是列"}]
    with pytest.raises(DraftFormatError, match=r"chapters\[0\]\.blocks\[1\]\.rows"):
        loads(json.dumps(data))
    data["chapters"][0]["blocks"] = [{"type": "video"}]
    with pytest.raises(DraftFormatError, match=r"chapters\[0\]\.blocks\[0\]"):
        loads(json.dumps(data))


def test_several_agencies_and_a_hand_written_traveller_line_round_trip(example_report):
    from desktop.domain.report import FollowUp

    example_report.traveller_line = "柯文哲市長等68人"
    example_report.recommendations[0].follow_ups = [FollowUp("產業發展局", "已採行"), FollowUp("研考會", "研議中")]
    again = loads(dumps(example_report))
    assert again.traveller_line == "柯文哲市長等68人"
    assert [f.agency for f in again.recommendations[0].follow_ups] == ["產業發展局", "研考會"]
