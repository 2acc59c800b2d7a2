"""Filling a .docx template with a report, safely.

Templates are code: they render in a sandboxed, autoescaping, strict Jinja environment, so a
template cannot reach Python internals, `A & B <c>` prints as typed, and a misspelt tag is an error
rather than an empty space. An agency's own template is checked first (template_check.py) and
refused with the problems named in Chinese, then rendered in a child process bounded in time and
memory (isolated.py); the built-in templates render here. Photos go in at print size
(print_size.print_version), never the camera original. The file is written beside the target and
renamed into place.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.report import Report
from desktop.fileio import atomic_target
from desktop.paths import templates_dir

RENDER_STEP = "套用範本"  # the step an agency template's code runs in (isolated.py times it)
DEFAULT_TEMPLATE = "full-report.docx"


class ExportError(Exception):
    """The export failed; str(err) says why, in Chinese. No file was written."""


@dataclass
class Progress:
    step: int
    total: int
    message: str


@dataclass
class TemplateInfo:
    """A template and its manifest (templates/<name>.json); agency files get an empty manifest.
    `role` says which part it prints (report, summary_sheet, review_sheet, follow_up_sheet): a
    built-in sheet asked for by role is swapped for the draft's kind's own sheet of that role."""

    path: Path
    name: str
    form: str = "full-report"
    rules: dict = field(default_factory=dict)
    builtin: bool = False
    role: str = "report"
    listed: bool = True


def jinja_environment():
    """The sandboxed, strict, bounded environment of template_env.py."""
    from desktop.export.template_env import jinja_environment as bounded

    return bounded()


def all_builtin_templates() -> list[TemplateInfo]:
    out = []
    for manifest in sorted(templates_dir().glob("*.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        out.append(TemplateInfo(templates_dir() / data["file"], data["name"], data.get("form", "full-report"),
                                data.get("rules", {}), builtin=True, role=data.get("role", "report"),
                                listed=data.get("listed", True)))
    return out


def builtin_templates() -> list[TemplateInfo]:
    """The built-in templates offered by name (the menus, `tripreport templates`); a kind's own
    report and sheets are reached through the kind."""
    return [t for t in all_builtin_templates() if t.listed]


def template_path(name: str | None = None) -> Path:
    """A template file: an existing path, or a built-in name with or without .docx."""
    if name and not Path(name).is_file() and not name.lower().endswith(".docx"):
        name = f"{name}.docx"
    path = Path(name) if name and Path(name).is_file() else templates_dir() / (name or DEFAULT_TEMPLATE)
    if not path.is_file():
        raise ExportError(f"找不到範本「{path}」。請確認檔名，或用 tripreport template-check 檢查範本。")
    return path


def resolve_template(template: str | Path | None, report: Report | None = None) -> TemplateInfo:
    """The template to use: a built-in name, an agency .docx path, or (None) the report template of
    the draft's kind. A built-in sheet (提要, 審核表, 追蹤表) becomes the kind's own sheet of that role."""
    kind = None
    if report is not None:
        from desktop.domain.kinds import kind_of

        kind = kind_of(report)
    if template is None:
        own = kind.template_path("report") if kind is not None else None
        template = own if own is not None else DEFAULT_TEMPLATE
    path = template_path(str(template))
    for info in all_builtin_templates():
        if info.path.resolve() == path.resolve():
            if kind is not None and info.role != "report":
                own = kind.template_path(info.role)
                if own is None:
                    from desktop.domain.kinds import ROLE_NAMES

                    raise ExportError(f"「{kind.name}」沒有{ROLE_NAMES[info.role]}，請改為匯出報告本身。")
                if own.resolve() != path.resolve():
                    return _info_for(own, info)
            return info
    return TemplateInfo(path, path.stem)


def _info_for(path: Path, asked: TemplateInfo) -> TemplateInfo:
    """The info of a kind's own template for a role (a built-in one has its manifest)."""
    for info in all_builtin_templates():
        if info.path.resolve() == path.resolve():
            return info
    return TemplateInfo(path, path.stem, asked.form, role=asked.role)


