"""Which process is writing which draft: one lock file per draft, locked by the operating system.

The window claims the draft it shows; a command that changes a draft claims it for as long as it
runs. Any other process about to write that draft finds the lock taken and is refused with
DraftInUse before it changes anything (the repository checks on every write). The window claims
the data folder as a whole too, which the operations that replace the whole database check. The
operating system drops a lock when its process ends, however it ends, so a crash leaves no stale
claim behind. Lock files stay in <data>/claims/ (tiny, reused); what they hold only names the
holder for the message, the lock itself is the truth. Draft ids count per store (the data
folder's own database, an agency's server: storage/target.store_identity), so a server's draft
claims carry the store in their names: draft 1 on the server is not draft 1 of the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import datetime
from pathlib import Path

from desktop.storage.errors import DraftInUse
from desktop.storage.target import LOCAL_STORE

CLAIMS_DIRNAME = "claims"
WINDOW = "window"
WINDOW_HOLDER = {"holder": "開著的 TripReport 視窗", "kind": "window"}
# Windows locks are mandatory: lock a byte far past the text so the holder's note stays readable.
_LOCK_OFFSET = 1 << 30
# The claims this process holds, by lock file: every WriterClaims of the process sees them, so the
# repository's check passes for what the window, or the running command, has claimed.
_HELD: dict[Path, int] = {}


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


class WriterClaims:
    """This process's claims in one data folder, and the check of everyone else's."""

    def __init__(self, data_dir: Path, store: str = LOCAL_STORE):
        self.folder = Path(data_dir).resolve() / CLAIMS_DIRNAME
        self.store = store

    def draft_name(self, draft_id: int) -> str:
        """The claim of draft `draft_id` of this store."""
        if self.store == LOCAL_STORE:
            return f"draft-{draft_id}"
        return f"draft-{hashlib.sha1(self.store.encode()).hexdigest()[:12]}-{draft_id}"

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.lock"

    # ---- this process ------------------------------------------------------------------------
    def claim(self, name: str, holder: dict) -> bool:
        """Hold `name` ("draft-7", WINDOW) for this process; False when another process holds it
        (or the folder cannot be written: then nobody else can write the drafts either).
        `holder` ({"holder": who, "kind": "window" | "command"}) is what a refused writer is told."""
        path = self._path(name)
        if path in _HELD:
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return False
        if not _try_lock(fd):
            os.close(fd)
            return False
        note = json.dumps({**holder, "pid": os.getpid(), "since": datetime.now().strftime("%H:%M")},
                          ensure_ascii=False)
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, note.encode("utf-8"))
        except OSError:
            pass  # a full disk: the lock holds without its note
        _HELD[path] = fd
        return True

    def claim_draft(self, draft_id: int, holder: dict = WINDOW_HOLDER) -> bool:
        return self.claim(self.draft_name(draft_id), holder)

    def release(self, name: str) -> None:
        fd = _HELD.pop(self._path(name), None)
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)

    def _held_names(self) -> list[str]:
        return [p.stem for p in _HELD if p.parent == self.folder]

    def release_drafts(self) -> None:
        for name in self._held_names():
            if name != WINDOW:
                self.release(name)

    def release_all(self) -> None:
        for name in self._held_names():
            self.release(name)

    def holds(self, name: str) -> bool:
        return self._path(name) in _HELD

    # ---- everyone else -----------------------------------------------------------------------
    def held_elsewhere(self, name: str) -> dict | None:
        """The note of the other process holding `name` ({} when it left none); None when free."""
        if self.holds(name):
            return None
        try:
            fd = os.open(self._path(name), os.O_RDWR)
        except OSError:
            return None  # never claimed (or unreadable: a read-only folder, where nobody writes)
        try:
            if _try_lock(fd):
                _unlock(fd)
                return None
            os.lseek(fd, 0, os.SEEK_SET)
            text = os.read(fd, 4096).decode("utf-8", "replace")
        finally:
            os.close(fd)
        try:
            note = json.loads(text)
        except ValueError:
            return {}
        return note if isinstance(note, dict) else {}

    def check(self, draft_id: int) -> None:
        """Raise DraftInUse when another process is editing the draft."""
        note = self.held_elsewhere(self.draft_name(draft_id))
        if note is not None:
            raise DraftInUse(in_use_message(f"編號 {draft_id} 的草稿", note))

    def check_folder(self) -> None:
        """Raise DraftInUse when a window is open on this data folder."""
        note = self.held_elsewhere(WINDOW)
        if note is not None:
            raise DraftInUse(in_use_message("這個資料夾", note))


def in_use_message(what: str, note: dict) -> str:
    who = note.get("holder") or "另一個 TripReport"
    details = "，".join(x for x in (f"程序 {note['pid']}" if note.get("pid") else "",
                                   f"自 {note['since']} 起" if note.get("since") else "") if x)
    advice = ("請等它完成後再試一次。" if note.get("kind") == "command"
              else "請在視窗中回到草稿清單或關閉視窗，再執行一次。")
    return (f"{what}正由{who}使用中{f'（{details}）' if details else ''}。為免兩邊互相覆蓋，這次沒有做任何修改；"
            f"{advice}")
