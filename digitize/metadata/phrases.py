"""Restore OCR-damaged marks in a trích yếu from the fixed wording of administrative texts.

Tesseract often misreads the small tone marks of a bold trích yếu (``tôn đọng`` for ``tồn
đọng``, ``kiếm tra`` for ``kiểm tra``). Three restorations are made, each only where the
letters leave one reading (the same idea as :mod:`digitize.metadata.names` and DOMAIN.md §8's
dictionary restoring ``ỵ``):

- the opening formula ``Về việc`` (DOMAIN.md §7: a công văn's ``V/v``, spelled out), read
  with any marks (``Vẽ việc``);
- ``năm`` before a year (``nấm 1997``): no other lower-case word spelled ``nam`` stands
  before a year in a trích yếu;
- a speck read as a full stop after a word and before a lower-case word (``sử dụng. thư``):
  Vietnamese starts a sentence with a capital, and a trích yếu is one phrase;
- common two-syllable administrative words (:data:`PHRASES`) whose reading differs from the
  listed spelling by tone marks alone. Vowel letters (``ô``/``ơ``/``o``, ``ă``/``â``) must
  agree, so ``đơn độc`` is never turned into ``đôn đốc``; words whose tone variants are other
  words in use (``cơ sở``/``cơ số``, ``dữ liệu``/``dự liệu``, ``thiên tai``/``thiên tài``)
  are deliberately not listed.

The OCR text itself is never changed: this applies to the extracted Subject only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from digitize.vntext import TONE_MARKS, fold, nfc

__all__ = ["PHRASES", "restore_subject", "untoned"]

#: Two-syllable words of administrative texts restored when only their tones were misread.
PHRASES: Final[tuple[str, ...]] = (
    "báo cáo",
    "bồi dưỡng",
    "cán bộ",
    "chỉ đạo",
    "chỉnh lý",
    "chuyển đổi",
    "công chức",
    "công tác",
    "đôn đốc",
    "giải quyết",
    "hướng dẫn",
    "kiểm tra",
    "lưu trữ",
    "nghiệp vụ",
    "phê duyệt",
    "quản lý",
    "tài liệu",
    "tăng cường",
    "thông tin",
    "thực hiện",
    "tin học",
    "tồn đọng",
    "triển khai",
    "văn bản",
    "văn thư",
)


def untoned(text: str) -> str:
    """``text`` lower-cased without its tone marks; vowel letters (â, ă, ê, ô, ơ, ư) and đ
    kept: ``Tồn`` → ``tôn``, ``đốc`` → ``đôc``."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))


_BY_KEY: Final[dict[str, str]] = {untoned(p): p for p in PHRASES}
_WORD: Final = r"[^\W\d_]+"
_PAIR: Final = re.compile(rf"(?<!\w)({_WORD})(\s+)({_WORD})(?!\w)")
_OPENING: Final = re.compile(rf"^({_WORD})\s+({_WORD})(?!\w)")
# Two letters at least before the dot: "v.v. các" keeps its abbreviation.
_SPECK_STOP: Final = re.compile(r"(?<=[^\W\d_]{2})\.(?=\s+[^\W\d_])")
_YEAR: Final = re.compile(rf"(?<!\w)({_WORD})(\s+)((?:19|20)[0-9]{{2}})(?![0-9])")


def _cased_like(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _restore_pair(match: re.Match[str]) -> str:
    first, space, second = match.group(1), match.group(2), match.group(3)
    phrase = _BY_KEY.get(untoned(f"{first} {second}"))
    if phrase is None or first.isupper() or second.isupper():
        return match.group(0)  # capitals are headings and names, restored elsewhere
    want_first, want_second = phrase.split(" ")
    if (first.lower(), second.lower()) == (want_first, want_second):
        return match.group(0)
    return f"{_cased_like(first, want_first)}{space}{want_second}"


def _restore_year(match: re.Match[str]) -> str:
    word = match.group(1)
    if word != "năm" and word.islower() and fold(word) == "nam":
        return f"năm{match.group(2)}{match.group(3)}"
    return match.group(0)


def _drop_speck(match: re.Match[str]) -> str:
    following = match.string[match.end() :].lstrip()[:1]
    return "" if following.islower() else match.group(0)


def restore_subject(subject: str) -> tuple[str, bool]:
    """The trích yếu with the restorations above, and whether anything changed."""
    text = nfc(subject)
    opening = _OPENING.match(text)
    if opening and fold(f"{opening.group(1)} {opening.group(2)}") == "ve viec":
        text = "Về việc" + text[opening.end() :]
    # Pairs are matched left to right, so a second pass shifted by one word finds those the
    # first stepped over ("liệu tôn đọng": "liệu tôn", then "tôn đọng").
    restored = text
    for start in (0, 1):
        head, rest = _split_words(restored, start)
        restored = head + _PAIR.sub(_restore_pair, rest)
    restored = _YEAR.sub(_restore_year, restored)
    restored = _SPECK_STOP.sub(_drop_speck, restored)
    return restored, restored != nfc(subject)


def _split_words(text: str, count: int) -> tuple[str, str]:
    """``text`` cut after its first ``count`` words (and the space after them)."""
    if count == 0:
        return "", text
    match = re.match(rf"(?:\S+\s+){{{count}}}", text)
    return (text[: match.end()], text[match.end() :]) if match else (text, "")
