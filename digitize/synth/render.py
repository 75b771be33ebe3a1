"""Lay out and draw a document's pages as a clean A4 scan, with exact ground truth.

Page 1 follows NĐ 30 Phụ lục I (DOMAIN.md §7): agency block top left, quốc hiệu top right,
``Số:`` under the agency with the italic date line on the same row, type name and trích yếu
centred, the body, then ``Nơi nhận:`` on the left beside the signer block on the right.
Continuation pages carry the page number centred in the top margin, then body text.

Ground truth lists the printed lines in the reading order documented in
:mod:`digitize.synth`; every line carries its box and word boxes in pixels of the clean page.
Layout is computed without drawing (measuring text only), so finding how many paragraphs fill
N pages costs milliseconds.
"""

from __future__ import annotations

import functools
import logging
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from digitize.synth.content import BodyStyle, DocumentContent
from digitize.synth.fonts import (
    MONO_FAMILIES,
    PREFERRED_FAMILIES,
    FontFamily,
    find_font_family,
)

__all__ = [
    "A4_MM",
    "Block",
    "PageStyle",
    "PageTruth",
    "RenderedPage",
    "TextLine",
    "Word",
    "count_pages",
    "render_document",
]

log = logging.getLogger(__name__)

A4_MM = (210.0, 297.0)

Box = tuple[int, int, int, int]


class Block(StrEnum):
    """Which part of the document a printed line belongs to, in reading order."""

    PAGE_NUMBER = "page_number"
    AGENCY = "agency"
    NATIONAL_TITLE = "national_title"
    NUMBER = "number"
    DATE = "date"
    TYPE_TITLE = "type_title"
    SUBJECT = "subject"
    BODY = "body"
    RECIPIENTS = "recipients"
    SIGNER = "signer"


