"""Export an archive's records for document-management and archive systems (issue 5).

``export_records(archive, out, "csv" | "xlsx" | "json" | "xml" | "bagit", dossier=None)``
writes the records (OCR values with review revisions) with every Phụ lục VI field cut to its
allowed length, and a report (``bao-cao-xuat.txt``) of what was cut. With ``dossier`` only
that hồ sơ is exported, and also as one PDF plus one XML in chronological order.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Final

from digitize.export.bag import write_bag
from digitize.export.dossier import (
    chronological,
    dossier_slug,
    write_dossier_pdf,
    write_dossier_xml,
)
from digitize.export.fields import COLUMN_LABELS, Prepared, columns, prepare
from digitize.export.structured import write_json, write_xml
from digitize.export.tables import write_csv, write_xlsx
from digitize.records.errors import ExportError
from digitize.records.store import RecordStore

__all__ = [
    "COLUMN_LABELS",
    "REPORT_NAME",
    "ExportFormat",
    "ExportResult",
    "Prepared",
    "columns",
    "export_records",
    "prepare",
]

log = logging.getLogger(__name__)

#: Base name of the exported files (``van-ban.csv``…).
BASE_NAME: Final = "van-ban"
REPORT_NAME: Final = "bao-cao-xuat.txt"
BAG_NAME: Final = "bagit"


class ExportFormat(StrEnum):
    """What ``digitize export --format`` writes."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    XML = "xml"
    BAGIT = "bagit"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote.

    Attributes:
        format: the format asked for.
        out: the output folder.
        files: the files (or the bag folder) written, main file first.
        records: records exported.
        cuts: (source path, Vietnamese message) for every value cut to its Phụ lục VI length.
        problems: (source path, message) for values still not valid (reported, not changed).
        report: the report file.
    """

    format: ExportFormat
    out: Path
    files: tuple[Path, ...]
    records: int
    cuts: tuple[tuple[str, str], ...]
    problems: tuple[tuple[str, str], ...]
    report: Path


def _write_report(
    target: Path, fmt: ExportFormat, items: list[Prepared], archive: Path, dossier: str | None
) -> None:
    lines = [
        "BÁO CÁO XUẤT DỮ LIỆU",
        f"Kho: {archive}",
        f"Định dạng: {fmt.value}",
        f"Hồ sơ: {dossier}" if dossier is not None else "Hồ sơ: tất cả",
        f"Thời điểm: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"Số văn bản: {len(items)}",
        "",
    ]
    cuts = [(i.record.source_path, c.message) for i in items for c in i.cuts]
    problems = [(i.record.source_path, p.message) for i in items for p in i.problems]
    if cuts:
        lines.append(f"Giá trị bị cắt theo độ dài NĐ 30/2020 Phụ lục VI ({len(cuts)}):")
        lines += [f"- {path}: {message}" for path, message in cuts]
    else:
        lines.append("Không có giá trị nào phải cắt theo độ dài NĐ 30/2020 Phụ lục VI.")
    if problems:
        lines += ["", f"Giá trị cần kiểm tra lại (giữ nguyên khi xuất) ({len(problems)}):"]
        lines += [f"- {path}: {message}" for path, message in problems]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def export_records(
    archive: str | Path,
    out: str | Path,
    format: ExportFormat | str,
    *,
    dossier: str | None = None,
) -> ExportResult:
    """Export the records of ``archive`` into the folder ``out``.

    Raises :class:`~digitize.records.errors.ExportError` (Vietnamese) when there is nothing
    to export, an output file no longer matches its SHA-256, or a bag does not validate.
    """
    try:
        fmt = ExportFormat(format)
    except ValueError as e:
        raise ExportError(
            f"Định dạng {format!r} không hỗ trợ; chọn một trong: "
            f"{', '.join(f.value for f in ExportFormat)}."
        ) from e
    root = Path(archive).expanduser().resolve()
    out_dir = Path(out).expanduser().resolve()
    folder = dossier.strip("/") if dossier is not None else None
    with RecordStore(root) as store:
        records = store.records(dossier=folder, with_text=True)
        # A dossier folder holding only sub-folders has no values of its own: the archive's.
        dossier_fields = store.dossier_fields(
            folder if folder is not None and folder in store.dossiers() else None
        )
        if not records:
            if folder is not None:
                known = sorted({r.dossier for r in store.records()})
                raise ExportError(
                    f"Hồ sơ {folder!r} không có văn bản nào; các hồ sơ có trong kho: "
                    f"{', '.join(repr(k) for k in known) or 'không có'}."
                )
            raise ExportError(
                f"Kho {root} chưa có hồ sơ văn bản nào; hãy chạy: digitize records {root}"
            )
    if folder is not None:
        records = chronological(records)
    items = prepare(records)
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    report = out_dir / REPORT_NAME
    if fmt is ExportFormat.BAGIT:
        with tempfile.TemporaryDirectory(prefix=".export-", dir=out_dir) as tmp_name:
            tmp = Path(tmp_name)
            metadata = {
                f"metadata/{BASE_NAME}.xml": write_xml(items, tmp / f"{BASE_NAME}.xml"),
                f"metadata/{BASE_NAME}.json": write_json(items, tmp / f"{BASE_NAME}.json"),
                f"metadata/{BASE_NAME}.csv": write_csv(items, tmp / f"{BASE_NAME}.csv"),
            }
            _write_report(tmp / REPORT_NAME, fmt, items, root, folder)
            metadata[f"metadata/{REPORT_NAME}"] = tmp / REPORT_NAME
            extra = {}
            if folder is not None:
                slug = dossier_slug(folder)
                extra = {
                    f"dossier/{slug}.pdf": write_dossier_pdf(
                        root, records, tmp / f"{slug}.pdf", folder or root.name
                    ),
                    f"dossier/{slug}.xml": write_dossier_xml(
                        folder, items, tmp / f"{slug}.xml", dossier_fields
                    ),
                }
            files.append(write_bag(root, items, out_dir / BAG_NAME, metadata, extra))
            _write_report(report, fmt, items, root, folder)
    else:
        target = out_dir / f"{BASE_NAME}.{fmt.value}"
        writer = {
            ExportFormat.CSV: write_csv,
            ExportFormat.XLSX: write_xlsx,
            ExportFormat.JSON: write_json,
            ExportFormat.XML: write_xml,
        }[fmt]
        files.append(writer(items, target))
        if folder is not None:
            slug = dossier_slug(folder)
            files.append(
                write_dossier_pdf(root, records, out_dir / f"{slug}.pdf", folder or root.name)
            )
            files.append(write_dossier_xml(folder, items, out_dir / f"{slug}.xml", dossier_fields))
        _write_report(report, fmt, items, root, folder)
    for path in (*files, report):
        if path.is_file():
            # atomic_path's temporary files are private (0600); exports are meant to be shared.
            path.chmod(0o644)
    cuts = tuple((i.record.source_path, c.message) for i in items for c in i.cuts)
    problems = tuple((i.record.source_path, p.message) for i in items for p in i.problems)
    log.info("exported %d records as %s to %s (%d cuts)", len(items), fmt, out_dir, len(cuts))
    return ExportResult(fmt, out_dir, tuple(files), len(items), cuts, problems, report)
