"""The agency tier in the window: 工具 → 機關資料庫… and 工具 → 繳交期限表…, 檔案 → 帶出離線編輯… and
帶回並合併… on a server, and a mark in the status bar saying where the drafts are (the server and
who is signed in, or offline on this computer)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel


def install(window) -> None:
    window.agency_server_action = QAction("機關資料庫(&D)…", window)
    window.agency_server_action.triggered.connect(lambda _checked=False: show_server_dialog(window))
    window.board_action = QAction("繳交期限表(&L)…", window)
    window.board_action.triggered.connect(lambda _checked=False: show_board(window))
    window.tools_menu.addSeparator()
    window.tools_menu.addAction(window.board_action)
    window.tools_menu.addAction(window.agency_server_action)
    from desktop.gui.checkout_dialogs import install as install_checkout

    install_checkout(window)
    mark = QLabel()
    mark.setObjectName("agency-mark")
    services = window.services
    offline = getattr(window, "agency_offline_reason", "")
    if services.server:
        user = services.repo.user
        mark.setText(f"機關資料庫：{user}")
        mark.setToolTip(services.server)
    elif offline:
        mark.setText("離線：使用本機資料夾")
        from desktop.gui.colours import meaning

        mark.setStyleSheet(f"color: {meaning('problem', window.palette()).name()}; padding: 0 6px;")
        mark.setToolTip(offline)
        window.statusBar().showMessage(f"離線：{offline}", 15000)
    else:
        return
    window.statusBar().addPermanentWidget(mark)


def show_server_dialog(window) -> None:
    from desktop.gui.agency_dialog import AgencyServerDialog

    AgencyServerDialog(window).exec()


def show_board(window) -> None:
    from desktop.gui.board_window import BoardWindow

    board = getattr(window, "board_window", None)
    if board is None:
        board = window.board_window = BoardWindow(window.services.repo, window)
        board.openRequested.connect(window.open_draft)
    else:
        board.reload()
    board.show()
    board.raise_()
    board.activateWindow()
