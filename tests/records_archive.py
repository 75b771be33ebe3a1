"""The one factory of archives for the records, search and export tests.

Documents are entered through the engine's own catalog API (``Catalog.add_document``,
``record_page``, ``record_outputs``) with real output files — text with form feeds, a PDF
per document, hOCR-less ALTO — so tests need no Tesseract and run in milliseconds; the
end-to-end test runs the real engine instead. Imported by path (``--import-mode=importlib``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pikepdf

from digitize.catalog import Catalog, OutputRecord
from digitize.models import PageMethod, PageResult, SourceFile, SourceKind, State

__all__ = ["Doc", "admin_text", "make_archive"]


@dataclass(frozen=True, slots=True)
class Doc:
    """A document to put in a test archive: its source path and the text of each page."""

    relpath: str
    pages: tuple[str, ...]
    confidence: float = 90.0


def admin_text(
    *,
    number: str = "15/QĐ-SNV",
    heading: str = "QUYẾT ĐỊNH",
    subject: str = "Về việc phê duyệt kế hoạch đầu tư công trung hạn",
    date: str = "ngày 03 tháng 5 năm 2015",
    agency: str = "SỞ NỘI VỤ",
    parent: str = "UBND TỈNH QUẢNG BÌNH",
    body: str = "Căn cứ Luật Đầu tư công; quý cơ quan thực hiện theo quy định.",
    signer: str = "Nguyễn Văn An",
) -> str:
    """Page 1 of an administrative document in the block order Tesseract reads."""
    return "\n".join(
        (
            parent,
            agency,
            f"Số: {number}",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"Quảng Bình, {date}",
            heading,
            subject,
            "_______",  # the rule under the trích yếu (NĐ 30 Phụ lục I) ends it
            body,
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "GIÁM ĐỐC",
            signer,
        )
    )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdf(path: Path, pages: int, label: str) -> None:
    pdf = pikepdf.new()
    for n in range(pages):
        pdf.add_blank_page(page_size=(200, 280))
        # Content naming the page, so merged exports can be checked page by page.
        pdf.pages[-1].obj.Contents = pdf.make_stream(f"% {label} page {n + 1}\n".encode())
    pdf.save(path)


def make_archive(root: Path, docs: Sequence[Doc]) -> Path:
    """An archive folder at ``root`` holding ``docs`` as finished documents."""
    archive = root
    with Catalog(archive) as catalog:
        run_id = catalog.begin_run(root / "scans", {})
        for doc in docs:
            rel = PurePosixPath(doc.relpath)
            content = f"scan of {doc.relpath}".encode()
            sha = _sha(content)
            source = root / "scans" / rel
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_bytes(content)
            sf = SourceFile(source, doc.relpath, sha, len(content), SourceKind.PNG)
            stem = (PurePosixPath("documents") / rel.parent / rel.stem).as_posix()
            catalog.add_document(sf, stem)
            catalog.set_page_count(sha, len(doc.pages))
            for n, _ in enumerate(doc.pages, start=1):
                result = PageResult(
                    sha,
                    n,
                    ok=True,
                    method=PageMethod.IMAGE,
                    dpi=300,
                    words=100,
                    mean_confidence=doc.confidence,
                )
                catalog.record_page(result, (), doc.relpath, run_id)
            out = archive / stem
            out.parent.mkdir(parents=True, exist_ok=True)
            files = {
                "txt": out.with_name(out.name + ".txt"),
                "pdf": out.with_name(out.name + ".pdf"),
                "alto": out.with_name(out.name + ".alto.xml"),
            }
            files["txt"].write_text("\f".join(p + "\n" for p in doc.pages), encoding="utf-8")
            _pdf(files["pdf"], len(doc.pages), doc.relpath)
            files["alto"].write_text(
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"/>\n',
                encoding="utf-8",
            )
            outputs = [
                OutputRecord(
                    path.relative_to(archive).as_posix(),
                    sha,
                    kind,
                    _sha(path.read_bytes()),
                    path.stat().st_size,
                )
                for kind, path in files.items()
            ]
            catalog.record_outputs(sha, outputs, State.DONE, "")
        catalog.finish_run(run_id, "finished", sum(len(d.pages) for d in docs))
    return archive
