"""Skew estimation by projection profiles on a reduced ink mask, and its correction.

For each candidate angle the ink pixels are projected along lines of that slope; when the
slope matches the text lines, ink piles up in a few rows and the sum of squared row counts
peaks (Postl's method). Working on a ~100 dpi mask with specks removed keeps it fast and
stops noise from pulling the estimate (full-resolution Hough transforms were seen to lock
onto -45° on noisy pages).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

from digitize.preprocess.raster import Mask

log = logging.getLogger(__name__)

#: Below this many ink pixels (at analysis resolution) a page has too little text to judge.
MIN_INK_PIXELS = 400
#: A peak must stand this far above the typical score to count as text lines.
MIN_CONTRAST = 1.15
_MAX_POINTS = 150_000


@dataclass(frozen=True, slots=True)
class SkewEstimate:
    """Result of a skew search.

    Attributes:
        angle: tilt of the text lines in degrees, counter-clockwise positive (the convention
            of ``PIL.Image.rotate``); the page is corrected by rotating it by ``-angle``.
        score: peak projection score (sum of squared row counts per ink pixel); comparable
            between two searches on the same mask, used to tell horizontal from vertical text.
        contrast: peak score divided by the median score over all candidate angles; close to
            1 means no line structure (blank page, photo, noise).
    """

    angle: float
    score: float
    contrast: float

    @property
    def reliable(self) -> bool:
        """True when the peak is clear enough to act on."""
        return self.contrast >= MIN_CONTRAST


NO_SKEW = SkewEstimate(angle=0.0, score=0.0, contrast=1.0)


def _points(mask: Mask) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    ys, xs = np.nonzero(mask)
    if ys.size > _MAX_POINTS:
        step = math.ceil(ys.size / _MAX_POINTS)
        ys, xs = ys[::step], xs[::step]
    # Centre the coordinates so that rotation does not shift the profile out of range.
    return (
        (ys - mask.shape[0] // 2).astype(np.float32),
        (xs - mask.shape[1] // 2).astype(np.float32),
    )


def _scores(
    ys: npt.NDArray[np.float32], xs: npt.NDArray[np.float32], angles: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    out = np.empty(angles.size, dtype=np.float64)
    # Offset so that every projected row is positive; +0.5 makes truncation round.
    offset = np.float32(float(np.abs(ys).max() + np.abs(xs).max()) + 2.5)
    # Buffers reused across angles: the sweep runs ~130 projections per page.
    projected = np.empty_like(ys)
    term = np.empty_like(xs)
    rows = np.empty(ys.shape, dtype=np.intp)
    for i, angle in enumerate(angles):
        rad = math.radians(angle)
        # A line tilted counter-clockwise by `angle` rises to the right (y decreases with x),
        # so y*cos + x*sin is constant along it.
        np.multiply(ys, np.float32(math.cos(rad)), out=projected)
        np.multiply(xs, np.float32(math.sin(rad)), out=term)
        projected += term
        projected += offset
        rows[...] = projected
        profile = np.bincount(rows).astype(np.float64)
        out[i] = float(np.dot(profile, profile))
    return out / ys.size


def estimate_skew(mask: Mask, max_angle: float = 15.0, *, refine: bool = True) -> SkewEstimate:
    """Find the tilt of horizontal text lines in an ink mask, within ``±max_angle`` degrees.

    A 0.4° sweep locates the peak (a text line 700 px long and 8 px high keeps a raised
    score over about 0.6°), a 0.04° sweep around it refines it. ``refine=False`` stops
    after a 1° sweep: enough to compare the scores of two axes.
    """
    ys, xs = _points(mask)
    if ys.size < MIN_INK_PIXELS:
        return NO_SKEW
    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.4 if refine else 1.0)
    coarse_scores = _scores(ys, xs, coarse)
    best = int(np.argmax(coarse_scores))
    if not refine:
        typical = float(np.median(coarse_scores)) or 1.0
        top_score = float(coarse_scores[best])
        return SkewEstimate(float(coarse[best]), top_score, top_score / typical)
    fine = np.arange(coarse[best] - 0.4, coarse[best] + 0.4 + 1e-9, 0.04)
    fine_scores = _scores(ys, xs, fine)
    # Near 0° a short page gives the same profile over a small range of angles: take the
    # middle of the plateau rather than its first angle.
    peak = float(fine_scores.max())
    plateau = fine[fine_scores >= peak * (1 - 1e-9)]
    typical = float(np.median(coarse_scores)) or 1.0
    estimate = SkewEstimate(
        angle=round(float(np.median(plateau)), 2) + 0.0,
        score=peak,
        contrast=peak / typical,
    )
    log.debug("skew estimate %s", estimate)
    return estimate


def rotate(image: Image.Image, angle: float, fill: int | tuple[int, ...]) -> Image.Image:
    """Rotate ``image`` counter-clockwise by ``angle`` degrees, growing the canvas to keep
    every pixel, and fill the uncovered corners with ``fill``.

    Bicubic: bilinear is 2.4x faster, but on noisy photocopies Tesseract read bilinear
    output worse (CER 1.19% vs 0.59% and 0.40% on two 1.5° pages).
    """
    if angle == 0:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def rotate_mask(mask: Mask, angle: float) -> Mask:
    """Rotate a reduced ink mask counter-clockwise by ``angle`` degrees (nearest neighbour),
    growing it like :func:`rotate` does so that it stays aligned with the rotated page."""
    if angle == 0:
        return mask
    image = Image.fromarray(mask.astype(np.uint8) * 255)
    turned = image.rotate(angle, resample=Image.Resampling.NEAREST, expand=True, fillcolor=0)
    return np.asarray(turned) > 127
