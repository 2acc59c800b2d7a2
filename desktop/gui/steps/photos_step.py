"""照片: the photo page (issue 5 owns its insides) embedded as a step; its `changed` saves."""

from __future__ import annotations

from desktop.gui.photos.photo_page import PhotoPage
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage


class PhotosStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.photo_page = PhotoPage(editor.services)
        self.photo_page.changed.connect(self.mark_edited)
        self.outer.addWidget(self.photo_page, 1)

    def load(self, report) -> None:
        super().load(report)
        self.photo_page.set_report(report)

    def completion(self) -> str:
        photos = self.report.photos
        if not photos:
            return EMPTY
        return DONE if all(p.caption.strip() for p in photos) else PARTIAL

    def owns(self, target: str) -> bool:
        return target.startswith("photo:")

    def focus_target(self, target: str) -> None:
        self.photo_page.setFocus()
