"""Per-page preprocessing (digitize.preprocess): orientation, deskew, cleaning, ink estimate.

Pages are rendered here with Liberation Serif (Vietnamese coverage) and degraded with seeded
noise, so every figure below is reproducible; tests marked ``tesseract`` run the real
Tesseract OSD and ``vie`` OCR.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from digitize.exceptions import BadArgumentsError, OcrError
from digitize.preprocess import (
    CleanMode,
    PreparedPage,
    PreprocessSettings,
    deskew,
    orient,
    prepare_page,
    raster,
)

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
LINES = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH",
    "Số: 15/QĐ-UBND ngày 03 tháng 5 năm 2021",
    "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư;",
    "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 3236/TTr-SNV,",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý văn bản đi,",
    "văn bản đến và lập hồ sơ điện tử tại các sở, ban, ngành của tỉnh.",
    "Điều 2. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp thực hiện;",
    "định kỳ hằng năm tổng hợp, báo cáo kết quả về Ủy ban nhân dân tỉnh.",
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng",
    "và Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm thi hành Quyết định này.",
)
DPI = 200


@cache
def _clean_page(lines: int = len(LINES)) -> Image.Image:
    """A half A4 page at 200 dpi, 13 pt text, 30 mm left margin (NĐ 30 layout sizes)."""
    width, height = round(8.27 * DPI), round(5.8 * DPI)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), round(13 / 72 * DPI))
    y = round(20 / 25.4 * DPI)
    for text in LINES[:lines]:
        draw.text((round(30 / 25.4 * DPI), y), text, font=font, fill=0)
        y += round(13 / 72 * DPI * 1.5)
    return page


def make_page(
    *,
    skew: float = 0.0,
    turn: int = 0,
    noise: float = 0.0,
    lines: int = len(LINES),
    seed: int = 0,
) -> Image.Image:
    """The one page factory: ``skew`` degrees counter-clockwise, then ``turn`` degrees
    clockwise (as a scanner would), then Gaussian noise of sigma ``noise``."""
    page = _clean_page(lines)
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if turn:
        page = page.rotate(-turn, expand=True)
    if noise:
        pixels = np.asarray(page, dtype=np.float32)
        pixels = pixels + np.random.default_rng(seed).normal(0.0, noise, pixels.shape)
        page = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return page


def truth(lines: int = len(LINES)) -> str:
    return "\n".join(LINES[:lines])


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate on NFC, whitespace-collapsed text."""

    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()

    ref, hyp = norm(reference), norm(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, a in enumerate(ref, 1):
        current = [i]
        for j, b in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] / max(1, len(ref))


def ocr(page: PreparedPage) -> str:
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    text: str = pytesseract.image_to_string(page.ocr_image, lang="vie", config=f"--dpi {DPI}")
    return text


def _mask(image: Image.Image) -> raster.Mask:
    factor = raster.reduction_factor(DPI)
    return raster.ink_mask(raster.reduce(raster.to_gray(image), factor), DPI / factor)


# --- deskew ------------------------------------------------------------------------------


@pytest.mark.parametrize("angle", [-10.0, -7.0, -2.3, 0.6, 4.0, 7.0, 10.0])
def test_skew_estimate_recovers_angles_within_a_tenth_of_a_degree(angle: float) -> None:
    estimate = deskew.estimate_skew(_mask(make_page(skew=angle)))
    assert estimate.reliable
    assert estimate.angle == pytest.approx(angle, abs=0.1)


def test_skew_estimate_holds_on_a_heavily_noisy_page() -> None:
    """Full-resolution Hough was seen to answer -45° here; the reduced profile must not."""
    estimate = deskew.estimate_skew(_mask(make_page(skew=7.0, noise=60.0)))
    assert estimate.angle == pytest.approx(7.0, abs=0.15)


def test_blank_page_has_no_reliable_skew() -> None:
    blank = Image.new("L", (1600, 1100), 250)
    estimate = deskew.estimate_skew(_mask(blank))
    assert not estimate.reliable
    assert estimate.angle == 0.0


# --- orientation without OSD ---------------------------------------------------------------


@pytest.mark.parametrize(("turn", "expected"), [(0, 0), (180, 180)])
def test_ink_distribution_tells_upright_from_upside_down(turn: int, expected: int) -> None:
    assert orient.guess_upright(_mask(make_page(turn=turn))) == expected


