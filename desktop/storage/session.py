"""Knowing that the last run did not end cleanly, and saying what was recovered.

A small marker file in the data folder says "a session is running" and which draft was being
edited; a clean shutdown removes it. If it is still there at the next start, the app crashed or
the computer lost power: the draft it names is what the user wants to hear about, with the time of
its last save (everything saved up to then is in the database). The marker names the store the
draft is in (the data folder's database or the agency's server, storage/target.store_identity):
the next start names the draft only on that same store, where its id means the same draft.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.fileio import FileWriteError, atomic_write_text
from desktop.storage import models as m
from desktop.storage.repository import now_iso
from desktop.storage.target import LOCAL_STORE

MARKER_NAME = "session.json"


@dataclass
class Recovery:
    """What the start-up notice tells the user."""

    started_at: str  # when the interrupted session began
    draft_id: int | None
    draft_title: str
    saved_at: str  # the draft's last save, ISO

    def message(self) -> str:
        start = self.started_at.replace("T", " ")
        if self.draft_id is None:
            return f"上次（{start} 開啟）TripReport 沒有正常結束。所有草稿都已保存，沒有遺失任何已儲存的內容。"
        saved = self.saved_at.replace("T", " ")
        title = self.draft_title or "（未命名）"
        return (f"上次（{start} 開啟）TripReport 沒有正常結束。已復原草稿「{title}」，"
                f"內容保存到 {saved} 為止（最後一次自動儲存）。")


class SessionMarker:
    def __init__(self, data_dir: Path, store: str = LOCAL_STORE):
        self.path = Path(data_dir) / MARKER_NAME
        self.store = store
        self._state: dict = {}

    def begin(self) -> Recovery | None:
        """Start a session; returns what to tell the user if the previous one did not end cleanly."""
        recovery = self._previous()
        self._state = {"pid": os.getpid(), "started_at": now_iso(), "store": self.store, "draft_id": None}
        self._write()
        return recovery

    def note_draft(self, draft_id: int | None) -> None:
        """Remember which draft is being edited (None: back at the list)."""
        if self._state.get("draft_id") != draft_id:
            self._state["draft_id"] = draft_id
            if draft_id is not None:
                self._state["last_draft_id"] = draft_id
            self._write()

    def end(self) -> None:
        """A clean shutdown: everything is saved."""
        self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        try:
            atomic_write_text(self.path, json.dumps(self._state))
        except FileWriteError:
            pass  # the notice is a courtesy; never stop the user from working because of it

    def _previous(self) -> Recovery | None:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            state = {}
        draft_id = state.get("draft_id") or state.get("last_draft_id")
        if state.get("store") != self.store:
            draft_id = None  # a draft of the other store (or of a marker that did not say): not this id
        row = m.Draft.get_or_none(m.Draft.id == draft_id) if draft_id else None
        if row is None:
            return Recovery(state.get("started_at", "?"), None, "", "")
        return Recovery(state.get("started_at", "?"), row.id, row.title, row.updated_at)
