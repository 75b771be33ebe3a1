"""The hand-written fast paths of preprocessing equal the library operations they replace,
pixel for pixel (the accuracy benchmark's figures were measured with the library ones)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter
from scipy import ndimage as ndi

from digitize.preprocess import clean, raster

#: The 2x2 average as the 3x3 Pillow kernel the pipeline used before (weights on the
#: pixel, its right neighbour and the two above them: Pillow reads kernel rows bottom-up).
_BOX2 = ImageFilter.Kernel((3, 3), (0, 0, 0, 0, 1, 1, 0, 1, 1), 4)


def _masks() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    masks = [rng.random((97, 131)) < share for share in (0.0, 0.02, 0.2, 0.5, 0.9)]
    masks.append(np.ones((1, 1), dtype=bool))
    edges = np.zeros((6, 9), dtype=bool)
    edges[0, 0] = edges[5, 8] = edges[0, 8] = edges[2, 3] = edges[3, 4] = True
    masks.append(edges)
    return masks


def _drop_small_by_labels(mask: np.ndarray, min_area: int) -> np.ndarray:
    labels, count = ndi.label(mask, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return mask
    keep = np.bincount(labels.ravel()) >= min_area
    keep[0] = False
    return np.asarray(keep[labels])


@pytest.mark.parametrize("min_area", [1, 2, 3, 5])
def test_drop_small_equals_dropping_labelled_components(min_area: int) -> None:
    for mask in _masks():
        assert np.array_equal(
            raster.drop_small(mask, min_area), _drop_small_by_labels(mask, min_area)
        )


def test_dilate_cross_equals_scipy_binary_dilation() -> None:
    for mask in _masks():
        for times in (1, 3):
            expected = ndi.binary_dilation(mask, iterations=times)
            assert np.array_equal(clean.dilate_cross(mask, times), expected)


def test_soften_equals_the_pillow_kernel() -> None:
    rng = np.random.default_rng(3)
    for shape in [(120, 77), (3, 3), (2, 9)]:
        pixels = rng.integers(0, 256, shape, dtype=np.uint8)
        page = Image.fromarray(pixels)
        expected = np.asarray(page.filter(_BOX2)) if min(shape) >= 3 else pixels
        assert np.array_equal(np.asarray(clean.soften(page)), expected)
    bilevel = Image.fromarray(rng.random((40, 50)) < 0.5).convert("1")
    assert np.array_equal(
        np.asarray(clean.soften(bilevel)), np.asarray(bilevel.convert("L").filter(_BOX2))
    )
