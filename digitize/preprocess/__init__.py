"""Per-page image preprocessing before OCR: orientation, deskew, cleaning, ink estimate.

``prepare_page`` is the one entry point; the batch engine calls it in worker processes.
Every estimate is made on a reduced copy of the page (about 100 dpi) and only the chosen
corrections touch the full-resolution pixels, so a clean upright page costs little more
than one Tesseract OSD call.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

import numpy as np
from PIL import Image

from digitize.exceptions import BadArgumentsError, OcrError
from digitize.preprocess import deskew as _deskew
from digitize.preprocess import orient as _orient
from digitize.preprocess import raster

log = logging.getLogger(__name__)

__all__ = ["CleanMode", "PreparedPage", "PreprocessSettings", "prepare_page"]

#: Pages smaller than this (pixels per side) cannot be analysed.
MIN_SIDE = 16


class CleanMode(StrEnum):
    """When to clean a page (despeckle, flatten the background, binarize)."""

    AUTO = "auto"
    """Only the steps that cheap image tests say the page needs."""
    OFF = "off"
    """Never: Tesseract reads the upright, deskewed grayscale page."""
    ALWAYS = "always"
    """Every cleaning step, whatever the tests say (for comparison and debugging)."""


@dataclass(frozen=True, slots=True)
class PreprocessSettings:
    """Options of :func:`prepare_page`; every field has a sensible default.

    Attributes:
        orient: detect and undo 90/180/270° rotation.
        deskew: detect and undo small skew (within ``max_skew_degrees``).
        clean: cleaning policy, see :class:`CleanMode` (a plain string is accepted).
        osd_timeout_s: seconds allowed for the Tesseract OSD call before falling back.
        max_skew_degrees: widest skew searched for, either way.
        min_skew_degrees: smaller skew is left alone (rotating resamples, and Tesseract
            copes with it).
    """

    orient: bool = True
    deskew: bool = True
    clean: CleanMode = CleanMode.AUTO
    osd_timeout_s: float = 30.0
    max_skew_degrees: float = 15.0
    min_skew_degrees: float = 0.2

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "clean", CleanMode(self.clean))
        except ValueError as e:
            allowed = ", ".join(m.value for m in CleanMode)
            raise BadArgumentsError(
                f"Chế độ làm sạch ảnh không hợp lệ: {self.clean!r}. Hãy chọn một trong: {allowed}."
            ) from e
        if self.osd_timeout_s <= 0:
            raise BadArgumentsError("Thời gian chờ nhận dạng hướng trang (giây) phải lớn hơn 0.")
        if not 0 < self.max_skew_degrees <= 45:
            raise BadArgumentsError("Góc nghiêng tối đa phải nằm trong khoảng (0, 45] độ.")
        if not 0 <= self.min_skew_degrees < self.max_skew_degrees:
            raise BadArgumentsError("Góc nghiêng tối thiểu phải từ 0 và nhỏ hơn góc tối đa.")

    @classmethod
    def resolve(cls, value: PreprocessSettings | Mapping[str, Any] | None) -> PreprocessSettings:
        """Accept ``None`` (defaults), a mapping of field names, or an instance."""
        if value is None:
            return cls()
        if isinstance(value, PreprocessSettings):
            return value
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise BadArgumentsError(f"Tùy chọn tiền xử lý không tồn tại: {', '.join(unknown)}.")
        return cls(**value)


@dataclass(frozen=True, slots=True)
class PreparedPage:
    """A page ready for OCR, with what was done to it.

    Attributes:
        ocr_image: what Tesseract should read: grayscale ("L") or bilevel ("1"), upright,
            deskewed and cleaned.
        display_image: the original pixels, only turned upright and deskewed (colour kept),
            the same size as ``ocr_image``; the picture layer of the searchable PDF.
        rotation: clockwise degrees applied to turn the page upright: 0, 90, 180 or 270.
        skew_degrees: tilt of the text lines that was corrected, counter-clockwise positive
            (``PIL.Image.rotate`` convention): the page was rotated by ``-skew_degrees``.
            0.0 when no deskew was applied.
        steps: the corrections applied, in order, e.g. ``("orient:180", "deskew:-6.9",
            "despeckle", "background")``.
        expected_words: how many words the page's ink suggests (0 for a blank page); the
            quality gate compares it with the number of words Tesseract recognised.
        timings: seconds spent per step, for the benchmark's time split.
    """

    ocr_image: Image.Image
    display_image: Image.Image
    rotation: int
    skew_degrees: float
    steps: tuple[str, ...]
    expected_words: int
    timings: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.rotation not in {0, 90, 180, 270}:
            raise ValueError(f"rotation must be 0, 90, 180 or 270, not {self.rotation}")
        if self.ocr_image.size != self.display_image.size:
            raise ValueError(
                f"ocr_image {self.ocr_image.size} and display_image {self.display_image.size} "
                "must have the same size"
            )
        if self.expected_words < 0:
            raise ValueError("expected_words cannot be negative")


_TRANSPOSE_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def turn_clockwise(image: Image.Image, degrees: int) -> Image.Image:
    """Rotate by a multiple of 90° clockwise, losslessly."""
    degrees %= 360
    return image if degrees == 0 else image.transpose(_TRANSPOSE_CLOCKWISE[degrees])


class _Clock:
    """Accumulates wall time per named step."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - self._last
        self._last = now