def _print_store(photos):
    """The store print_version caches into; drafts read from JSON (absolute paths, no store) cache
    their print copies in a temporary folder."""
    if photos is not None:
        return photos
    from desktop.photos.store import PhotoStore

    return PhotoStore(Path(tempfile.gettempdir()) / "tripreport-print-cache")


def prepare_photos(plan, photos) -> Iterator[tuple[int, int]]:
    """Make (or reuse) the print-size copy of each planned photo; yields (done, total).

    Copies not made at import are made here, on a few threads: Pillow releases the GIL while it
    decodes and encodes, so a cold export of many photos uses the machine's cores. Closing the
    generator (a cancel) drops the photos not started yet."""
    import os
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from desktop.photos.print_size import print_version

    store = _print_store(photos)
    placed = plan.all()
    workers = max(1, min(4, os.cpu_count() or 2))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="print-size")
    try:
        futures = {pool.submit(print_version, store, item.photo.file, item.slot.long_edge_px): item for item in placed}
        for n, future in enumerate(as_completed(futures), start=1):
            item = futures[future]
            item.file = _photo_result(future, item)
            yield n, len(placed)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _photo_result(future, item) -> Path:
    from PIL import Image

    from desktop.photos.probe import Refused

    try:
        return future.result()
    except Refused as err:
        raise ExportError(f"照片「{item.caption}」（{Path(item.photo.file).name}）無法使用：{err}。"
                          "請在「照片」步驟移除這張照片，或換成正常的圖片後再匯出。") from err
    except FileNotFoundError as err:
        raise ExportError(f"找不到照片檔「{item.photo.file}」（{item.caption}）。"
                          "請在「照片」步驟重新加入這張照片，或將它移除後再匯出。") from err
    except OSError as err:
        raise ExportError(f"照片「{item.caption}」無法讀取或不是支援的圖片格式：{err}") from err
    except Image.DecompressionBombError as err:
        raise ExportError(f"照片「{item.caption}」的像素太多（超過約 1.8 億像素），無法安全處理。"
                          "請先用看圖軟體縮小後再加入。") from err


def export_docx(report: Report, target: Path, template: str | Path | None = None,
                photos=None) -> Iterator[Progress]:
    """Render `report` into `target`. A generator: each step yields Progress; stopping it early
    (a cancel) leaves no file behind. `photos` is the PhotoStore (None for drafts read from JSON,
    whose photo paths are absolute)."""
    from jinja2 import TemplateError

    from desktop.domain.kinds import kind_of
    from desktop.export import isolated
    from desktop.export.context import build_context
    from desktop.export.photos_layout import plan_photos
    from desktop.export.template_env import explain

    target = Path(target)
    kind = kind_of(report)
    info = resolve_template(template, report)
    base_steps = 5
    if not info.builtin and not isolated.IN_CHILD:  # someone else's code: checked, then run apart
        yield Progress(1, base_steps, "檢查範本")
        from desktop.export.template_check import check_template

        problems = [p for p in check_template(info.path) if p.fatal]
        if problems:
            raise ExportError("範本有問題，無法使用：\n" + "\n".join(f"・{p.message}" for p in problems))
        yield from isolated.export_in_child(report, target, info.path, photos)
        return
    yield Progress(1, base_steps, "準備內容")
    context = build_context(report, kind)
    yield Progress(2, base_steps, "載入範本")
    from docxtpl import DocxTemplate

    env = jinja_environment()
    tpl = DocxTemplate(str(info.path))
    try:
        wanted = tpl.get_undeclared_template_variables(env)
    except TemplateError as err:
        raise ExportError(explain(err)) from err
    plan = plan_photos(_photos_as_placed(report, kind), int(kind.photo("per_row")))
    from desktop.export.docx_body import BodyBuilder

    label = kind.photo("label")
    context["photo_captions"] = [f"{label}{p.number}：{p.photo.caption.strip()}" if p.photo.caption.strip()
                                 else f"{label}{p.number}" for p in plan.all()]
    total = base_steps + (len(plan.all()) if "body" in wanted else 0)
    step = 2
    media = None
    if "body" in wanted:
        for done, count in prepare_photos(plan, photos):
            step += 1
            yield Progress(step, total, f"處理照片 {done}/{count}")
        from desktop.export.fast_media import MediaAdder

        tpl.init_docx()
        media = MediaAdder(tpl.docx.part)
        context["body"] = BodyMarker()  # the body itself is built into the rendered document
    if "follow_up_table" in wanted:
        from desktop.export.docx_body import follow_up_table

        tpl.init_docx()
        context["follow_up_table"] = follow_up_table(tpl.new_subdoc(), tpl.docx.styles, report)
    step += 1
    yield Progress(step, total, RENDER_STEP)
    from lxml.etree import XMLSyntaxError

    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except TemplateError as err:
        raise ExportError(explain(err)) from err
    except XMLSyntaxError as err:
        raise ExportError("套用範本後的內容不是有效的 Word 文件：通常是 {% %} 標籤跨越了表格儲存格或文字方塊。"
                          f"請用 tripreport template-check 檢查範本。（{err}）") from err
    if "body" in wanted:
        build_body_at_markers(tpl.docx, lambda anchor: BodyBuilder(tpl.docx, tpl.docx.styles, media, plan, report,
                                                                   kind, anchor).build())
    step += 1
    yield Progress(step, total, "寫入檔案")
    from desktop.export.fast_media import save_document, set_update_fields_on_open

    set_update_fields_on_open(tpl.docx)
    describe(tpl.docx, report)
    with atomic_target(target) as tmp:
        tpl.pre_processing()
        save_document(tpl.docx, tmp)
    yield Progress(total, total, "完成")