@dataclass(frozen=True, slots=True)
class Word:
    """One printed word.

    Attributes:
        text: the word as printed (NFC).
        box: ``(left, top, right, bottom)`` in pixels of the clean page, ink extent.
    """

    text: str
    box: Box


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line.

    Attributes:
        text: the words joined by single spaces.
        box: union of the word boxes.
        block: the part of the document it belongs to.
        words: the words, left to right.
    """

    text: str
    box: Box
    block: Block
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class PageTruth:
    """What a clean page shows, in reading order.

    Attributes:
        number: 1-based page number within the document.
        width: page width in pixels.
        height: page height in pixels.
        dpi: resolution the page was drawn at.
        lines: the printed lines in reading order.
    """

    number: int
    width: int
    height: int
    dpi: int
    lines: tuple[TextLine, ...]

    @property
    def text(self) -> str:
        """The page's text: lines in reading order joined by newlines."""
        return "\n".join(line.text for line in self.lines)

    @property
    def text_rows(self) -> str:
        """The page's text in visual row order: rows top to bottom, each left to right.

        Side-by-side blocks (agency beside quốc hiệu, ``Nơi nhận`` beside the signer) are
        interleaved row by row, joined by one space, the way Tesseract's default page
        segmentation reads such layouts; compare against this when the evaluation is
        order-sensitive and the OCR engine reads by rows.
        """
        return "\n".join(" ".join(line.text for line in row) for row in self.rows())

    def rows(self) -> list[list[TextLine]]:
        """Lines grouped into visual rows (vertical overlap above half the smaller height)."""
        rows: list[list[TextLine]] = []
        for line in sorted(self.lines, key=lambda ln: (ln.box[1], ln.box[0])):
            for row in rows:
                top = max(line.box[1], row[0].box[1])
                bottom = min(line.box[3], row[0].box[3])
                smaller = min(line.box[3] - line.box[1], row[0].box[3] - row[0].box[1])
                if bottom - top > smaller / 2:
                    row.append(line)
                    break
            else:
                rows.append([line])
        for row in rows:
            row.sort(key=lambda ln: ln.box[0])
        rows.sort(key=lambda r: min(ln.box[1] for ln in r))
        return rows

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (boxes as lists)."""
        return {
            "page": self.number,
            "width": self.width,
            "height": self.height,
            "dpi": self.dpi,
            "text": self.text,
            "text_rows": self.text_rows,
            "lines": [
                {
                    "text": line.text,
                    "block": str(line.block),
                    "box": list(line.box),
                    "words": [{"text": w.text, "box": list(w.box)} for w in line.words],
                }
                for line in self.lines
            ],
        }


@dataclass(frozen=True, slots=True, eq=False)
class RenderedPage:
    """A drawn clean page and its ground truth.

    Attributes:
        image: 8-bit grayscale (mode ``L``) page image, dpi stored in ``image.info``.
        truth: what is printed on it.
        color_image: the same page in RGB when it carries something coloured (the red
            seal), else ``None`` (then the page is pure gray).
    """

    image: Image.Image
    truth: PageTruth
    color_image: Image.Image | None = None


@dataclass(frozen=True, slots=True)
class PageStyle:
    """Typographic choices within NĐ 30's ranges (DOMAIN.md §7).

    Attributes:
        dpi: drawing resolution.
        margins_mm: top, bottom, left, right margins in millimetres.
        body_pt: body text size (13–14 pt).
        line_spacing: baseline-to-baseline distance as a multiple of the body size.
        paragraph_gap_pt: extra space after a paragraph.
        indent_mm: first-line indent of paragraphs.
        paper: gray level of the paper (255 = white).
        ink: gray level of the ink.
        signature: whether a handwritten signature stroke is drawn above the signer's name.
        seal: whether the agency's round red seal (con dấu) is stamped over the left third
            of the signature, as NĐ 30 prescribes; it overlaps the position and the name.
        typewriter: set in a monospaced face, ragged right, each letter struck a little
            off its line and more or less inked, as documents typed before computers.
    """

    dpi: int = 300
    margins_mm: tuple[float, float, float, float] = (20.0, 20.0, 30.0, 15.0)
    body_pt: float = 13.0
    line_spacing: float = 1.25
    paragraph_gap_pt: float = 6.0
    indent_mm: float = 12.7
    paper: int = 255
    ink: int = 0
    signature: bool = True
    seal: bool = False
    typewriter: bool = False

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 1200:
            raise ValueError(f"dpi must be within 72..1200, got {self.dpi}")
        if not 10 <= self.body_pt <= 16:
            raise ValueError(f"body_pt must be within 10..16, got {self.body_pt}")
        if not 0 <= self.ink < self.paper <= 255:
            raise ValueError("ink must be darker than paper")

    @classmethod
    def from_seed(cls, seed: int, *, dpi: int = 300) -> PageStyle:
        """A style drawn from NĐ 30's allowed ranges."""
        rng = random.Random(seed)
        return cls(
            dpi=dpi,
            margins_mm=(
                rng.uniform(20, 25),
                rng.uniform(20, 25),
                rng.uniform(30, 35),
                rng.uniform(15, 20),
            ),
            body_pt=rng.choice((13.0, 13.5, 14.0)),
            line_spacing=rng.choice((1.2, 1.3, 1.4)),
            indent_mm=rng.choice((10.0, 12.7)),
        )

    def px(self, mm: float) -> int:
        """Millimetres to pixels."""
        return round(mm / 25.4 * self.dpi)

    def pt(self, points: float) -> int:
        """Points to pixels."""
        return round(points / 72 * self.dpi)


