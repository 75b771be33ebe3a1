"""Per-page image preprocessing before OCR: orientation, deskew, cleaning, ink estimate.

``prepare_page`` is the one entry point; the batch engine calls it in worker processes.
Steps, one module each: ``orient`` (text-line axis from the ink, upright vs upside down
from the ink, Tesseract OSD when the ink is unsure or the page is turned), ``deskew``
(projection profiles), ``clean`` (frame, noise, background, specks, show-through, each
behind a cheap test), ``ink`` (expected word count). Every estimate is made on a reduced
copy of the page (100-150 dpi) and only the chosen corrections touch the full-resolution
pixels: a clean upright A4 page at 300 dpi costs about 0.2 s, a few percent of its OCR.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
from PIL import Image

from digitize.exceptions import BadArgumentsError, OcrError
from digitize.preprocess import deskew as _deskew
from digitize.preprocess import ink as _ink
from digitize.preprocess import orient as _orient
from digitize.preprocess import raster
from digitize.preprocess.clean import CleanMode, clean_page, drop_red, find_border
from digitize.preprocess.timing import Stopwatch

log = logging.getLogger(__name__)

__all__ = ["CleanMode", "PreparedPage", "PreprocessSettings", "prepare_page"]

#: Pages smaller than this (pixels per side) cannot be analysed.
MIN_SIDE = 16


@dataclass(frozen=True, slots=True)
class PreprocessSettings:
    """Options of :func:`prepare_page`; every field has a sensible default.

    Attributes:
        orient: detect and undo 90/180/270° rotation.
        always_osd: ask Tesseract OSD even when the ink clearly shows an upright page (by
            default OSD, ~0.4 s a page, runs only when the cheap ink test is unsure or finds
            the page turned).
        deskew: detect and undo small skew (within ``max_skew_degrees``).
        clean: cleaning policy, see :class:`CleanMode` (a plain string is accepted).
        osd_timeout_s: seconds allowed for the Tesseract OSD call before falling back.
        max_skew_degrees: widest skew searched for, either way.
        min_skew_degrees: smaller skew is left alone (rotating resamples, and Tesseract
            copes with it).
    """

    orient: bool = True
    always_osd: bool = False
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
        untouched_image: the page upright and deskewed but not cleaned (grayscale), kept
            only when cleaning changed what Tesseract reads (``None`` otherwise): cleaning
            can hurt, so a doubtful reading of ``ocr_image`` is checked against it.
    """

    ocr_image: Image.Image
    display_image: Image.Image
    rotation: int
    skew_degrees: float
    steps: tuple[str, ...]
    expected_words: int
    timings: Mapping[str, float] = field(default_factory=dict)
    untouched_image: Image.Image | None = None

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
        if self.untouched_image is not None and self.untouched_image.size != self.ocr_image.size:
            raise ValueError("untouched_image must have the size of ocr_image")


def _edge_fill(display: Image.Image) -> int | tuple[int, ...]:
    """Colour to fill the corners that rotation uncovers: the median colour along the
    image's edges, which is the paper on most scans and the scanner bed on framed ones
    (so that the frame stays continuous and is recognised as one)."""
    pixels = np.asarray(display)
    edges = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    if edges.ndim == 1:
        return int(np.median(edges))
    return tuple(int(v) for v in np.median(edges, axis=0))


def prepare_page(
    image: Image.Image,
    *,
    dpi: int,
    settings: PreprocessSettings | Mapping[str, Any] | None = None,
) -> PreparedPage:
    """Turn a scanned page upright, deskew it, clean it where that helps, and estimate its
    word count from the ink.

    Args:
        image: the page as decoded from the source file (any Pillow mode).
        dpi: its resolution; sizes in the image tests are physical (mm), so this matters.
        settings: options; ``None`` means the defaults, a mapping names some fields.

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
    clock = Stopwatch()
    display = raster.to_display(image)
    gray = raster.to_gray(display)
    factor = raster.reduction_factor(dpi)
    analysis_dpi = dpi / factor
    small = raster.reduce(gray, factor)
    analysed, reduced = gray, small
    border = find_border(small)
    if border is not None:
        # The frame's edges would read as text lines to the skew and orientation tests.
        small = small.copy()
        small[border[0]] = border[1]
    # Without a frame, cleaning measures the paper of this very image: estimate it once.
    paper = raster.background(small, raster.paper_block(analysis_dpi)) if border is None else None
    mask = raster.ink_mask(small, analysis_dpi, paper=paper)
    clock.lap("analyse")

    steps: list[str] = []
    rotation, skew = _orient.find_orientation(
        gray,
        mask,
        dpi=dpi,
        orient=settings.orient,
        always_osd=settings.always_osd,
        osd_timeout_s=settings.osd_timeout_s,
        max_skew=settings.max_skew_degrees,
        min_skew=settings.min_skew_degrees,
    )
    if rotation:
        display = raster.turn_clockwise(display, rotation)
        gray = raster.turn_clockwise(gray, rotation)
        steps.append(f"orient:{rotation}")
    clock.lap("orient")

    skew_degrees = 0.0
    if settings.deskew and skew.reliable and abs(skew.angle) >= settings.min_skew_degrees:
        skew_degrees = skew.angle
        display = _deskew.rotate(display, -skew_degrees, _edge_fill(display))
        # Converting the rotated display is cheaper than a second full-resolution rotation.
        gray = raster.to_gray(display)
        steps.append(f"deskew:{skew_degrees:+.1f}")
    clock.lap("deskew")

    untouched = gray
    if settings.clean is not CleanMode.OFF:
        dropped = drop_red(display)
        if dropped is not None:
            gray = dropped
            steps.append("dropout:red")
    clock.lap("dropout")

    cleaned = clean_page(
        gray,
        dpi=dpi,
        mode=settings.clean,
        resampled=skew_degrees != 0.0,
        reduced=reduced if gray is analysed else None,
        paper=paper if gray is analysed else None,
    )
    steps.extend(cleaned.steps)
    clock.lap("clean")

    expected = _ink.estimate_words(cleaned.image, dpi, even=cleaned.condition is not None)
    clock.lap("ink")

    # Report the cleaning split by correction rather than as one lump.
    timings = {name: value for name, value in clock.timings.items() if name != "clean"}
    timings.update(cleaned.timings)
    return PreparedPage(
        ocr_image=cleaned.image,
        display_image=display,
        rotation=rotation,
        skew_degrees=skew_degrees,
        steps=tuple(steps),
        expected_words=expected,
        timings=timings,
        untouched_image=untouched if cleaned.image is not untouched else None,
    )
