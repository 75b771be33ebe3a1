"""Page images for review and search, and page-text corrections.

The searchable PDF of a document paints each page image over the same box as Tesseract's
text layer (:mod:`digitize.assemble`), so rendering a PDF page and scaling the hOCR word boxes
by ``rendered width / hOCR page width`` puts every box on its word.

The records library stores metadata corrections as revisions but has no place for corrected
page *text*; :func:`save_page_text` fills that gap with a small table of its own
(``ui_page_text``) in the catalog and re-indexes the document with the corrected text. The OCR
text files stay untouched, as DESIGN.md asks.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from digitize.ocr.hocr import parse_hocr
from digitize.records.index import index_document
from digitize.records.store import RecordStore
from digitize.vntext import nfc

__all__ = [
    "LowWord",
    "PageImage",
    "corrected_texts",
    "corrections",
    "render_page",
    "save_page_text",
]

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ui_page_text (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    page_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
)
"""

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


def _ensure(store: RecordStore) -> None:
    with store.catalog.transaction() as db:
        db.execute(_SCHEMA)


def corrected_texts(store: RecordStore, doc_id: str) -> dict[int, str]:
    """Page number → latest corrected text of the document's pages that were corrected."""
    _ensure(store)
    rows = store.db.execute(
        "SELECT page_no, text FROM ui_page_text WHERE doc_id = ? ORDER BY id", (doc_id,)
    )
    return {int(page_no): text for page_no, text in rows}


def corrections(store: RecordStore) -> list[tuple[str, int, str, str, str]]:
    """Every page-text correction: (doc_id, page_no, text, author, at), oldest first."""
    _ensure(store)
    rows = store.db.execute(
        "SELECT doc_id, page_no, text, author, at FROM ui_page_text ORDER BY id"
    )
    return [(str(a), int(b), str(c), str(d), str(e)) for a, b, c, d, e in rows]


def save_page_text(
    store: RecordStore, doc_id: str, page_no: int, text: str, *, author: str = ""
) -> None:
    """Store a corrected page text (history kept) and re-index the document with it."""
    _ensure(store)
    clean = nfc(text)
    with store.catalog.transaction() as db:
        row = db.execute("SELECT seq FROM rec_records WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise ValueError(f"no record for document {doc_id[:12]}")
        seq = int(row[0])
        pages = list(
            db.execute(
                "SELECT page_no, meta, body FROM rec_pages WHERE doc_id = ? ORDER BY page_no",
                (doc_id,),
            )
        )
        if not 1 <= page_no <= len(pages):
            raise ValueError(f"document {doc_id[:12]} has no page {page_no}")
        db.execute(
            "INSERT INTO ui_page_text(doc_id, page_no, text, author, at) VALUES (?, ?, ?, ?, ?)",
            (doc_id, page_no, clean, author, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )
        bodies: Sequence[str] = [clean if p[0] == page_no else p[2] for p in pages]
        index_document(db, seq, doc_id, bodies, pages[0][1])
    log.info("page %d of %s corrected and re-indexed", page_no, doc_id[:12])
