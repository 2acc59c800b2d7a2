"""A document shaped like a published Taichung report (built from the shared example's text at test
time) comes in as a Taichung draft with its parts in place."""

from datetime import date

import pytest

from desktop.interchange.word_import.importer import import_report
from desktop.photos.store import PhotoStore
from tests.interchange.word_import.taichung_like import build


@pytest.fixture
def imported(tmp_path):
    path = build(tmp_path / "taichung-like.docx")
    if path is None:
        pytest.skip("the shared examples folder is not beside this checkout")
    return import_report(path, PhotoStore(tmp_path / "data"))


def test_the_taichung_kind_is_recognised_from_its_own_words(imported):
    r = imported.report
    assert r.kind == "taichung"
    assert "臺中市政府公務出國或赴大陸地區報告提要" in imported.notes.kind_reason
    assert r.title == "臺中市政府出席新加坡「2018世界城市峰會市長論壇」(新南向)"
    assert r.categories == ["其他"]
    assert (r.host_agency, r.contact_name, r.contact_phone) == ("秘書處", "任珮諤", "04-22289111分機11414")
    assert (r.start_date, r.end_date, r.report_date) == (date(2018, 7, 7), date(2018, 7, 11), date(2018, 9, 26))
    assert r.countries == ["新加坡"]
    assert [(t.name, t.agency, t.unit, t.title) for t in r.travellers] == [
        ("林依瑩", "臺中市政府", "府本部", "副市長"), ("任珮諤", "臺中市政府秘書處", "國際事務科", "科員")]
    assert r.summary.startswith("本府應新加坡國家發展部部長黃循財")
    assert r.summary.split("\n")[-1].startswith("五、「周邊會議」")


def test_body_itinerary_photos_and_recommendations(imported):
    r = imported.report
    assert [c.key for c in r.chapters] == ["purpose", "process", "insights", "recommendations"]
    process = r.chapter("process")
    assert [s.heading for s in process.sections] == ["會議活動內容", "參與會外相關活動及達成效益"]
    assert [s.heading for s in process.sections[0].sections][:2] == ["2018世界城市峰會市長論壇", "世界城市峰會晚間專場交流會"]
    assert [d.date for d in r.itinerary] == [date(2018, 7, d) for d in range(7, 12)]
    assert r.itinerary[3].rows[0].activity == "回程班機因颱風影響停飛，延後一日回臺"
    assert len(r.photos) == 14
    assert all(p.caption for p in r.photos)
    forum = process.sections[0].sections[0]
    assert [p.caption for p in r.photos if p.placement == forum.id] == [
        "林副市長出席「2018世界城市峰會市長論壇」", "林副市長於市長論壇上發言分享"]
    assert len(r.recommendations) == 3
    assert r.recommendations[1].title == "為應對未來高齡化社會"
    assert r.recommendations[1].text.startswith("本市應積極利用大數據資料")
    assert r.chapter("insights").text.startswith("一、因與會城市眾多")
