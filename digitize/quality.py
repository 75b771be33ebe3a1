"""Quality figures of OCR'd pages: which pages an archivist should review, and why.

Mean word confidence alone misses lost text (a shadowed page scored 94.7 at 21.5% CER; a
speckled page returned one word at 95), so a page is also flagged when it recognised far
fewer words than its ink suggests, and when its scan is below the NĐ 30 minimum of 200 dpi.
"""

from __future__ import annotations

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
