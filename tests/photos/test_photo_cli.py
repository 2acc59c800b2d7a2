"""`tripreport photos import`: one line per file, and the photos land in the draft."""

from __future__ import annotations

from desktop.cli import main
from desktop.services import open_services
from desktop.storage import close_database
from tests.photos.images import make_bad_set, oriented_jpeg


def test_import_prints_one_line_per_file_and_saves_the_photos(data_dir, tmp_path, capsys):
    assert main(["new", "東京考察"]) == 0
    draft_id = capsys.readouterr().out.strip()
    folder = tmp_path / "phone"
    folder.mkdir()
    for n in (1, 6):
        oriented_jpeg(folder / f"IMG_{n}.jpg", n)
    bad = make_bad_set(tmp_path / "bad")

    code = main(["photos", "import", draft_id, str(folder), str(bad["text"]), str(folder / "IMG_1.jpg")])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1  # one file was refused
    assert lines[0] == f"已匯入：{folder / 'IMG_1.jpg'}"
    assert lines[1] == f"已匯入：{folder / 'IMG_6.jpg'}"
    assert lines[2].startswith(f"拒絕：{bad['text']}：不是照片")
    assert lines[3].startswith("重複：")
    assert "匯入 2、重複 1、拒絕 1" in lines[4]
    close_database()

    report = open_services(data_dir).repo.load(int(draft_id))
    assert [(p.width, p.height, p.placement) for p in report.photos] == [(80, 60, "appendix")] * 2
    assert report.photos[0].taken_at == "2025-03-02T09:15:00"
    close_database()
