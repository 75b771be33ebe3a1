"""Cleaning is checked against the untouched page (issue 3): when a cleaned page reads
doubtfully, the worker also reads the page as it was before cleaning and keeps the better
reading, recording the choice; pages that read well get no second pass.

Pages come from ``digitize.synth``. A "thin font" is the generated page with its strokes
eroded (a 3x3 maximum filter at 300 dpi): its tone marks are as small as dust, so cleaning
is risky there. Thin pages are cropped to their upper 40% to keep the Tesseract runs short;
the ground truth is cropped with them, line by line.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter

from digitize.models import PageRef, PageResult, SourceKind
from digitize.options import DigitizeOptions
from digitize.preprocess import prepare_page
from digitize.quality import cer, cleaning_doubtful, reading_score, untouched_is_better
from digitize.synth import Degradation, make_document
from digitize.worker import process_page

THIN_DPI = 300
#: Share of the page height kept for thin pages.
CROP = 0.4


@cache
def _thin_page(seed: int) -> tuple[Image.Image, tuple[str, str]]:
    """A cropped thin-font page and its ground truth (reading order, row order)."""
    doc = make_document(seed, dpi=THIN_DPI)
    page = doc.clean[0].image.convert("L").filter(ImageFilter.MaxFilter(3))
    bottom = round(page.height * CROP)
    page = page.crop((0, 0, page.width, bottom))
    page.info["dpi"] = (THIN_DPI, THIN_DPI)
    truth = doc.clean[0].truth
    kept = [line for line in truth.lines if line.box[3] <= bottom]
    in_rows = sorted(kept, key=lambda line: (line.box[1], line.box[0]))
    return page, ("\n".join(line.text for line in kept), " ".join(line.text for line in in_rows))


def _score(truths: tuple[str, str], text: str) -> float:
    return min(cer(truth, text) for truth in truths)


def _read(image: Image.Image, dpi: int) -> str:
    """What Tesseract alone makes of an image (the reading the worker did not keep)."""
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    text: str = pytesseract.image_to_string(image, lang="vie", config=f"--dpi {dpi}")
    return text


def _run_worker(image: Image.Image, dpi: int, tmp_path: Path, **options: str) -> PageResult:
    source = tmp_path / "page.png"
    image.save(source, dpi=(dpi, dpi))
    ref = PageRef("0" * 64, 1, source, SourceKind.PNG, tmp_path / "work")
    result = process_page(ref, DigitizeOptions(**options))
    assert result.ok, result.error
    return result


# --- the decision rules (no OCR) ------------------------------------------------------------


def test_confident_complete_reading_is_not_doubted() -> None:
    assert not cleaning_doubtful(300, 94.5, 290)


@pytest.mark.parametrize(
    ("words", "confidence", "expected"),
    [(300, 70.0, 290), (200, 95.0, 290), (0, None, 290)],
    ids=["low confidence", "words missing", "nothing read"],
)
def test_low_confidence_or_missing_words_make_a_reading_doubtful(
    words: int, confidence: float | None, expected: int
) -> None:
    assert cleaning_doubtful(words, confidence, expected)


def test_blank_page_read_as_blank_is_not_doubted() -> None:
    assert not cleaning_doubtful(0, None, 0)


def test_a_reading_that_dropped_the_text_loses_despite_its_confidence() -> None:
    """A speckled page read untouched returned one word at confidence 95."""
    assert not untouched_is_better((300, 94.2), (1, 95.0))
    assert reading_score(1, 95.0, 300) < 1


def test_junk_words_from_specks_do_not_count_against_the_cleaned_reading() -> None:
    """Dust on a thin font, measured: 354 words at 64.9 cleaned, 410 at 59.6 untouched."""
    assert reading_score(354, 64.9, 410) == pytest.approx(64.9)
    assert not untouched_is_better((354, 64.9), (410, 59.6))


def test_untouched_reading_must_win_by_a_margin() -> None:
    assert untouched_is_better((350, 68.6), (354, 75.0))
    assert not untouched_is_better((361, 59.4), (410, 59.6))
    assert not untouched_is_better((353, 94.9), (353, 95.0))


# --- prepare_page keeps the untouched page only when cleaning changed it ------------------------


def test_untouched_image_is_kept_only_when_cleaning_changed_the_page() -> None:
    doc = make_document(11, dpi=200)
    page = doc.clean[0].image.convert("L")
    page.info["dpi"] = (200, 200)
    # The upper half (no signature), slightly blurred (edges not crisp): nothing to clean.
    top = page.crop((0, 0, page.width, page.height // 2))
    plain = prepare_page(Degradation(blur=1.0).apply(top, 11), dpi=200, settings={"orient": False})
    assert plain.steps == ()
    assert plain.untouched_image is None

    speckled = Degradation(speckle=0.001).apply(page, 11)
    cleaned = prepare_page(speckled, dpi=200, settings={"orient": False})
    assert "despeckle" in cleaned.steps
    assert cleaned.untouched_image is not None
    off = prepare_page(speckled, dpi=200, settings={"orient": False, "clean": "off"})
    assert np.array_equal(np.asarray(cleaned.untouched_image), np.asarray(off.ocr_image))


# --- the worker, with real Tesseract ---------------------------------------------------------


@pytest.mark.tesseract
def test_cleaning_that_hurts_is_undone(tmp_path: Path) -> None:
    """Every cleaning step forced on a thin font (smoothing and binarizing erode its strokes)
    reads worse than the untouched page: the worker notices and keeps the untouched reading."""
    page, truths = _thin_page(12)
    result = _run_worker(page, THIN_DPI, tmp_path, clean="always")
    assert result.preprocessing[-1] == "check:untouched"
    assert "binarize" in result.preprocessing
    assert "ocr.check" in result.timings
    kept = _score(truths, result.text.read_text(encoding="utf-8") if result.text else "")
    cleaned = prepare_page(page, dpi=THIN_DPI, settings={"clean": "always"}).ocr_image
    assert kept < _score(truths, _read(cleaned, THIN_DPI))


@pytest.mark.tesseract
def test_doubtful_cleaning_that_helps_is_kept(tmp_path: Path) -> None:
    """Dust on a thin font: the despeckled page still reads poorly, so it is checked, and
    the cleaned reading wins because the untouched one is worse."""
    page, truths = _thin_page(11)
    speckled = Degradation(speckle=0.0005).apply(page, 11)
    result = _run_worker(speckled, THIN_DPI, tmp_path)
    assert result.preprocessing[-2:] == ("despeckle", "check:cleaned")
    kept = _score(truths, result.text.read_text(encoding="utf-8") if result.text else "")
    untouched = prepare_page(speckled, dpi=THIN_DPI, settings={"clean": "off"}).ocr_image
    assert kept < _score(truths, _read(untouched, THIN_DPI))


@pytest.mark.tesseract
def test_a_page_that_reads_well_after_cleaning_gets_no_second_pass(tmp_path: Path) -> None:
    doc = make_document(11, dpi=200)
    page = Degradation(speckle=0.001).apply(doc.clean[0].image.convert("L"), 11)
    result = _run_worker(page, 200, tmp_path)
    assert "despeckle" in result.preprocessing
    assert not any(step.startswith("check:") for step in result.preprocessing)
    assert "ocr.check" not in result.timings
    assert result.mean_confidence is not None
    assert result.mean_confidence >= 90
    text = result.text.read_text(encoding="utf-8") if result.text else ""
    assert _score((doc.clean[0].truth.text, doc.clean[0].truth.text_rows), text) < 0.02
