"""Page orientation (0/90/180/270): text-line direction from the ink, up/down from Tesseract OSD.

Three signals are combined, cheapest first:

1. the projection profiles that drive deskew tell horizontal from vertical text lines,
   reliably even on noisy pages (milliseconds);
2. the distribution of ink around each line's x-height band tells upright from upside down:
   ascenders and, in Vietnamese, most diacritics sit above the band (milliseconds);
3. Tesseract's orientation and script detection (OSD, ~0.4 s on a half-resolution copy
   already turned to horizontal lines and deskewed) settles every page the ink test finds
   turned or is unsure about. Its answer is accepted at a much lower confidence than
   OCRmyPDF's default threshold (14), which was measured to miss a 90° page.

A page that the ink clearly shows upright skips OSD: on clean pages preprocessing must stay
a small fraction of the OCR time. When OSD cannot answer ("Too few characters", timeout),
the ink decides.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np
from PIL import Image

from digitize.exceptions import MissingDependencyError
from digitize.preprocess import deskew, raster
from digitize.preprocess.raster import Mask

log = logging.getLogger(__name__)

#: Above this share of inked pixels a page is not text (photo, black page).
MAX_INK_SHARE = 0.4
#: OSD confidence needed to accept 0 vs 180 on a page whose line direction is known.
MIN_OSD_CONFIDENCE = 1.0
#: Below this confidence OSD yields to a clear ink distribution (measured on 16 synthetic
#: pages: OSD 8-17 and ink ratios 2.4-2.9 upright / 0.29-0.39 upside down, never at odds).
OSD_OVERRULES_INK = 5.0
#: OSD confidence needed to overrule the line direction found in the ink (90° disagreement).
MIN_OSD_CONFIDENCE_AXIS = 12.0
#: The vertical-line profile must beat the horizontal one by this factor to call a page sideways.
AXIS_RATIO = 1.25
#: Ink above the x-height band must exceed ink below it by this factor to call a page upright.
UPRIGHT_RATIO = 1.15
#: ... and by this factor to skip OSD altogether (upright Vietnamese pages measure 3-5).
SURELY_UPRIGHT_RATIO = 2.0


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
    # Imported here: pytesseract imports pandas when it is installed (0.14 CPU-s in every
    # worker process), and most pages never need OSD.
    import pytesseract

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
        message = str(e.message).strip()
        if "too few characters" in message.lower():
            log.debug("OSD: too few characters on the page")
        else:
            # Recoverable (the ink decides), but every page would pay for it: say so.
            log.warning(
                "Tesseract OSD failed (%s); orientation falls back to the ink. Is the 'osd' "
                "model installed (apt-get install tesseract-ocr-osd)?",
                message.splitlines()[-1] if message else e,
            )
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
    return _upright_from_votes(above, below)


def _upright_from_votes(above: float, below: float) -> int | None:
    if above > UPRIGHT_RATIO * below:
        return 0
    if below > UPRIGHT_RATIO * above:
        return 180
    return None


def find_orientation(
    gray: Image.Image,
    mask: Mask,
    *,
    dpi: int,
    orient: bool = True,
    always_osd: bool = False,
    osd_timeout_s: float = 30.0,
    max_skew: float = 15.0,
    min_skew: float = 0.2,
) -> tuple[int, deskew.SkewEstimate]:
    """Clockwise rotation (0/90/180/270) that makes the page upright, and the skew of its
    text lines in that upright frame.

    Args:
        gray: the full-resolution grayscale page (OSD reads a reduced copy of it).
        mask: the page's ink mask at analysis resolution.
        dpi: resolution of ``gray``.
        orient: when false, only the skew of horizontal lines is estimated.
        always_osd: run OSD even when the ink clearly shows an upright page.
        osd_timeout_s: limit for the OSD call.
        max_skew: widest skew searched for, in degrees.
        min_skew: smaller skew is not corrected on the OSD copy either.
    """
    horizontal = deskew.estimate_skew(mask, max_skew)
    if not orient:
        return 0, horizontal
    inked = np.count_nonzero(mask)
    if inked < deskew.MIN_INK_PIXELS:
        log.debug("too little ink to orient the page; left as is")
        return 0, horizontal
    if inked > MAX_INK_SHARE * mask.size:
        # A photograph, a black page or a failed scan: no text lines to orient or straighten.
        log.debug("ink covers %.0f%% of the page: not text; left as is", 100 * inked / mask.size)
        return 0, deskew.NO_SKEW
    # A rough sweep is enough to compare the axes; refine only if the page is sideways.
    vertical = deskew.estimate_skew(np.rot90(mask, -1), max_skew, refine=False)
    sideways = vertical.reliable and vertical.score > AXIS_RATIO * horizontal.score
    axis = 90 if sideways else 0
    skew = deskew.estimate_skew(np.rot90(mask, -1), max_skew) if sideways else horizontal
    straighten = skew.reliable and abs(skew.angle) >= min_skew

    upright_mask = np.rot90(mask, -axis // 90)
    if straighten:
        upright_mask = deskew.rotate_mask(upright_mask, -skew.angle)
    above, below = upside_down_votes(upright_mask)
    if not sideways and not always_osd and above > SURELY_UPRIGHT_RATIO * below:
        log.debug("ink shows an upright page (%.0f above, %.0f below); OSD skipped", above, below)
        return 0, skew

    # OSD reads a half-resolution copy already turned to horizontal lines and deskewed.
    osd_factor = raster.reduction_factor(dpi, 150)
    osd_image = raster.turn_clockwise(gray.reduce(osd_factor) if osd_factor > 1 else gray, axis)
    if straighten:
        osd_image = deskew.rotate(osd_image, -skew.angle, 255)
    osd = run_osd(osd_image, dpi=round(dpi / osd_factor), timeout_s=osd_timeout_s)
    ink_says = _upright_from_votes(above, below)
    ink_sure = max(above, below) > SURELY_UPRIGHT_RATIO * min(above, below)
    extra: int | None = None
    if osd is not None:
        log.debug("OSD: rotate %d, confidence %.2f", osd.rotate, osd.confidence)
        needed = MIN_OSD_CONFIDENCE if osd.rotate in {0, 180} else MIN_OSD_CONFIDENCE_AXIS
        if osd.confidence >= needed:
            extra = osd.rotate
        if (
            extra in {0, 180}
            and ink_sure
            and ink_says != extra
            and osd.confidence < OSD_OVERRULES_INK
        ):
            log.debug("weak OSD answer overruled by a clear ink distribution")
            extra = ink_says
    if extra is None:
        extra = ink_says or 0
        log.debug("OSD undecided; ink says rotate %d", extra)
    rotation = (axis + extra) % 360
    if extra in {90, 270}:
        skew = deskew.estimate_skew(np.rot90(mask, -rotation // 90), max_skew)
    return rotation, skew
