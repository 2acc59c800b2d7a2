"""`tripreport new --from 編號`: a new draft shaped like an earlier one, from the command line."""

from desktop.cli import main
from tests.conftest import EXAMPLE_DRAFT


def _new_id(capsys, *args) -> int:
    assert main(list(args)) == 0
    return int(capsys.readouterr().out.strip().splitlines()[-1])


def test_new_from_an_earlier_draft(data_dir, capsys, services):
    old = _new_id(capsys, "import", str(EXAMPLE_DRAFT))
    new = _new_id(capsys, "new", "115年論壇", "--from", str(old))
    report, source = services.repo.load(new), services.repo.load(old)
    assert report.title == "115年論壇"
    assert report.agency == source.agency
    assert [c.heading for c in report.chapters] == [c.heading for c in source.chapters]
    assert report.start_date is None
    assert report.summary == ""
    assert report.photos == []

    with_texts = _new_id(capsys, "new", "--from", str(old), "--with-texts", "--with-photos")
    copied = services.repo.load(with_texts)
    assert copied.title == source.title
    assert copied.summary == source.summary
    assert len(copied.photos) == len(source.photos)


def test_flags_without_from_are_explained(data_dir, capsys):
    assert main(["new", "--with-texts"]) == 1
    assert "搭配 --from" in capsys.readouterr().err


def test_from_a_missing_draft_is_a_clear_error(data_dir, capsys):
    assert main(["new", "--from", "99"]) == 1
    assert "錯誤" in capsys.readouterr().err


def test_from_and_kind_together_are_explained(data_dir, capsys):
    old = _new_id(capsys, "import", str(EXAMPLE_DRAFT))
    assert main(["new", "--from", str(old), "--kind", "taipei"]) == 1
    assert "不能同時指定 --kind" in capsys.readouterr().err
