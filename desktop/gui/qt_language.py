"""Qt's own words in Traditional Chinese, and the system's font size left alone.

Qt writes some texts itself: the buttons of message boxes (OK, Yes, No, Close), the file dialogs,
the right-click menu of text fields (Undo, Cut, Copy, Paste). PySide6 ships Qt's translations as
.qm files; `qt_zh_TW.qm` names the module catalogues it needs (`qtbase_zh_TW.qm`), and QTranslator
loads those with it. In the PyInstaller bundle the files sit at PySide6/Qt/translations inside the
bundle (build_installer.spec keeps the Chinese ones), which is also where QLibraryInfo points.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

LANGUAGE = "zh_TW"
CATALOGUE = "qtbase"  # message boxes, file dialogs, the text fields' menu

# fontconfig would otherwise pick Noto Sans CJK JP (Japanese glyph shapes) for Chinese text.
UI_FONT_FAMILIES = ["Microsoft JhengHei UI", "Microsoft JhengHei", "Noto Sans CJK TC", "PingFang TC", "AR PL UKai TW"]


# Texts Qt's zh_TW catalogue leaves in English (Qt 6.11), in the words its other entries use.
MISSING_IN_QT = {
    ("QFileDialog", "&Look in:"): "查詢位置(&L)：",
    ("QFileDialog", "Files of &type:"): "檔案類型(&T)：",
}


class MissingTexts(QTranslator):
    """Answers only the few texts Qt's catalogue lacks; installed before it, so it is asked last."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002 (Qt override)
        return MISSING_IN_QT.get((context, source_text), "")

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def translation_dirs() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own idea first, then the bundle's copy."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen) / "PySide6" / "Qt" / "translations")
    import PySide6

    dirs.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return list(dict.fromkeys(dirs))


def install_qt_translations(app: QApplication) -> QTranslator | None:
    """Load Qt's zh_TW catalogue into `app`; the translator (kept alive as the app's child), or
    None when no catalogue was found (Qt then speaks English, nothing else breaks)."""
    existing = app.findChild(QTranslator, "qt-zh-TW")
    if existing is not None:
        return existing
    translator = QTranslator(app)
    translator.setObjectName("qt-zh-TW")
    locale = QLocale(QLocale.Language.Chinese, QLocale.Script.TraditionalChineseScript, QLocale.Country.Taiwan)
    for folder in translation_dirs():
        if translator.load(locale, CATALOGUE, "_", str(folder)):
            app.installTranslator(MissingTexts(translator))
            app.installTranslator(translator)
            return translator
    translator.deleteLater()
    return None


def apply_interface_font(app: QApplication) -> None:
    """Chinese glyph shapes from a Traditional Chinese face, at the size the user chose for the
    system: only the families are set, never the point size."""
    font = app.font()
    font.setFamilies(UI_FONT_FAMILIES)
    app.setFont(font)


def set_up_language(app: QApplication) -> QTranslator | None:
    """The one call the application start makes: the font faces and Qt's Chinese texts."""
    apply_interface_font(app)
    return install_qt_translations(app)
