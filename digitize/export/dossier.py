"""A whole hồ sơ as one PDF and one XML, documents in chronological order (NĐ 30 Phụ lục VI:
"export of a whole hồ sơ to PDF and XML in chronological order")."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pikepdf

from digitize.assemble import atomic_path
from digitize.export.fields import Prepared
from digitize.export.structured import SCHEMA_NAME, document_element, xml_bytes
from digitize.metadata.identifiers import parse_file_code
from digitize.records.errors import ExportError
from digitize.records.model import Record
from digitize.vntext import nfc

__all__ = [
    "chronological",
    "dossier_slug",
    "verify_outputs",
    "write_dossier_pdf",
    "write_dossier_xml",
]


def chronological(records: Sequence[Record]) -> list[Record]:
    """Oldest first; undated documents last; then by số, then by source path."""

    def key(r: Record) -> tuple[str, int, str]:
        number = int(r.code_number) if r.code_number.isdigit() else 0
        return (r.issued_date or "9999-99-99", number, r.source_path)

    return sorted(records, key=key)


def dossier_slug(dossier: str) -> str:
    """An ASCII file name for a dossier path, case kept (``Hồ sơ 2015/Đợt 1`` →
    ``Ho-so-2015-Dot-1``; a mã hồ sơ stays as it is)."""
    text = unicodedata.normalize("NFD", nfc(dossier)).replace("đ", "d").replace("Đ", "D")
    text = text.encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-.")
    return text or "ho-so-goc"


def verify_outputs(archive: Path, records: Sequence[Record], kinds: Sequence[str]) -> None:
    """Check the files an export will take against the catalog's SHA-256; raises
    :class:`ExportError` naming every missing or changed file at once."""
    problems = []
    for record in records:
        for kind in kinds:
            output = record.provenance.output(kind)
            if output is None:
                problems.append(f"{record.source_path}: thiếu tệp {kind} trong danh mục.")
                continue
            path = archive / output.path
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                problems.append(f"{output.path}: không đọc được (đã bị xóa hoặc di chuyển).")
                continue
            if digest != output.sha256:
                problems.append(f"{output.path}: nội dung khác mã SHA-256 trong danh mục.")
    if problems:
        raise ExportError(
            "Không xuất được vì tệp kết quả không còn nguyên vẹn:\n"
            + "\n".join(f"- {p}" for p in problems)
            + "\nHãy chạy digitize verify KHO, rồi chạy lại digitize run để tạo lại các tệp."
        )


def write_dossier_pdf(archive: Path, records: Sequence[Record], target: Path, title: str) -> Path:
    """The searchable PDFs of ``records`` merged in the order given, one bookmark each."""
    ordered = list(records)
    verify_outputs(archive, ordered, ("pdf",))
    merged = pikepdf.new()
    sources = []
    starts = []
    try:
        for record in ordered:
            output = record.provenance.output("pdf")
            assert output is not None
            source = pikepdf.open(archive / output.path)
            sources.append(source)
            starts.append(len(merged.pages))
            merged.pages.extend(source.pages)
        with merged.open_outline() as outline:
            for record, start in zip(ordered, starts, strict=True):
                outline.root.append(pikepdf.OutlineItem(record.title, start))
        merged.docinfo["/Title"] = title
        merged.docinfo["/Producer"] = "Công Sở digitize"
        with atomic_path(target) as tmp:
            merged.save(tmp)
    finally:
        for source in sources:
            source.close()
        merged.close()
    return target


def write_dossier_xml(
    dossier: str,
    items: Sequence[Prepared],
    target: Path,
    archivist: Mapping[str, str] | None = None,
) -> Path:
    """``<FileRecord>``: the dossier's Phụ lục VI fields, then its documents in order.

    ``archivist`` holds the hồ sơ fields the archivist set (Maintenance, Rights, Creator), written
    in the table's order after the Title.
    """
    given = dict(archivist or {})
    records = [i.record for i in items]
    root = ET.Element(
        "FileRecord",
        {"schema": SCHEMA_NAME, "generated": datetime.now(UTC).isoformat(timespec="seconds")},
    )
    name = PurePosixPath(dossier).name if dossier else ""
    code = parse_file_code(name) if name else None
    dates = sorted(r.issued_date for r in records if r.issued_date)
    fields: list[tuple[str, object]] = []
    if code is not None:
        fields += [
            ("FileCode", code.text),
            ("OrganId", code.organ_id),
            ("FileCatalog", code.year),
            ("FileNotation", code.notation),
        ]
    fields += [
        ("Title", dossier or "(thư mục gốc)"),
        *((tag, given.get(tag, "")) for tag in ("Maintenance", "Rights", "Creator")),
        ("Language", "Tiếng Việt"),
        ("StartDate", dates[0] if dates else ""),
        ("EndDate", dates[-1] if dates else ""),
        ("DocTotal", len(records)),
        ("PageTotal", sum(r.provenance.page_count for r in records)),
    ]
    for tag, value in fields:
        if value not in ("", None):
            ET.SubElement(root, tag).text = str(value)
    documents = ET.SubElement(root, "Documents")
    for ordinal, item in enumerate(items, start=1):
        element = document_element(item)
        element.set("order", str(ordinal))
        documents.append(element)
    data = xml_bytes(root)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target
