"""Public entry points of the digitization engine; the CLI and notebooks call only these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digitize.catalog import Catalog
from digitize.models import DocumentResult, Failure
from digitize.pipeline import digitize_archive
from digitize.verify import verify_archive

__all__ = ["ArchiveStatus", "archive_status", "digitize_archive", "verify_archive"]


@dataclass(frozen=True, slots=True)
class ArchiveStatus:
    """Summary of an archive, read from its catalog without processing anything.

    Attributes:
        archive: the archive folder.
        counts: ``documents_<state>``, ``pages_<state>``, ``pages_flagged``,
            ``rejected_failures`` → number.
        documents: every document.
        failures: every failed file or page.
        last_run: (started, finished, status, pages) of the latest run, or None.
    """

    archive: Path
    counts: dict[str, int]
    documents: tuple[DocumentResult, ...]
    failures: tuple[Failure, ...]
    last_run: tuple[str, str | None, str, int] | None

    @property
    def pages_pending(self) -> int:
        """Pages still to do (a run was interrupted)."""
        return self.counts.get("pages_pending", 0)


def archive_status(archive: str | Path) -> ArchiveStatus:
    """Read an archive's catalog; raises ArchiveError if it is not an archive."""
    root = Path(archive).expanduser().resolve()
    with Catalog(root, create=False) as catalog:
        row = catalog.db.execute(
            "SELECT started, finished, status, pages FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return ArchiveStatus(
            archive=root,
            counts=catalog.counts(),
            documents=tuple(catalog.document_results()),
            failures=tuple(catalog.failures()),
            last_run=(row[0], row[1], row[2], row[3]) if row else None,
        )
