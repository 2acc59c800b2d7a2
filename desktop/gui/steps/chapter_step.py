"""A body chapter as a step (目的, 心得, and every chapter the user adds)."""

from __future__ import annotations

from desktop.domain.report import Report
from desktop.domain.step_marks import section_fill
from desktop.gui.steps.base import StepPage
from desktop.gui.steps.chapter_editor import ChapterEditor


def section_completion(chapter, report=None) -> str:
    """Empty, partial (a sub-section with only its heading) or done; a grouping heading with no text
    of its own but sub-sections under it is normal (domain/step_marks.py decides, as the review does)."""
    return section_fill(report or Report(chapters=[chapter]), chapter)


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

    def shown(self) -> None:
        # the 照片 step may have placed photos here, moved them away or changed their captions
        self.chapter_editor.refresh_photos()

    def completion(self) -> str:
        return section_completion(self.chapter, self.report)

    def owns(self, target: str) -> bool:
        return target.startswith("section:") and self.chapter_editor.contains(target[8:])

    def focus_target(self, target: str) -> None:
        self.chapter_editor.show_section(target[8:])

    def entry_widget(self):
        return self.chapter_editor.text_edit
