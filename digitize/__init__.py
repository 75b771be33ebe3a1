"""Batch OCR of scanned Vietnamese archives into searchable records."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("congso")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

# The engine's public API (imported after __version__, which cli and the log use).
from digitize.api import ArchiveStatus, archive_status, digitize_archive, verify_archive
from digitize.models import BatchResult, DocumentResult, Failure
from digitize.options import DigitizeOptions, ExistingText, PdfOutput
from digitize.verify import VerifyReport

__all__ = [
    "ArchiveStatus",
    "BatchResult",
    "DigitizeOptions",
    "DocumentResult",
    "ExistingText",
    "Failure",
    "PdfOutput",
    "VerifyReport",
    "__version__",
    "archive_status",
    "digitize_archive",
    "verify_archive",
]
