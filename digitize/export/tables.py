"""CSV and XLSX exports: one row per record, no full text (spreadsheets cap cells at 32,767
characters, and an import table wants fields, not pages)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from digitize.assemble import atomic_path
from digitize.export.fields import COLUMN_LABELS, Prepared, columns, flat_row
from digitize.metadata.fields import RecordKind, fields_for
from digitize.records.model import DOSSIER_TAGS

__all__ = ["write_csv", "write_xlsx"]

_SHEET_RECORDS: Final = "Văn bản"
_SHEET_FIELDS: Final = "Trường Phụ lục VI"
_SHEET_CUTS: Final = "Giá trị bị cắt"
# Excel refuses longer cells; text beyond it is reported, never silently lost.
_EXCEL_CELL_LIMIT: Final = 32_767


def write_csv(items: Sequence[Prepared], target: Path) -> Path:
    """UTF-8 with BOM (so Excel on Vietnamese Windows reads the accents), tag headers."""
    cols = columns()
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(cols))
        writer.writeheader()
        for item in items:
            row = flat_row(item)
            writer.writerow({k: "" if row[k] is None else row[k] for k in cols})
    return target


def write_xlsx(items: Sequence[Prepared], target: Path) -> Path:
    """A workbook: records under Vietnamese headers, the field table, and what was cut."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    cols = columns()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _SHEET_RECORDS
    sheet.append([COLUMN_LABELS[c] for c in cols])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        row = flat_row(item)
        values = []
        for c in cols:
            value = row[c]
            if isinstance(value, str) and len(value) > _EXCEL_CELL_LIMIT:
                value = value[:_EXCEL_CELL_LIMIT]
            values.append(value)
        sheet.append(values)
    sheet.freeze_panes = "C2"
    for index, c in enumerate(cols, start=1):
        width = 14 if c in ("SHA256", "Files") else min(max(len(COLUMN_LABELS[c]), 10), 40)
        sheet.column_dimensions[get_column_letter(index)].width = width

    specs = fields_for(RecordKind.OUTGOING)
    dossier_specs = fields_for(RecordKind.DOSSIER, archival=False)
    specs |= {tag: dossier_specs[tag] for _, tag in DOSSIER_TAGS}
    table = book.create_sheet(_SHEET_FIELDS)
    table.append(["Cột", "Thẻ (tag)", "Kiểu", "Độ dài tối đa", "Mục Phụ lục VI"])
    for c in cols:
        spec = specs.get(c)
        table.append(
            [
                COLUMN_LABELS[c],
                c,
                spec.type.value if spec else "",
                spec.max_length if spec and spec.max_length else None,
                spec.ref if spec else "",
            ]
        )
    cuts = book.create_sheet(_SHEET_CUTS)
    cuts.append(["Tệp quét gốc", "Mã SHA-256 của bản quét", "Trường", "Nội dung"])
    for item in items:
        for problem in (*item.cuts, *item.problems):
            cuts.append([item.record.source_path, item.record.doc_id, problem.tag, problem.message])
    for ws in (table, cuts):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    with atomic_path(target) as tmp:
        book.save(tmp)
    return target
