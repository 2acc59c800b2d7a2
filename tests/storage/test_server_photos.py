"""Photos on the agency's server: saved with the draft that shows them, fetched by a co-author's
PC into its own photo store, and seen by nobody who cannot see such a draft."""

import psycopg

from desktop.domain.report import Photo, Report
from desktop.services import open_services
from desktop.storage import close_database
from desktop.storage.agency import add_author
from tests import pg_server


def test_a_co_authors_pc_fetches_the_photo_and_an_outsider_cannot_read_it(pg_cluster, tmp_path):
    name = pg_server.new_database(pg_cluster)
    try:
        office = open_services(tmp_path / "office", pg_cluster.url(pg_server.WRITERS[0], name))
        data = b"\xff\xd8\xff" + bytes(range(256)) * 40  # a photo's bytes, as the store keeps them
        key = office.photos.add_bytes(data, ".jpg")
        report = Report.new("有照片的報告")
        report.photos = [Photo(file=key, caption="會場")]
        draft_id = office.repo.create(report)
        add_author(office.repo, draft_id, pg_server.WRITERS[1])
        close_database()

        laptop = open_services(tmp_path / "laptop", pg_cluster.url(pg_server.WRITERS[1], name))
        assert not (laptop.photos.root / key).exists()
        shown = laptop.repo.load(draft_id).photos[0]
        assert laptop.photos.path_of(shown.file).read_bytes() == data  # fetched into the laptop's store
        close_database()

        for who in (pg_server.REVIEWER, pg_server.WRITERS[0]):
            with psycopg.connect(pg_cluster.url(who, name)) as conn:
                assert conn.execute("SELECT count(*) FROM photo_blob").fetchone()[0] == 1, who
        with psycopg.connect(pg_cluster.url(pg_server.WRITERS[1], name), autocommit=True) as conn:
            assert conn.execute("DELETE FROM draft_author").rowcount == 0  # a co-author cannot let others in or out
        with psycopg.connect(pg_cluster.url(pg_server.OWNER, name), autocommit=True) as conn:
            conn.execute("DELETE FROM draft_author")  # the DBA takes writer_b off the draft
        with psycopg.connect(pg_cluster.url(pg_server.WRITERS[1], name)) as conn:
            assert conn.execute("SELECT count(*) FROM photo_blob").fetchone()[0] == 0
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)


def test_a_photo_in_a_chapters_text_exports_at_its_place_on_a_pc_that_never_had_it(pg_cluster, tmp_path):
    """A photo block names one of the draft's photos; the bytes are the server's, so a co-author
    whose PC has never seen the photo still exports it between the paragraphs it stands between."""
    import io

    from docx import Document

    from desktop.domain.blocks import PhotoBlock, paragraph
    from desktop.export.render import export_docx, run_export
    from tests.photos.images import card

    name = pg_server.new_database(pg_cluster)
    try:
        office = open_services(tmp_path / "office", pg_cluster.url(pg_server.WRITERS[0], name))
        jpeg = io.BytesIO()
        card(seed=7).save(jpeg, "JPEG")
        key = office.photos.add_bytes(jpeg.getvalue(), ".jpg")
        report = Report.new("文中有照片的報告")
        process = report.chapter("process")
        photo = Photo(file=key, caption="論壇會場", placement=process.id, width=600, height=800)
        report.photos = [photo]
        process.blocks = [paragraph("照片前的一段。"), PhotoBlock(photo.id), paragraph("照片後的一段。")]
        draft_id = office.repo.create(report)
        add_author(office.repo, draft_id, pg_server.WRITERS[1])
        close_database()

        laptop = open_services(tmp_path / "laptop", pg_cluster.url(pg_server.WRITERS[1], name))
        assert not (laptop.photos.root / key).exists()
        shown = laptop.repo.load(draft_id)
        assert shown.chapter("process").blocks[1] == PhotoBlock(photo.id)
        out = tmp_path / "laptop.docx"
        run_export(export_docx(shown, out, photos=laptop.photos))  # the bytes come from the server
        parts = Document(str(out)).element.body.xpath("./w:p | ./w:tbl")
        before = next(i for i, p in enumerate(parts) if "照片前的一段。" in p.xpath("string(.)"))
        after = next(i for i, p in enumerate(parts) if "照片後的一段。" in p.xpath("string(.)"))
        between = parts[before + 1:after]
        assert any(p.xpath(".//w:drawing") for p in between)
        assert any("論壇會場" in p.xpath("string(.)") for p in between)  # its 圖N caption with it
    finally:
        close_database()
        pg_server.drop_database(pg_cluster, name)