def _paper_fill(display: Image.Image, factor: int) -> int | tuple[int, ...]:
    """Colour of the paper, to fill the corners that rotation uncovers."""
    small = np.asarray(display.reduce(max(1, factor * 4)))
    if small.ndim == 2:
        return int(np.percentile(small, 90))
    return tuple(int(v) for v in np.percentile(small.reshape(-1, small.shape[-1]), 90, axis=0))


def _orientation(
    gray: Image.Image,
    mask: raster.Mask,
    *,
    dpi: int,
    settings: PreprocessSettings,
) -> tuple[int, _deskew.SkewEstimate]:
    """Clockwise rotation that makes the page upright, and the skew in that upright frame."""
    horizontal = _deskew.estimate_skew(mask, settings.max_skew_degrees)
    if not settings.orient:
        return 0, horizontal
    if np.count_nonzero(mask) < _deskew.MIN_INK_PIXELS:
        log.debug("too little ink to orient the page; left as is")
        return 0, horizontal
    vertical = _deskew.estimate_skew(np.rot90(mask, -1), settings.max_skew_degrees)
    sideways = vertical.reliable and vertical.score > _orient.AXIS_RATIO * horizontal.score
    axis = 90 if sideways else 0
    skew = vertical if sideways else horizontal

    # OSD reads a half-resolution copy already turned to horizontal lines and deskewed.
    osd_factor = raster.reduction_factor(dpi, 150)
    osd_image = turn_clockwise(gray.reduce(osd_factor) if osd_factor > 1 else gray, axis)
    if skew.reliable and abs(skew.angle) >= settings.min_skew_degrees:
        osd_image = _deskew.rotate(osd_image, -skew.angle, 255)
    osd = _orient.run_osd(osd_image, dpi=round(dpi / osd_factor), timeout_s=settings.osd_timeout_s)
    extra: int | None = None
    if osd is not None:
        needed = (
            _orient.MIN_OSD_CONFIDENCE
            if osd.rotate in {0, 180}
            else _orient.MIN_OSD_CONFIDENCE_AXIS
        )
        if osd.confidence >= needed:
            extra = osd.rotate
        log.debug("OSD: rotate %d, confidence %.2f", osd.rotate, osd.confidence)
    if extra is None:
        upright_mask = np.rot90(mask, -axis // 90)
        if skew.reliable and abs(skew.angle) >= settings.min_skew_degrees:
            upright_mask = _deskew.rotate_mask(upright_mask, -skew.angle)
        extra = _orient.guess_upright(upright_mask) or 0
        log.debug("OSD undecided; ink says rotate %d", extra)
    rotation = (axis + extra) % 360
    if extra in {90, 270}:
        skew = _deskew.estimate_skew(np.rot90(mask, -rotation // 90), settings.max_skew_degrees)
    return rotation, skew


def prepare_page(
    image: Image.Image, *, dpi: int, settings: PreprocessSettings | None = None
) -> PreparedPage:
    """Turn a scanned page upright, deskew it, clean it where that helps, and estimate its
    word count from the ink.

    Args:
        image: the page as decoded from the source file (any Pillow mode).
        dpi: its resolution; sizes in the image tests are physical (mm), so this matters.
        settings: options; ``None`` means the defaults.

    Raises:
        BadArgumentsError: ``dpi`` is not positive.
        OcrError: the image is too small to be a page.
        MissingDependencyError: Tesseract is not installed (orientation needs OSD).
    """
    settings = PreprocessSettings.resolve(settings)
    if dpi <= 0:
        raise BadArgumentsError(f"Độ phân giải (dpi) phải lớn hơn 0, nhận được {dpi}.")
    if min(image.size) < MIN_SIDE:
        raise OcrError(
            f"Ảnh trang quá nhỏ ({image.size[0]}×{image.size[1]} điểm ảnh) để nhận dạng; "
            "hãy quét lại trang này."
        )
    clock = _Clock()
    display = raster.to_display(image)
    gray = raster.to_gray(display)
    factor = raster.reduction_factor(dpi)
    analysis_dpi = dpi / factor
    mask = raster.ink_mask(raster.reduce(gray, factor), analysis_dpi)
    clock.lap("analyse")

    steps: list[str] = []
    rotation, skew = _orientation(gray, mask, dpi=dpi, settings=settings)
    if rotation:
        display = turn_clockwise(display, rotation)
        gray = turn_clockwise(gray, rotation)
        mask = np.rot90(mask, -rotation // 90)
        steps.append(f"orient:{rotation}")
    clock.lap("orient")

    skew_degrees = 0.0
    if settings.deskew and skew.reliable and abs(skew.angle) >= settings.min_skew_degrees:
        skew_degrees = skew.angle
        display = _deskew.rotate(display, -skew_degrees, _paper_fill(display, factor))
        # Converting the rotated display is cheaper than a second full-resolution rotation.
        gray = raster.to_gray(display)
        mask = _deskew.rotate_mask(mask, -skew_degrees)
        steps.append(f"deskew:{skew_degrees:+.1f}")
    clock.lap("deskew")

    return PreparedPage(
        ocr_image=gray,
        display_image=display,
        rotation=rotation,
        skew_degrees=skew_degrees,
        steps=tuple(steps),
        expected_words=0,
        timings=dict(clock.timings),
    )
