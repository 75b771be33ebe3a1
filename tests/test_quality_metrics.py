"""CER/WER against ground truth (digitize.quality): the figures every OCR benchmark reports."""

from __future__ import annotations

import random
import unicodedata

import pytest

from digitize.quality import cer, edit_distance, normalize_for_eval, wer


def _slow_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def test_edit_distance_matches_the_textbook_recurrence() -> None:
    rng = random.Random(3)
    for _ in range(300):
        a = "".join(rng.choice("aăâ đ") for _ in range(rng.randint(0, 25)))
        b = "".join(rng.choice("aăâ đ") for _ in range(rng.randint(0, 25)))
        assert edit_distance(a, b) == _slow_distance(a, b), (a, b)


def test_edit_distance_works_on_word_sequences() -> None:
    assert edit_distance(["Quyết", "định", "số"], ["Quyết", "đinh", "số", "15"]) == 2


def test_normalization_is_nfc_folds_y_dot_below_and_collapses_whitespace() -> None:
    """NFD input, NBSP, zero-width spaces and ỵ (which Tesseract vie never outputs)."""
    raw = unicodedata.normalize("NFD", "Quận  Mỹ\u00a0Tho,\u200b thị trấn Ỵ\n")
    assert normalize_for_eval(raw) == "Quận Mỹ Tho, thị trấn Y"


def test_cer_and_wer_of_identical_texts_are_zero_whatever_the_spacing() -> None:
    assert cer("Số: 15/QĐ-UBND\n", "Số:  15/QĐ-UBND") == 0.0
    assert wer("ký hiệu", "ký\nhiệu") == 0.0


def test_cer_counts_edits_per_reference_character() -> None:
    assert cer("hòa bình", "hoà bình") == pytest.approx(2 / 8)
    assert cer("abc", "") == 1.0
    assert cer("", "") == 0.0


def test_wer_counts_word_edits_per_reference_word() -> None:
    assert wer("Ủy ban nhân dân tỉnh", "Ủy ban nhân dan tỉnh") == pytest.approx(1 / 5)
