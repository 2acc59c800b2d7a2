"""`tripreport selftest`: prove an installed copy works, end to end, without touching the user's data.

The IT office runs it after unpacking the bundle (and CI runs it on the frozen build): it imports the
built-in example draft into a throw-away data folder, exports it to .docx, reads the file back with
python-docx, and opens the main window offscreen. A bundle that lacks a template, a data file of
docxcompose, the SQLite library or a Qt plugin fails here instead of on a user's desk.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from desktop.cli import UserError
from desktop.tempfiles import temporary_folder


def register(sub) -> None:
    p = sub.add_parser("selftest", help="自我檢查：在暫存資料夾匯出範例報告並開啟視窗（不動到你的草稿）")
    p.add_argument("--no-window", action="store_true", help="略過開啟視窗的檢查（只檢查資料庫與匯出）")
    p.add_argument("--keep", type=Path, help="把匯出的範例 .docx 另存到這個路徑，方便檢視")
    p.add_argument("--screenshot", type=Path, help="把背景開啟的主視窗畫面存成這個 .png 檔，方便檢視")
    p.set_defaults(handler=cmd_selftest)


def _step(message: str) -> None:
    print(f"・{message}", flush=True)


def example_draft_path() -> Path:
    from desktop.paths import docs_dir

    path = docs_dir() / "example-draft.json"
    if not path.is_file():
        raise UserError(f"找不到內建範例草稿「{path}」：安裝不完整，請重新安裝 TripReport。")
    return path


def _export(report, target: Path, photos) -> None:
    from desktop.export.render import export_docx, run_export

    run_export(export_docx(report, target, photos=photos))


def check_photo_import(folder: Path) -> None:
    """Import a few generated photos through the worker processes: a frozen app must be able to
    start them (multiprocessing's spawn re-runs the executable; freeze_support must catch it)."""
    from PIL import Image

    from desktop.photos.importer import IMPORTED, import_files
    from desktop.photos.store import PhotoStore

    sources = folder / "相機"
    sources.mkdir()
    for i in range(4):
        Image.new("RGB", (1200, 800), (40 * i, 120, 200 - 40 * i)).save(sources / f"IMG_{i}.jpg", quality=85)
    store = PhotoStore(folder / "data")
    results = list(import_files([sources], store, workers=2))
    refused = [r.line() for r in results if r.status != IMPORTED]
    if len(results) != 4 or refused:
        raise UserError("照片匯入失敗：" + ("；".join(refused) or f"只處理了 {len(results)} 張"))
    if not all(store.has(r.key) and store.thumb_path(r.key).is_file() for r in results):
        raise UserError("照片匯入後找不到儲存的照片或縮圖。")
    _step("照片：4 張照片經背景處理程序匯入，並產生縮圖")


def _document_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def check_export(folder: Path, keep: Path | None = None) -> str:
    """Import the example into a fresh database in `folder`, export it, read it back; the title."""
    from desktop.interchange.draft_files import import_draft_file
    from desktop.services import open_services
    from desktop.storage import close_database

    source = example_draft_path()
    services = open_services(folder / "data", "local")
    try:
        draft_id = import_draft_file(source, services.repo, services.photos)
        report = services.repo.load(draft_id)
        _step(f"資料庫：範例草稿已匯入暫存資料夾（編號 {draft_id}，照片 {len(report.photos)} 張）")
        target = folder / "自我檢查.docx"
        _export(report, target, services.photos)
    finally:
        close_database()
    if not target.is_file() or target.stat().st_size == 0:
        raise UserError("匯出沒有產生檔案。")
    text = _document_text(target)
    if report.title not in text:
        raise UserError(f"匯出的文件中找不到報告名稱「{report.title}」。")
    _step(f"匯出：{target.name}（{target.stat().st_size // 1024} KB）可由 python-docx 開啟，內含報告名稱")
    if keep:
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_bytes(target.read_bytes())
        _step(f"已另存：{keep}")
    return report.title


def check_agency_template(folder: Path) -> None:
    """Export with a template that is not one of ours: it renders in a child process, which a
    frozen app must be able to start (multiprocessing's spawn re-runs the executable)."""
    import shutil

    from desktop.export.render import export_docx, run_export
    from desktop.interchange.draft_json import read_draft_file
    from desktop.paths import templates_dir

    template = shutil.copyfile(templates_dir() / "summary-sheet.docx", folder / "機關範本.docx")
    target = folder / "機關範本匯出.docx"
    report = read_draft_file(example_draft_path())
    report.photos = []
    run_export(export_docx(report, target, template))
    if report.title not in _document_text(target):
        raise UserError("以機關範本匯出的文件中找不到報告名稱。")
    _step("機關範本：在獨立的處理程序中套用範本並匯出")


def check_window(folder: Path, screenshot: Path | None = None) -> None:
    """Build the real main window offscreen and draw it once (proves the Qt plugins are there)."""
    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.services import open_services
    from desktop.storage import close_database

    app = make_application()
    services = open_services(folder / "data", "local")
    try:
        window = MainWindow(services)
        window.show()
        app.processEvents()
        image = window.grab()
        if image.isNull() or image.width() < 100:
            raise UserError("主視窗無法繪製。")
        _step(f"視窗：主視窗已在背景開啟並繪製（{image.width()}×{image.height()}）")
        if screenshot:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(screenshot)):
                raise UserError(f"無法儲存畫面到「{screenshot}」。")
            _step(f"已存畫面：{screenshot}")
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        close_database()