class BodyMarker:
    """What `{{p body }}` renders to: one paragraph, where the body is then built into the rendered
    document (build_body_at_markers). Handed to docxtpl as a subdocument, the body would be
    serialised into the template's text, parsed back and run through docxtpl's clean-ups of every
    paragraph and table — more than half the time of a long report."""

    TEXT = "@@TRIPREPORT-BODY@@"

    def __html__(self) -> str:  # what Jinja prints with autoescape on
        return f"<w:p><w:r><w:t>{self.TEXT}</w:t></w:r></w:p>"

    __str__ = __html__


def build_body_at_markers(document, build) -> None:
    """Build the body where the template's body tag was rendered (`build(anchor)`), then drop the
    marker; should a template print the body twice, the second place gets a copy."""
    import copy

    from docx.oxml.ns import qn

    body = document.element.body
    markers = [p for p in body.iter(qn("w:p"))
               if "".join(t.text or "" for t in p.iter(qn("w:t"))) == BodyMarker.TEXT]
    if not markers:
        return
    first = markers[0]
    before = first.getprevious()
    build(first)
    start = before.getnext() if before is not None else first.getparent()[0]
    made = []
    element = start
    while element is not None and element is not first:
        made.append(element)
        element = element.getnext()
    for marker in markers[1:]:
        for element in made:
            marker.addprevious(copy.deepcopy(element))
    for marker in markers:
        marker.getparent().remove(marker)


def describe(document, report: Report) -> None:
    """File → Properties in Word shows the report, not python-docx's template (author
    "python-docx", created 2013)."""
    from datetime import UTC, datetime

    from desktop.domain.text import clean_line

    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = clean_line(report.title)[:250]
    props.subject = f"{report.kind_word}報告"
    author = clean_line(report.travellers[0].name) if report.travellers else ""
    props.author = (author or clean_line(report.agency))[:250]
    props.last_modified_by = props.author
    props.keywords = "、".join(clean_line(k) for k in report.keywords)[:250]
    props.comments = "由 TripReport 出國報告編輯器產生"
    props.created = props.modified = now
    props.revision = 1


def _photos_as_placed(report: Report, kind) -> Report:
    """The report as its photos print: a kind that collects every photo in the appendix (照片1、照片2…
    in 附錄) moves them there, without touching the draft."""
    if not kind.photo("all_in_appendix"):
        return report
    from dataclasses import replace

    from desktop.domain.report import APPENDIX

    return replace(report, photos=[replace(p, placement=APPENDIX) for p in report.photos])


