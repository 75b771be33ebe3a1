"""Quality figures of OCR'd pages: which pages an archivist should review, and why.

Mean word confidence alone misses lost text (a shadowed page scored 94.7 at 21.5% CER; a
speckled page returned one word at 95), so a page is also flagged when it recognised far
fewer words than its ink suggests, and when its scan is below the NĐ 30 minimum of 200 dpi.
The same two signals decide when a cleaned page must be checked against its untouched
reading (cleaning can hurt: a despeckle erasing a thin font's tone marks, a binarization
eating faint strokes). Character and word error rates against ground truth (benchmarks,
tests) live here too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Sequence

import numpy as np

from digitize.models import PageMethod, PageResult
from digitize.options import DigitizeOptions


def page_flags(result: PageResult, options: DigitizeOptions) -> tuple[str, ...]:
    """Vietnamese reasons a finished page needs review; empty when it looks fine."""
    if not result.ok or result.method is PageMethod.TEXT_LAYER:
        return ()
    flags = []
    if result.dpi and result.dpi < options.low_dpi:
        flags.append(
            f"độ phân giải {result.dpi} dpi thấp hơn mức tối thiểu {options.low_dpi} dpi "
            "(Nghị định 30/2020/NĐ-CP, Phụ lục I); nên quét lại"
        )
    if result.words == 0:
        flags.append("không nhận dạng được chữ nào; kiểm tra trang trắng hay bản quét hỏng")
    elif result.mean_confidence is not None and result.mean_confidence < options.review_threshold:
        flags.append(
            f"độ tin cậy trung bình {result.mean_confidence:.1f} dưới ngưỡng "
            f"{options.review_threshold:g}"
        )
    if (
        result.expected_words
        and result.expected_words >= 20
        and result.words < options.min_word_ratio * result.expected_words
    ):
        flags.append(
            f"chỉ nhận dạng {result.words} từ trong khi mực in trên trang gợi ý khoảng "
            f"{result.expected_words} từ; có thể mất chữ"
        )
    return tuple(flags)


# --- was cleaning worth it? -----------------------------------------------------------------

#: A cleaned page read with a mean word confidence below this is read untouched as well.
#: Good readings of generated pages score 93-96 whatever the defect once it is corrected;
#: cleaning that hurt (a thin font despeckled and binarized) scored 59-69.
CHECK_CONFIDENCE = 90.0
#: ... and so is one that recognised fewer words than this share of its ink estimate (the
#: estimate is 0.86-0.99 of the true count, so a complete reading is at or above 0.9).
CHECK_WORD_RATIO = 0.9


def cleaning_doubtful(words: int, mean_confidence: float | None, expected_words: int) -> bool:
    """Whether the reading of a cleaned page is poor enough to be checked against the
    untouched page (costs a second OCR pass, so only on these pages)."""
    if mean_confidence is None or words == 0:
        return expected_words > 0
    return mean_confidence < CHECK_CONFIDENCE or words < CHECK_WORD_RATIO * expected_words


#: A reading is scored down once it holds fewer than this share of the words of the other
#: reading of the same page: junk read from specks or noise adds ~15% words, while a reading
#: that lost text drops far more (a speckled page returned one word, at confidence 95).
WORDS_KEPT = 0.8
#: The untouched reading replaces the cleaned one only when its score is higher by this
#: much: cleaning was chosen by an image test, and readings within a point of confidence
#: were as often better as worse (dust on a thin font: 59.4 cleaned at 27% CER vs 59.6
#: untouched at 32%).
CHECK_MARGIN = 1.0


def reading_score(words: int, mean_confidence: float | None, reference_words: int) -> float:
    """How good a reading looks without ground truth: its mean word confidence, scaled down
    when it holds fewer than ``WORDS_KEPT`` of ``reference_words`` (the larger word count of
    the readings compared). Mean confidence alone rewards a reading that dropped the text."""
    if mean_confidence is None or words == 0:
        return 0.0
    if reference_words <= 0:
        return mean_confidence
    return mean_confidence * min(1.0, words / (WORDS_KEPT * reference_words))


def untouched_is_better(
    cleaned: tuple[int, float | None], untouched: tuple[int, float | None]
) -> bool:
    """Whether the untouched page's reading (words, mean confidence) clearly beats the
    cleaned page's."""
    reference = max(cleaned[0], untouched[0])
    return reading_score(*untouched, reference) > reading_score(*cleaned, reference) + CHECK_MARGIN


# --- accuracy against ground truth (benchmarks and tests) --------------------------------

#: Characters folded before scoring: Tesseract's ``vie`` model cannot output ỵ/Ỵ (DOMAIN §8).
_EVAL_FOLD = str.maketrans({"ỵ": "y", "Ỵ": "Y", "\u200b": None, "\ufeff": None})


def normalize_for_eval(text: str) -> str:
    """NFC, ỵ→y, zero-width characters dropped, whitespace runs collapsed to one space."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_EVAL_FOLD).split())


def edit_distance(reference: Sequence[Hashable], hypothesis: Sequence[Hashable]) -> int:
    """Levenshtein distance between two sequences (characters or words).

    One numpy pass per reference item: the insertion chain within a row is a running
    minimum, so a page of 3,000 characters takes milliseconds, not seconds.
    """
    if not reference or not hypothesis:
        return max(len(reference), len(hypothesis))
    codes: dict[Hashable, int] = {}
    hyp = np.array([codes.setdefault(item, len(codes)) for item in hypothesis], dtype=np.int64)
    ramp = np.arange(len(hyp) + 1, dtype=np.int64)
    previous = ramp.copy()
    for i, item in enumerate(reference, 1):
        code = codes.get(item, -1)
        best = np.empty_like(previous)
        best[0] = i
        best[1:] = np.minimum(previous[1:] + 1, previous[:-1] + (hyp != code))
        previous = np.minimum.accumulate(best - ramp) + ramp
    return int(previous[-1])


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: edits per reference character, on normalized text."""
    ref, hyp = normalize_for_eval(reference), normalize_for_eval(hypothesis)
    return edit_distance(ref, hyp) / max(1, len(ref))


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word edits per reference word, on normalized text."""
    ref, hyp = normalize_for_eval(reference).split(), normalize_for_eval(hypothesis).split()
    return edit_distance(ref, hyp) / max(1, len(ref))
