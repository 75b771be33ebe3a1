"""Every error the digitize library raises, each carrying the CLI exit code it maps to.

Messages are shown to archivists, so they are in Vietnamese and say what to do next.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ``digitize`` command."""

    OK = 0
    BAD_ARGS = 2
    INPUT_FILE = 3
    MISSING_DEPENDENCY = 4
    BATCH_HAD_FAILURES = 5
    ARCHIVE_INVALID = 6
    OCR_FAILED = 7
    CLUSTER_UNAVAILABLE = 8
    INTERRUPTED = 130
    INTERNAL = 15


class DigitizeError(Exception):
    """Base of all library errors; ``exit_code`` tells the CLI how to exit."""

    exit_code: ExitCode = ExitCode.INTERNAL


class BadArgumentsError(DigitizeError):
    """An option or argument has an invalid value."""

    exit_code = ExitCode.BAD_ARGS


class InputFileError(DigitizeError):
    """A source file cannot be read or is not a supported scan."""

    exit_code = ExitCode.INPUT_FILE

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class MissingDependencyError(DigitizeError):
    """A required external program or language model is not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class OcrError(DigitizeError):
    """Tesseract failed, crashed or timed out on one page."""

    exit_code = ExitCode.OCR_FAILED


class ArchiveError(DigitizeError):
    """An archive folder or its catalog is missing, corrupt or was tampered with."""

    exit_code = ExitCode.ARCHIVE_INVALID


class BatchHadFailuresError(DigitizeError):
    """The batch finished, but some files or pages failed; details are in the catalog."""

    exit_code = ExitCode.BATCH_HAD_FAILURES


class ExecutorBrokenError(DigitizeError):
    """An executor supplied by the caller broke and cannot be rebuilt by the library."""

    exit_code = ExitCode.INTERNAL


class ClusterError(DigitizeError):
    """A Dask scheduler is unreachable, has no usable worker, or workers cannot run the pages."""

    exit_code = ExitCode.CLUSTER_UNAVAILABLE
