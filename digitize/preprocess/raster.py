"""Small raster helpers shared by the preprocessing steps (numpy + scipy.ndimage + Pillow).

Everything works on 8-bit grayscale arrays where ink is dark (0) and paper is light (255).
Estimates run on reduced copies: at ~100 dpi a page has about 1 Mpx, so a full analysis
costs milliseconds, and averaging while reducing already suppresses pixel noise.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt
from PIL import Image
from scipy import ndimage as ndi

Gray: TypeAlias = npt.NDArray[np.uint8]
Mask: TypeAlias = npt.NDArray[np.bool_]

#: Resolution (dpi) at which skew, orientation and background are estimated.
ANALYSIS_DPI = 100


def to_gray(image: Image.Image) -> Image.Image:
    """Return an 8-bit grayscale copy of any Pillow image (alpha composited on white)."""
    if image.mode == "L":
        return image
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if image.mode in {"I;16", "I;16B", "I;16L", "I", "F"}:
        arr = np.clip(np.asarray(image, dtype=np.float64), 0, None)
        top = float(arr.max()) or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8))
    return image.convert("L")


def to_display(image: Image.Image) -> Image.Image:
    """Return the image in a mode that keeps its colour and can be rotated smoothly (L/RGB)."""
    if image.mode in {"L", "RGB"}:
        return image
    if image.mode in {"1", "LA", "I;16", "I;16B", "I;16L", "I", "F"}:
        return to_gray(image)
    if image.mode in {"RGBA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def reduction_factor(dpi: int, target_dpi: int = ANALYSIS_DPI) -> int:
    """Integer factor that brings ``dpi`` down to about ``target_dpi`` (never below 1)."""
    return max(1, round(dpi / target_dpi))


def reduce(gray: Image.Image, factor: int) -> Gray:
    """Box-average ``gray`` by an integer factor and return it as an array."""
    small = gray.reduce(factor) if factor > 1 else gray
    return np.asarray(small, dtype=np.uint8)


def histogram(values: Gray) -> npt.NDArray[np.float64]:
    """256-bin histogram of 8-bit values (Pillow's C histogram: faster than ``bincount``)."""
    return np.asarray(Image.fromarray(values).histogram()[:256], dtype=np.float64)


def quantile(hist: npt.NDArray[np.float64], q: float) -> int:
    """The level below which a share ``q`` of the histogram's pixels lie."""
    cumulative = np.cumsum(hist)
    return int(np.searchsorted(cumulative, q * cumulative[-1]))


def otsu_from_histogram(hist: npt.NDArray[np.float64]) -> int:
    """Otsu's threshold of a 256-bin histogram."""
    total = hist.sum()
    if total == 0:
        return 127
    levels = np.arange(256, dtype=np.float64)
    weight_dark = np.cumsum(hist)
    mass_dark = np.cumsum(hist * levels)
    weight_light = total - weight_dark
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_dark = mass_dark / weight_dark
        mean_light = (mass_dark[-1] - mass_dark) / weight_light
        between = weight_dark * weight_light * (mean_dark - mean_light) ** 2
    between = np.nan_to_num(between, nan=0.0, posinf=0.0, neginf=0.0)
    return int(np.argmax(between))


def background(gray: Gray, block: int = 4) -> npt.NDArray[np.float32]:
    """Estimate the paper brightness under each pixel of a reduced page.

    The page is cut into ``block``-pixel squares (about 1 mm at analysis resolution) and
    each keeps its 90th percentile, which is paper even inside a text line; a 3x3 grey
    dilation then reaches past dense text, a median drops blocks covered by pictures or
    rules, and the result is smoothed and brought back to full size. Working on blocks keeps
    this at a few milliseconds where a per-pixel filter of the same reach costs seconds.
    """
    height, width = gray.shape
    rows, cols = max(1, height // block), max(1, width // block)
    core = gray[: rows * block, : cols * block].astype(np.float32)
    tiles = core.reshape(rows, block, cols, block).transpose(0, 2, 1, 3).reshape(rows, cols, -1)
    paper = np.percentile(tiles, 90, axis=2).astype(np.float32)
    paper = ndi.grey_dilation(paper, size=(3, 3))
    paper = ndi.median_filter(paper, size=5)
    paper = ndi.gaussian_filter(paper, 1.5)
    return upsample(paper, (height, width))


def upsample(field: npt.NDArray[np.float32], shape: tuple[int, int]) -> npt.NDArray[np.float32]:
    """Bilinear resize of a smooth float field to ``shape`` (rows, columns)."""
    image = Image.fromarray(field.astype(np.float32), mode="F")
    resized = image.resize((shape[1], shape[0]), resample=Image.Resampling.BILINEAR)
    return np.asarray(resized, dtype=np.float32)


def upsample_u8(field: npt.NDArray[np.float32], shape: tuple[int, int]) -> Gray:
    """Bilinear resize of a smooth 0-255 field to ``shape``, as 8-bit (1..255): a full page
    in 8 bits resizes and divides several times faster than in float."""
    small = Image.fromarray(np.clip(np.rint(field), 1, 255).astype(np.uint8))
    return np.asarray(small.resize((shape[1], shape[0]), Image.Resampling.BILINEAR))


def flatten_u8(gray: Gray, paper: Gray) -> Gray:
    """:func:`flatten` in integer arithmetic, for full-resolution pages."""
    ratio = gray.astype(np.uint16) * 255 // np.maximum(paper, 1)
    return np.minimum(ratio, 255).astype(np.uint8)


def flatten(gray: Gray, paper: npt.NDArray[np.float32]) -> Gray:
    """Divide out the paper brightness so the background becomes uniformly white."""
    ratio = gray.astype(np.float32) / np.maximum(paper, 1.0)
    return np.clip(ratio * 255.0, 0, 255).astype(np.uint8)


def paper_block(dpi: float) -> int:
    """Tile size (pixels) of :func:`background` at ``dpi``: about 1 mm."""
    return max(2, round(dpi / 25))


def ink_mask(
    gray: Gray,
    dpi: float,
    darkness: float = 0.8,
    *,
    even: bool = False,
    paper: npt.NDArray[np.float32] | None = None,
) -> Mask:
    """Binary ink mask of a reduced page: flattened, Otsu-thresholded, specks removed.

    ``darkness`` scales Otsu's threshold: below 1 keeps only the cores of strokes, which
    ignores faint show-through and stains (good for finding lines); 1 keeps thin strokes
    whole (good for counting words on a page already cleaned). ``even=True`` says the paper
    is already uniform (a cleaned page) and skips flattening; ``paper`` is the page's
    :func:`background` at :func:`paper_block` when already known. Components smaller than about
    0.25 mm square are noise at any resolution; they are dropped so that estimates follow
    the text, not the speckle.
    """
    if even:
        flat = gray
    else:
        flat = flatten(gray, background(gray, paper_block(dpi)) if paper is None else paper)
    hist = histogram(flat)
    if _looks_noisy(hist):
        flat = ndi.median_filter(flat, size=3)
        hist = histogram(flat)
    # Only the darker part of Otsu's ink class: faint bleed-through and stains sit just
    # under the threshold, while the cores of real strokes are far darker.
    threshold = darkness * min(otsu_from_histogram(hist), 200)
    mask = flat <= threshold
    return drop_small(mask, min_area=max(2, round((dpi * 0.25 / 25.4) ** 2)))


def _looks_noisy(hist: npt.NDArray[np.float64]) -> bool:
    """True when the paper itself has a large pixel-to-pixel spread (scanner or film noise),
    from the page's histogram."""
    levels = np.arange(256, dtype=np.float64)
    paper = hist.copy()
    paper[: quantile(hist, 0.6) + 1] = 0
    if paper.sum() == 0:
        return False
    mean = float(np.dot(paper, levels) / paper.sum())
    spread = float(np.dot(paper, (levels - mean) ** 2) / paper.sum())
    return spread > 12.0**2


def drop_small(mask: Mask, min_area: int) -> Mask:
    """Remove 8-connected components smaller than ``min_area`` pixels."""
    if min_area <= 1:
        return mask
    if min_area == 2:
        # Only lone pixels go: no labelling needed (a tenth of its cost on a page).
        return mask & _has_neighbour(mask)
    labels, count = ndi.label(mask, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return mask
    sizes = np.bincount(labels.ravel())
    keep = sizes >= min_area
    keep[0] = False
    kept: Mask = keep[labels]
    return kept


def _has_neighbour(mask: Mask) -> Mask:
    """Whether any of each pixel's eight neighbours (not itself) is set."""
    vertical = np.zeros_like(mask)
    vertical[1:] |= mask[:-1]
    vertical[:-1] |= mask[1:]
    column = vertical | mask
    around = vertical
    around[:, 1:] |= column[:, :-1]
    around[:, :-1] |= column[:, 1:]
    return around


_TRANSPOSE_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def turn_clockwise(image: Image.Image, degrees: int) -> Image.Image:
    """Rotate by a multiple of 90° clockwise, losslessly."""
    degrees %= 360
    return image if degrees == 0 else image.transpose(_TRANSPOSE_CLOCKWISE[degrees])
