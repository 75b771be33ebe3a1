"""Page cleaning chosen per page from cheap image tests.

Each correction has a test that costs milliseconds and decides whether the page needs it:

* red ink (the agency's seal over the signature) on a colour scan → dropped to paper;
* a dark frame around the sheet (scanner bed or lid) → painted with the paper level;
* pixel noise (film grain, sensor noise) → smoothing before anything is thresholded;
* uneven paper brightness (a shadow from the book fold, a lamp gradient) → the paper is
  divided out so that one global threshold fits the whole page;
* isolated specks → removed, but only specks far from text: a fixed-size despeckle was
  measured to erase Vietnamese tone marks on a thin font (CER 0.28% → 2.24%), whereas a
  mark always sits next to its letter;
* show-through from the back of the sheet → a global threshold below the show-through
  (Sauvola, a local threshold, was measured to make bleed-through worse, 0.33% → 3.7%);
* a hand-drawn signature (a wide, tall, sparse stroke no letter is like) → painted with the
  paper: Tesseract reads it as a "word" of junk such as ``»X>>—``, which was most of the
  error left on a clean generated page (6 of its ~18 wrong characters);
* crisp edges on pixels nothing has resampled (a pristine or bilevel scan, turned upright
  losslessly at most) → a 2x2 average, the half-pixel resampling a PDF renderer applies:
  OCRmyPDF reads its re-rendered page better than Tesseract reads the original pixels
  (clean page 0.45% vs 0.52% CER), and the 2x2 average measured the same gain (18 crisp
  pages: median 0.64 → 0.50, 10 better, 3 worse); on pages already resampled (deskewed,
  smoothed, low dpi) it was worse.

The cleaned page is checked against the untouched one after OCR (see ``digitize.worker``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageChops, ImageFilter
from scipy import ndimage as ndi

from digitize.preprocess import raster
from digitize.preprocess.raster import Gray, Mask
from digitize.preprocess.timing import Stopwatch

log = logging.getLogger(__name__)

#: A pixel is red ink when its red channel exceeds green and blue by this much...
RED_MARGIN = 60
#: ... and red ink is dropped when it covers at least this share of the page (a seal
#: covers ~0.2-0.3%; yellowed paper differs by ~20 levels and never counts).
RED_SHARE = 0.0005
#: Regions darker than this share of the paper level, touching the image edge...
BORDER_DARKNESS = 0.35
#: ... and covering at least this share of the page are the scanner bed, not the sheet.
BORDER_MIN_SHARE = 0.005
#: ... and just outside them the page must be this bright (a sharp sheet edge, not a shadow).
BORDER_EDGE_CONTRAST = 0.7
#: Pixel noise (as :func:`noise_sigma` measures it) above which the page is smoothed.
#: On white paper clipping halves the reading: sigma 40 measures ~18, sigma 50 ~22. Raw
#: Tesseract reads up to sigma ~40 well and collapses by 50-55, while smoothing a page that
#: did not need it was measured to cost ~1 CER point at 200 dpi.
NOISE_SIGMA = 15.0
#: Relative spread of paper brightness above which the background is flattened. Tesseract
#: handles mild gradients itself (shadow strength 0.35-0.5, spread 0.25-0.38: flattening
#: changed CER by ±0.15 points); strong shadows (0.75, spread ~0.55) cost it 6-18 points.
BACKGROUND_SPREAD = 0.3
#: Isolated specks per page above which they are removed.
MIN_SPECKS = 15
#: More specks than this many per text component: speckle so dense that some of it touches
#: the text, and a 3x3 median (which costs thin strokes a little) is worth applying first.
DENSE_SPECKS_PER_LETTER = 3.0
#: Reach of "near text", in 0.4 mm grid cells beyond a letter's bounding box: stacked
#: Vietnamese marks (ế, ộ) reach about 1 mm above the letter; a smaller reach lost marks.
NEAR_CELLS = 3
#: Far-from-text specks needed before their size says which specks near text are dust.
MIN_SPECK_SAMPLE = 50
#: Dust-sized components near text, relative to the dust expected there, above which they
#: are taken for the tone marks of a thin font.
DUST_NEAR_TEXT_RATIO = 0.9
#: Dust near text is removed only up to this area (mm²): tone marks are bigger.
MAX_DUST_MM2 = 0.12
#: Show-through matters when it is nearly as dark as the ink threshold: within this many
#: gray levels above it, Tesseract's own global threshold starts picking it up. Faint,
#: diffuse show-through (typical of archival paper) is read fine untouched, and binarizing
#: it was measured to cost 0.1-0.7 CER points.
SHOW_THROUGH_BAND = 30
#: Share of page pixels in that band, away from ink, above which the page is binarized
#: (measured: clean, thin, blurred, faded, JPEG, faint show-through ≤ 0.0001; dark, sharp
#: show-through 0.005-0.026).
SHOW_THROUGH_SHARE = 0.002
#: A signature is one connected stroke this tall and wide (mm) at least (measured on
#: generated pages: 7.6-8.1 x 29-35 mm; letters merged by blur or low dpi stay under
#: 5.1 x 14 mm)...
SIGNATURE_MIN_MM = (5.0, 15.0)
#: ... and at most this tall and wide (mm): larger lines are frames and tables, left alone.
SIGNATURE_MAX_MM = (45.0, 120.0)
#: ... covering at most this share of its bounding box (signatures 0.075-0.13; merged
#: letters 0.33-0.52).
SIGNATURE_DENSITY = 0.2
#: Edges are crisp when mid-grey pixels (64-191) number less than this share of the dark
#: ones (< 64): pristine, bilevel, JPEG and show-through pages measured 0.24-0.42, blurred,
#: faded, low-dpi, noisy and photocopied ones 0.75 and up.
CRISP_EDGES = 0.5
#: Below this resolution a 2x2 average blurs more than a renderer's resampling would matter.
SOFTEN_MIN_DPI = 200
#: ... and strokes thinner than this (mean horizontal run of dark pixels, px) are left
#: sharp: averaging turns the tone marks of a thin font (runs ~3 px at 300 dpi, against
#: 6 for the generated body font, 4 at 200 dpi) into mid-grey that a threshold can drop.
SOFTEN_MIN_STROKE_PX = 3.5


@dataclass(frozen=True, slots=True)
class PageCondition:
    """What the cheap tests measured on one upright, deskewed page (logged at debug level,
    useful when tuning the thresholds on a new collection).

    Attributes:
        noise_sigma: pixel noise of the page in gray levels (robust, from neighbour
            differences, so text edges barely count).
        background_spread: (brightest - darkest paper) / brightest paper, 0 for an even page.
        specks: small dark components far from any text (counted at half resolution).
        text_components: components tall enough to be letters.
        show_through: share of the page's pixels just lighter than the ink threshold and
            away from any ink (0.0 when the page is noisy: noise would read as such).
    """

    noise_sigma: float
    background_spread: float
    specks: int
    text_components: int
    show_through: float

    @property
    def noisy(self) -> bool:
        return self.noise_sigma > NOISE_SIGMA

    @property
    def uneven(self) -> bool:
        return self.background_spread > BACKGROUND_SPREAD

    @property
    def speckled(self) -> bool:
        return self.specks > MIN_SPECKS

    @property
    def densely_speckled(self) -> bool:
        return self.specks > DENSE_SPECKS_PER_LETTER * max(self.text_components, 1)

    @property
    def shows_through(self) -> bool:
        return self.show_through > SHOW_THROUGH_SHARE


def drop_red(display: Image.Image) -> Image.Image | None:
    """Grayscale page with red ink (the agency seal) turned to paper, or ``None`` when the
    page carries too little red to matter.

    NĐ 30 has the red seal stamped over the signer's title and name. Plain luminance makes it
    a dark ring that Tesseract reads into those lines (CER 1.3-2.4% on sealed pages). Taking
    the red channel where a pixel is clearly red (a scanner's "colour dropout") brought them
    to 0.3-0.7%; painting those pixels with the paper level did worse (0.8-1.3%), as did a
    lower redness margin. Black text over the seal is dark in every channel and is kept.
    """
    if display.mode != "RGB":
        return None
    small = _red_stencil(display.reduce(4))
    if raster.histogram(np.asarray(small))[255] < RED_SHARE * small.width * small.height:
        return None
    gray = display.convert("L")
    # Pillow's channel arithmetic keeps this at C speed on a full colour page.
    gray.paste(display.getchannel("R"), mask=_red_stencil(display))
    return gray


def _red_stencil(rgb: Image.Image) -> Image.Image:
    """255 where the red channel clearly exceeds both others (seal ink), else 0."""
    red, green, blue = rgb.split()
    excess = ImageChops.subtract(red, ImageChops.lighter(green, blue))
    return excess.point(lambda v: 255 if v > RED_MARGIN else 0)


def find_border(small: Gray) -> tuple[Mask, int] | None:
    """The scanner bed or lid around the sheet, on a reduced page: very dark regions that
    touch the image edge and cover at least 0.5% of it. Returns the region and the paper
    level to paint it with, or ``None`` when there is no such region.

    Flattening would otherwise turn the frame into thick black lines along the sheet's edge,
    and the word estimate would read its rows as one giant text line. Only regions darker
    than 35% of the paper, with paper right outside them, count: a shadow fades gradually,
    and flattening recovers the text under it.
    """
    paper = raster.quantile(raster.histogram(small), 0.9)
    dark = small < BORDER_DARKNESS * paper
    if not (dark[0].any() or dark[-1].any() or dark[:, 0].any() or dark[:, -1].any()):
        return None
    labels, count = ndi.label(dark)
    if count == 0:
        return None
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    frame = np.zeros(count + 1, dtype=bool)
    frame[edge] = sizes[edge] >= BORDER_MIN_SHARE * small.size
    frame[0] = False
    if not frame.any():
        return None
    core = frame[labels]
    # One more reduced pixel covers the blurred edge of the sheet.
    region: Mask = ndi.binary_dilation(core, iterations=1)
    # The sheet's edge is sharp: just outside the frame lies paper. A shadow fades
    # gradually, so just outside its darkest part the page is still dark.
    ring = ndi.binary_dilation(region, iterations=2) & ~region
    if not ring.any() or float(np.median(small[ring])) < BORDER_EDGE_CONTRAST * paper:
        return None
    return region, paper


def fill_border(gray: Image.Image, border: tuple[Mask, int]) -> Image.Image:
    """Paint the region found by :func:`find_border` (reduced) with the paper level."""
    region, paper = border
    stencil = Image.fromarray(region.astype(np.uint8) * 255)
    stencil = stencil.resize(gray.size, Image.Resampling.NEAREST)
    filled = gray.copy()
    filled.paste(paper, mask=stencil)
    return filled


def noise_sigma(gray: Gray) -> float:
    """Estimate pixel noise from horizontal neighbour differences on every 4th row.

    Text edges are a small minority of pixel pairs, so the median absolute difference is
    that of the paper; for Gaussian noise it equals 0.6745·√2·sigma.
    """
    rows = gray[::4].astype(np.int16)
    diffs = np.abs(np.diff(rows, axis=1)).astype(np.uint8)
    median = raster.quantile(raster.histogram(diffs), 0.5)
    return float(median / (0.6745 * np.sqrt(2.0)))


def background_spread(paper: npt.NDArray[np.float32]) -> float:
    """Relative spread of a paper-brightness map, ignoring its outer 5%."""
    height, width = paper.shape
    inner = paper[height // 20 : height - height // 20, width // 20 : width - width // 20]
    if inner.size == 0:
        return 0.0
    low, high = np.percentile(inner, [2, 98])
    return float((high - low) / max(high, 1.0))


def smooth(gray: Image.Image) -> Image.Image:
    """Gaussian smoothing of one pixel radius: on heavy noise (sigma 40-50) it measured
    better than radius 0.7-2, median 3 or 5, and median followed by Gaussian."""
    return gray.filter(ImageFilter.GaussianBlur(1.0))


def flatten(gray: Image.Image, paper_small: npt.NDArray[np.float32]) -> Image.Image:
    """Divide the full-resolution page by its (upsampled) paper brightness."""
    arr = np.asarray(gray, dtype=np.uint8)
    return Image.fromarray(raster.flatten_u8(arr, raster.upsample_u8(paper_small, arr.shape)))


@dataclass(frozen=True, slots=True)
class Specks:
    """Small dark components with no text nearby, found by :func:`find_specks`.

    Attributes:
        labels: component label of every pixel (0 = paper).
        is_speck: per label, whether that component is a speck.
        count: number of specks.
        letters: number of components tall enough to be letters.
        spans: per component (label - 1), its bounding box as top, bottom, left, right
            (half-open), for :func:`find_drawings`.
    """

    labels: npt.NDArray[np.int32]
    is_speck: npt.NDArray[np.bool_]
    count: int
    letters: int
    spans: npt.NDArray[np.intp]

    def mask(self) -> Mask:
        """Pixels belonging to specks (costs one full-resolution lookup: only when needed)."""
        result: Mask = self.is_speck[self.labels]
        return result


def find_specks(binary: Mask, dpi: float, *, by_size: bool = False) -> Specks:
    """Find the small components that no text is near.

    "Text" is any component at least 1.2 mm tall (a lower-case letter at 8 pt and up);
    "small" is under 0.7 mm on both sides. A small component is a speck unless it lies
    within about 1.2 mm of text: tone marks, dots and punctuation always do. Proximity is
    judged on a grid of 0.4 mm cells built from bounding boxes, which costs milliseconds
    where a full-resolution dilation would cost seconds.

    With ``by_size``, specks near text are also removed when they are no bigger than the
    specks far from text (their 95th percentile area, once there are enough of them to
    know, and never above 0.12 mm²): dust lands next to letters as often as anywhere, while
    tone marks of a normal-weight font are bigger than the dust that lands on the page.
    When such small components near text far outnumber the dust expected there, they are
    the marks of a thin font and are all kept.
    """
    mm = dpi / 25.4
    labels, count = ndi.label(binary, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return Specks(labels, np.zeros(1, dtype=bool), 0, 0, np.zeros((0, 4), dtype=np.intp))
    spans = component_spans(labels)
    heights = spans[:, 1] - spans[:, 0]
    widths = spans[:, 3] - spans[:, 2]
    text = heights >= 1.2 * mm
    small = (heights < 0.7 * mm) & (widths < 0.7 * mm)

    cell = max(1, round(0.4 * mm))
    grid = np.zeros((binary.shape[0] // cell + 1, binary.shape[1] // cell + 1), dtype=bool)
    for top, bottom, left, right in (spans[text] // cell).tolist():
        grid[top : bottom + 1, left : right + 1] = True
    # A square reach is separable: two 1-D maximum filters equal the 2-D dilation, faster.
    reach = 2 * NEAR_CELLS + 1
    grid = ndi.maximum_filter1d(grid, reach, axis=0, mode="constant", cval=False)
    grid = ndi.maximum_filter1d(grid, reach, axis=1, mode="constant", cval=False)
    centre_rows = (spans[:, 0] + spans[:, 1]) // 2 // cell
    centre_cols = (spans[:, 2] + spans[:, 3]) // 2 // cell
    near = grid[centre_rows, centre_cols]
    specks = small & ~near
    far_count = int(np.count_nonzero(specks))
    if by_size and far_count >= MIN_SPECK_SAMPLE:
        areas = np.bincount(labels.ravel())[1:]
        dust = min(float(np.percentile(areas[specks], 95)), MAX_DUST_MM2 * mm * mm)
        candidates = small & near & (areas <= dust)
        # Dust falls evenly, but letters hide some of it: near text, normal-weight pages
        # show ~0.7x the dust density found far from text. More than that means these
        # small components include the marks of a thin font (measured 1.06-1.36x): keep.
        near_cells = int(np.count_nonzero(grid))
        expected = far_count * near_cells / max(1, grid.size - near_cells)
        if np.count_nonzero(candidates) <= DUST_NEAR_TEXT_RATIO * expected:
            specks |= candidates
        else:
            log.debug("small marks near text outnumber the dust: kept (thin font?)")
    return Specks(
        labels=labels,
        is_speck=np.concatenate([[False], specks]),
        count=int(np.count_nonzero(specks)),
        letters=int(np.count_nonzero(text)),
        spans=spans,
    )


def component_spans(labels: npt.NDArray[np.int32]) -> npt.NDArray[np.intp]:
    """Bounding box (top, bottom, left, right; half-open) of every labelled component."""
    boxes = ndi.find_objects(labels)
    return np.array(
        [(b[0].start, b[0].stop, b[1].start, b[1].stop) for b in boxes], dtype=np.intp
    ).reshape(-1, 4)


def min_pool(gray: Gray) -> Gray:
    """Half-resolution copy keeping the darkest of each 2x2 block."""
    height, width = (gray.shape[0] // 2) * 2, (gray.shape[1] // 2) * 2
    top, bottom = gray[0:height:2], gray[1:height:2]
    return np.minimum(
        np.minimum(top[:, 0:width:2], top[:, 1:width:2]),
        np.minimum(bottom[:, 0:width:2], bottom[:, 1:width:2]),
    )


def ink_threshold(gray: Gray, hist: npt.NDArray[np.float64] | None = None) -> int:
    """Otsu threshold of a (flattened) page, kept below the paper level; ``hist`` is the
    page's histogram when already known."""
    if hist is None:
        hist = raster.histogram(gray)
    return min(raster.otsu_from_histogram(hist), 200)


def show_through_share(gray: Gray, threshold: int) -> float:
    """Share of pixels just lighter than the ink threshold that are not stroke edges.

    Anti-aliased stroke edges also fall in that band, but only next to ink; such pixels
    farther than 0.5 mm from any ink are show-through or stains dark enough to be mistaken
    for ink.
    """
    ink = gray <= threshold
    # Three pixels at ~150 dpi (0.5 mm): beyond the halo of a blurred or faded stroke.
    near_ink = dilate_cross(ink, 3)
    band = (gray > threshold) & (gray <= threshold + SHOW_THROUGH_BAND) & ~near_ink
    return float(np.count_nonzero(band)) / gray.size


def dilate_cross(mask: Mask, times: int) -> Mask:
    """``ndi.binary_dilation(mask, iterations=times)`` (4-connected steps, nothing beyond the
    edges), by shifted ORs: on a page-sized mask four times faster than scipy's."""
    for _ in range(times):
        grown = mask.copy()
        grown[1:] |= mask[:-1]
        grown[:-1] |= mask[1:]
        grown[:, 1:] |= mask[:, :-1]
        grown[:, :-1] |= mask[:, 1:]
        mask = grown
    return mask


def find_drawings(
    labels: npt.NDArray[np.int32], dpi: float, spans: npt.NDArray[np.intp]
) -> Mask | None:
    """Pixels of the components of ``labels`` (an ink mask's labelling at ``dpi``) shaped
    like a signature: one stroke spanning a large, mostly empty box, away from the edges
    (a frame touching them is the scanner bed's). ``None`` when there is none. ``spans``
    are the components' boxes (:func:`component_spans`)."""
    mm = dpi / 25.4
    if len(spans) == 0:
        return None
    heights = (spans[:, 1] - spans[:, 0]) / mm
    widths = (spans[:, 3] - spans[:, 2]) / mm
    candidates = (
        (heights >= SIGNATURE_MIN_MM[0])
        & (widths >= SIGNATURE_MIN_MM[1])
        & (heights <= SIGNATURE_MAX_MM[0])
        & (widths <= SIGNATURE_MAX_MM[1])
        & (spans[:, 0] > 0)
        & (spans[:, 2] > 0)
        & (spans[:, 1] < labels.shape[0])
        & (spans[:, 3] < labels.shape[1])
    )
    if not candidates.any():
        return None
    areas = np.bincount(labels.ravel(), minlength=len(spans) + 1)[1:]
    boxes_area = (spans[:, 1] - spans[:, 0]) * (spans[:, 3] - spans[:, 2])
    drawing = candidates & (areas <= SIGNATURE_DENSITY * boxes_area)
    if not drawing.any():
        return None
    log.debug("signature-like strokes: %d", int(np.count_nonzero(drawing)))
    mask: Mask = np.concatenate([[False], drawing])[labels]
    return mask


def erase(pixels: Gray, where: Mask) -> Gray:
    """Paint the pixels under ``where`` (a half-resolution mask) with the paper around them;
    the mask is widened by one pixel so that no anti-aliased rim of the stroke is left.
    Only the box around the mask is touched (a signature is a few cm², the page ~600)."""
    rows, cols = np.flatnonzero(where.any(axis=1)), np.flatnonzero(where.any(axis=0))
    if rows.size == 0:
        return pixels
    top, left = max(rows[0] - 1, 0), max(cols[0] - 1, 0)
    bottom, right = rows[-1] + 2, cols[-1] + 2
    wide = ndi.binary_dilation(where[top:bottom, left:right], iterations=1)
    full = np.repeat(np.repeat(wide, 2, axis=0), 2, axis=1)
    out = pixels.copy()
    box = out[2 * top : 2 * bottom, 2 * left : 2 * right]
    full = full[: box.shape[0], : box.shape[1]]
    # The box is mostly paper: its bright end is the paper level there.
    box[full] = np.uint8(np.percentile(box, 95))
    return out


def crisp_edges(hist: npt.NDArray[np.float64]) -> bool:
    """Whether strokes end in a hard step rather than a ramp of greys, from the page's
    256-bin histogram."""
    dark = hist[:64].sum()
    return bool(dark > 0 and hist[64:192].sum() < CRISP_EDGES * dark)


def stroke_width(pixels: Gray) -> float:
    """Mean length of the horizontal runs of dark pixels on every 4th row (0 if none)."""
    dark = pixels[::4] < 128
    starts = np.count_nonzero(np.diff(dark.astype(np.int8), axis=1) == 1)
    return float(np.count_nonzero(dark)) / starts if starts else 0.0


def soften(gray: Image.Image) -> Image.Image:
    """Average each 2x2 block of pixels (a half-pixel shift, as a PDF renderer resamples):
    every inner pixel becomes the rounded mean of itself, its right neighbour and the two
    pixels above them; the outermost rows and columns are kept. In integers, three times
    faster than the same 3x3 kernel in Pillow and identical to it."""
    return soften_pixels(np.asarray(raster.to_gray(gray), dtype=np.uint8))


def soften_pixels(pixels: Gray) -> Image.Image:
    """:func:`soften` of an 8-bit page already in an array."""
    if min(pixels.shape) < 3:
        return Image.fromarray(pixels.copy())
    rows = pixels[:-2].astype(np.uint16)
    rows += pixels[1:-1]
    sums = rows[:, 1:-1] + rows[:, 2:]
    sums += 2
    sums >>= 2
    out = pixels.copy()
    out[1:-1, 1:-1] = sums
    return Image.fromarray(out)


class CleanMode(StrEnum):
    """When to clean a page (despeckle, flatten the background, binarize)."""

    AUTO = "auto"
    """Only the steps that cheap image tests say the page needs."""
    OFF = "off"
    """Never: Tesseract reads the upright, deskewed grayscale page."""
    ALWAYS = "always"
    """Every cleaning step, whatever the tests say (for comparison and debugging)."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Outcome of :func:`clean_page`.

    Attributes:
        image: the page for Tesseract, grayscale ("L") or bilevel ("1").
        steps: names of the corrections applied, in order.
        condition: what the tests measured (``None`` when cleaning was off).
        timings: seconds per correction.
    """

    image: Image.Image
    steps: tuple[str, ...]
    condition: PageCondition | None
    timings: dict[str, float] = field(default_factory=dict)


def clean_page(
    gray: Image.Image,
    *,
    dpi: float,
    mode: CleanMode,
    resampled: bool = False,
    reduced: Gray | None = None,
    paper: npt.NDArray[np.float32] | None = None,
) -> Cleaned:
    """Measure the page and apply the corrections it needs (all of them under ``ALWAYS``).

    ``gray`` must already be upright and deskewed: the speck and show-through tests look at
    text components. ``resampled`` says whether its pixels were interpolated (deskewed),
    after which they are not softened. ``reduced`` is ``gray`` reduced to analysis
    resolution (:func:`raster.reduce` by :func:`raster.reduction_factor`), when the caller
    already has it, and ``paper`` its :func:`raster.background` at
    :func:`raster.paper_block`.
    """
    if mode is CleanMode.OFF:
        return Cleaned(image=gray, steps=(), condition=None)
    force = mode is CleanMode.ALWAYS
    clock = Stopwatch()
    steps: list[str] = []
    factor = raster.reduction_factor(round(dpi))

    if reduced is None:
        reduced, paper = raster.reduce(gray, factor), None
    border = find_border(reduced)
    if border is not None:
        gray = fill_border(gray, border)
        reduced = paper = None
        steps.append("border")
    clock.lap("border")

    pixels = np.asarray(gray, dtype=np.uint8)
    sigma = noise_sigma(pixels)
    if force or sigma > NOISE_SIGMA:
        gray = smooth(gray)
        pixels = np.asarray(gray, dtype=np.uint8)
        reduced = paper = None
        steps.append("denoise")
        resampled = True
    clock.lap("denoise")

    if reduced is None:
        reduced = raster.reduce(gray, factor)
    if paper is None:
        paper = raster.background(reduced, raster.paper_block(dpi / factor))
    spread = background_spread(paper)
    if force or spread > BACKGROUND_SPREAD:
        gray = flatten(gray, paper)
        pixels = np.asarray(gray, dtype=np.uint8)
        # The paper is white from here on; keep the map consistent with the image.
        paper = np.full_like(paper, 255.0)
        steps.append("background")
    clock.lap("background")

    # Kept while ``pixels`` stays as it is, for the soften test.
    hist: npt.NDArray[np.float64] | None = raster.histogram(pixels)
    threshold = ink_threshold(pixels, hist)
    # The test runs at half resolution; a 2x2 minimum keeps one-pixel specks and thin marks.
    measured = find_specks(min_pool(pixels) <= threshold, dpi / 2)
    if force or measured.count > MIN_SPECKS:
        if measured.count > DENSE_SPECKS_PER_LETTER * max(measured.letters, 1):
            gray = gray.filter(ImageFilter.MedianFilter(3))
            resampled = True
            pixels = np.asarray(gray, dtype=np.uint8)
            threshold = ink_threshold(pixels)
            steps.append("median")
        where = find_specks(pixels <= threshold, dpi, by_size=True).mask()
        cleaned = pixels.copy()
        cleaned[where] = raster.upsample_u8(paper, pixels.shape)[where]
        pixels, hist = cleaned, None
        gray = Image.fromarray(pixels)
        steps.append("despeckle")
    clock.lap("despeckle")

    drawings = find_drawings(measured.labels, dpi / 2, measured.spans)
    if drawings is not None:
        pixels, hist = erase(pixels, drawings), None
        gray = Image.fromarray(pixels)
        steps.append("signature")
    clock.lap("signature")

    # Noise leaves mid-gray pixels everywhere, which would read as show-through.
    share = 0.0
    if sigma <= NOISE_SIGMA:
        half = raster.reduction_factor(round(dpi), 150)
        share = show_through_share(raster.reduce(gray, half), threshold)
    if force or share > SHOW_THROUGH_SHARE:
        paper_side = pixels > threshold
        gray, hist = Image.fromarray(paper_side).convert("1"), None
        pixels = np.where(paper_side, np.uint8(255), np.uint8(0))
        steps.append("binarize")
    clock.lap("binarize")

    if force or (
        not resampled
        and dpi >= SOFTEN_MIN_DPI
        and crisp_edges(raster.histogram(pixels) if hist is None else hist)
        and stroke_width(pixels) >= SOFTEN_MIN_STROKE_PX
    ):
        gray = soften_pixels(pixels)
        steps.append("soften")
    clock.lap("soften")

    condition = PageCondition(
        noise_sigma=round(sigma, 2),
        background_spread=round(spread, 3),
        specks=measured.count,
        text_components=measured.letters,
        show_through=round(share, 5),
    )
    log.debug("page condition %s; steps %s", condition, steps)
    return Cleaned(image=gray, steps=tuple(steps), condition=condition, timings=clock.timings)
