"""The import report: what was recognised, what was kept as plain text, what needs a look.

Each note may carry a target in the editor's own terms (field:<key>, section:<id>, itinerary,
travellers, recommendations, photo:<id>), so the window can jump to it the way the review does,
and the command line prints the same notes as lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RECOGNISED = "recognised"
PLAIN = "plain"
UNCERTAIN = "uncertain"
PROBLEM = "problem"
LEVEL_WORDS = {RECOGNISED: "已辨識", PLAIN: "保留為文字", UNCERTAIN: "請確認", PROBLEM: "未匯入"}


@dataclass
class Note:
    level: str
    text: str
    target: str = ""

    def line(self) -> str:
        return f"{LEVEL_WORDS[self.level]}：{self.text}"


@dataclass
class ImportNotes:
    source: str = ""
    kind_id: str = ""
    kind_name: str = ""
    kind_reason: str = ""
    notes: list[Note] = field(default_factory=list)

    def add(self, level: str, text: str, target: str = "") -> Note:
        note = Note(level, text, target)
        self.notes.append(note)
        return note

    def of(self, level: str) -> list[Note]:
        return [n for n in self.notes if n.level == level]

    @property
    def needs_attention(self) -> list[Note]:
        """What the window lists with a jump: everything not simply recognised."""
        return [n for n in self.notes if n.level != RECOGNISED]

    def lines(self) -> list[str]:
        out = [f"報告種類：{self.kind_name}（{self.kind_reason}）"] if self.kind_name else []
        for level in (RECOGNISED, PLAIN, UNCERTAIN, PROBLEM):
            out += [n.line() for n in self.of(level)]
        return out
