"""Word boxes and the two-column geometry of page 1 (DOMAIN.md §7).

An OCR engine gives words with boxes; :func:`layout_lines` turns them into lines that know
whether they stand in the left column (agency, ``Số:``, ``V/v``, ``Nơi nhận``), the right
column (quốc hiệu, date line, signer) or across the page (type name, trích yếu, body). Side-by-
side blocks that plain text would merge into one row are kept apart.
:func:`words_from_tsv` reads Tesseract's TSV output, the adapter for the OCR stage.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from digitize.vntext import nfc

__all__ = [
    "Column",
    "LayoutLine",
    "WordBox",
    "layout_lines",
    "words_from_hocr",
    "words_from_tsv",
]

# Tesseract TSV: level 5 rows are words.
_WORD_LEVEL: Final = 5
# A horizontal gap wider than this many line heights separates two columns on one row.
_COLUMN_GAP_HEIGHTS: Final = 2.5


@dataclass(frozen=True, slots=True)
class WordBox:
    """One recognized word.

    Attributes:
        text: the word, NFC.
        left: x of the left edge, pixels.
        top: y of the top edge, pixels.
        width: width, pixels.
        height: height, pixels.
        conf: recognition confidence 0–100 as Tesseract reports it; -1 when unknown.
        page: 1-based page number.
    """

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float = -1.0
    page: int = 1

    def __post_init__(self) -> None:
        if not self.text or self.text != self.text.strip():
            raise ValueError(f"a word is non-empty text without surrounding space: {self.text!r}")
        if self.width < 0 or self.height < 0 or self.left < 0 or self.top < 0:
            raise ValueError(f"negative box for {self.text!r}")
        if not (self.conf == -1 or 0 <= self.conf <= 100):
            raise ValueError(f"confidence must be -1 or within 0–100: {self.conf}")
        if self.page < 1:
            raise ValueError(f"pages are numbered from 1: {self.page}")
        if self.text != nfc(self.text):
            object.__setattr__(self, "text", nfc(self.text))

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


class Column(StrEnum):
    """Where a line stands on the page."""

    LEFT = "left"
    RIGHT = "right"
    FULL = "full"  # centred or spanning: type name, trích yếu, body
    UNKNOWN = "unknown"  # plain text without positions


@dataclass(frozen=True, slots=True)
class LayoutLine:
    """A line of words on one row and in one column.

    Attributes:
        text: the words joined by single spaces.
        column: the column it stands in.
        page: 1-based page number.
        top: y of its highest word.
        left: x of its first word.
        centred: whether it is centred on the page and narrower than the text (a heading or
            a trích yếu line rather than body text); ``None`` when unknown.
    """

    text: str
    column: Column = Column.UNKNOWN
    page: int = 1
    top: int = 0
    left: int = 0
    centred: bool | None = None


def words_from_tsv(tsv: str, *, page: int | None = None) -> list[WordBox]:
    """Words of a Tesseract TSV (``tesseract … tsv``), empty and non-word rows skipped.

    ``page`` overrides the TSV's ``page_num``, which is 1 when each page image was recognized
    on its own (one Tesseract call per page, as the engine does).
    """
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    words = []
    for row in reader:
        text = (row.get("text") or "").strip()
        if not text or row.get("level") != str(_WORD_LEVEL):
            continue
        words.append(
            WordBox(
                text=text,
                left=int(row["left"]),
                top=int(row["top"]),
                width=int(row["width"]),
                height=int(row["height"]),
                conf=max(-1.0, float(row["conf"])),
                page=page if page is not None else int(row.get("page_num") or 1),
            )
        )
    return words


def words_from_hocr(source: str | Path) -> list[WordBox]:
    """Words of an hOCR document (a path to the engine's per-document ``.hocr``, or hOCR text),
    pages numbered from 1 in document order.

    Boxes reaching past the top or left edge (a deskewed page) are clipped to it; a box whose
    corners are inverted is garbage from the engine and its word is dropped, since a wrong
    position would put it in the wrong column.
    """
    from digitize.ocr.hocr import parse_hocr

    words = []
    for page_no, page in enumerate(parse_hocr(source), start=1):
        for word in page.words:
            text = word.text.strip()
            left, top, right, bottom = word.bbox
            if not text or right < left or bottom < top:
                continue
            left, top = max(left, 0), max(top, 0)
            words.append(
                WordBox(
                    text=text,
                    left=left,
                    top=top,
                    width=max(right - left, 0),
                    height=max(bottom - top, 0),
                    conf=min(max(word.confidence, 0.0), 100.0),
                    page=page_no,
                )
            )
    return words


def _rows(words: Sequence[WordBox]) -> list[list[WordBox]]:
    """Words grouped into visual rows, left to right.

    Each word joins the row whose last word it overlaps most vertically (by more than half the
    smaller height) and does not precede: chaining from neighbour to neighbour follows a row
    across a page scanned a little askew, where comparing with the row's first word would not.
    """
    rows: list[list[WordBox]] = []
    for word in sorted(words, key=lambda w: (w.left, w.top)):
        best: list[WordBox] | None = None
        best_overlap = 0.0
        for row in rows:
            last = row[-1]
            if last.right > word.left + word.height:
                continue  # the row already reaches past this word: not its continuation
            overlap = min(word.bottom, last.bottom) - max(word.top, last.top)
            if overlap > min(word.height, last.height) / 2 and overlap > best_overlap:
                best, best_overlap = row, overlap
        if best is None:
            rows.append([word])
        else:
            best.append(word)
    rows.sort(key=lambda r: (min(w.top for w in r[:3]), r[0].left))
    return rows


def _segments(row: list[WordBox], gap: float) -> list[list[WordBox]]:
    segments = [[row[0]]]
    for word in row[1:]:
        if word.left - segments[-1][-1].right > gap:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _centred(segment: list[WordBox], page_left: int, page_right: int) -> bool:
    width = max(page_right - page_left, 1)
    left_gap = segment[0].left - page_left
    right_gap = page_right - segment[-1].right
    # Body lines are justified to both margins or flush left with a short last line.
    return left_gap > 0.04 * width and abs(left_gap - right_gap) <= 0.06 * width


def _column(segment: list[WordBox], page_left: int, page_right: int) -> Column:
    width = max(page_right - page_left, 1)
    left = (segment[0].left - page_left) / width
    right = (segment[-1].right - page_left) / width
    centre = (left + right) / 2
    # NĐ 30 splits the columns near 40–45% of the text width; a centred heading straddles it.
    if centre < 0.4 and right <= 0.55:
        return Column.LEFT
    if centre > 0.6 and left >= 0.4:
        return Column.RIGHT
    return Column.FULL


def layout_lines(words: Iterable[WordBox]) -> list[LayoutLine]:
    """Lines in reading order: page by page, row by row, left column before right."""
    by_page: dict[int, list[WordBox]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    lines: list[LayoutLine] = []
    for page in sorted(by_page):
        page_words = by_page[page]
        page_left = min(w.left for w in page_words)
        page_right = max(w.right for w in page_words)
        height = statistics.median(w.height for w in page_words) or 1
        for row in _rows(page_words):
            for segment in _segments(row, _COLUMN_GAP_HEIGHTS * height):
                lines.append(
                    LayoutLine(
                        text=" ".join(w.text for w in segment),
                        column=_column(segment, page_left, page_right),
                        page=page,
                        top=min(w.top for w in segment),
                        left=segment[0].left,
                        centred=_centred(segment, page_left, page_right),
                    )
                )
    return lines
