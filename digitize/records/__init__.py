"""Records, search and export of a digitized archive (issue 5; DOMAIN.md §1, §8).

One record per document with the NĐ 30 Phụ lục VI fields, kept in the archive's catalog;
corrections from review stored as revisions; full-text search that ignores diacritics, đ and
tone placement; exports for document-management and archive systems.

Public API::

    from digitize.records import build_records, search, revise_record, export_records

    report = build_records("kho")                       # idempotent; warns on duplicates
    result = search("kho", "quyet dinh dau tu", {"doc_type": "QĐ", "date_from": "2015"})
    revise_record("kho", "15/QĐ-BNV", {"Subject": "…"}) # OCR value kept, revision wins
    revise_page_text("kho", "15/QĐ-BNV", 1, "…", author="lan")  # OCR text file untouched
    set_dossier_fields("kho", "hoso-01", {"Maintenance": "10 năm"})  # None: whole archive
    text = document_text("kho", "15/QĐ-BNV")            # OCR text + latest page revisions
    export_records("kho", "ra", "xlsx")                 # csv, xlsx, json, xml, bagit
    frame = records_frame("kho")                        # pandas, for notebooks
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from digitize.records.errors import (
    ExportError,
    RecordNotFoundError,
    RecordsError,
    RevisionError,
    SearchQueryError,
)
from digitize.records.model import (
    EXTRA_TAGS,
    FIELD_TAGS,
    OutputFile,
    Provenance,
    Recipient,
    Record,
)
from digitize.records.query import Mode
from digitize.records.search import (
    Ranking,
    SearchFilters,
    SearchHit,
    SearchResult,
    rank_documents,
    search,
    search_store,
)
from digitize.records.store import (
    BuildReport,
    DossierRevision,
    DuplicateGroup,
    PageRevision,
    RecordStore,
    Revised,
    Revision,
)

if TYPE_CHECKING:
    import pandas as pd

    from digitize.export import ExportFormat, ExportResult

__all__ = [
    "EXTRA_TAGS",
    "FIELD_TAGS",
    "BuildReport",
    "DossierRevision",
    "DuplicateGroup",
    "ExportError",
    "Mode",
    "OutputFile",
    "PageRevision",
    "Provenance",
    "Ranking",
    "Recipient",
    "Record",
    "RecordNotFoundError",
    "RecordStore",
    "RecordsError",
    "Revised",
    "Revision",
    "RevisionError",
    "SearchFilters",
    "SearchHit",
    "SearchQueryError",
    "SearchResult",
    "build_records",
    "document_text",
    "export_records",
    "find_duplicates",
    "list_records",
    "rank_documents",
    "records_frame",
    "revise_page_text",
    "revise_record",
    "search",
    "search_store",
    "set_dossier_fields",
]


def build_records(
    archive: str | Path, *, refresh: bool = False, use_layout: bool = True
) -> BuildReport:
    """Create or update the record of every finished document (idempotent)."""
    with RecordStore(archive) as store:
        return store.build(refresh=refresh, use_layout=use_layout)


def list_records(
    archive: str | Path, *, dossier: str | None = None, with_text: bool = False
) -> list[Record]:
    """Every record (or one dossier's), by dossier then chronologically."""
    with RecordStore(archive) as store:
        return store.records(dossier=dossier, with_text=with_text)


def revise_record(
    archive: str | Path,
    document: str,
    changes: dict[str, object],
    *,
    author: str = "",
    note: str = "",
) -> Revised:
    """Store corrections of one record as revisions (the OCR values are kept)."""
    with RecordStore(archive) as store:
        return store.revise(document, changes, author=author, note=note)


def revise_page_text(
    archive: str | Path,
    document: str,
    page: int,
    text: str,
    *,
    author: str = "",
    note: str = "",
) -> PageRevision:
    """Store a corrected text of one page (from 1) as a revision and re-index the document;
    the OCR text file is never modified, and search and export use the corrected text."""
    with RecordStore(archive) as store:
        return store.revise_page_text(document, page, text, author=author, note=note)


def set_dossier_fields(
    archive: str | Path,
    dossier: str | None,
    changes: dict[str, object],
    *,
    author: str = "",
    note: str = "",
) -> dict[str, str]:
    """Set a hồ sơ's Maintenance, Rights and Creator (``dossier=None``: the whole archive's
    defaults), checked and stored as revisions; returns the values now in effect."""
    with RecordStore(archive) as store:
        return store.set_dossier_fields(dossier, changes, author=author, note=note)


def document_text(archive: str | Path, document: str) -> str:
    """A document's current text: the OCR text with the latest page revisions applied,
    pages separated by form feeds."""
    with RecordStore(archive) as store:
        return store.text(document)


def find_duplicates(archive: str | Path) -> list[DuplicateGroup]:
    """Documents sharing số + ký hiệu + agency in one year (Phụ lục VI warning)."""
    with RecordStore(archive) as store:
        return store.duplicates()


def records_frame(archive: str | Path) -> pd.DataFrame:
    """A pandas DataFrame of the records, Phụ lục VI tags as columns."""
    with RecordStore(archive) as store:
        return store.frame()


def export_records(
    archive: str | Path,
    out: str | Path,
    format: ExportFormat | str,
    *,
    dossier: str | None = None,
) -> ExportResult:
    """Export the records as csv, xlsx, json, xml or a BagIt bag (see :mod:`digitize.export`)."""
    # Imported here: digitize.export builds on this package, not the other way round.
    from digitize.export import export_records as _export

    return _export(archive, out, format, dossier=dossier)
