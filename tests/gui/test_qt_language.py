"""Qt's own texts — message box buttons, the file dialog, a text field's right-click menu — in
Traditional Chinese, as make_application sets them up."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox

from desktop.gui.qt_language import install_qt_translations


@pytest.fixture
def chinese_qt(qapp):
    translator = install_qt_translations(qapp)
    assert translator is not None, "Qt's zh_TW catalogue was not found"
    return translator


def test_message_box_buttons_are_chinese(qtbot, chinese_qt):
    box = QMessageBox(QMessageBox.Question, "匯出", "要覆蓋嗎？",
                      QMessageBox.Yes | QMessageBox.No | QMessageBox.Ok | QMessageBox.Close | QMessageBox.Cancel)
    qtbot.addWidget(box)
    texts = {b: box.button(b).text() for b in (QMessageBox.Yes, QMessageBox.No, QMessageBox.Ok,
                                               QMessageBox.Close, QMessageBox.Cancel)}
    assert texts == {QMessageBox.Yes: "是(&Y)", QMessageBox.No: "否(&N)", QMessageBox.Ok: "確定",
                     QMessageBox.Close: "關閉", QMessageBox.Cancel: "取消"}


def test_a_non_native_save_dialog_speaks_chinese(qtbot, chinese_qt, tmp_path):
    dialog = QFileDialog(None, "匯出 Word 文件", str(tmp_path), "Word 文件 (*.docx)")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.labelText(QFileDialog.Accept) == "儲存(&S)"
    assert dialog.labelText(QFileDialog.Reject) == "取消"
    labels = sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())
    assert labels == ["查詢位置(&L)：", "檔名(&N)：", "檔案類型(&T)："]
    dialog.close()


def test_an_open_dialog_has_a_chinese_open_button(qtbot, chinese_qt, tmp_path):
    dialog = QFileDialog(None, "從草稿檔匯入", str(tmp_path))
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert dialog.labelText(QFileDialog.Accept) == "開啟(&O)"


def test_the_right_click_menu_of_a_text_field_is_chinese(qtbot, chinese_qt):
    field = QLineEdit("出國報告")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert texts[:5] == ["復原(&U)", "重做(&R)", "剪下(&T)", "複製(&C)", "貼上(&P)"]


def test_make_application_installs_the_translation_and_keeps_the_system_font_size(qapp):
    from desktop.gui.app import make_application

    font_before = qapp.font()
    try:
        app = make_application()
        assert app.findChild(type(install_qt_translations(app)), "qt-zh-TW") is not None
        assert app.font().pointSizeF() == font_before.pointSizeF()  # no size forced over the user's
        assert "Noto Sans CJK TC" in app.font().families()
    finally:
        qapp.setFont(font_before)


def test_the_window_icon_has_its_small_sizes_drawn(qapp):
    from desktop.gui.app import make_application, use_drawn_icon_sizes

    app = make_application()
    use_drawn_icon_sizes(app)  # as the start does after the first paint
    sizes = {(s.width(), s.height()) for s in app.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes  # not one 256 px image shrunk
