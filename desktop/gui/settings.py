"""The window's remembered choices: one defaults table, and only what differs from it is stored.

The file is `settings.ini` in the data folder, beside the database, not in the registry or
~/.config: what it remembers (the last draft, the recent drafts, each draft's export folder) names
drafts of that one database, so it belongs with it; `--data-dir` (and every test's tmp folder) then
gets its own settings without touching the user's, and a data folder carried to another PC keeps
them. Keys that hold a family of values (a folder per kind of file dialog, an export folder per
draft) take their default from the part before the slash.

One data folder can hold two stores of drafts: its own database and the agency's server it
connects to (storage/target.py). Each numbers its drafts from 1, so what names drafts by id (the
draft left open, its step, the recent drafts) is kept per store, under stores/<store>/, and read
only once the window knows which store it works on (`use_store`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

FILE_NAME = "settings.ini"
RECENT_LIMIT = 8

DEFAULTS: dict[str, object] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "start/reopen_last_draft": True,  # False: every start shows the draft list
    "session/draft": 0,  # the draft open when the user last left it (0: none)
    "session/step": "",  # its step: a form step id, or chapter:<id> for a chapter
    "recent/drafts": [],  # draft ids, most recent first
    "preview/zoom": 0,  # percent; 0 fits the page width
    "preview/visible": False,  # the page preview pane was open
    "folders/": "",  # last folder of a kind of file dialog ("" = Documents): folders/import …
    "export-folders/": "",  # per draft (its uid): where it was last exported
    "stores/": "",  # stores/<store>/address: which store the per-store keys below it are of
}
# Draft ids mean a draft of one store only: these are kept per store (see the module's docstring).
PER_STORE = ("session/draft", "session/step", "recent/drafts")


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


class AppSettings:
    def __init__(self, data_dir: Path | str, store: str | None = None):
        self.path = Path(data_dir) / FILE_NAME
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._group: str | None = None
        if store is not None:
            self.use_store(store)

    def use_store(self, store: str) -> None:
        """Read and write the per-store keys of `store` (Services.store) from now on. The keys
        kept before there were stores move to the data folder's own store: the versions that wrote
        them knew no other, so their ids are of its drafts."""
        from desktop.storage.target import LOCAL_STORE

        self._group = store if store == LOCAL_STORE else "server-" + hashlib.sha1(store.encode()).hexdigest()[:12]
        for key in PER_STORE:
            if self._store.contains(key):
                local_key = f"stores/{LOCAL_STORE}/{key}"
                if not self._store.contains(local_key):
                    self._store.setValue(local_key, self._store.value(key))
                self._store.remove(key)
        self._store.setValue(f"stores/{self._group}/address", store)

    def _where(self, key: str) -> str | None:
        """The key in the file; None for a per-store key while the store is not known yet."""
        if key not in PER_STORE:
            return key
        return f"stores/{self._group}/{key}" if self._group is not None else None

    @staticmethod
    def default(key: str):
        if key in DEFAULTS:
            return DEFAULTS[key]
        family = key.split("/", 1)[0] + "/"
        if family in DEFAULTS:
            return DEFAULTS[family]
        raise KeyError(f"unknown setting {key!r}: add it to DEFAULTS")

    def get(self, key: str):
        default = self.default(key)
        where = self._where(key)
        if where is None or not self._store.contains(where):
            return _copy(default)
        raw = self._store.value(where)
        return _as_type(raw, default)

    def set(self, key: str, value) -> None:
        """Store `value`, or forget the key when it is the default (the file holds differences only)."""
        default = self.default(key)
        where = self._where(key)
        if where is None:
            return  # no draft is open before the store is known: nothing of it to remember
        if _as_type(value, default) == default:
            self._store.remove(where)
        else:
            self._store.setValue(where, value)

    def sync(self) -> bool:
        """Write to disk now; False when the file cannot be written (nothing else depends on it)."""
        self._store.sync()
        return self._store.status() == QSettings.Status.NoError

    def stored_keys(self) -> list[str]:
        return self._store.allKeys()

    # ---- folders of file dialogs ---------------------------------------------------------------
    def folder(self, kind: str) -> str:
        """Where a file dialog of this kind opens: where the last one was used, if it still exists."""
        remembered = self.get(f"folders/{kind}")
        return remembered if remembered and Path(remembered).is_dir() else documents_folder()

    def remember_folder(self, kind: str, chosen: str | Path) -> None:
        path = Path(chosen)
        self.set(f"folders/{kind}", str(path if path.is_dir() else path.parent))

    def export_folder(self, draft_uid: str) -> str:
        """The folder this draft was last exported to, else the last export folder of any draft."""
        remembered = self.get(f"export-folders/{draft_uid}") if draft_uid else ""
        return remembered if remembered and Path(remembered).is_dir() else self.folder("export")

    def remember_export(self, draft_uid: str, target: Path) -> None:
        if draft_uid:
            self.set(f"export-folders/{draft_uid}", str(Path(target).parent))
        self.remember_folder("export", target)

    # ---- recent drafts -------------------------------------------------------------------------
    def recent_drafts(self) -> list[int]:
        return [int(x) for x in self.get("recent/drafts") if str(x).isdigit()]

    def note_opened(self, draft_id: int) -> None:
        recent = [draft_id, *(d for d in self.recent_drafts() if d != draft_id)][:RECENT_LIMIT]
        self.set("recent/drafts", [str(d) for d in recent])
        self.set("session/draft", draft_id)

    def forget_draft(self, draft_id: int) -> None:
        self.set("recent/drafts", [str(d) for d in self.recent_drafts() if d != draft_id])
        if self.get("session/draft") == draft_id:
            self.set("session/draft", 0)
            self.set("session/step", "")


def _copy(value):
    return list(value) if isinstance(value, list) else value


def _as_type(raw, default):
    """INI files keep strings: read a value back as the type of its default."""
    if isinstance(default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default
    if isinstance(default, list):
        if raw is None or raw == "":
            return []
        return [str(x) for x in (raw if isinstance(raw, list | tuple) else [raw])]
    if isinstance(default, QByteArray):
        return raw if isinstance(raw, QByteArray) else QByteArray()
    return "" if raw is None else str(raw)


def start_folder(widget, kind: str) -> str:
    """Where a file dialog of `kind` opened from `widget` starts: the folder the last one used, if
    the widget sits in the main window (which holds the settings); else Documents."""
    settings = getattr(widget.window(), "settings", None)
    return settings.folder(kind) if isinstance(settings, AppSettings) else documents_folder()


def note_folder(widget, kind: str, chosen: str | Path) -> None:
    settings = getattr(widget.window(), "settings", None)
    if isinstance(settings, AppSettings) and chosen:
        settings.remember_folder(kind, chosen)
