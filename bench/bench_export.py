"""Benchmark: exporting the benchmark report to .docx, against docxtpl fed the original photos.

The benchmark report: 15,000 Chinese characters, a 3-day itinerary, 6 recommendations and 60 photos
of 4000×3000 (12 MP), a third of them carrying EXIF orientation 6. The photos are generated
deterministically and cached in a temp folder. Our export runs with the print-size copies already
made (the photo import makes them); the cold row shows the cost when they are not. The baseline is
the straightforward docxtpl export with InlineImage on the original files, in the same run, so the
figures are ratios on this machine. The media rows isolate python-docx's image insertion and save
(quadratic re-hashing, JPEGs deflated again) against fast_media.

Run: python -m bench.bench_export [--quick]
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PHOTO_SIZE = (4000, 3000)
CACHE = Path(tempfile.gettempdir()) / "tripreport-bench-photos-v1"


def make_photos(count: int) -> list[Path]:
    """Deterministic 12 MP JPEGs with enough detail to weigh what a phone photo weighs."""
    from PIL import Image, ImageDraw, ImageFilter

    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(count):
        path = CACHE / f"photo-{n:03d}.jpg"
        out.append(path)
        if path.is_file():
            continue
        rng = random.Random(n)
        w, h = PHOTO_SIZE
        noise = Image.effect_noise((w // 2, h // 2), 60).resize((w, h))
        base = Image.new("RGB", (w, h), (rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200)))
        draw = ImageDraw.Draw(base)
        for _ in range(40):
            x, y = rng.randrange(w), rng.randrange(h)
            colour = tuple(rng.randrange(256) for _ in range(3))
            draw.rectangle((x, y, x + rng.randrange(100, 900), y + rng.randrange(100, 700)), fill=colour)
        base = base.filter(ImageFilter.GaussianBlur(2))
        image = Image.merge("RGB", [Image.blend(ch, noise, 0.35) for ch in base.split()])
        exif = Image.Exif()
        if n % 3 == 0:
            exif[274] = 6  # stored sideways, shown upright
        tmp = path.with_suffix(".tmp")
        image.save(tmp, "JPEG", quality=92, exif=exif.tobytes())
        tmp.replace(path)
    return out


def benchmark_report(photo_files: list[Path]):
    from desktop.domain.report import (
        FollowUp,
        ItineraryDay,
        ItineraryRow,
        Photo,
        Recommendation,
        Report,
        Section,
    )

    report = Report.new("出席國際防災論壇暨參訪都市防洪設施")
    report.agency, report.host_agency = "臺南市政府消防局", "臺南市政府消防局"
    report.start_date, report.end_date, report.report_date = date(2025, 10, 14), date(2025, 10, 16), date(2025, 12, 5)
    report.summary = "本次出國參加論壇並參訪防洪設施。" * 15
    sentence = "本市參考各城市防災經驗，檢討預警、疏散與收容作業的流程與分工，並規劃後續推動事項。"
    per_section = 15000 // 12 // len(sentence) + 1
    for chapter in report.chapters:
        chapter.text = "\n".join(sentence for _ in range(per_section))
        chapter.sections = [Section(heading=f"子題{i}", text="\n".join(sentence for _ in range(per_section)))
                            for i in range(1, 3)]
    report.itinerary = [ItineraryDay(date(2025, 10, 14 + d), [ItineraryRow("上午", "會場", "出席論壇"),
                                                              ItineraryRow("下午", "設施", "參訪")])
                        for d in range(3)]
    report.recommendations = [Recommendation(f"建議事項{i}", sentence * 2, [FollowUp("消防局", "研議中", "115年", "無")])
                              for i in range(1, 7)]
    sections = [s.id for _, s in report.all_sections()]
    report.photos = [Photo(file=str(f), caption=f"活動照片說明第{n + 1}張",
                           placement=sections[n % len(sections)] if n % 2 else "appendix")
                     for n, f in enumerate(photo_files)]
    return report


def baseline_docxtpl(report, work: Path) -> Path:
    """The plain docxtpl way: a loop of InlineImage over the original photos."""
    from docx import Document
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    tpl_path = work / "baseline-template.docx"
    doc = Document()
    for line in ("{{ title }}", "{%p for s in sections %}", "{{ s.number_heading }}", "{%p for p in s.paragraphs %}",
                 "{{ p }}", "{%p endfor %}", "{%p endfor %}", "{%p for ph in photos %}", "{{ ph.image }}",
                 "{{ ph.caption }}", "{%p endfor %}"):
        doc.add_paragraph(line)
    doc.save(str(tpl_path))
    from desktop.export.context import build_context

    tpl = DocxTemplate(str(tpl_path))
    context = build_context(report)
    context["photos"] = [{"image": InlineImage(tpl, p.file, width=Mm(135)), "caption": p.caption} for p in report.photos]
    tpl.render(context, autoescape=True)
    out = work / "baseline.docx"
    tpl.save(str(out))
    return out


def media_rows(files: list[Path], work: Path) -> tuple[float, float]:
    """python-docx add_picture + save against fast_media, both on the same print-size files."""
    from docx import Document
    from docx.shared import Cm

    from desktop.export.fast_media import MediaAdder, save_document

    start = time.perf_counter()
    doc = Document()
    for f in files:
        doc.add_picture(str(f), width=Cm(13.5))
    doc.save(str(work / "plain.docx"))
    plain = time.perf_counter() - start
    start = time.perf_counter()
    doc = Document()
    media = MediaAdder(doc.part)
    for f in files:
        media.add_to_run(doc.add_paragraph().add_run(), f, int(Cm(13.5)), int(Cm(10.1)))
    save_document(doc, work / "fast.docx")
    fast = time.perf_counter() - start
    return plain, fast


def min_dpi(docx: Path) -> float:
    """The lowest print resolution of the embedded photos at the size they are printed."""
    import io
    import re
    import zipfile

    from PIL import Image

    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="(media/[^"]+)"', rels))
        targets.update({k: v for v, k in re.findall(r'Target="(media/[^"]+)"[^>]*Id="(rId\d+)"', rels)})
        worst = float("inf")
        for cx, rid in re.findall(r'<wp:extent cx="(\d+)"[^>]*/>.*?r:embed="(rId\d+)"', xml, re.S):
            with Image.open(io.BytesIO(z.read("word/" + targets[rid]))) as im:
                worst = min(worst, im.width / (int(cx) / 914400))
    return worst


def run(quick: bool) -> list[dict]:
    from desktop.export.photos_layout import plan_photos
    from desktop.export.render import export_docx, run_export
    from desktop.photos.print_size import print_version
    from desktop.photos.store import PhotoStore

    count = 12 if quick else 60  # quick: enough photos that per-photo costs, not fixed ones, dominate
    originals = make_photos(count)
    rows = []
    with tempfile.TemporaryDirectory(prefix="tripreport-bench-") as tmp:
        work = Path(tmp)
        store = PhotoStore(work / "data")
        report = benchmark_report(originals)
        keys = [store.add_file(f) for f in originals]
        stored = benchmark_report([store.path_of(k) for k in keys])
        for photo, key in zip(stored.photos, keys, strict=True):
            photo.file = key

        # Cold: the print-size copies are made during the export.
        start = time.perf_counter()
        run_export(export_docx(stored, work / "cold.docx", photos=store))
        cold = time.perf_counter() - start
        # Warm: as after import, the copies exist (they were just made).
        for item in plan_photos(stored).all():
            print_version(store, item.photo.file, item.slot.long_edge_px)
        start = time.perf_counter()
        run_export(export_docx(stored, work / "ours.docx", photos=store))
        ours = time.perf_counter() - start

        start = time.perf_counter()
        baseline_file = baseline_docxtpl(report, work)
        baseline = time.perf_counter() - start

        ours_mb = (work / "ours.docx").stat().st_size / 1e6
        base_mb = baseline_file.stat().st_size / 1e6
        originals_mb = sum(f.stat().st_size for f in originals) / 1e6
        prints = [print_version(store, item.photo.file, item.slot.long_edge_px) for item in plan_photos(stored).all()]
        plain_media, fast_media = media_rows(prints, work)
        dpi = min_dpi(work / "ours.docx")
        shutil.rmtree(work / "data", ignore_errors=True)
    note = f"{count} photos 4000×3000, 15,000 chars"
    rows += [
        {"name": "export .docx (print sizes ready)", "value": round(ours, 3), "unit": "s", "goal": "", "note": note},
        {"name": "docxtpl fed the originals", "value": round(baseline, 3), "unit": "s", "goal": "", "note": "baseline, same run"},
        {"name": "export speed-up vs docxtpl", "value": round(baseline / ours, 1), "unit": "×", "goal": "≥ 8",
         "note": "baseline ÷ ours"},
        {"name": "export .docx (cold: print sizes made now)", "value": round(cold, 3), "unit": "s", "goal": "",
         "note": f"baseline ÷ cold = {round(baseline / cold, 1)}×"},
        {"name": ".docx size", "value": round(ours_mb, 2), "unit": "MB", "goal": "",
         "note": f"baseline {base_mb:.1f} MB, originals {originals_mb:.1f} MB"},
        {"name": ".docx size ÷ originals", "value": round(ours_mb / originals_mb, 3), "unit": "×", "goal": "≤ 0.1",
         "note": ""},
        {"name": "lowest photo resolution as printed", "value": round(dpi), "unit": "dpi", "goal": "≥ 300", "note": ""},
        {"name": "python-docx add_picture + save", "value": round(plain_media, 3), "unit": "s", "goal": "",
         "note": f"{count} print-size photos"},
        {"name": "fast_media insert + save", "value": round(fast_media, 3), "unit": "s", "goal": "",
         "note": f"{round(plain_media / fast_media, 1)}× faster"},
    ]
    return rows


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(f"{row['name']:<45} {row['value']:>10} {row['unit']:<4} {row['goal']:<6} {row['note']}")
