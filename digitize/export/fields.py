"""Records made ready for export: Phụ lục VI lengths enforced, flat rows, Vietnamese labels.

Every export goes through :func:`prepare`, so CSV, XLSX, JSON, XML and the bag carry the same
values and the same report of what had to be cut (DOMAIN.md §1: the import schema's lengths).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from digitize.metadata.fields import (
    FieldProblem,
    ProblemCode,
    RecordKind,
    fields_for,
    fit_lengths,
    validate_record,
)
from digitize.records.model import DOSSIER_TAGS, EXTRA_TAGS, FIELD_TAGS, Record

__all__ = [
    "COLUMN_LABELS",
    "Prepared",
    "columns",
    "flat_row",
    "prepare",
]

_SPECS: Final = fields_for(RecordKind.OUTGOING)

#: Vietnamese header of every flat column (XLSX, and the report).
COLUMN_LABELS: Final[Mapping[str, str]] = {
    "SHA256": "Mã SHA-256 của bản quét",
    "Dossier": "Hồ sơ (thư mục)",
    **{tag: _SPECS[tag].label for _, tag in FIELD_TAGS},
    "Code": "Số, ký hiệu văn bản",
    "Place": "Địa danh",
    "ParentOrgan": "Cơ quan chủ quản",
    "SignerAuthority": "Thẩm quyền ký",
    # "(hồ sơ)": the archival extra Mode is also labelled "Chế độ sử dụng".
    "Maintenance": "Thời hạn bảo quản (hồ sơ)",
    "Rights": "Chế độ sử dụng (hồ sơ)",
    "Creator": "Người lập hồ sơ",
    "SourcePaths": "Tệp quét gốc",
    "PageCount": "Số trang quét",
    "MeanConfidence": "Độ tin cậy OCR trung bình (0–100)",
    "FlaggedPages": "Trang cần soát lại",
    "Files": "Tệp kết quả",
    "Revised": "Trường đã hiệu đính",
    "Notes": "Lưu ý khi đọc tự động",
}


def columns() -> tuple[str, ...]:
    """Flat columns in order: identity, Phụ lục VI tags, extras, the hồ sơ fields set by the
    archivist, provenance."""
    return (
        "SHA256",
        "Dossier",
        *(tag for _, tag in FIELD_TAGS),
        *(key for _, key in EXTRA_TAGS),
        *(tag for _, tag in DOSSIER_TAGS),
        "SourcePaths",
        "PageCount",
        "MeanConfidence",
        "FlaggedPages",
        "Files",
        "Revised",
        "Notes",
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record as exported.

    Attributes:
        record: the record (OCR values with revisions).
        values: its Phụ lục VI values (tag → value) cut to the allowed lengths.
        cuts: what was cut, one Vietnamese message per field.
        problems: other problems the values still have (a number too long, a bad code).
    """

    record: Record
    values: dict[str, object]
    cuts: tuple[FieldProblem, ...]
    problems: tuple[FieldProblem, ...]


def prepare(records: Iterable[Record]) -> list[Prepared]:
    """Each record with its values fitted to Phụ lục VI and its problems listed."""
    out = []
    for record in records:
        values, cuts = fit_lengths(record.to_phuluc())
        problems = tuple(p for p in validate_record(values) if p.code is not ProblemCode.TRUNCATED)
        out.append(Prepared(record, values, tuple(cuts), problems))
    return out


def _recipients_text(value: object) -> str:
    if not isinstance(value, list):
        return ""
    parts = []
    for entry in value:
        if isinstance(entry, Mapping):
            name = str(entry.get("OrganName") or "")
            rid = str(entry.get("OrganId") or "")
            parts.append(f"{name} ({rid})" if name and rid else name or rid)
    return "; ".join(parts)


def flat_row(item: Prepared) -> dict[str, object]:
    """One value per column of :func:`columns` (``None`` where empty)."""
    record = item.record
    p = record.provenance
    row: dict[str, object] = {"SHA256": record.doc_id, "Dossier": record.dossier}
    for _, tag in FIELD_TAGS:
        value = item.values.get(tag)
        row[tag] = _recipients_text(value) if tag == "To" else value
    for attribute, key in EXTRA_TAGS:
        row[key] = getattr(record, attribute) or None
    for attribute, tag in DOSSIER_TAGS:
        row[tag] = getattr(record, attribute) or None
    row |= {
        "SourcePaths": "; ".join(p.source_paths),
        "PageCount": p.page_count,
        "MeanConfidence": p.mean_confidence,
        "FlaggedPages": ", ".join(map(str, p.flagged_pages)) or None,
        "Files": "; ".join(o.path for o in p.outputs) or None,
        "Revised": ", ".join(record.revised) or None,
        "Notes": " ".join(record.notes) or None,
    }
    return {k: (None if v == "" else v) for k, v in row.items()}
