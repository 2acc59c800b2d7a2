"""The incremental save must store exactly what a full rewrite would: after any sequence of edits,
loading the draft gives back the report that was saved."""

import random
from datetime import date, timedelta

from desktop.domain.blocks import blocks_from_text, table_from_texts
from desktop.domain.report import (
    Attachment,
    FollowUp,
    ItineraryDay,
    ItineraryRow,
    Photo,
    Recommendation,
    Report,
    Section,
    Traveller,
)

WORDS = ["目的", "過程", "心得", "防災", "路燈", "", "A & B", "第二行\n第三行"]


def _edit(rng: random.Random, report: Report) -> None:
    kind = rng.randrange(12)
    sections = [s for _, s in report.all_sections()]
    if kind == 0 and sections:
        rng.choice(sections).set_text(rng.choice(sections).text + rng.choice(WORDS))
    elif kind == 10 and sections:
        rng.choice(sections).heading = rng.choice(WORDS) + "標題"
    elif kind == 11 and len(report.chapters) > 1:
        report.chapters.append(report.chapters.pop(0))
    elif kind == 1:
        report.chapters.insert(rng.randint(0, len(report.chapters)), Section(heading=rng.choice(WORDS)))
    elif kind == 2 and report.chapters:
        report.chapters.pop(rng.randrange(len(report.chapters)))
    elif kind == 3 and report.chapters:
        rng.choice(report.chapters).sections.append(Section(heading="小節", blocks=blocks_from_text(rng.choice(WORDS))))
    elif kind == 4:
        report.travellers.append(Traveller(rng.choice(WORDS), "機關"))
    elif kind == 5:
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(5))
        report.itinerary.append(ItineraryDay(day, [ItineraryRow("09:00", "地點", rng.choice(WORDS))]))
    elif kind == 6:
        agencies = [FollowUp(f"局{i}", "研議中") for i in range(rng.choice((0, 0, 1, 3)))]
        report.recommendations.append(Recommendation("建議", rng.choice(WORDS), agencies))
    elif kind == 7:
        report.photos.append(Photo(file=f"ab/{rng.randrange(99)}.jpg", caption=rng.choice(WORDS)))
    elif kind == 8 and report.photos:
        rng.choice(report.photos).caption = rng.choice(WORDS)
    else:
        report.title, report.mainland = rng.choice(WORDS), rng.random() < 0.5
        report.start_date = rng.choice([None, date(2025, 3, 1)])
        report.attachments = [Attachment("附件", rng.choice(WORDS))] if rng.random() < 0.5 else []
        report.countries = rng.sample(["日本", "韓國", "美國"], 2)


def test_random_edit_sequences_round_trip(repo):
    rng = random.Random(6)
    for _ in range(5):
        report = Report.new("隨機")
        repo.create(report)
        for _ in range(40):
            _edit(rng, report)
            repo.save(report)
            assert repo.load(report.id) == report


def test_unchanged_save_writes_no_rows(repo, engine):
    report = Report.new("不變")
    report.chapters[0].set_text("內容")
    report.chapters[0].blocks.append(table_from_texts([["時間", "議程"], ["09:00", "開幕"]], caption="議程"))
    report.recommendations = [Recommendation("建議", "說明")]
    repo.create(report)
    versions = repo.section_versions(report.id)
    if engine == "sqlite":
        repo.db.execute_sql("DELETE FROM search_dirty")
        blocks = repo.db.execute_sql("SELECT id, data FROM block ORDER BY id").fetchall()
        repo.save(report)
        # Only the draft's timestamp changed: nothing for the search index to redo.
        assert repo.db.execute_sql("SELECT count(*) FROM search_dirty").fetchone()[0] == 0
        assert repo.db.execute_sql("SELECT id, data FROM block ORDER BY id").fetchall() == blocks
        assert repo.section_versions(report.id) == versions  # no co-writer is told of a change
        return
    # A server shows a rewritten row by its new transaction id (xmin).
    def rows():
        return [repo.db.execute_sql(f"SELECT id, xmin::text FROM {t} ORDER BY id").fetchall()
                for t in ("section", "block", "recommendation", "traveller", "status_change")]

    before = rows()
    repo.save(report)
    assert rows() == before
    assert repo.section_versions(report.id) == versions
