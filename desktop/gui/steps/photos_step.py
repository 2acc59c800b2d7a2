"""照片: the photo page embedded as a step; its `changed` saves, its edits go on the editor's undo stack."""

from __future__ import annotations

from desktop.gui.photos.photo_page import PhotoPage
from desktop.gui.steps.base import DONE, EMPTY, PARTIAL, StepPage


class PhotosStep(StepPage):
    def __init__(self, editor, step: dict, parent=None):
        super().__init__(editor, step, parent)
        self.photo_page = PhotoPage(editor.services, undo_stack=editor.undo_stack)
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
        """photo:<id> (a review item: 第 N 張照片還沒有圖說) selects that photo and puts the cursor in
        its caption; an id no longer there falls back to the first photo without a caption."""
        photos = self.report.photos if self.report is not None else []
        pid = target[6:] if target.startswith("photo:") else ""
        if not any(p.id == pid for p in photos):
            pid = next((p.id for p in photos if not p.caption.strip()), photos[0].id if photos else "")
        if not pid:
            self.photo_page.setFocus()
            return
        self.photo_page.select_ids([pid])
        caption = self.photo_page.caption_edit
        caption.setFocus()
        caption.selectAll()