def run_export(steps: Iterator[Progress]) -> None:
    """Drive an export generator to the end (the command line and tests)."""
    for _ in steps:
        pass


FORMATS = ("docx", "pdf", "odt")


def export_report(report: Report, target: Path, fmt: str = "docx", template: str | Path | None = None,
                  photos=None) -> Iterator[Progress]:
    """Export as .docx, or as .pdf/.odt through LibreOffice (the .docx is made first in a temporary
    folder). A generator of Progress like export_docx; closing it early leaves no file."""
    if fmt == "docx":
        yield from export_docx(report, target, template, photos)
        return
    if fmt not in FORMATS:
        raise ExportError(f"不支援的格式「{fmt}」：只能匯出 docx、pdf 或 odt。")
    from desktop.export import libreoffice

    if not libreoffice.available():
        raise ExportError(libreoffice.MISSING_MESSAGE)
    from desktop.tempfiles import temporary_folder

    with temporary_folder("export") as work:
        docx = work / "report.docx"
        last = Progress(0, 1, "")
        for last in export_docx(report, docx, template, photos):
            yield Progress(last.step, last.total + 1, last.message)
        total = last.total + 1
        message = f"以 LibreOffice 轉成 {libreoffice.FORMAT_NAMES[fmt]}"
        try:
            for _ in libreoffice.convert(docx, Path(target), fmt):
                yield Progress(total - 1, total, message)
        except libreoffice.ConversionError as err:
            raise ExportError(str(err)) from err
        yield Progress(total, total, "完成")


def with_export_suffix(target: Path, fmt: str) -> Path:
    """The name a file dialog's answer should get: `.fmt` added when the name has no suffix of its
    own or another one (報告 → 報告.docx, 報告.txt → 報告.txt.docx), so a .docx is never named .txt."""
    target = Path(target)
    return target if target.suffix.lower() == f".{fmt}" else target.with_name(f"{target.name}.{fmt}")


def target_problem(target: Path, fmt: str | None = None) -> str | None:
    """Why `target` cannot be written, in Chinese, before any work is done; None when it can.

    The command line and the window both ask here. A target whose suffix is not the format's
    (`-o 報告.txt`) is refused, so nobody gets a Word file named .txt; so is anything that exists but
    is not a regular file (a symbolic link, a folder, a device such as /dev/full). Word keeps a
    document it has open locked (and leaves a ~$ owner file beside it); a folder on a read-only
    share or a CD cannot take the temporary file."""
    import os

    from desktop.fileio import not_a_regular_file

    target = Path(target)
    folder = target.parent
    if fmt is not None and target.suffix.lower() != f".{fmt}":
        wanted = target.with_suffix(f".{fmt}").name if target.suffix else f"{target.name}.{fmt}"
        got = f"副檔名是「{target.suffix}」" if target.suffix else "沒有副檔名"
        return (f"輸出檔「{target.name}」{got}，但匯出的是 {fmt.upper()} 檔，別的程式會打不開。"
                f"請改成「{wanted}」。")
    if not folder.is_dir():
        return f"找不到資料夾「{folder}」。請另選儲存位置。"
    special = not_a_regular_file(target)
    if special:
        return special
    if not os.access(folder, os.W_OK):
        return f"資料夾「{folder}」是唯讀的，無法在這裡存檔。請另選位置，例如「文件」資料夾或桌面。"
    # Word's owner file: ~$ replaces the first one or two characters of long names, or prefixes short ones.
    owners = {folder / f"~${target.name[cut:]}" for cut in (0, 1, 2)}
    if target.exists():
        if any(o.exists() for o in owners):
            return f"「{target.name}」目前在 Word 中開啟。請先在 Word 關閉這個檔案，再匯出一次。"
        try:
            with open(target, "r+b"):
                pass
        except PermissionError:
            return (f"「{target.name}」正被其他程式（例如 Word）開啟或設為唯讀，無法覆寫。"
                    "請關閉該檔案，或換一個檔名後再匯出。")
        except OSError:
            pass
    return None
