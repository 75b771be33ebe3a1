"""Metadata of Vietnamese administrative documents (DOMAIN.md §1–§7).

- :mod:`~digitize.metadata.extract`: :func:`extract_metadata` finds TypeName, số/ký hiệu,
  IssuedDate, OrganName, Subject, signer and recipients in OCR text (and word boxes).
- :mod:`~digitize.metadata.numbering`: §5 số/ký hiệu (:func:`parse_number`).
- :mod:`~digitize.metadata.dates`: §6 date lines and body dates (:func:`parse_date_line`).
- :mod:`~digitize.metadata.doctypes`: the §4 type table and older abbreviations.
- :mod:`~digitize.metadata.identifiers`: §3 mã định danh and mã hồ sơ.
- :mod:`~digitize.metadata.fields`: the §1 Phụ lục VI field table and record validation.
- :mod:`~digitize.metadata.layout`: word boxes, columns, Tesseract TSV.
"""

from __future__ import annotations

from digitize.metadata.dates import DateLine, find_dates, parse_date_line, parse_numeric_date
from digitize.metadata.doctypes import DOC_TYPES, DocType, lookup_abbreviation, lookup_name
from digitize.metadata.extract import ExtractedMetadata, Field, extract_metadata
from digitize.metadata.fields import (
    FieldProblem,
    RecordKind,
    fields_for,
    fit_lengths,
    validate_record,
)
from digitize.metadata.identifiers import FileCode, is_organ_id, parse_file_code
from digitize.metadata.layout import WordBox, words_from_hocr, words_from_tsv
from digitize.metadata.numbering import DocumentNumber, NumberKind, find_numbers, parse_number

__all__ = [
    "DOC_TYPES",
    "DateLine",
    "DocType",
    "DocumentNumber",
    "ExtractedMetadata",
    "Field",
    "FieldProblem",
    "FileCode",
    "NumberKind",
    "RecordKind",
    "WordBox",
    "extract_metadata",
    "fields_for",
    "find_dates",
    "find_numbers",
    "fit_lengths",
    "is_organ_id",
    "lookup_abbreviation",
    "lookup_name",
    "parse_date_line",
    "parse_file_code",
    "parse_number",
    "parse_numeric_date",
    "validate_record",
    "words_from_hocr",
    "words_from_tsv",
]
