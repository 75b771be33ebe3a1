"""Batch OCR of scanned Vietnamese archives into searchable records."""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("congso")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from digitize.api import ArchiveStatus, archive_status, digitize_archive, verify_archive
    from digitize.models import BatchResult, DocumentResult, Failure
    from digitize.options import DigitizeOptions, ExistingText, PdfOutput
    from digitize.verify import VerifyReport

# The public API is imported on first use: worker processes import ``digitize.worker`` and
# must not pay for the whole pipeline (catalog, numpy...) at start-up.
_LAZY = {
    "ArchiveStatus": "digitize.api",
    "archive_status": "digitize.api",
    "digitize_archive": "digitize.api",
    "verify_archive": "digitize.api",
    "BatchResult": "digitize.models",
    "DocumentResult": "digitize.models",
    "Failure": "digitize.models",
    "DigitizeOptions": "digitize.options",
    "ExistingText": "digitize.options",
    "PdfOutput": "digitize.options",
    "VerifyReport": "digitize.verify",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'digitize' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


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
