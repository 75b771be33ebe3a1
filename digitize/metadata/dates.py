"""Dates in Vietnamese documents: the date line and dates cited in the body (DOMAIN.md §6).

Parse leniently, validate strictly: ``Quảng Bình, ngày 03 tháng 5 năm 2015`` is the rule, but
``tháng 05``, ``ngày 3``, a missing space, a stray one inside a number (``năm 20 15``), wrong
accents from OCR (``thảng``), ``rn`` read for ``m`` (``nărn``) and legacy ``ngày 3/5/1999``
are accepted; only real calendar dates within a plausible range are returned, always as
:class:`datetime.date` with an ISO form. Digits are never "corrected": an ``O`` or ``l``
inside a number makes the date unreadable rather than guessed (bench_extraction never saw
Tesseract read a date digit as a letter).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from digitize.vntext import fold, is_vietnamese_word, nfc

__all__ = [
    "MIN_YEAR",
    "DateLine",
    "find_date_lines",
    "find_dates",
    "fold_aligned",
    "parse_date_line",
    "parse_numeric_date",
    "valid_date",
]

log = logging.getLogger(__name__)

#: Earliest plausible year of a document in a provincial archive.
MIN_YEAR: Final = 1945
_MAX_PLACE_LENGTH: Final = 60
_MAX_PLACE_WORDS: Final = 7
# Lower-case words inside a place name: "Thành phố Hồ Chí Minh", "Thị xã Ba Đồn".
_PLACE_LOWER: Final = frozenset({"phố", "xã", "trấn"})


@dataclass(frozen=True, slots=True)
class DateLine:
    """A date found in text.

    Attributes:
        date: the validated calendar date (IssuedDate).
        place: the địa danh before ``, ngày`` (``Quảng Bình``), ``None`` when absent or
            unreadable.
        confidence: 0–1; 1.0 for a line in the exact §6 format, less for each leniency used.
        start: offset of the match in the text it was found in.
        end: offset just past the match.
    """

    date: dt.date
    place: str | None = None
    confidence: float = 1.0
    start: int = 0
    end: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0–1: {self.confidence}")
        if self.place is not None and (not self.place or self.place != self.place.strip()):
            raise ValueError(f"place must be trimmed, non-empty text: {self.place!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}–{self.end}")

    @property
    def iso(self) -> str:
        """``YYYY-MM-DD``, the storage form (DOMAIN §6)."""
        return self.date.isoformat()


def fold_aligned(text: str) -> str:
    """:func:`digitize.vntext.fold` applied letter by letter, so offsets in the result are
    offsets in ``text`` (which must already be NFC). A letter whose fold is not one character
    (``ß``) is only lower-cased."""
    return "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    # Cached: a document has a few hundred distinct characters and many thousand letters.
    folded = fold(char)
    return folded if len(folded) == 1 else char.lower()


def valid_date(year: int, month: int, day: int, *, max_year: int | None = None) -> dt.date | None:
    """The date if it exists on the calendar and its year is plausible, else ``None``."""
    upper = max_year if max_year is not None else dt.date.today().year + 1
    if not MIN_YEAR <= year <= upper:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# Matched on folded text: accents and case vanish, so "NGÀY", "ngay" and OCR's "thảng" agree.
# "na(m|rn|in)": OCR reads m as rn or in. Separators "/", "-", "." cover legacy "ngày 3/5/1999".
# Specks between the words ("ngày: 25 tháng, 01 năm: '2016") are skipped; a "tháng" OCR garbled
# beyond its accents ("thúng", "thống", "tng") still counts when it starts with t and the
# words ngày and năm around it hold.
# A number may carry one stray space between its digits ("năm 20 15", "ngày 1 2"): OCR splits
# italic digits, and the slot between "ngày" and "tháng" holds a single number anyway.
_SEP = r"[\s:,.'`\"!]*"
_DATE_LINE: Final = re.compile(
    rf"(?<![^\W\d_])ngay{_SEP}(?P<d>[0-9](?: ?[0-9])?)"
    rf"(?:{_SEP}(?P<t>thang|(?P<tf>t[a-z]{{1,5}})){_SEP}|\s*(?P<s1>[./-])\s*)"
    rf"(?P<m>[0-9](?: ?[0-9])?)"
    rf"(?:{_SEP}(?P<n>na(?:m|rn|in)){_SEP}|\s*(?P<s2>[./-])\s*)(?P<y>[0-9](?: ?[0-9]){{3}})"
    r"(?![0-9])"
)
# Not inside a longer number or a số/ký hiệu; a sentence-final dot may follow.
_NUMERIC: Final = re.compile(
    r"(?<![0-9./-])([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})(?![0-9/-]|\.[0-9])"
)
# One word of a place name: "Hà", "TP.", "Quận", "1"; capitals are checked separately.
_PLACE_WORD: Final = re.compile(r"[^\W_][\w.'-]*")
_EXPECTED_WORDS: Final = frozenset({"ngày", "tháng", "năm"})


def _place_before(text: str, start: int) -> str | None:
    """The địa danh ending just before ``start`` (the "ngày"), after a comma.

    Taken as the longest run of place-like words before the comma, so text that OCR merged
    into the same row (``Số: 15/QĐ-BNV Hà Nội, ngày …``) stays out of it.
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    if not before and line_start > 0:
        # A narrow column wrapped after the comma: "Quảng Bình," / "ngày 03 tháng 5 …".
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        before = text[previous_start : line_start - 1].rstrip()
    if not before.endswith(","):
        return None
    # Columns merged by OCR with a wide gap: only what follows the last gap can be the place.
    segment = re.split(r"\s{2,}|\t", before[:-1])[-1].strip()
    words = segment.split()
    taken: list[str] = []
    for word in reversed(words):
        if len(taken) == _MAX_PLACE_WORDS or not _PLACE_WORD.fullmatch(word):
            break
        if not is_vietnamese_word(word.replace(".", "").replace("-", "").replace("'", "")):
            break  # "Ö Hà Tĩnh": a speck read as a foreign letter is not part of the place
        if not (word[0].isupper() or word[0].isdigit() or word in _PLACE_LOWER):
            break
        taken.append(word)
    taken.reverse()
    # A place starts with a capital ("phố" alone is not a place) ...
    while taken and not taken[0][0].isupper():
        taken.pop(0)
    # ... and does not carry the agency's capitals ("TỈNH QUẢNG BÌNH Quảng Bình" → the latter).
    if any(not w.isupper() for w in taken):
        while taken and taken[0].isupper() and len(taken[0]) > 1 and not taken[0].endswith("."):
            taken.pop(0)
    place = " ".join(taken)
    if not place or len(place) > _MAX_PLACE_LENGTH:
        return None
    return place


