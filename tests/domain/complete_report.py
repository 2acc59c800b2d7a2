"""A report that meets every rule, for tests to break one rule at a time."""

from datetime import date

from desktop.domain.blocks import blocks_from_text
from desktop.domain.report import (
    FollowUp,
    ItineraryDay,
    ItineraryRow,
    Photo,
    Recommendation,
    Report,
    Section,
    Traveller,
)


def complete_report(kind: str = "central") -> Report:
    r = Report.new("出席亞太智慧城市論壇", kind)
    r.agency = "臺中市政府"
    r.countries = ["新加坡"]
    r.travellers = [Traveller(name="王小明", title="科長"), Traveller(name="陳大文", title="技正")]
    r.start_date, r.end_date, r.report_date = date(2018, 7, 7), date(2018, 7, 11), date(2018, 9, 26)
    r.summary = "智" * (600 if kind == "taichung" else 250)
    for chapter in r.chapters:
        chapter.set_text(f"{chapter.heading}的內容。")
    if r.chapter("process") is not None:
        r.chapter("process").sections = [Section(heading="第一天", blocks=blocks_from_text("抵達新加坡。"))]
    r.contact_name = "王小明"
    r.itinerary = [ItineraryDay(date(2018, 7, 7), [ItineraryRow("上午", "桃園機場", "搭機")])]
    r.recommendations = [Recommendation(title=f"建議{i}", text="說明。", follow_ups=[FollowUp(agency="研考會")])
                         for i in range(3)]
    r.photos = [Photo(file="a.jpg", caption="論壇會場")]
    return r
