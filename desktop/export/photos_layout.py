"""Where each photo goes, how big it prints, and its figure number.

A4 with 2.5 cm margins leaves 16 cm of text width. A photo alone on its row prints at most 13.5 cm
wide (1600 px at 300 dpi, the print-size default); two on a row print at most 7.5 cm wide each
(900 px). Portrait photos are limited in height so a row never takes more than about half a page.
Photos are numbered 圖1, 圖2 … in reading order: inline ones where they stand in their sections, in
the order those sections appear, then the appendix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.blocks import Block, PhotoBlock, with_placed_photos
from desktop.domain.report import Photo, Report, Section
from desktop.domain.text import clean_line

EMU_PER_CM = 360000
PRINT_DPI = 300


@dataclass(frozen=True)
class Slot:
    """The box a photo is fitted into, in cm."""

    width_cm: float
    height_cm: float

    @property
    def long_edge_px(self) -> int:
        """Pixels on the photo's long side for PRINT_DPI at the box's long side, rounded up to 100."""
        px = max(self.width_cm, self.height_cm) / 2.54 * PRINT_DPI
        return int(math.ceil(px / 100.0) * 100)


SINGLE = Slot(13.5, 10.2)
PAIR = Slot(7.5, 6.0)


@dataclass
class PlacedPhoto:
    photo: Photo
    number: int
    slot: Slot
    file: Path | None = None  # the print-size file, once prepared

    @property
    def caption(self) -> str:
        text = clean_line(self.photo.caption)
        return f"圖{self.number}：{text}" if text else f"圖{self.number}"


@dataclass
class PhotoPlan:
    """Photos grouped by where they print. A section's photos print where their blocks stand
    (blocks.with_placed_photos): `by_section` maps a section id to its groups of consecutive
    photos, in order, each group as rows; `placed` maps it to the ids of the photos placed there.
    The appendix's photos are one group of rows."""

    by_section: dict[str, list[list[list[PlacedPhoto]]]] = field(default_factory=dict)
    appendix: list[list[PlacedPhoto]] = field(default_factory=list)
    placed: dict[str, list[str]] = field(default_factory=dict)

    def all(self) -> list[PlacedPhoto]:
        out = [p for groups in self.by_section.values() for rows in groups for row in rows for p in row]
        return sorted(out + [p for row in self.appendix for p in row], key=lambda p: p.number)

    def blocks_of(self, section: Section) -> list[Block]:
        """The section's blocks as they print, its photos where they stand."""
        return with_placed_photos(section.blocks, section.id, self.placed.get(section.id, []))


def _rows(photos: list[Photo], per_row: int) -> list[list[Photo]]:
    if per_row <= 1 or len(photos) == 1:
        return [[p] for p in photos]
    return [photos[i:i + 2] for i in range(0, len(photos), 2)]


def _groups(blocks: list[Block], by_id: dict[str, Photo]) -> list[list[Photo]]:
    """Runs of consecutive photos in a body: each prints as one group."""
    groups: list[list[Photo]] = []
    run: list[Photo] = []
    for block in blocks:
        if isinstance(block, PhotoBlock):
            run.append(by_id[block.photo_id])
        elif run:
            groups.append(run)
            run = []
    if run:
        groups.append(run)
    return groups


def plan_photos(report: Report, per_row: int = 2) -> PhotoPlan:
    """Group the report's photos into rows, number them in reading order, and size each slot.

    A photo whose section no longer exists goes to the appendix rather than disappearing."""
    sections = [s for _, s in report.all_sections()]
    known = {s.id for s in sections}
    plan = PhotoPlan()
    appendix: list[Photo] = []
    for photo in report.photos:
        if photo.placement in known:
            plan.placed.setdefault(photo.placement, []).append(photo.id)
        else:
            appendix.append(photo)
    by_id = {p.id: p for p in report.photos}
    number = 0

    def place(photos: list[Photo]) -> list[list[PlacedPhoto]]:
        nonlocal number
        rows = []
        for row in _rows(photos, per_row):
            slot = SINGLE if len(row) == 1 else PAIR
            placed = []
            for photo in row:
                number += 1
                placed.append(PlacedPhoto(photo, number, slot))
            rows.append(placed)
        return rows

    for section in sections:
        if section.id in plan.placed:
            plan.by_section[section.id] = [place(group) for group in _groups(plan.blocks_of(section), by_id)]
    if appendix:
        plan.appendix = place(appendix)
    return plan


def fit(slot: Slot, width_px: int, height_px: int) -> tuple[int, int]:
    """The printed size (EMU) of a photo of width_px × height_px fitted into `slot`."""
    if width_px <= 0 or height_px <= 0:
        return int(slot.width_cm * EMU_PER_CM), int(slot.height_cm * EMU_PER_CM)
    scale = min(slot.width_cm / width_px, slot.height_cm / height_px)
    return int(width_px * scale * EMU_PER_CM), int(height_px * scale * EMU_PER_CM)
