"""Render parsed hOCR pages as ALTO v4 XML (what library and archive systems import)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from digitize.ocr.hocr import BBox, Page

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v4#"
ALTO_SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-2.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def _geometry(el: ET.Element, bbox: BBox) -> None:
    left, top, right, bottom = bbox
    el.set("HPOS", str(left))
    el.set("VPOS", str(top))
    el.set("WIDTH", str(max(0, right - left)))
    el.set("HEIGHT", str(max(0, bottom - top)))


def to_alto(
    pages: list[Page | None],
    *,
    source_name: str,
    software: str = "tesseract",
    lang: str = "vi",
) -> str:
    """ALTO v4 for a document; ``None`` entries become empty pages (no OCR for them).

    Coordinates are pixels of the page image (``MeasurementUnit`` = pixel); word confidence
    becomes ``WC`` in 0–1 as ALTO defines it.
    """
    ET.register_namespace("", ALTO_NS)
    ET.register_namespace("xsi", XSI_NS)
    q = f"{{{ALTO_NS}}}"
    root = ET.Element(f"{q}alto", {f"{{{XSI_NS}}}schemaLocation": f"{ALTO_NS} {ALTO_SCHEMA}"})
    desc = ET.SubElement(root, f"{q}Description")
    ET.SubElement(desc, f"{q}MeasurementUnit").text = "pixel"
    info = ET.SubElement(desc, f"{q}sourceImageInformation")
    ET.SubElement(info, f"{q}fileName").text = source_name
    processing = ET.SubElement(desc, f"{q}OCRProcessing", ID="OCR_0")
    step = ET.SubElement(processing, f"{q}ocrProcessingStep")
    ET.SubElement(step, f"{q}processingDateTime").text = datetime.now(UTC).isoformat(
        timespec="seconds"
    )
    sw = ET.SubElement(step, f"{q}processingSoftware")
    ET.SubElement(sw, f"{q}softwareName").text = software
    layout = ET.SubElement(root, f"{q}Layout")
    for n, page in enumerate(pages, start=1):
        page_el = ET.SubElement(
            layout,
            f"{q}Page",
            ID=f"page_{n}",
            PHYSICAL_IMG_NR=str(n),
            WIDTH=str(page.width if page else 0),
            HEIGHT=str(page.height if page else 0),
        )
        space = ET.SubElement(page_el, f"{q}PrintSpace")
        if page is None:
            continue
        _geometry(space, (0, 0, page.width, page.height))
        for b, block in enumerate(page.blocks, start=1):
            block_el = ET.SubElement(space, f"{q}TextBlock", ID=f"block_{n}_{b}", LANG=lang)
            _geometry(block_el, block.bbox)
            for li, line in enumerate(block.lines, start=1):
                line_el = ET.SubElement(block_el, f"{q}TextLine", ID=f"line_{n}_{b}_{li}")
                _geometry(line_el, line.bbox)
                for wi, word in enumerate(line.words):
                    if wi:
                        ET.SubElement(line_el, f"{q}SP")
                    word_el = ET.SubElement(
                        line_el,
                        f"{q}String",
                        CONTENT=word.text,
                        WC=f"{max(0.0, min(100.0, word.confidence)) / 100:.2f}",
                    )
                    _geometry(word_el, word.bbox)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
