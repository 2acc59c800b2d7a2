"""Import a report file into a new draft: the one entry point for the command line and the window.

    result = import_report(path, photo_store, kind_id=None, progress=callback)

returns the Report (not yet saved) and the ImportNotes. Every way a file can be wrong ends in
ImportRefused with a Chinese message; a picture that cannot be used is a note, and its caption is
kept in the text where the picture was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.kinds import get_kind, registry
from desktop.domain.report import Photo, Report
from desktop.interchange.word_import import naming
from desktop.interchange.word_import.container import ImportRefused, open_docx, sniff
from desktop.interchange.word_import.mapping import build_report, photo_placement, write_bodies
from desktop.interchange.word_import.notes import PLAIN, PROBLEM, RECOGNISED, UNCERTAIN, ImportNotes
from desktop.interchange.word_import.outline import Outline, Para, Table
from desktop.interchange.word_import.plan import BodyItem, Plan
from desktop.interchange.word_import.reader import Reader, heading_titles
from desktop.interchange.word_import.vocabulary import Vocabulary, label_key, squeeze, vocabulary_of
from desktop.interchange.word_import.walker import walk

Progress = Callable[[str, int, int], None]
VECTOR = {".emf": "EMF", ".wmf": "WMF", ".svg": "SVG", ".eps": "EPS"}

__all__ = ["ImportRefused", "ImportResult", "import_report"]


@dataclass
class ImportResult:
    report: Report
    notes: ImportNotes


def _nothing(_text: str, _done: int, _total: int) -> None:
    pass


def import_report(path: Path, store, kind_id: str | None = None, progress: Progress | None = None) -> ImportResult:
    """Read the file at `path` into a new Report whose photos are in `store` (a PhotoStore)."""
    progress = progress or _nothing
    path = Path(path)
    sniffed = sniff(path)
    work = Path(tempfile.mkdtemp(prefix="tripreport-import-"))
    try:
        source = path
        if sniffed.kind != "docx":
            progress("以 LibreOffice 轉成 .docx…", 0, 0)
            from desktop.interchange.word_import.convert import to_docx

            steps = to_docx(path, work, sniffed.kind)
            try:
                while True:
                    next(steps)
            except StopIteration as done:
                source = done.value
        progress("讀取文件…", 0, 0)
        package = open_docx(source)
        outline = walk(package)
        kind, reason = _choose_kind(outline, kind_id)
        plan = read_plan(outline, kind)
        report = build_report(plan, kind)
        notes = plan.notes
        notes.source, notes.kind_id, notes.kind_name, notes.kind_reason = str(path), kind.id, kind.name, reason
        _outline_notes(outline, notes)
        _photos(plan, report, kind, package, store, work, progress)
        write_bodies(plan, report)
        if sniffed.kind != "docx":
            notes.add(RECOGNISED, f"已用 LibreOffice 把{sniffed.kind.upper()} 檔轉成 .docx 後匯入。")
        return ImportResult(report, notes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def all_vocabulary(first) -> Vocabulary:
    """The chosen kind's words first, then every other kind's: another agency's report uses the
    same labels in other places."""
    merged = Vocabulary()
    for kind in [first] + [k for k in registry().ordered() if k is not first]:
        vocab = vocabulary_of(kind)
        merged.labels += vocab.labels
        merged.lines += vocab.lines
        merged.fixed |= vocab.fixed
        for title, mainland in vocab.part_titles.items():
            merged.part_titles.setdefault(title, mainland)
    return merged


def follow_up_titles() -> set[str]:
    return {squeeze(k.wording("follow_up_title", word)) for k in registry().kinds.values() for word in ("出國", "赴大陸地區")
            if k.template_name("follow_up_sheet")}


def read_plan(outline: Outline, kind) -> Plan:
    vocab = all_vocabulary(kind)
    return Reader(outline, kind, vocab, follow_up_titles()).read()


def _choose_kind(outline: Outline, kind_id: str | None):
    if kind_id:
        kind = registry().get(kind_id)
        if kind is None:
            known = "、".join(k.id for k in registry().ordered())
            raise ImportRefused(f"報告種類「{kind_id}」不存在（可用的有：{known}）。", "not-word")
        return kind, "指定"
    headings, chapter_style = heading_titles(outline)
    texts, labels, photo_labels = set(), set(), set()
    from desktop.interchange.word_import.captions import caption_label
    from desktop.interchange.word_import.vocabulary import LABEL_SPLIT

    def look(text: str) -> None:
        text = text.strip()
        if not text or len(text) > 120:
            return
        texts.add(squeeze(text))
        split = LABEL_SPLIT.match(text)
        labels.add(label_key(split.group("label") if split else text))
        label = caption_label(text)
        if label:
            photo_labels.add(label)

    for item in outline.items:
        if isinstance(item, Para):
            look(item.shown)
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row:
                    if cell is not None:
                        for line in cell.text.split("\n"):
                            look(line)
    guess = naming.guess_kind(headings, chapter_style, texts, labels, photo_labels, bool(headings))
    if guess.score <= 0:
        return get_kind(None), "看不出是哪一種，用預設種類"
    return guess.kind, f"依{guess.reason}判斷" if guess.reason else "依封面與提要的欄位判斷"


def _outline_notes(outline: Outline, notes: ImportNotes) -> None:
    if outline.tracked_changes:
        notes.add(UNCERTAIN, f"文件有 {outline.tracked_changes} 處追蹤修訂：已依目前顯示的內容匯入（插入的保留、刪除的不匯入）。")
    if outline.footnotes:
        notes.add(PLAIN, f"文件有 {len(outline.footnotes)} 個註腳：以［註N］標在原處，內容接在該段之後。")
    if outline.text_boxes:
        notes.add(UNCERTAIN, f"文件有 {outline.text_boxes} 個文字方塊：其中的文字已接在所在段落之後，請確認位置。")


def _photos(plan: Plan, report: Report, kind, package, store, work: Path, progress: Progress) -> None:
    """Every picture through the photo import pipeline (upright, working size, metadata removed),
    in document order; a picture that cannot be used leaves its caption in the text."""
    from desktop.photos.importer import REFUSED, cpu_workers, import_files

    refs = plan.photos()
    sections = {s.section_id: s for c in plan.chapters for s in c.walk()}
    extracted: dict[str, Path] = {}
    problems: dict[int, str] = {}
    wanted: list[tuple[int, Path]] = []
    for n, ref in enumerate(refs):
        if ref.problem or not ref.part:
            problems[n] = ref.problem or "圖片的內容不在檔案中"
            continue
        suffix = Path(ref.part).suffix.lower()
        if suffix in VECTOR:
            problems[n] = f"{VECTOR[suffix]} 向量圖無法當成照片匯入（請在 Word 中另存成 PNG 或 JPEG 圖片）"
            continue
        if ref.part not in extracted:
            target = work / f"picture-{len(extracted) + 1:04d}{suffix or '.img'}"
            problem = package.extract(ref.part, target)
            if problem:
                problems[n] = problem
                continue
            extracted[ref.part] = target
        wanted.append((n, extracted[ref.part]))
    keys: dict[Path, object] = {}
    files = list(dict.fromkeys(p for _, p in wanted))
    if files:
        steps = import_files(files, store, known_keys=(), workers=cpu_workers())
        try:
            for result in steps:
                keys[result.source] = result
                progress("匯入照片…", result.index, result.total)
        finally:
            steps.close()
    for n, file in wanted:
        result = keys.get(file)
        if result is None or result.status == REFUSED:
            problems[n] = result.message if result is not None else "照片沒有處理完成"
            continue
        ref = refs[n]
        section = next((s for s in sections.values() if any(i.photo is ref for i in s.items)), None)
        photo = Photo(file=result.key, caption=ref.caption, placement=photo_placement(kind, section.section_id
                                                                                        if section else ""),
                      taken_at=result.taken_at, width=result.width, height=result.height)
        ref.photo_id = photo.id
        report.photos.append(photo)
    _refused_pictures(refs, problems, report, plan)
    if report.photos:
        captioned = sum(1 for p in report.photos if p.caption)
        plan.notes.add(RECOGNISED, f"照片：{len(report.photos)} 張（{captioned} 張有圖說）。",
                       f"photo:{report.photos[0].id}")
        for photo in report.photos:
            if not photo.caption:
                plan.notes.add(UNCERTAIN, "有一張照片找不到圖說，請補上。", f"photo:{photo.id}")


def _refused_pictures(refs, problems: dict[int, str], report: Report, plan: Plan) -> None:
    """Each refused picture's reason goes with it (the body writes it with the caption where the
    picture was); one from the appendix, which has no body, is kept at the end of the last chapter."""
    for n, problem in problems.items():
        ref = refs[n]
        ref.problem = problem
        where = ref.source or "附錄"
        label = f"「{ref.caption}」" if ref.caption else f"（{ref.description}）" if ref.description else ""
        holder = next((s for c in plan.chapters for s in c.walk() if any(i.photo is ref for i in s.items)), None)
        if holder is None and plan.chapters:
            holder = plan.chapters[-1]
            holder.items.append(BodyItem("photo", photo=ref))
        target = f"section:{holder.section_id}" if holder is not None and holder.section_id else ""
        plan.notes.add(PROBLEM, f"「{where}」的圖片{label}無法匯入：{problem}。圖說已留在文字中。", target)
