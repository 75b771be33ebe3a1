"""Re-check an archive: every stored output against its SHA-256, every file present, and
every searchable PDF that declares PDF/A against the PDF/A-2b requirements ``digitize.pdfa``
can check.

Like bagit's validation, it reports every problem at once instead of stopping at the first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from digitize.catalog import Catalog
from digitize.discover import sha256_of
from digitize.pdfa import check_pdfa, claims_pdfa

log = logging.getLogger(__name__)


class Problem(StrEnum):
    """Kinds of problem ``verify`` finds."""

    MISSING = "missing"
    CHANGED = "changed"
    SOURCE_MISSING = "source_missing"
    SOURCE_CHANGED = "source_changed"
    PDFA = "pdfa"


@dataclass(frozen=True, slots=True)
class VerifyIssue:
    """One problem.

    Attributes:
        path: the output, relative to the archive (or the source file's path).
        problem: what is wrong (missing, changed, a PDF/A that does not conform...).
        message: Vietnamese explanation and what to do.
    """

    path: str
    problem: Problem
    message: str


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """Outcome of ``verify_archive``.

    Attributes:
        archive: the archive checked.
        checked: outputs checked.
        issues: every problem found.
    """

    archive: Path
    checked: int
    issues: tuple[VerifyIssue, ...]

    @property
    def ok(self) -> bool:
        """True when every output is present and unchanged."""
        return not self.issues


def verify_archive(archive: str | Path, *, sources: bool = False) -> VerifyReport:
    """Recompute the checksum of every output recorded in the catalog of ``archive``.

    PDFs whose XMP declares PDF/A are also checked with ``digitize.pdfa.check_pdfa``.

    With ``sources``, also re-hash every source scan at the path it was last read from
    (its SHA-256 is the document's identity). Raises ArchiveError if there is no catalog.
    """
    root = Path(archive).expanduser().resolve()
    issues = []
    with Catalog(root, create=False) as catalog:
        outputs = catalog.outputs()
        scans = [
            (str(r["source"]), str(r["id"]))
            for r in catalog.db.execute("SELECT source, id FROM documents ORDER BY relpath")
        ]
    for record in outputs:
        path = root / record.path
        if not path.exists():
            issues.append(
                VerifyIssue(
                    record.path,
                    Problem.MISSING,
                    f"Thiếu tệp {record.path}; hãy khôi phục từ bản sao lưu, hoặc xóa kết "
                    "quả của tài liệu này rồi chạy lại digitize run để tạo lại.",
                )
            )
            continue
        digest = sha256_of(path)
        if digest != record.sha256:
            issues.append(
                VerifyIssue(
                    record.path,
                    Problem.CHANGED,
                    f"Tệp {record.path} đã bị thay đổi sau khi tạo (SHA-256 không khớp: lưu "
                    f"{record.sha256[:12]}…, hiện {digest[:12]}…); hãy khôi phục từ bản sao lưu.",
                )
            )
        if path.suffix.lower() == ".pdf" and claims_pdfa(path):
            issues.extend(_check_pdfa_output(record.path, path))
    checked = len(outputs)
    if sources:
        checked += len(scans)
        issues.extend(_check_sources(scans))
    for issue in issues:
        log.warning("%s", issue.message)
    return VerifyReport(root, checked, tuple(issues))


def _check_pdfa_output(relpath: str, path: Path) -> list[VerifyIssue]:
    report = check_pdfa(path)
    if report.ok:
        return []
    details = "; ".join(str(issue) for issue in report.issues[:5])
    more = f" (và {len(report.issues) - 5} lỗi khác)" if len(report.issues) > 5 else ""
    return [
        VerifyIssue(
            relpath,
            Problem.PDFA,
            f"Tệp {relpath} khai báo PDF/A-{report.claimed or '?'} nhưng chưa đạt "
            f"{len(report.issues)} yêu cầu: {details}{more}. Hãy số hóa lại tài liệu với "
            "--pdfa --existing-text ocr, hoặc chuyển đổi bằng công cụ PDF/A chuyên dụng.",
        )
    ]


def _check_sources(scans: list[tuple[str, str]]) -> list[VerifyIssue]:
    issues = []
    for source, digest in scans:
        path = Path(source)
        if not path.exists():
            issues.append(
                VerifyIssue(
                    source,
                    Problem.SOURCE_MISSING,
                    f"Không thấy bản quét gốc {source}; nếu đã chuyển chỗ, chạy lại digitize run "
                    "với thư mục mới để cập nhật, nếu không hãy khôi phục từ bản sao lưu.",
                )
            )
        elif sha256_of(path) != digest:
            issues.append(
                VerifyIssue(
                    source,
                    Problem.SOURCE_CHANGED,
                    f"Bản quét gốc {source} đã bị thay đổi so với lúc số hóa; hãy kiểm tra, "
                    "khôi phục bản gốc hoặc số hóa lại.",
                )
            )
    return issues
