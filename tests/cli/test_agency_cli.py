"""`tripreport board`, `status`, `authors`, `checkout`/`checkin` and `server` as a newcomer runs them."""

from datetime import date

from desktop.cli import main
from desktop.domain.report import Report


def _draft(data_dir, title, end):
    from desktop.services import open_services
    from desktop.storage import close_database

    repo = open_services(data_dir, "local").repo
    report = Report.new(title)
    report.end_date = end
    draft_id = repo.create(report)
    close_database()
    return draft_id


def test_board_lists_overdue_first_and_exports(data_dir, tmp_path, capsys):
    late = _draft(data_dir, "去年的報告", date(2025, 1, 10))
    _draft(data_dir, "剛回國", date(2026, 2, 20))
    assert main(["status", str(late), "送審中"]) == 0
    out = capsys.readouterr().out
    assert "送審中" in out.splitlines()[-1]
    assert main(["board", "--today", "2026-03-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith(f"！{late} ")
    assert "剛回國" in lines[2]
    assert lines[-1] == "共 2 份，逾期 1 份（以！標示）。"
    assert main(["board", "--today", "2026-03-01", "--overdue", "-o", str(tmp_path / "逾期.xlsx")]) == 0
    assert "已匯出 1 份報告" in capsys.readouterr().out
    assert (tmp_path / "逾期.xlsx").stat().st_size > 0
    assert main(["board", "-o", str(tmp_path / "x.txt")]) == 1
    assert ".csv 或 .xlsx" in capsys.readouterr().err


def test_the_printed_board_has_the_csvs_columns_under_a_heading_lined_up_in_cjk_width(data_dir, tmp_path, capsys):
    import csv

    from desktop.cli.text_table import width
    from desktop.services import open_services
    from desktop.storage import close_database

    late = _draft(data_dir, "去年的報告", date(2025, 1, 10))
    _draft(data_dir, "Trip 剛回國", date(2026, 2, 20))
    repo = open_services(data_dir, "local").repo
    report = repo.load(late)
    report.start_date = date(2025, 1, 5)
    repo.save(report)
    close_database()
    assert main(["board", "--today", "2026-03-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    headings = ["報告名稱", "出國人員", "單位", "報告種類", "出國期間", "繳交期限", "剩餘天數", "狀態", "狀態變更", "狀態紀錄"]
    assert lines[0].split() == ["編號", *headings]

    def column_at(line: str, text: str) -> int:  # the terminal column where `text` starts
        return width(line[:line.index(text)])

    late_line = next(line for line in lines if "去年的報告" in line)
    assert late_line.startswith(f"！{late} ")
    for heading, value in (("報告名稱", "去年的報告"), ("出國期間", "114年1月5日至114年1月10日"),
                           ("繳交期限", "114/04/10"), ("剩餘天數", "逾期 325 天"), ("狀態", "草稿")):
        assert column_at(late_line, value) == column_at(lines[0], heading), heading
    assert column_at(lines[2], "Trip 剛回國") == column_at(lines[0], "報告名稱")
    assert column_at(lines[2], "115/05/20") == column_at(lines[0], "繳交期限")

    assert main(["board", "--today", "2026-03-01", "-o", str(tmp_path / "期限.csv")]) == 0
    rows = list(csv.reader((tmp_path / "期限.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == headings  # the same columns as printed
    assert rows[1][4:7] == ["114年1月5日至114年1月10日", "114/04/10", "-325"]  # ROC, as printed


def test_checkout_needs_a_server_and_says_what_to_use_instead(data_dir, tmp_path, capsys):
    draft_id = _draft(data_dir, "本機草稿", None)
    assert main(["checkout", str(draft_id), "-o", str(tmp_path / "a.tripreport")]) == 1
    assert "tripreport pack" in capsys.readouterr().err


def test_a_bad_database_address_is_explained(data_dir, capsys):
    assert main(["--database", "mysql://x@y/z", "list"]) == 1
    assert "postgresql://" in capsys.readouterr().err
    assert main(["server", "status"]) == 1
    assert "--database" in capsys.readouterr().err


def test_on_a_server_a_reviewer_sees_everyones_reports_and_who_changed_them(pg_cluster, data_dir, tmp_path, capsys):
    from desktop.storage import close_database
    from tests import pg_server

    name = pg_server.new_database(pg_cluster)
    writer, other, reviewer = (pg_cluster.url(u, name) for u in (*pg_server.WRITERS, pg_server.REVIEWER))
    try:
        for url, title in ((writer, "甲的報告"), (other, "乙的報告")):
            assert main(["--database", url, "new", title]) == 0
        assert main(["--database", reviewer, "status", "1", "送審中"]) == 0
        assert main(["--database", writer, "checkout", "1", "-o", str(tmp_path / "甲.tripreport")]) == 0
        assert main(["--database", writer, "server", "upgrade"]) == 0  # already current: nothing to ask of rights
        capsys.readouterr()
        assert main(["--database", other, "board"]) == 0
        assert "甲的報告" not in capsys.readouterr().out  # a writer sees only their own
        assert main(["--database", reviewer, "board", "--sort", "title"]) == 0
        lines = capsys.readouterr().out.splitlines()[1:]  # after the heading
        assert ["乙的報告" in lines[0], "甲的報告" in lines[1]] == [True, True]  # by code point
        assert "送審中（帶出中：writer_a）" in lines[1]
        assert main(["--database", reviewer, "status", "1"]) == 0
        assert capsys.readouterr().out.splitlines()[-1].split("\t")[1:] == ["送審中", "reviewer_c"]
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)


def test_photo_clean_leaves_a_servers_photos_alone(pg_cluster, data_dir, capsys):
    from desktop.storage import close_database
    from tests import pg_server

    name = pg_server.new_database(pg_cluster)
    try:
        assert main(["--database", pg_cluster.url(pg_server.WRITERS[0], name), "photos", "clean", "--dry-run"]) == 1
        assert "--database local" in capsys.readouterr().err
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)
