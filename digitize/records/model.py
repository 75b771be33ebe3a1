"""The record of one document: NĐ 30 Phụ lục VI fields, archival extras and provenance.

A :class:`Record` is what search and export see: the values read by OCR with the archivist's
corrections (revisions) applied on top. The OCR values themselves stay in the catalog
untouched (:mod:`digitize.records.store`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from digitize.metadata.fields import FieldType, RecordKind, fields_for
from digitize.vntext import fold, nfc

__all__ = [
    "DOSSIER_TAGS",
    "EXTRA_TAGS",
    "FIELD_TAGS",
    "OutputFile",
    "Provenance",
    "Recipient",
    "Record",
    "code_key",
    "format_code",
]

#: Record attribute → Phụ lục VI tag (DOMAIN §1), in the order of the appendix, then the
#: archival extras of TT 02/2019.
FIELD_TAGS: Final[tuple[tuple[str, str], ...]] = (
    ("file_code", "FileCode"),
    ("organ_id", "OrganId"),
    ("file_catalog", "FileCatalog"),
    ("file_notation", "FileNotation"),
    ("doc_ordinal", "DocOrdinal"),
    ("type_name", "TypeName"),
    ("code_number", "CodeNumber"),
    ("code_notation", "CodeNotation"),
    ("issued_date", "IssuedDate"),
    ("organ_name", "OrganName"),
    ("subject", "Subject"),
    ("language", "Language"),
    ("page_amount", "PageAmount"),
    ("description", "Description"),
    ("position", "Position"),
    ("full_name", "FullName"),
    ("to", "To"),
    ("priority", "Priority"),
    ("issued_amount", "IssuedAmount"),
    ("due_date", "DueDate"),
    ("doc_code", "DocCode"),
    ("identifier", "Identifier"),
    ("infor_sign", "InforSign"),
    ("keyword", "Keyword"),
    ("mode", "Mode"),
    ("confidence_level", "ConfidenceLevel"),
    ("autograph", "Autograph"),
    ("physical_format", "Format"),
)

#: Values read from the document that Phụ lục VI has no tag for, kept beside the fields:
#: attribute → key used in the catalog and in exports.
EXTRA_TAGS: Final[tuple[tuple[str, str], ...]] = (
    ("code", "Code"),
    ("place", "Place"),
    ("parent_organ", "ParentOrgan"),
    ("signer_authority", "SignerAuthority"),
)

#: Fields of the document's hồ sơ that the archivist sets (DOMAIN §1 dossier table), per
#: dossier or for the whole archive: attribute → tag.
DOSSIER_TAGS: Final[tuple[tuple[str, str], ...]] = (
    ("maintenance", "Maintenance"),
    ("rights", "Rights"),
    ("creator", "Creator"),
)

_SPECS: Final = fields_for(RecordKind.OUTGOING)


@dataclass(frozen=True, slots=True)
class Recipient:
    """One entry of ``To`` (Phụ lục VI row 13).

    Attributes:
        organ_id: mã định danh of the recipient (QCVN 102:2016), often unknown.
        organ_name: its name as printed under ``Nơi nhận``.
    """

    organ_id: str = ""
    organ_name: str = ""

    def __post_init__(self) -> None:
        if not self.organ_id and not self.organ_name:
            raise ValueError("a recipient needs an OrganId or an OrganName")


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file the engine wrote for the document.

    Attributes:
        kind: ``pdf``, ``txt``, ``hocr`` or ``alto``.
        path: path relative to the archive, POSIX style.
        sha256: hex digest recorded by the engine.
        size: bytes.
    """

    kind: str
    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record comes from.

    Attributes:
        doc_id: SHA-256 of the source scan (the document's identity in the catalog).
        source_paths: the scan's path relative to the source folder, then other paths with
            identical content.
        page_count: pages of the scan.
        mean_confidence: mean Tesseract word confidence (0–100) over the document, or None.
        flagged_pages: pages the engine asked to review.
        outputs: searchable PDF, text, hOCR and ALTO with their checksums.
    """

    doc_id: str
    source_paths: tuple[str, ...]
    page_count: int
    mean_confidence: float | None = None
    flagged_pages: tuple[int, ...] = ()
    outputs: tuple[OutputFile, ...] = ()

    def __post_init__(self) -> None:
        if len(self.doc_id) != 64:
            raise ValueError(f"doc_id must be a SHA-256 hex digest: {self.doc_id!r}")
        if not self.source_paths:
            raise ValueError("a record needs at least one source path")
        if self.page_count < 0:
            raise ValueError("page_count must not be negative")

    @property
    def sha256(self) -> str:
        """SHA-256 of the source scan."""
        return self.doc_id

    @property
    def source_path(self) -> str:
        """The scan's own path (the first of ``source_paths``)."""
        return self.source_paths[0]

    def output(self, kind: str) -> OutputFile | None:
        """The output of that kind, or None."""
        return next((o for o in self.outputs if o.kind == kind), None)


@dataclass(frozen=True, slots=True)
class Record:
    """One document's metadata as search and export use it (OCR values + revisions).

    Text attributes are ``""`` when unknown, numbers ``None``; dates are ISO ``YYYY-MM-DD``.
    Phụ lục VI attributes are listed in :data:`FIELD_TAGS` with their tags.

    Attributes:
        doc_id: SHA-256 of the source scan.
        dossier: the hồ sơ: the scan's folder relative to the source folder (``""`` at top).
        file_code, organ_id, file_catalog, file_notation: Mã hồ sơ and its parts, filled when
            the dossier folder is named by a mã hồ sơ (``000.06.16.G09.2010.01.TH``).
        doc_ordinal: position of the document in its dossier (chronological).
        type_name: TypeName (``Quyết định``). code_number, code_notation: số and ký hiệu.
        issued_date: IssuedDate. organ_name: issuing agency. subject: trích yếu.
        language: Language. page_amount: PageAmount. description: Ghi chú.
        position, full_name: the signer. to: recipients.
        priority, issued_amount, due_date: rows 14–16, never printed in a way OCR reads.
        doc_code, identifier, infor_sign, keyword, mode, confidence_level, autograph,
        physical_format: archival extras (TT 02/2019; ``physical_format`` is tag ``Format``).
        code: the whole số/ký hiệu as written (``25/2019/QĐ-UBND``).
        place: địa danh of the date line. parent_organ: the agency printed above the issuer.
        signer_authority: ``TM.``/``KT.``/``TL.`` lines as printed.
        maintenance, rights, creator: thời hạn bảo quản, chế độ sử dụng and người lập hồ sơ
            of the document's hồ sơ, as the archivist set them for that dossier or for the
            whole archive (:data:`DOSSIER_TAGS`); never read by OCR.
        provenance: source paths, SHA-256, pages, OCR quality, outputs.
        confidence: tag → 0–1 confidence of the OCR reading (1.0 for revised fields).
        notes: Vietnamese notes for the reviewer.
        revised: tags whose value comes from a revision.
        revised_pages: numbers of the pages whose text comes from a page-text revision.
        text: the full text, pages separated by form feeds (empty unless asked for): the OCR
            text with the latest page-text revision of each corrected page applied.
    """

    doc_id: str
    dossier: str
    provenance: Provenance
    file_code: str = ""
    organ_id: str = ""
    file_catalog: int | None = None
    file_notation: str = ""
    doc_ordinal: int | None = None
    type_name: str = ""
    code_number: str = ""
    code_notation: str = ""
    issued_date: str = ""
    organ_name: str = ""
    subject: str = ""
    language: str = ""
    page_amount: int | None = None
    description: str = ""
    position: str = ""
    full_name: str = ""
    to: tuple[Recipient, ...] = ()
    priority: int | None = None
    issued_amount: int | None = None
    due_date: str = ""
    doc_code: str = ""
    identifier: str = ""
    infor_sign: str = ""
    keyword: str = ""
    mode: str = ""
    confidence_level: str = ""
    autograph: str = ""
    physical_format: str = ""
    code: str = ""
    place: str = ""
    parent_organ: str = ""
    signer_authority: str = ""
    maintenance: str = ""
    rights: str = ""
    creator: str = ""
    confidence: Mapping[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    revised: tuple[str, ...] = ()
    revised_pages: tuple[int, ...] = ()
    text: str = ""

    def __post_init__(self) -> None:
        if self.doc_id != self.provenance.doc_id:
            raise ValueError("doc_id and provenance.doc_id differ")
        for attribute in ("issued_date", "due_date"):
            value = getattr(self, attribute)
            if value:
                try:
                    dt.date.fromisoformat(value)
                except ValueError as e:
                    raise ValueError(f"{attribute} must be YYYY-MM-DD: {value!r}") from e

    @property
    def sha256(self) -> str:
        """SHA-256 of the source scan."""
        return self.doc_id

    @property
    def source_path(self) -> str:
        """The scan's path relative to the source folder."""
        return self.provenance.source_path

    @property
    def pages(self) -> tuple[str, ...]:
        """The text of each page (needs ``text``)."""
        return tuple(self.text.split("\f")) if self.text else ()

    @property
    def title(self) -> str:
        """A one-line label: ``Quyết định 15/QĐ-BNV (2015-05-03)`` or the source path."""
        parts = [p for p in (self.type_name, self.code or format_code(self)) if p]
        label = " ".join(parts) or self.source_path
        return f"{label} ({self.issued_date})" if self.issued_date else label

    def to_phuluc(self) -> dict[str, object]:
        """Non-empty values under their Phụ lục VI tags, the shape
        :func:`~digitize.metadata.fields.validate_record` and the exports take."""
        out: dict[str, object] = {}
        for attribute, tag in FIELD_TAGS:
            value = getattr(self, attribute)
            if value in (None, "", ()):
                continue
            if tag == "To":
                value = [
                    {k: v for k, v in (("OrganId", r.organ_id), ("OrganName", r.organ_name)) if v}
                    for r in self.to
                ]
            out[tag] = value
        return out

    def dossier_values(self) -> dict[str, str]:
        """The hồ sơ fields set by the archivist (``Maintenance``…), non-empty only."""
        return {tag: getattr(self, a) for a, tag in DOSSIER_TAGS if getattr(self, a)}

    def extras(self) -> dict[str, str]:
        """The values Phụ lục VI has no tag for (``Code``, ``Place``…), non-empty only."""
        return {key: getattr(self, a) for a, key in EXTRA_TAGS if getattr(self, a)}


def format_code(record: Record) -> str:
    """The số/ký hiệu from CodeNumber and CodeNotation (``15/QĐ-BNV``; Party ``36-NQ/TW``)."""
    if not record.code_number or not record.code_notation:
        return ""
    if "/" in record.code_notation and "-" not in record.code_notation.split("/")[0]:
        # Party numbering writes the type after a dash: 36-NQ/TW (DOMAIN §5).
        return f"{record.code_number}-{record.code_notation}"
    return f"{record.code_number}/{record.code_notation}"


def code_key(number: str, notation: str) -> str:
    """Comparison key of a số + ký hiệu: leading zeros, case, spaces and separators do not
    count (``05/QĐ-BNV`` = ``5/qđ - bnv``); empty when either part is missing."""
    number = "".join(ch for ch in nfc(number) if ch.isdigit()).lstrip("0")
    letters = "".join(ch for ch in nfc(notation).replace("\u00d0", "Đ") if ch.isalnum())
    if not number or not letters:
        return ""
    return f"{number}/{letters.casefold()}"


def field_type(tag: str) -> FieldType | None:
    """The Phụ lục VI type of a tag (None for extras such as ``Place``)."""
    spec = _SPECS.get(tag)
    return spec.type if spec else None


def agency_key(name: str) -> str:
    """Folded, single-spaced agency name for duplicate detection and filters."""
    return " ".join(fold(name).split())