def test_orientation_falls_back_to_ink_when_osd_cannot_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OSD says "Too few characters" on sparse pages: the ink test must still turn the page."""
    monkeypatch.setattr(orient, "run_osd", lambda *a, **k: None)
    for turn, rotation in [(90, 270), (180, 180), (270, 90)]:
        prepared = prepare_page(make_page(turn=turn), dpi=DPI)
        assert prepared.rotation == rotation, turn


def test_orientation_and_deskew_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_osd(*args: object, **kwargs: object) -> None:
        raise AssertionError("OSD must not run when orientation is off")

    monkeypatch.setattr(orient, "run_osd", no_osd)
    page = make_page(skew=5.0, turn=180)
    prepared = prepare_page(page, dpi=DPI, settings=PreprocessSettings(orient=False, deskew=False))
    assert (prepared.rotation, prepared.skew_degrees) == (0, 0.0)
    assert prepared.ocr_image.size == page.size


# --- settings and validation ---------------------------------------------------------------


def test_settings_resolve_accepts_none_a_mapping_or_an_instance() -> None:
    assert PreprocessSettings.resolve(None) == PreprocessSettings()
    resolved = PreprocessSettings.resolve({"clean": "off", "deskew": False})
    assert resolved.clean is CleanMode.OFF
    assert not resolved.deskew
    instance = PreprocessSettings(orient=False)
    assert PreprocessSettings.resolve(instance) is instance


@pytest.mark.parametrize(
    "bad",
    [{"clean": "sometimes"}, {"osd_timeout_s": 0}, {"max_skew_degrees": 90}, {"colour": 1}],
)
def test_invalid_settings_are_rejected_in_vietnamese(bad: dict[str, object]) -> None:
    with pytest.raises(BadArgumentsError) as info:
        PreprocessSettings.resolve(bad)
    assert unicodedata.is_normalized("NFC", str(info.value))


def test_tiny_image_is_an_ocr_error_and_bad_dpi_a_bad_argument() -> None:
    with pytest.raises(OcrError, match="quá nhỏ"):
        prepare_page(Image.new("L", (1, 1), 255), dpi=300)
    with pytest.raises(BadArgumentsError):
        prepare_page(make_page(), dpi=0)


# --- the whole step with real Tesseract ----------------------------------------------------


@pytest.mark.tesseract
@pytest.mark.parametrize(("turn", "rotation"), [(90, 270), (180, 180), (270, 90)])
def test_turned_pages_come_back_upright(turn: int, rotation: int) -> None:
    prepared = prepare_page(make_page(turn=turn, lines=6), dpi=DPI)
    assert prepared.rotation == rotation
    assert prepared.steps[0] == f"orient:{rotation}"
    assert prepared.ocr_image.size == _clean_page(6).size


@pytest.mark.tesseract
def test_seven_degree_page_is_deskewed_and_read_almost_perfectly() -> None:
    """OCRmyPDF's deskew returned 0° on such a page and its CER stayed at 76%."""
    prepared = prepare_page(make_page(skew=7.0, lines=6), dpi=DPI)
    assert prepared.skew_degrees == pytest.approx(7.0, abs=0.1)
    assert "deskew:+7.0" in prepared.steps
    assert cer(truth(6), ocr(prepared)) < 0.01


@pytest.mark.tesseract
def test_sideways_and_skewed_page_is_turned_then_deskewed() -> None:
    prepared = prepare_page(make_page(skew=-4.0, turn=90, lines=6), dpi=DPI)
    assert prepared.rotation == 270
    assert prepared.skew_degrees == pytest.approx(-4.0, abs=0.1)
    assert cer(truth(6), ocr(prepared)) < 0.01


@pytest.mark.tesseract
def test_display_image_keeps_colour_and_matches_the_ocr_image() -> None:
    page = make_page(skew=3.0, turn=180, lines=6).convert("RGB")
    red, green, blue = page.split()
    tinted = Image.merge("RGB", (red, green, blue.point(lambda v: v * 4 // 5)))
    prepared = prepare_page(tinted, dpi=DPI)
    assert prepared.display_image.mode == "RGB"
    assert prepared.ocr_image.mode in {"L", "1"}
    assert prepared.display_image.size == prepared.ocr_image.size
    assert prepared.rotation == 180
    assert set(prepared.timings) >= {"orient", "deskew"}
