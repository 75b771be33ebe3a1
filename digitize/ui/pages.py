"""Page images for review and search.

The searchable PDF of a document paints each page image over the same box as Tesseract's
text layer (:mod:`digitize.assemble`), so rendering a PDF page and scaling the hOCR word boxes
by ``rendered width / hOCR page width`` puts every box on its word.

Corrected page texts are revisions of the records library
(:meth:`digitize.records.RecordStore.revise_page_text`); the stopgap ``ui_page_text`` table
this module used to keep is imported into it, then dropped, when a store opens the archive.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from digitize.ocr.hocr import parse_hocr
from digitize.vntext import nfc

__all__ = [
    "LowWord",
    "PageImage",
    "render_page",
]

#: Highlight of a low-confidence word: translucent orange over the page.
_HIGHLIGHT = (255, 140, 0, 90)
_OUTLINE = (220, 60, 0, 255)


@dataclass(frozen=True, slots=True)
class LowWord:
    """A word Tesseract was unsure of.

    Attributes:
        text: the word as read.
        confidence: 0–100.
        box: left, top, right, bottom in the rendered image's pixels.
    """

    text: str
    confidence: float
    box: tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class PageImage:
    """A rendered page with its doubtful words marked.

    Attributes:
        png: the image, PNG bytes.
        width, height: its size in pixels.
        low_words: the words below the threshold, in reading order.
    """

    png: bytes
    width: int
    height: int
    low_words: tuple[LowWord, ...]


def render_page(
    pdf: Path,
    page_no: int,
    *,
    hocr: Path | None = None,
    threshold: float = 80.0,
    width: int = 900,
) -> PageImage:
    """Render page ``page_no`` (1-based) of ``pdf`` at ``width`` pixels, marking every word
    of ``hocr`` whose confidence is below ``threshold``."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    document = pdfium.PdfDocument(str(pdf))
    try:
        if not 1 <= page_no <= len(document):
            raise ValueError(f"{pdf.name} has no page {page_no}")
        page = document[page_no - 1]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil().convert("RGBA")
    finally:
        document.close()
    low: list[LowWord] = []
    if hocr is not None and hocr.exists():
        pages = parse_hocr(hocr)
        if page_no <= len(pages) and pages[page_no - 1].width > 0:
            hpage = pages[page_no - 1]
            factor = image.width / hpage.width
            for word in hpage.words:
                if word.text.strip() and word.confidence < threshold:
                    left, top, right, bottom = (round(v * factor) for v in word.bbox)
                    low.append(LowWord(nfc(word.text), word.confidence, (left, top, right, bottom)))
    if low:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for low_word in low:
            draw.rectangle(low_word.box, fill=_HIGHLIGHT, outline=_OUTLINE, width=2)
        image = Image.alpha_composite(image, overlay)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", optimize=False)
    return PageImage(buffer.getvalue(), image.width, image.height, tuple(low))