def check_language_and_guide() -> None:
    """Qt's own texts in Chinese (the bundle must carry qtbase_zh_TW.qm) and the user guide."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.gui.app import make_application
    from desktop.gui.help_window import PAGES, guide_dir

    make_application()
    box = QMessageBox(QMessageBox.Question, "", "", QMessageBox.Yes | QMessageBox.No)
    words = (box.button(QMessageBox.Yes).text(), box.button(QMessageBox.No).text())
    box.deleteLater()
    if words != ("是(&Y)", "否(&N)"):
        raise UserError(f"Qt 的中文翻譯沒有載入（按鈕是 {words[0]}／{words[1]}）：缺少 qtbase_zh_TW.qm。")
    _step("介面：Qt 的對話框按鈕為中文（是／否）")
    missing = [name for name, _title in PAGES if not (guide_dir() / name).is_file()]
    if missing or not (guide_dir() / "images").is_dir():
        raise UserError(f"找不到使用說明（{guide_dir()}）：{'、'.join(missing) or 'images'}。")
    _step(f"說明：使用說明 {len(PAGES)} 頁與圖片都在")


def check_page_renderer(folder: Path) -> None:
    """The page preview's renderer (PDFium, through pypdfium2) loads and draws a page."""
    from PIL import Image

    from desktop.export.page_images import page_sizes, render_page

    pdf = folder / "頁面.pdf"
    Image.new("RGB", (595, 842), (255, 255, 255)).save(pdf, resolution=72)
    sizes = page_sizes(pdf)
    image = render_page(pdf, 0, 36)
    if len(sizes) != 1 or image.width < 200:
        raise UserError("頁面預覽的繪製元件（PDFium）無法繪製頁面。")
    _step("預覽：PDFium 可以繪製 PDF 頁面")


def cmd_selftest(args) -> int:
    # Never a visible window, never the user's data folder.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop import __version__

    print(f"TripReport {__version__} 自我檢查", flush=True)
    try:
        with temporary_folder("selftest") as folder:  # named with this process, swept if it is killed
            check_export(folder, args.keep)
            check_agency_template(folder)
            check_photo_import(folder)
            check_page_renderer(folder)
            if not args.no_window:
                check_language_and_guide()
                check_window(folder, args.screenshot)
    except UserError as err:
        raise UserError(f"自我檢查失敗：{err}") from err
    except Exception:
        # Anything else (a module or data file missing from the bundle): the traceback is the clue.
        traceback.print_exc()
        print("錯誤：自我檢查失敗（詳細原因見上方訊息），請把這段訊息交給資訊人員。", file=sys.stderr)
        return 1
    print("自我檢查通過。", flush=True)
    return 0
