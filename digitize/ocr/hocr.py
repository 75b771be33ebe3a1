"""Read Tesseract hOCR into small typed records, and merge per-page hOCR into one document."""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
_BBOX = re.compile(r"bbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
_WCONF = re.compile(r"x_wconf\s+(-?\d+(?:\.\d+)?)")
_SCAN_RES = re.compile(r"scan_res\s+(\d+)\s+(\d+)")
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_textfloat", "ocr_caption"}

BBox = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Word:
    """A recognised word.

    Attributes:
        text: the word, NFC as Tesseract wrote it.
        bbox: left, top, right, bottom in image pixels.
        confidence: 0–100.
    """

    text: str
    bbox: BBox
    confidence: float


@dataclass(frozen=True, slots=True)
class Line:
    """A text line: its box and words in reading order."""

    bbox: BBox
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (hOCR ``ocr_par``): its box and lines."""

    bbox: BBox
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """One hOCR page.

    Attributes:
        width, height: image size in pixels.
        dpi: scan resolution, 0 if unknown.
        blocks: paragraphs in reading order.
    """

    width: int
    height: int
    dpi: int
    blocks: tuple[Block, ...]

    @property
    def words(self) -> tuple[Word, ...]:
        """All words in reading order."""
        return tuple(w for b in self.blocks for line in b.lines for w in line.words)


def _bbox(title: str) -> BBox:
    m = _BBOX.search(title)
    if not m:
        return (0, 0, 0, 0)
    left, top, right, bottom = (int(v) for v in m.groups())
    return (left, top, right, bottom)


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el: ET.Element) -> str:
    return "".join(el.itertext()).strip()


def parse_hocr(source: str | Path) -> list[Page]:
    """Pages of an hOCR document (a path or the XHTML text)."""
    text = source.read_text("utf-8") if isinstance(source, Path) else source
    root = ET.fromstring(text)
    pages = []
    for page_el in root.iter():
        if "ocr_page" not in _classes(page_el):
            continue
        title = page_el.get("title") or ""
        _, _, width, height = _bbox(title)
        res = _SCAN_RES.search(title)
        blocks = []
        for par in page_el.iter():
            if "ocr_par" not in _classes(par):
                continue
            lines = []
            for line_el in par.iter():
                if not _classes(line_el) & _LINE_CLASSES:
                    continue
                words = []
                for w in line_el.iter():
                    if "ocrx_word" not in _classes(w):
                        continue
                    word_text = unicodedata.normalize("NFC", _text(w))
                    if not word_text:
                        continue
                    wtitle = w.get("title") or ""
                    conf = _WCONF.search(wtitle)
                    words.append(
                        Word(word_text, _bbox(wtitle), float(conf.group(1)) if conf else 0.0)
                    )
                if words:
                    lines.append(Line(_bbox(line_el.get("title") or ""), tuple(words)))
            if lines:
                blocks.append(Block(_bbox(par.get("title") or ""), tuple(lines)))
        pages.append(Page(width, height, int(res.group(1)) if res else 0, tuple(blocks)))
    return pages


_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" lang="{lang}">
 <head>
  <title>{title}</title>
  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
  <meta name='ocr-system' content='{system}' />
  <meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf'/>
 </head>
 <body>
"""
_BODY = re.compile(r"<body>\s*(.*?)\s*</body>", re.S)
_ID = re.compile(r"id='([a-z]+)_1(_\d+)?'")
_SYSTEM = re.compile(r"name='ocr-system' content='([^']*)'")


_IMAGE = re.compile(r"image \"[^\"]*\"")


def renumber_page(page_hocr: str, page_no: int, image_name: str = "") -> str:
    """The ``ocr_page`` div of a single-page Tesseract hOCR, renumbered as page ``page_no``.

    The text is NFC-normalized, and the temporary image path Tesseract read is replaced by
    ``image_name`` (the source file), which is what a reader of the hOCR can find.
    """
    body = _BODY.search(page_hocr)
    content = unicodedata.normalize("NFC", body.group(1) if body else "")
    content = _ID.sub(lambda m: f"id='{m.group(1)}_{page_no}{m.group(2) or ''}'", content)
    safe_name = html.escape(image_name)
    content = _IMAGE.sub(lambda _m: f'image "{safe_name}"', content, count=1)
    return content.replace("ppageno 0", f"ppageno {page_no - 1}", 1)


def empty_page(page_no: int, width: int, height: int, note: str) -> str:
    """An ``ocr_page`` with no words (a page kept with its own text layer, or a failed one)."""
    return (
        f"<div class='ocr_page' id='page_{page_no}' title='bbox 0 0 {width} {height}; "
        f"ppageno {page_no - 1}'><!-- {html.escape(note)} --></div>"
    )


def merge_pages(
    pages: list[str], *, title: str, system: str = "tesseract", lang: str = "vi"
) -> str:
    """One hOCR document from per-page ``ocr_page`` fragments (see ``renumber_page``)."""
    head = _HEAD.format(lang=lang, title=html.escape(title), system=system)
    return head + "\n".join("  " + p for p in pages) + "\n </body>\n</html>\n"


def ocr_system(page_hocr: str) -> str | None:
    """The ``ocr-system`` meta of an hOCR file, e.g. ``tesseract 5.3.0``."""
    m = _SYSTEM.search(page_hocr)
    return m.group(1) if m else None
