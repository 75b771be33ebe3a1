"""Page orientation (0/90/180/270): text-line direction from the ink, up/down from Tesseract OSD.

Two independent signals are combined. The projection profiles that drive deskew also tell
horizontal from vertical text lines, cheaply and reliably even on noisy pages. Tesseract's
orientation and script detection (OSD), run on a half-resolution copy that is already turned
to horizontal lines and deskewed, then decides between upright and upside-down. OSD's
answer is accepted at a much lower confidence than OCRmyPDF's default threshold (14), which
was measured to miss a 90° page; when OSD cannot answer ("Too few characters", timeout), an
ink-distribution test (marks and ascenders sit above the x-height band) decides instead.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image

from digitize.exceptions import MissingDependencyError
from digitize.preprocess.raster import Mask

log = logging.getLogger(__name__)

#: OSD confidence needed to accept 0 vs 180 on a page whose line direction is known.
MIN_OSD_CONFIDENCE = 1.0
#: OSD confidence needed to overrule the line direction found in the ink (90° disagreement).
MIN_OSD_CONFIDENCE_AXIS = 12.0
#: The vertical-line profile must beat the horizontal one by this factor to call a page sideways.
AXIS_RATIO = 1.25
#: Ink above the x-height band must exceed ink below it by this factor to call a page upright.
UPRIGHT_RATIO = 1.15


@dataclass(frozen=True, slots=True)
class OsdResult:
    """What Tesseract OSD said about an image.

    Attributes:
        rotate: clockwise degrees that make the image upright (0, 90, 180 or 270).
        confidence: Tesseract's orientation confidence (roughly 0-40; above ~2 is usable).
    """

    rotate: int
    confidence: float


def single_threaded_tesseract() -> None:
    """Make child Tesseract processes single-threaded.

    Debian's Tesseract with OpenMP threads was measured ~3x slower per page and ~3.5x more
    CPU on this workload; pages are parallelised across processes instead.
    """
    if os.environ.get("OMP_THREAD_LIMIT") != "1":
        os.environ["OMP_THREAD_LIMIT"] = "1"


def run_osd(image: Image.Image, *, dpi: int, timeout_s: float) -> OsdResult | None:
    """Run Tesseract OSD on ``image``; ``None`` when it cannot decide (too little text,
    an error or a timeout), so that the caller falls back to its own estimate."""
    single_threaded_tesseract()
    try:
        raw = pytesseract.image_to_osd(
            image,
            config=f"--dpi {max(dpi, 70)}",
            output_type=pytesseract.Output.DICT,
            timeout=timeout_s,
        )
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependencyError(
            "Không tìm thấy chương trình Tesseract. Hãy cài đặt: "
            "sudo apt-get install tesseract-ocr tesseract-ocr-vie"
        ) from e
    except pytesseract.TesseractError as e:
        # "Too few characters" on sparse pages, or a missing osd model: both recoverable.
        log.info("OSD gave no answer: %s", str(e.message).strip().splitlines()[-1:] or e)
        return None
    except RuntimeError as e:  # pytesseract's timeout
        log.warning("OSD timed out after %.1f s: %s", timeout_s, e)
        return None
    try:
        rotate = int(raw["rotate"]) % 360
        confidence = float(raw["orientation_conf"])
    except (KeyError, TypeError, ValueError):
        log.info("OSD output not understood: %r", raw)
        return None
    if rotate not in {0, 90, 180, 270}:
        return None
    return OsdResult(rotate=rotate, confidence=confidence)


def upside_down_votes(mask: Mask) -> tuple[float, float]:
    """Ink above versus below the x-height band of each text line of a deskewed mask.

    Returns ``(above, below)`` pixel counts. Upright Latin text carries ascenders and, in
    Vietnamese, most diacritics above the band; only a few descenders and the dot-below mark
    hang beneath it, so upright pages have ``above > below``.
    """
    profile = mask.sum(axis=1).astype(np.float64)
    if profile.max() <= 0:
        return 0.0, 0.0
    inked = profile > 0.02 * profile.max()
    above = below = 0.0
    start = None
    for row, on in enumerate(np.append(inked, False)):
        if on and start is None:
            start = row
        elif not on and start is not None:
            line = profile[start:row]
            start = None
            if line.size < 4:
                continue
            band = np.nonzero(line >= 0.5 * line.max())[0]
            above += float(line[: band[0]].sum())
            below += float(line[band[-1] + 1 :].sum())
    return above, below


def guess_upright(mask: Mask) -> int | None:
    """0 or 180 from the ink alone, or ``None`` when the page does not say clearly."""
    above, below = upside_down_votes(mask)
    if above > UPRIGHT_RATIO * below:
        return 0
    if below > UPRIGHT_RATIO * above:
        return 180
    return None
