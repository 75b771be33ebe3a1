"""A BagIt bag (RFC 8493) of an archive's results, written and validated by ``bagit``.

Payload: ``documents/…`` (searchable PDF, text, ALTO, hOCR of each document, at the same
paths as in the archive), ``metadata/`` (the records as XML, JSON and CSV, and the export
report) and, for a dossier export, ``dossier/`` (its merged PDF and XML). Every file is
checked against the catalog's SHA-256 before it is copied, so a bag never blesses a file that
changed after OCR; the bag is built in a temporary folder and renamed when valid.

A document whose page text was corrected in review keeps its OCR text file untouched in the
bag and gains, beside it, the corrected full text (:func:`corrected_text_path`: ``….txt`` →
``….da-sua.txt``, pages separated by form feeds as in the OCR file).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

import bagit

from digitize.export.dossier import verify_outputs
from digitize.export.fields import Prepared
from digitize.records.errors import ExportError

__all__ = ["CORRECTED_SUFFIX", "PAYLOAD_KINDS", "corrected_text_path", "write_bag"]

log = logging.getLogger(__name__)

#: Output kinds copied into the bag; PDF and text are required, the others when present.
PAYLOAD_KINDS: Final = ("pdf", "txt", "alto", "hocr")
_REQUIRED: Final = ("pdf", "txt")
#: Suffix of the corrected text written beside a document's OCR text in the bag.
CORRECTED_SUFFIX: Final = ".da-sua.txt"


def corrected_text_path(txt_path: str) -> str:
    """Bag path of the corrected text that goes with OCR text ``txt_path``."""
    stem = txt_path[: -len(".txt")] if txt_path.endswith(".txt") else txt_path
    return stem + CORRECTED_SUFFIX


def _bag_info(items: Sequence[Prepared], archive: Path) -> dict[str, str]:
    organs = Counter(i.record.organ_name for i in items if i.record.organ_name)
    pages = sum(i.record.provenance.page_count for i in items)
    info = {
        "External-Identifier": archive.name,
        "External-Description": (
            f"Kết quả số hóa kho {archive.name}: {len(items)} văn bản, {pages} trang; "
            "PDF tìm kiếm được, văn bản, ALTO, hOCR và siêu dữ liệu theo NĐ 30/2020 Phụ lục VI."
        ),
        "Bag-Group-Identifier": archive.name,
    }
    if organs:
        info["Source-Organization"] = organs.most_common(1)[0][0]
    return info


def _readable(folder: Path) -> None:
    """Ordinary permissions: temporary folders and files are created private (0700/0600)."""
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


def write_bag(
    archive: Path,
    items: Sequence[Prepared],
    target: Path,
    metadata: Mapping[str, Path],
    extra: Mapping[str, Path] | None = None,
) -> Path:
    """Write a validated bag at ``target`` (which must not exist or be empty).

    ``metadata`` and ``extra`` map a payload path (``metadata/van-ban.xml``) to a file to copy.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(
            f"Thư mục {target} đã có dữ liệu; hãy chọn --out khác hoặc xóa thư mục đó rồi "
            "xuất lại (túi BagIt không được ghi đè)."
        )
    records = [i.record for i in items]
    verify_outputs(archive, records, _REQUIRED)
    present = [k for k in PAYLOAD_KINDS if k not in _REQUIRED]
    for kind in present:
        verify_outputs(archive, [r for r in records if r.provenance.output(kind)], (kind,))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for record in records:
            for kind in PAYLOAD_KINDS:
                output = record.provenance.output(kind)
                if output is None:
                    continue
                dest = staging / output.path
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(archive / output.path, dest)
            txt = record.provenance.output("txt")
            if record.revised_pages and txt is not None and record.text:
                corrected = staging / corrected_text_path(txt.path)
                corrected.write_text(record.text, encoding="utf-8", newline="")
        for payload, source in {**metadata, **(extra or {})}.items():
            dest = staging / payload
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
        bagit.make_bag(str(staging), _bag_info(items, archive), processes=1, checksums=["sha256"])
        try:
            bagit.Bag(str(staging)).validate(processes=1)
        except bagit.BagError as e:
            details = getattr(e, "details", None) or []
            raise ExportError(
                f"Túi BagIt vừa tạo không hợp lệ ({e}; {'; '.join(map(str, details))}); "
                "hãy kiểm tra chỗ trống trên ổ đĩa rồi xuất lại."
            ) from e
        _readable(staging)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("bag written: %s (%d documents)", target, len(records))
    return target
