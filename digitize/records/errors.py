"""Errors of records, search and export; each maps to a ``digitize`` exit code.

Messages are read by archivists: Vietnamese, and they say what to do next.
"""

from __future__ import annotations

from digitize.exceptions import ArchiveError, BadArgumentsError, DigitizeError, ExitCode

__all__ = [
    "ExportError",
    "RecordNotFoundError",
    "RecordsError",
    "RevisionError",
    "SearchQueryError",
]


class RecordsError(DigitizeError):
    """Base of the errors raised by :mod:`digitize.records`."""

    exit_code = ExitCode.INTERNAL


class RecordNotFoundError(RecordsError, BadArgumentsError):
    """No record (or more than one) answers to the identifier given."""

    exit_code = ExitCode.BAD_ARGS


class RevisionError(RecordsError, BadArgumentsError):
    """A correction names an unknown field or has a value the field cannot take."""

    exit_code = ExitCode.BAD_ARGS


class SearchQueryError(RecordsError, BadArgumentsError):
    """A search query or filter cannot be understood (empty, too long, bad date...)."""

    exit_code = ExitCode.BAD_ARGS


class ExportError(RecordsError, ArchiveError):
    """An export could not be written or did not validate."""

    exit_code = ExitCode.ARCHIVE_INVALID
