"""Signing in to the agency's server when the window starts, and what happens when it cannot.

The password is asked for (and kept in memory only) when the server wants one that libpq's own
password file does not give. When the server cannot be reached, or is of another TripReport
version, the window says so and offers to keep working on this computer's data folder — the
drafts brought home as packages are there — so nobody is stopped from writing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop import APP_TITLE

SIGN_IN_ATTEMPTS = 3


def ask_password(parent, address: str, reason: str = "") -> str | None:
    text = f"{reason}\n\n" if reason else ""
    password, ok = QInputDialog.getText(
        parent, "登入機關資料庫", f"{text}{address}\n密碼（只在這次開啟期間記得，不會存檔）：", QLineEdit.Password)
    return password if ok else None


def open_services_signing_in(window, database: str | None = None):
    """The services for the window: the server it is set to use (asking for the password), or —
    when the user chooses so after a failure — the local data folder. None to end."""
    from desktop.services import open_services
    from desktop.storage.postgres import ServerSchemaMismatch, ServerUnavailable, SignInFailed
    from desktop.storage.target import resolve_database, without_password

    url = resolve_database(database, window.data_dir)
    if not url:
        return open_services(window.data_dir, database)
    password = None
    for _attempt in range(SIGN_IN_ATTEMPTS):
        try:
            services = open_services(window.data_dir, url, password)
        except SignInFailed as err:
            password = ask_password(window, without_password(url), "" if password is None else str(err))
            if password is None:
                break
            continue
        except (ServerUnavailable, ServerSchemaMismatch) as err:
            return _offer_local(window, str(err))
        window.agency_password = password  # the dialogs reuse it for this session, never saved
        return services
    return _offer_local(window, "沒有登入機關資料庫。")


def _offer_local(window, why: str):
    from desktop.services import open_services

    box = QMessageBox(QMessageBox.Warning, APP_TITLE,
                      f"{why}\n\n可以先用這台電腦的本機資料夾繼續工作（出差帶回的草稿包也在這裡），"
                      "之後再連線；或結束程式。", parent=window)
    local = box.addButton("使用本機資料夾", QMessageBox.AcceptRole)
    box.addButton("結束", QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is not local:
        return None
    services = open_services(window.data_dir, "local")
    window.agency_offline_reason = why
    return services
