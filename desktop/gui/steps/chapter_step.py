"""A body chapter as a step (目的, 心得, and every chapter the user adds)."""

from __future__ import annotations

from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage
from desktop.gui.steps.chapter_editor import ChapterEditor


def section_completion(chapter) -> str:
    texts = [s.text.strip() for _, s in chapter.walk()]
    if not any(texts):
        return EMPTY
    # a sub-section left without text means the chapter is still being written
    return DONE if all(texts[1:]) or not texts[1:] else PARTIAL


class ChapterStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.chapter_editor = ChapterEditor(editor, self.mark_edited)
        self.outer.addWidget(self.chapter_editor, 1)

    @property
    def chapter(self):
        return self.chapter_editor.chapter

    def load_chapter(self, report, chapter) -> None:
        self.report = report
        self.chapter_editor.load(chapter)

    def load(self, report) -> None:
        self.report = report

    def commit(self) -> None:
        self.chapter_editor.commit()

    def completion(self) -> str:
        return section_completion(self.chapter)

    def owns(self, target: str) -> bool:
        return target.startswith("section:") and self.chapter_editor.contains(target[8:])

    def focus_target(self, target: str) -> None:
        self.chapter_editor.show_section(target[8:])

    def entry_widget(self):
        return self.chapter_editor.text_edit
