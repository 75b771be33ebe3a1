"""JSON and XML exports: Phụ lục VI tags, provenance and the full text of every record.

The hồ sơ fields the archivist sets (Maintenance, Rights, Creator) follow each document under
``DossierFields``: Phụ lục VI lists them in the dossier table, not the document's.

The full text is the current one: OCR text with the latest page-text revision of each
corrected page applied (``RevisedPages`` lists those pages; in XML they carry
``revised="true"``).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from digitize.assemble import atomic_path
from digitize.export.fields import Prepared
from digitize.records.model import FIELD_TAGS

__all__ = ["SCHEMA_NAME", "document_element", "to_json", "write_json", "write_xml", "xml_bytes"]

#: Named in every export so an importer knows which field table the tags follow.
SCHEMA_NAME: Final = "NĐ 30/2020/NĐ-CP Phụ lục VI"

# XML 1.0 forbids most control characters (OCR text has form feeds, sometimes worse).
_XML_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    return _XML_ILLEGAL.sub(" ", str(value))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_json(item: Prepared) -> dict[str, object]:
    """A record as a JSON object: tags, extras, provenance, confidences, pages of text."""
    record = item.record
    p = record.provenance
    return {
        "SHA256": record.doc_id,
        "Dossier": record.dossier,
        **item.values,
        "Extras": record.extras(),
        "DossierFields": record.dossier_values(),
        "Provenance": {
            "SourcePaths": list(p.source_paths),
            "SHA256": p.sha256,
            "PageCount": p.page_count,
            "MeanConfidence": p.mean_confidence,
            "FlaggedPages": list(p.flagged_pages),
            "Files": [
                {"Kind": o.kind, "Path": o.path, "SHA256": o.sha256, "Size": o.size}
                for o in p.outputs
            ],
        },
        "Confidence": dict(record.confidence),
        "Revised": list(record.revised),
        "RevisedPages": list(record.revised_pages),
        "Notes": list(record.notes),
        "Truncated": [c.message for c in item.cuts],
        "Pages": list(record.pages),
    }


def write_json(items: Sequence[Prepared], target: Path) -> Path:
    """``{"schema", "generated", "records": [...]}`` in UTF-8 (no escapes)."""
    payload = {
        "schema": SCHEMA_NAME,
        "generated": _now(),
        "records": [to_json(i) for i in items],
    }
    with atomic_path(target) as tmp:
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target


def _add(parent: ET.Element, tag: str, value: object) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = _xml_text(value)
    return child


def document_element(item: Prepared, *, full_text: bool = True) -> ET.Element:
    """``<Document>`` with the Phụ lục VI tags in the appendix order, then extras,
    provenance and (optionally) the text page by page."""
    record = item.record
    element = ET.Element("Document", {"SHA256": record.doc_id})
    for _, tag in FIELD_TAGS:
        value = item.values.get(tag)
        if value in (None, "", []):
            continue
        if tag == "To" and isinstance(value, list):
            for entry in value:
                to = ET.SubElement(element, "To")
                if isinstance(entry, Mapping):
                    for sub in ("OrganId", "OrganName"):
                        if entry.get(sub):
                            _add(to, sub, entry[sub])
            continue
        _add(element, tag, value)
    extras = record.extras()
    if extras:
        holder = ET.SubElement(element, "Extras")
        for key, value in extras.items():
            _add(holder, key, value)
    dossier_values = record.dossier_values()
    if dossier_values:
        # Fields of the hồ sơ the document belongs to, under their Phụ lục VI dossier tags.
        holder = ET.SubElement(element, "DossierFields")
        for key, value in dossier_values.items():
            _add(holder, key, value)
    p = record.provenance
    prov = ET.SubElement(element, "Provenance")
    if record.dossier:
        _add(prov, "Dossier", record.dossier)
    for path in p.source_paths:
        _add(prov, "SourcePath", path)
    _add(prov, "SHA256", p.sha256)
    _add(prov, "PageCount", p.page_count)
    if p.mean_confidence is not None:
        _add(prov, "MeanConfidence", f"{p.mean_confidence:.2f}")
    if p.flagged_pages:
        _add(prov, "FlaggedPages", " ".join(map(str, p.flagged_pages)))
    for o in p.outputs:
        ET.SubElement(prov, "File", {"kind": o.kind, "path": o.path, "sha256": o.sha256})
    if record.revised:
        _add(prov, "Revised", " ".join(record.revised))
    if record.revised_pages:
        _add(prov, "RevisedPages", " ".join(map(str, record.revised_pages)))
    for cut in item.cuts:
        _add(prov, "Truncated", cut.message)
    if full_text and record.text:
        text = ET.SubElement(element, "FullText")
        for number, page in enumerate(record.pages, start=1):
            element_page = _add(text, "Page", page.strip())
            element_page.set("number", str(number))
            if number in record.revised_pages:
                element_page.set("revised", "true")
    return element


def xml_bytes(root: ET.Element) -> bytes:
    """Indented UTF-8 XML with its declaration."""
    ET.indent(root, space=" ")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def write_xml(items: Sequence[Prepared], target: Path) -> Path:
    """``<Documents schema=… generated=…>`` with one ``<Document>`` per record."""
    root = ET.Element("Documents", {"schema": SCHEMA_NAME, "generated": _now()})
    root.extend(document_element(i) for i in items)
    data = xml_bytes(root)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target