def _confidence(match: re.Match[str], original: str, place: str | None) -> float:
    """1.0 for the exact §6 form; a deduction per leniency that was needed."""
    value = 1.0
    day, month = match["d"], match["m"]
    if " " in day + month + match["y"]:
        value *= 0.9  # a number read in two pieces
        day, month = day.replace(" ", ""), month.replace(" ", "")
    if match["t"] is None or match["n"] is None:
        value *= 0.85  # numeric date on the date line: a legacy style
    if match["n"] not in (None, "nam"):
        value *= 0.9  # "nărn"
    if match["tf"] is not None:
        value *= 0.8  # "thúng": only its first letter and its place say it is "tháng"
    words = re.findall(r"[^\W\d_]+", original[match.start() : match.end()].lower())
    if any(w not in _EXPECTED_WORDS for w in words):
        value *= 0.9  # accents garbled by OCR
    wants_zero = len(day) == 1 or (int(month) <= 2 and len(month) == 1)
    extra_zero = int(month) >= 3 and month.startswith("0")
    if wants_zero or extra_zero:
        value *= 0.98  # the §6 leading-zero rule is broken, as real documents often do
    if place is None:
        value *= 0.9
    return round(value, 3)


def _date_lines(text: str, *, max_year: int | None) -> Iterator[DateLine]:
    text = nfc(text)
    folded = fold_aligned(text)
    for match in _DATE_LINE.finditer(folded):
        year, month, day = (int(match[k].replace(" ", "")) for k in ("y", "m", "d"))
        date = valid_date(year, month, day, max_year=max_year)
        if date is None:
            log.debug("impossible date in %r", text[match.start() : match.end()])
            continue
        place = _place_before(text, match.start())
        yield DateLine(
            date=date,
            place=place,
            confidence=_confidence(match, text, place),
            start=match.start(),
            end=match.end(),
        )


def parse_date_line(text: str, *, max_year: int | None = None) -> DateLine | None:
    """The first valid ``<Địa danh>, ngày … tháng … năm …`` in ``text``, or ``None``."""
    return next(_date_lines(text, max_year=max_year), None)


def parse_numeric_date(text: str, *, max_year: int | None = None) -> dt.date | None:
    """A body date ``29.10.2010``, ``29/10/2010`` or ``29-10-2010`` (day first), or ``None``."""
    match = _NUMERIC.fullmatch(nfc(text).strip())
    if match is None:
        return None
    return valid_date(int(match[4]), int(match[3]), int(match[1]), max_year=max_year)


def find_date_lines(text: str, *, max_year: int | None = None) -> Iterator[DateLine]:
    """Every valid ``ngày … tháng … năm …`` date in ``text``, with its place when it has one."""
    yield from _date_lines(text, max_year=max_year)


def find_dates(text: str, *, max_year: int | None = None) -> Iterator[DateLine]:
    """Every valid date in ``text``, date-line style and numeric, in order of position."""
    text = nfc(text)
    found = list(_date_lines(text, max_year=max_year))
    taken = [(d.start, d.end) for d in found]
    for match in _NUMERIC.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        date = valid_date(int(match[4]), int(match[3]), int(match[1]), max_year=max_year)
        if date is not None:
            found.append(DateLine(date, None, 0.9, match.start(), match.end()))
    yield from sorted(found, key=lambda d: d.start)