@functools.lru_cache(maxsize=64)
def _font(path: str, size_px: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: NFC Vietnamese needs no shaping, and it is faster and needs no libraqm.
    return ImageFont.truetype(path, size_px, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True, slots=True)
class _Face:
    """A font at a size, with the metrics layout needs."""

    font: ImageFont.FreeTypeFont
    space: float

    def width(self, text: str) -> float:
        return _length(self.font, text)


@functools.lru_cache(maxsize=1 << 16)
def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    # Layout measures the same few hundred words over and over (page targeting lays a body
    # out several times); fonts come from the _font cache, so identity keys are stable.
    return float(font.getlength(text))


@dataclass(slots=True)
class _Fonts:
    family: FontFamily
    style: PageStyle
    _cache: dict[tuple[float, bool, bool], _Face] = field(default_factory=dict)

    def get(self, points: float, *, bold: bool = False, italic: bool = False) -> _Face:
        key = (points, bold, italic)
        if key not in self._cache:
            font = _font(str(self.family.path(bold=bold, italic=italic)), self.style.pt(points))
            self._cache[key] = _Face(font, float(font.getlength(" ")))
        return self._cache[key]


@dataclass(frozen=True, slots=True)
class _Placed:
    """A word to draw at a baseline position."""

    text: str
    x: float
    baseline: int
    face: _Face


@dataclass(slots=True)
class _Page:
    lines: list[tuple[Block, list[_Placed]]] = field(default_factory=list)
    rules: list[tuple[int, int, int, int]] = field(default_factory=list)
    scribbles: list[Box] = field(default_factory=list)
    seals: list[tuple[int, int, int]] = field(default_factory=list)  # centre x, y, radius


class _Layout:
    """Places text lines on pages; knows nothing about pixels beyond font metrics."""

    def __init__(
        self,
        content: DocumentContent,
        style: PageStyle,
        family: FontFamily,
        break_before: int | None = None,
    ) -> None:
        self.c = content
        self.break_before = break_before
        self.closing_alone = False
        self.s = style
        self.f = _Fonts(family, style)
        self.width = style.px(A4_MM[0])
        self.height = style.px(A4_MM[1])
        top, bottom, left, right = style.margins_mm
        self.top = style.px(top)
        self.bottom = self.height - style.px(bottom)
        self.left = style.px(left)
        self.right = self.width - style.px(right)
        self.text_width = self.right - self.left
        self.split = self.left + round(self.text_width * 0.40)
        self.pages: list[_Page] = []
        self.y = 0

    # ------------------------------------------------------------------ helpers
    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.top
        if len(self.pages) > 1:
            face = self.f.get(self.s.body_pt)
            number = str(len(self.pages))
            baseline = self.top // 2 + round(face.font.size * 0.35)
            x = (self.left + self.right) / 2 - face.width(number) / 2
            self.page.lines.append((Block.PAGE_NUMBER, [_Placed(number, x, baseline, face)]))

    def pitch(self, face: _Face, spacing: float | None = None) -> int:
        return round(face.font.size * (spacing or self.s.line_spacing))

    def wrap(self, text: str, face: _Face, width: float, first_indent: float = 0) -> list[str]:
        """Greedy word wrap; a word longer than the line stays whole on its own line."""
        lines: list[list[str]] = [[]]
        used = first_indent
        for word in text.split():
            w = face.width(word)
            if lines[-1] and used + face.space + w > width:
                lines.append([word])
                used = w
            else:
                used += (face.space if lines[-1] else 0) + w
                lines[-1].append(word)
        return [" ".join(words) for words in lines if words]

    def place_line(
        self,
        text: str,
        face: _Face,
        baseline: int,
        left: float,
        right: float,
        *,
        align: str,
        block: Block,
    ) -> None:
        words = text.split()
        widths = [face.width(w) for w in words]
        natural = sum(widths) + face.space * (len(words) - 1)
        gap = face.space
        if align == "center":
            x = (left + right) / 2 - natural / 2
        elif align == "justify" and len(words) > 1 and not self.s.typewriter:
            x = left
            gap = (right - left - sum(widths)) / (len(words) - 1)
        else:
            x = left
        placed = []
        for word, w in zip(words, widths, strict=True):
            placed.append(_Placed(word, x, baseline, face))
            x += w + gap
        self.page.lines.append((block, placed))

    def ensure_room(self, needed: int) -> None:
        if self.y + needed > self.bottom:
            self.new_page()

    # ------------------------------------------------------------------ page 1 header
    def header(self) -> None:
        c, s, f = self.c, self.s, self.f
        self.new_page()
        # Left: parent (regular) and issuing agency (bold), centred in the left column.
        col_l, col_r = self.left - s.px(8), self.split + s.px(2)
        y = self.top
        items: list[tuple[str, _Face]] = []
        if c.agency.parent:
            items.append((c.agency.parent, f.get(12.5)))
        bold = f.get(12.5, bold=True)
        items.extend((line, bold) for line in c.agency.printed)
        last_width = 0.0
        for text, face in items:
            for piece in self.wrap(text, face, col_r - col_l):
                y += self.pitch(face, 1.15)
                self.place_line(piece, face, y, col_l, col_r, align="center", block=Block.AGENCY)
                last_width = face.width(piece)
        mid_l = (col_l + col_r) / 2
        # below the dot of Ụ/Ộ: a rule touching marks would merge them into one blob
        rule_y = y + s.pt(7)
        half = max(last_width / 6, s.px(10))
        self.page.rules.append((round(mid_l - half), rule_y, round(mid_l + half), rule_y))
        left_bottom = rule_y
        # Right: quốc hiệu, shrunk until it fits the column, and the motto, underlined.
        rc_l, rc_r = self.split + s.px(4), self.right + s.px(4)
        size = 12.5
        while size > 10 and f.get(size, bold=True).width(c.national_name) > rc_r - rc_l:
            size -= 0.5
        y = self.top
        face = f.get(size, bold=True)
        y += self.pitch(face, 1.15)
        self.place_line(
            c.national_name, face, y, rc_l, rc_r, align="center", block=Block.NATIONAL_TITLE
        )
        face = f.get(13, bold=True)
        y += self.pitch(face, 1.15)
        self.place_line(c.MOTTO, face, y, rc_l, rc_r, align="center", block=Block.NATIONAL_TITLE)
        motto_w = face.width(c.MOTTO)
        mid_r = (rc_l + rc_r) / 2
        rule_y = y + s.pt(7)
        self.page.rules.append(
            (round(mid_r - motto_w / 2), rule_y, round(mid_r + motto_w / 2), rule_y)
        )
        y = max(left_bottom, rule_y) + s.pt(6)
        # Row: Số (left) and the italic date line (right).
        face = f.get(13)
        y += self.pitch(face, 1.2)
        self.place_line(c.number_line, face, y, col_l, col_r, align="center", block=Block.NUMBER)
        date_face = f.get(self.s.body_pt, italic=True)
        self.place_line(c.date_line, date_face, y, rc_l, rc_r, align="center", block=Block.DATE)
        if c.doc_type.title is None:
            # công văn: V/v trích yếu under the number, 12 pt, in the left column
            face = f.get(12)
            for piece in self.wrap(c.printed_subject, face, col_r - col_l - s.px(4)):
                y += self.pitch(face, 1.15)
                self.place_line(piece, face, y, col_l, col_r, align="center", block=Block.SUBJECT)
            y += s.pt(14)
        else:
            y += s.pt(14)
            face = f.get(14, bold=True)
            y += self.pitch(face, 1.2)
            self.place_line(
                c.doc_type.title,
                face,
                y,
                self.left,
                self.right,
                align="center",
                block=Block.TYPE_TITLE,
            )
            widest = 0.0
            for piece in self.wrap(c.printed_subject, face, self.text_width * 0.8):
                y += self.pitch(face, 1.2)
                self.place_line(
                    piece, face, y, self.left, self.right, align="center", block=Block.SUBJECT
                )
                widest = max(widest, face.width(piece))
            rule_y = y + s.pt(6)
            mid = (self.left + self.right) / 2
            half = max(widest / 6, s.px(12))
            self.page.rules.append((round(mid - half), rule_y, round(mid + half), rule_y))
            y = rule_y + s.pt(10)
        self.y = y

    # ------------------------------------------------------------------ body
    def body(self) -> None:
        s = self.s
        indent = s.px(s.indent_mm)
        for index, block in enumerate(self.c.body):
            if index == self.break_before:
                self.new_page()
            italic = block.style is BodyStyle.PREAMBLE
            bold = block.style in (BodyStyle.HEADING, BodyStyle.CENTER)
            face = self.f.get(s.body_pt, bold=bold, italic=italic)
            pitch = self.pitch(face)
            if block.style is BodyStyle.TABLE:
                self.table(block.cells)
            elif block.style is BodyStyle.CENTER:
                self.ensure_room(pitch)
                self.y += pitch
                self.place_line(
                    block.text,
                    face,
                    self.y,
                    self.left,
                    self.right,
                    align="center",
                    block=Block.BODY,
                )
            elif block.style in (BodyStyle.HEADING, BodyStyle.ADDRESS):
                for piece in self.wrap(block.text, face, self.text_width - indent):
                    self.ensure_room(pitch)
                    self.y += pitch
                    self.place_line(
                        piece,
                        face,
                        self.y,
                        self.left + indent,
                        self.right,
                        align="left",
                        block=Block.BODY,
                    )
            else:
                pieces = self.wrap(block.text, face, self.text_width, first_indent=indent)
                for i, piece in enumerate(pieces):
                    self.ensure_room(pitch)
                    self.y += pitch
                    last = i == len(pieces) - 1
                    self.place_line(
                        piece,
                        face,
                        self.y,
                        self.left + (indent if i == 0 else 0),
                        self.right,
                        align="left" if last else "justify",
                        block=Block.BODY,
                    )
            self.y += s.pt(s.paragraph_gap_pt)

    def table(self, rows: tuple[tuple[str, ...], ...]) -> None:
        """A ruled grid; a row that does not fit starts a new page (no repeated header)."""
        s = self.s
        regular = self.f.get(s.body_pt - 1)
        bold = self.f.get(s.body_pt - 1, bold=True)
        fractions = (0.09, 0.49, 0.2, 0.22)
        edges = [self.left]
        for fraction in fractions[:-1]:
            edges.append(edges[-1] + round(fraction * self.text_width))
        edges.append(self.right)
        row_height = round(regular.font.size * 1.8)
        pad = s.px(2)
        self.y += s.pt(4)
        for r, row in enumerate(rows):
            face = bold if r == 0 else regular
            if self.y + row_height > self.bottom:
                self.new_page()
            top, bottom = self.y, self.y + row_height
            baseline = top + round(row_height * 0.68)
            placed: list[_Placed] = []
            for c, cell in enumerate(row):
                words = cell.split()
                widths = [face.width(w) for w in words]
                natural = sum(widths) + face.space * (len(words) - 1)
                left, right = edges[c], edges[c + 1]
                x = left + pad if c == 1 and r > 0 else (left + right) / 2 - natural / 2
                for word, width in zip(words, widths, strict=True):
                    placed.append(_Placed(word, x, baseline, face))
                    x += width + face.space
            self.page.lines.append((Block.BODY, placed))
            self.page.rules.append((edges[0], top, edges[-1], top))
            self.page.rules.append((edges[0], bottom, edges[-1], bottom))
            self.page.rules.extend((x, top, x, bottom) for x in edges)
            self.y = bottom
        self.y += s.pt(4)

    # ------------------------------------------------------------------ closing
    def closing(self) -> None:
        c, s, f = self.c, self.s, self.f
        head = f.get(12, bold=True, italic=True)
        small = f.get(11)
        sig = f.get(13.5, bold=True)
        col_l, col_r = self.left, self.split + s.px(6)
        rc_l, rc_r = self.split + s.px(10), self.right
        rec_lines: list[tuple[str, _Face, float]] = [("Nơi nhận:", head, col_l)]
        for item in c.recipients:
            for j, piece in enumerate(self.wrap(f"- {item}", small, col_r - col_l)):
                rec_lines.append((piece, small, col_l + (0 if j == 0 else s.px(2))))
        # One pitch for both columns: rows then share baselines, as in a Word table, and
        # Tesseract does not cut a 13.5 pt line in two between two 11 pt ones.
        row = s.pt(16)
        rec_height = row * len(rec_lines)
        sig_lines = [*c.signer.authority, c.signer.position]
        sign_space = s.px(24)
        sig_height = row * (len(sig_lines) + 1) + sign_space
        needed = max(rec_height, sig_height) + s.pt(12)
        if self.y + needed > self.bottom:
            self.closing_alone = True
        self.ensure_room(needed)
        y0 = self.y + s.pt(12)
        y = y0
        for text, face, x in rec_lines:
            y += row
            self.place_line(text, face, y, x, col_r, align="left", block=Block.RECIPIENTS)
        y = y0
        for text in sig_lines:
            y += row
            self.place_line(text, sig, y, rc_l, rc_r, align="center", block=Block.SIGNER)
        top = y + s.px(3)
        y += sign_space
        mid = (rc_l + rc_r) / 2
        if s.signature:
            self.page.scribbles.append(
                (round(mid - s.px(16)), top + s.px(5), round(mid + s.px(16)), y - s.px(9))
            )
        if s.seal:
            # NĐ 30: the seal covers about a third of the signature, on its left
            self.page.seals.append((round(mid - s.px(12)), round((top + y) / 2), s.px(17)))
        y += row
        self.place_line(c.signer.full_name, sig, y, rc_l, rc_r, align="center", block=Block.SIGNER)
        self.y = y

    def run(self) -> list[_Page]:
        self.header()
        self.body()
        self.closing()
        return self.pages


def _truth_lines(page: _Page) -> Iterator[TextLine]:
    order = list(Block)
    # Stable sort by block keeps each block's lines in the order they were placed, which is
    # top to bottom; side-by-side columns thus read left block first (reading-order rule).
    for block, placed in sorted(page.lines, key=lambda item: order.index(item[0])):
        words = []
        for p in placed:
            x0, y0, x1, y1 = p.face.font.getbbox(p.text, anchor="ls")
            x = round(p.x)
            box = (x + round(x0), p.baseline + round(y0), x + round(x1), p.baseline + round(y1))
            words.append(Word(p.text, box))
        union = (
            min(w.box[0] for w in words),
            min(w.box[1] for w in words),
            max(w.box[2] for w in words),
            max(w.box[3] for w in words),
        )
        yield TextLine(" ".join(w.text for w in words), union, block, tuple(words))


def _scribble(draw: ImageDraw.ImageDraw, box: Box, style: PageStyle, seed: int) -> None:
    """A looping pen stroke standing for a handwritten signature (not text: no ground truth)."""
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = box
    t = np.linspace(0, 1, 240)
    loops = rng.uniform(3.0, 5.0)
    phase = rng.uniform(0, 3)
    # x runs back on itself (loops) while drifting right; y decays: a quick flourish
    xs = x0 + (x1 - x0) * (t + 0.08 * np.sin(2 * math.pi * loops * t + phase))
    ys = (y0 + y1) / 2 + (y1 - y0) / 2 * (1.1 - t) * np.cos(2 * math.pi * loops * t)
    ys -= (y1 - y0) * 0.25 * (t - 0.5)
    points = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
    # pen ink is lighter than toner, as a blue signature is once scanned in gray
    shade = style.ink + (style.paper - style.ink) * 2 // 5
    draw.line(points, fill=shade, width=max(1, style.pt(0.9)), joint="curve")


#: Seal ink: red in colour; its gray level as a gray scanner sees it.
SEAL_RGB = (205, 38, 48)
SEAL_GRAY = 110


def _seal_mask(content: DocumentContent, style: PageStyle, radius: int, seed: int) -> Image.Image:
    """The seal's ink as an ``L`` mask (255 = ink) of size 2·radius: rings, name, star."""
    size = 2 * radius + 1
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    ring = max(2, style.pt(1.6))
    draw.ellipse((0, 0, size - 1, size - 1), outline=255, width=ring)
    inner = radius - style.px(6.5)
    draw.ellipse(
        (radius - inner, radius - inner, radius + inner, radius + inner),
        outline=255,
        width=max(1, ring // 2),
    )
    # star in the centre
    r_out, r_in = style.px(4.5), style.px(1.8)
    points = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        points.append((radius + r * math.cos(a), radius + r * math.sin(a)))
    draw.polygon(points, fill=255)
    # agency name running clockwise around the ring, starting bottom left
    agency = content.agency
    name = " ".join((*((agency.parent,) if agency.parent else ()), *agency.printed))
    family = find_font_family()
    font = _font(str(family.path(bold=True)), style.pt(8))
    text_r = radius - style.px(3.6)
    span = 2 * math.pi * 0.80
    start = math.pi / 2 + (2 * math.pi - span) / 2  # angle measured clockwise from +x
    step = span / max(1, len(name) - 1)
    for i, ch in enumerate(name):
        if ch == " ":
            continue
        a = start + i * step
        box = round(font.size * 2)
        glyph = Image.new("L", (box, box), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), ch, font=font, fill=255, anchor="mm")
        # a glyph on top of the ring stands upright; elsewhere it turns with the ring
        turned = glyph.rotate(-math.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
        cx = radius + text_r * math.cos(a)
        cy = radius + text_r * math.sin(a)
        mask.paste(255, (round(cx - font.size), round(cy - font.size)), turned)
    # stamps never ink evenly: thin the mask with seeded blotches
    rng = np.random.default_rng(seed)
    m = np.asarray(mask, dtype=np.float32) / 255
    patchy = rng.uniform(0.55, 1.0, (8, 8)).astype(np.float32)
    patchy_img = Image.fromarray((patchy * 255).astype(np.uint8)).resize(
        (size, size), Image.Resampling.BICUBIC
    )
    m *= np.asarray(patchy_img, dtype=np.float32) / 255
    return Image.fromarray(np.clip(m * 255, 0, 255).astype(np.uint8))


def _stamp(
    gray: Image.Image, colour: Image.Image, mask: Image.Image, centre: tuple[int, int]
) -> None:
    """Multiply the seal's ink into both images (ink under the seal stays visible)."""
    x0, y0 = centre[0] - mask.width // 2, centre[1] - mask.height // 2
    box = (x0, y0, x0 + mask.width, y0 + mask.height)
    m = np.asarray(mask, dtype=np.float32)[..., None] / 255
    g = np.asarray(gray.crop(box), dtype=np.float32)[..., None]
    g_out = g * (1 - m * (1 - SEAL_GRAY / 255))
    gray.paste(Image.fromarray(np.rint(g_out[..., 0]).astype(np.uint8)), box[:2])
    c = np.asarray(colour.crop(box), dtype=np.float32)
    tint = np.asarray(SEAL_RGB, dtype=np.float32) / 255
    c_out = c * (1 - m * (1 - tint))
    colour.paste(Image.fromarray(np.rint(c_out).astype(np.uint8), "RGB"), box[:2])


def _strike(draw: ImageDraw.ImageDraw, page: _Page, style: PageStyle, seed: int) -> None:
    """Type every letter on its own: a typebar lands a little high or low, hard or soft."""
    rng = np.random.default_rng(seed)
    wobble = max(1, style.dpi // 200)
    light = (style.paper - style.ink) * 0.3
    for _, placed in page.lines:
        for p in placed:
            x = p.x
            offsets = rng.integers(-wobble, wobble + 1, len(p.text))
            shades = style.ink + np.rint(rng.uniform(0, light, len(p.text))).astype(int)
            for ch, dy, shade in zip(p.text, offsets, shades, strict=True):
                draw.text(
                    (round(x), p.baseline + int(dy)),
                    ch,
                    font=p.face.font,
                    fill=int(shade),
                    anchor="ls",
                )
                x += p.face.width(ch)


def _layout(content: DocumentContent, style: PageStyle) -> list[_Page]:
    family = find_font_family(MONO_FAMILIES if style.typewriter else PREFERRED_FAMILIES)
    first = _Layout(content, style, family)
    pages = first.run()
    if first.closing_alone and len(content.body) > 1:
        # Typists never leave the signature alone on a page: carry the last paragraph over.
        pages = _Layout(content, style, family, break_before=len(content.body) - 1).run()
    return pages


def count_pages(content: DocumentContent, style: PageStyle) -> int:
    """How many pages ``content`` fills in ``style``, without drawing anything."""
    return len(_layout(content, style))


def render_document(
    content: DocumentContent, style: PageStyle | None = None
) -> tuple[RenderedPage, ...]:
    """Draw every page of ``content`` as a clean grayscale scan with its ground truth.

    Args:
        content: what to print.
        style: typography; by default drawn from ``content.seed`` at 300 dpi.
    """
    style = style or PageStyle.from_seed(content.seed)
    pages = _layout(content, style)
    rendered = []
    for number, page in enumerate(pages, 1):
        image = Image.new("L", (round(style.px(A4_MM[0])), round(style.px(A4_MM[1]))), style.paper)
        draw = ImageDraw.Draw(image)
        if style.typewriter:
            _strike(draw, page, style, content.seed * 41 + number)
        else:
            for _, placed in page.lines:
                for p in placed:
                    draw.text(
                        (round(p.x), p.baseline),
                        p.text,
                        font=p.face.font,
                        fill=style.ink,
                        anchor="ls",
                    )
        for x0, y0, x1, y1 in page.rules:
            draw.line((x0, y0, x1, y1), fill=style.ink, width=max(1, style.pt(0.75)))
        for i, box in enumerate(page.scribbles):
            _scribble(draw, box, style, content.seed * 31 + i)
        colour: Image.Image | None = None
        for i, (cx, cy, radius) in enumerate(page.seals):
            colour = colour or image.convert("RGB")
            mask = _seal_mask(content, style, radius, content.seed * 37 + i)
            _stamp(image, colour, mask, (cx, cy))
        image.info["dpi"] = (style.dpi, style.dpi)
        if colour is not None:
            colour.info["dpi"] = (style.dpi, style.dpi)
        truth = PageTruth(number, image.width, image.height, style.dpi, tuple(_truth_lines(page)))
        rendered.append(RenderedPage(image, truth, colour))
    log.debug("rendered %d page(s) for seed %d", len(rendered), content.seed)
    return tuple(rendered)
