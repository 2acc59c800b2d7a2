"""Two processes writing one draft at once, on either engine: nothing either typed is lost.

Each saves the way the window does (storage/co_writing.py). On different chapters both end up in
the draft; on the same chapter the text on each side's screen wins its own save and the other
side's is kept in a snapshot, so every line either wrote is in the draft or in its 版本紀錄.
"""

import json
import subprocess
import sys

import pytest

from desktop.domain.blocks import Paragraph, Run, table_from_texts
from desktop.domain.report import Report, Section
from desktop.storage.snapshots import Snapshots
from tests.conftest import REPO_ROOT

LINES = 25


@pytest.fixture
def shared_draft(request, services, engine):
    report = Report.new("共同撰寫")
    draft_id = services.repo.create(report)
    if engine == "sqlite":
        return report, "local"
    from desktop.storage.agency import add_author
    from tests import pg_server

    add_author(services.repo, draft_id, pg_server.WRITERS[1])
    cluster = request.getfixturevalue("pg_cluster")
    # one child signs in as the owner, the other as the co-author
    return report, (cluster.url(pg_server.WRITERS[0], request.node.pg_database),
                    cluster.url(pg_server.WRITERS[1], request.node.pg_database))


def _addresses(database):
    return database if isinstance(database, tuple) else (database, database)


def test_two_processes_on_different_chapters_keep_every_line(services, shared_draft):
    report, database = shared_draft
    a, b = report.chapters[0].id, report.chapters[2].id
    first, second = _addresses(database)
    procs = []
    for db, chapter, tag in ((first, a, "甲"), (second, b, "乙")):
        procs.append(_run_async(services, db, report.id, chapter, tag))
    results = [_finish(p) for p in procs]
    stored = services.repo.load(report.id)
    assert stored.chapters[0].text.splitlines() == [f"甲{i}" for i in range(LINES)]
    assert stored.chapters[2].text.splitlines() == [f"乙{i}" for i in range(LINES)]
    assert all(r["conflicts"] == 0 for r in results)


def test_two_processes_on_one_chapter_lose_nothing(services, shared_draft):
    report, database = shared_draft
    chapter = report.chapters[1].id
    first, second = _addresses(database)
    procs = [_run_async(services, first, report.id, chapter, "甲"),
             _run_async(services, second, report.id, chapter, "乙")]
    results = [_finish(p) for p in procs]
    snapshots = Snapshots(services.repo)
    kept = [services.repo.load(report.id).chapters[1].text]
    kept += [snapshots.load(s.id).chapters[1].text for s in snapshots.list(report.id)]
    seen = {line for text in kept for line in text.splitlines()}
    missing = [f"{tag}{i}" for tag in "甲乙" for i in range(LINES) if f"{tag}{i}" not in seen]
    assert missing == []
    # The writers did meet: otherwise this test proves nothing about concurrent saves.
    assert sum(r["merged"] for r in results) > 0


def _run_async(services, database, draft_id, chapter, tag):
    return subprocess.Popen([sys.executable, str(REPO_ROOT / "tests" / "storage" / "co_writer_child.py"),
                             str(services.data_dir), database, str(draft_id), chapter, tag, str(LINES)],
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc):
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_each_section_carries_its_version_and_who_changed_it(services, engine, request):
    repo = services.repo
    report = Report.new("分章撰寫")
    report.chapters[0].set_text("目的")
    draft_id = repo.create(report)
    me = repo.user
    assert {sid: v for sid, v in repo.section_versions(draft_id).items()} == {
        c.id: (1, me) for c in report.chapters}
    report.chapters[1].set_text("過程的第一段")
    repo.save(report)
    typed = Section(heading=report.chapters[1].heading, key=report.chapters[1].key, id=report.chapters[1].id)
    typed.set_text("過程的第二版")
    repo.save_section(draft_id, typed)
    report.chapters.insert(0, report.chapters.pop())  # a new outline: rewritten, versions carried over
    repo.save(report)
    versions = repo.section_versions(draft_id)
    assert versions[report.chapters[2].id] == (4, me)  # 過程: two edits, then its text went back
    assert versions[report.chapters[1].id] == (1, me)  # 目的: untouched


def test_a_change_to_a_sections_blocks_alone_is_a_new_version_of_it(services):
    """Emphasis and a table's caption are not in the plain text, yet they are the section's
    content: a co-writer's save that changed only them must still count as a change."""
    repo = services.repo
    report = Report.new("格式修改")
    report.chapters[1].blocks = [Paragraph([Run("參加開幕式")]), table_from_texts([["時間", "議程"]])]
    draft_id = repo.create(report)
    before = repo.section_versions(draft_id)
    report.chapters[1].blocks[0] = Paragraph([Run("參加"), Run("開幕式", bold=True)])
    repo.save(report)
    report.chapters[1].blocks[1].caption = "論壇議程"
    repo.save(report)
    after = repo.section_versions(draft_id)
    assert after[report.chapters[1].id] == (before[report.chapters[1].id][0] + 2, repo.user)
    assert {sid: v for sid, v in after.items() if sid != report.chapters[1].id} == {
        sid: v for sid, v in before.items() if sid != report.chapters[1].id}
    typed = Section(heading=report.chapters[1].heading, key=report.chapters[1].key, id=report.chapters[1].id,
                    blocks=[Paragraph([Run("參加開幕式", italic=True)])])
    repo.save_section(draft_id, typed)
    assert repo.section_versions(draft_id)[typed.id][0] == after[typed.id][0] + 1
    assert repo.load(draft_id).chapters[1].blocks == typed.blocks


THEIR_EDITS = {
    "text": [Paragraph([Run("乙寫的心得")])],
    "emphasis only": [Paragraph([Run("原本的"), Run("心得", bold=True)])],  # the same plain text
}


@pytest.mark.parametrize("services", ["postgresql"], indirect=True)  # one data folder has one user
@pytest.mark.parametrize("their_edit", list(THEIR_EDITS))
def test_a_conflict_names_who_changed_the_chapter_on_the_other_side(services, request, their_edit):
    """Two people, one chapter (on a server, each signed in as themselves): the merge says whose
    text was kept aside, from the section's row version."""
    import copy

    from desktop.services import open_services
    from desktop.storage import close_database
    from desktop.storage.agency import add_author
    from desktop.storage.co_writing import save_merging
    from tests import pg_server

    repo = services.repo
    report = Report.new("兩人同改一章")
    report.chapters[2].set_text("原本的心得")
    draft_id = repo.create(report)
    add_author(repo, draft_id, pg_server.WRITERS[1])
    base, version = repo.load_with_version(draft_id)
    close_database()
    cluster = request.getfixturevalue("pg_cluster")
    other = open_services(services.data_dir, cluster.url(pg_server.WRITERS[1], request.node.pg_database)).repo
    theirs = other.load(draft_id)
    theirs.chapters[2].blocks = THEIR_EDITS[their_edit]
    other.save(theirs)
    close_database()
    mine_repo = open_services(services.data_dir, cluster.url(pg_server.WRITERS[0], request.node.pg_database)).repo
    mine = copy.deepcopy(base)
    mine.chapters[2].set_text("甲寫的心得")
    saved = save_merging(mine_repo, base, mine)
    assert saved.chapter_conflicts == [base.chapters[2].id]
    assert saved.editors == {base.chapters[2].id: [pg_server.WRITERS[1]]}
    assert mine_repo.section_versions(draft_id)[base.chapters[2].id] == (3, pg_server.WRITERS[0])
