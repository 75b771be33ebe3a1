"""Parse the số and ký hiệu of a document (DOMAIN.md §5).

Families recognized (DOMAIN §5):

========================  ==================  ===========================================
form                      example             kind
========================  ==================  ===========================================
number/type-issuer        ``15/QĐ-BNV``       :attr:`NumberKind.ADMINISTRATIVE`
number/agency-unit        ``05/BNV-VP``       :attr:`NumberKind.CONG_VAN`
number/year/type-issuer   ``30/2020/NĐ-CP``   :attr:`NumberKind.LEGAL`
number-type/issuer        ``36-NQ/TW``        :attr:`NumberKind.PARTY`
older conventions         ``116/CV-BĐH122``,  :attr:`NumberKind.LEGACY`
                          ``01/1999/QĐ.UB``
========================  ==================  ===========================================

The input is cleaned first (NFC, Ð→Đ, dashes unified, spaces around ``/``, ``-`` and ``.``
removed) and the first ký hiệu group is looked up in the §4 table to tell a type from an
agency. Anything that does not fit one of these shapes is rejected (``None``): a wrong số/ký
hiệu in an archive record is worse than an empty one.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from digitize.metadata.doctypes import Scheme, TypeFamily, TypeMatch, lookup_abbreviation
from digitize.vntext import fold, nfc

__all__ = [
    "MAX_NOTATION_LENGTH",
    "MAX_NUMBER_LENGTH",
    "MIN_YEAR",
    "DocumentNumber",
    "NumberKind",
    "clean_number_text",
    "find_numbers",
    "parse_number",
]

log = logging.getLogger(__name__)

#: Phụ lục VI lengths of CodeNumber and CodeNotation (DOMAIN §1).
MAX_NUMBER_LENGTH: Final = 11
MAX_NOTATION_LENGTH: Final = 30
#: Earliest plausible year in a ký hiệu: archives start with the 1945 state.
MIN_YEAR: Final = 1945


class NumberKind(StrEnum):
    """Which §5 family a số/ký hiệu belongs to."""

    LEGAL = "legal"
    ADMINISTRATIVE = "administrative"
    CONG_VAN = "cong_van"
    PARTY = "party"
    LEGACY = "legacy"


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A parsed số and ký hiệu.

    Attributes:
        number: the số as written, digits only, leading zero kept (``05``): CodeNumber.
        notation: the ký hiệu after the number (and year), separators as written
            (``QĐ-BNV``, ``NQ/TW``, ``QĐ.UB``): CodeNotation.
        kind: the §5 family.
        type_abbr: the type abbreviation of the ký hiệu in its canonical case (``TTr`` even if
            typed ``TTR``), ``None`` when the ký hiệu has none (công văn, Luật).
        type_name: TypeName implied by the ký hiệu (``Quyết định``, ``Công văn``), or ``None``
            when the ký hiệu does not decide it (``59/2020/QH14``: Luật or Nghị quyết).
        issuer: the agency groups of the ký hiệu (``("BNV",)``, ``("BNV", "VP")``, ``("TW",)``).
        year: the year written in a legal number (``2019`` in ``25/2019/QĐ-UBND``), else None.
        confidence: 0–1, lower for older forms, mis-cased types, công văn inferred from the
            absence of a type, and text that needed cleaning.
        raw: the text the number was parsed from.
    """

    number: str
    notation: str
    kind: NumberKind
    type_abbr: str | None
    type_name: str | None
    issuer: tuple[str, ...]
    year: int | None = None
    confidence: float = 1.0
    raw: str = ""

    def __post_init__(self) -> None:
        if not (self.number.isdigit() and self.number.isascii()) or int(self.number) == 0:
            raise ValueError(f"số must be a positive number in digits: {self.number!r}")
        if len(self.number) > MAX_NUMBER_LENGTH:
            raise ValueError(f"số longer than {MAX_NUMBER_LENGTH} characters: {self.number!r}")
        if not self.notation or len(self.notation) > MAX_NOTATION_LENGTH:
            raise ValueError(f"ký hiệu must have 1–{MAX_NOTATION_LENGTH} characters")
        if any(c.isspace() for c in self.notation):
            raise ValueError(f"ký hiệu must not contain spaces: {self.notation!r}")
        if not self.issuer:
            raise ValueError("ký hiệu must name an issuing agency")
        if self.year is not None and not MIN_YEAR <= self.year <= _max_year():
            raise ValueError(f"implausible year in số: {self.year}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0–1: {self.confidence}")

    @property
    def text(self) -> str:
        """The canonical written form: ``15/QĐ-BNV``, ``25/2019/QĐ-UBND``, ``36-NQ/TW``."""
        if self.kind is NumberKind.PARTY:
            return f"{self.number}-{self.notation}"
        if self.year is not None:
            return f"{self.number}/{self.year}/{self.notation}"
        return f"{self.number}/{self.notation}"

    @property
    def key(self) -> str:
        """Exact-match key: the canonical text (DOMAIN §5 uniqueness is per agency and year)."""
        return self.text

    def __str__(self) -> str:
        return self.text


def _max_year() -> int:
    return dt.date.today().year + 1


_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212\u00ad", "-"))
_SLASHES: Final = str.maketrans(dict.fromkeys("\u2044\u2215\uff0f", "/"))
_AROUND_SEPARATOR: Final = re.compile(r"\s*([/\-.])\s*")
# "Số:", "SỐ :", "So." — the prefix of the number line, matched on its folded form.
_PREFIX: Final = re.compile(r"^\s*([^\W\d_]{2})\s*[:.]?\s*(?=[0-9])")
_TRAILING: Final = ".,;:)]}\"'"

_NUMBER: Final = r"(?P<number>[0-9]{1,11})"
_GROUPS: Final = r"(?P<rest>[^\W_][\w&]*(?:[-.][^\W_][\w&]*)*)"
_STATE: Final = re.compile(rf"{_NUMBER}/{_GROUPS}")
_LEGAL: Final = re.compile(rf"{_NUMBER}/(?P<year>[0-9]{{4}})/{_GROUPS}")
_PARTY: Final = re.compile(rf"{_NUMBER}-(?P<type>[^\W\d_]+)/{_GROUPS}")

# Penalty when the text needed more than NFC to parse (stray spaces, odd dashes).
_CLEANED_FACTOR: Final = 0.95


def clean_number_text(text: str) -> str:
    """The §5 clean-up: NFC, Ð→Đ, unified dashes and slashes, no spaces around ``/ - .``,
    the ``Số:`` prefix and trailing punctuation removed."""
    text = nfc(text).translate(_DASHES).translate(_SLASHES).replace("\u00d0", "Đ")
    text = " ".join(text.split())
    prefix = _PREFIX.match(text)
    if prefix and fold(prefix.group(1)) == "so":
        text = text[prefix.end() :]
    text = _AROUND_SEPARATOR.sub(r"\1", text)
    return text.strip().rstrip(_TRAILING)


def _issuer_group_ok(group: str) -> bool:
    """An agency group: starts upper case, letters/digits/&, mostly upper case (``TTg``)."""
    if not group or not group[0].isupper():
        return False
    if not all(c.isalnum() or c == "&" for c in group):
        return False
    lower = sum(c.islower() for c in group)
    upper = sum(c.isupper() for c in group)
    return lower <= 2 and lower < upper


def _split_groups(rest: str) -> tuple[list[str], bool]:
    """Groups of a ký hiệu and whether a dot separated any of them (a pre-2005 style)."""
    return re.split(r"[-.]", rest), "." in rest


def parse_number(text: str) -> DocumentNumber | None:
    """Parse one số/ký hiệu such as ``Số: 3236/TTr -SNN``; ``None`` when it is not one."""
    raw = text
    cleaned = clean_number_text(text)
    if not cleaned or any(c.isspace() for c in cleaned):
        return None
    factor = 1.0 if cleaned == nfc(raw).strip() else _CLEANED_FACTOR
    parsed = _parse_party(cleaned) or _parse_legal(cleaned) or _parse_state(cleaned)
    if parsed is None:
        log.debug("not a số/ký hiệu: %r", raw)
        return None
    number, notation, kind, match, issuer, year, confidence = parsed
    try:
        return DocumentNumber(
            number=number,
            notation=notation,
            kind=kind,
            type_abbr=match.doc_type.abbr if match else None,
            type_name=_type_name(kind, match),
            issuer=tuple(issuer),
            year=year,
            confidence=round(confidence * factor, 3),
            raw=raw,
        )
    except ValueError as error:
        log.debug("rejected số/ký hiệu %r: %s", raw, error)
        return None


_Parsed = tuple[str, str, NumberKind, TypeMatch | None, list[str], int | None, float]


def _type_name(kind: NumberKind, match: TypeMatch | None) -> str | None:
    if match is not None:
        return match.doc_type.name
    return "Công văn" if kind is NumberKind.CONG_VAN else None


def _lookup_type(group: str, scheme: Scheme) -> TypeMatch | None:
    """The type of a ký hiệu's first group. Tesseract often reads a bold ``Đ`` twice
    (``QĐĐ``, ``QĐÐ``): when the group is no type but reading each doubled letter once gives
    one, that type is returned, marked as repaired (lower confidence)."""
    match = lookup_abbreviation(group, scheme)
    if match is not None:
        return match
    single = re.sub(r"(.)\1+", r"\1", group)
    if single == group:
        return None
    repaired = lookup_abbreviation(single, scheme)
    if repaired is None or not repaired.exact_case:
        return None
    return TypeMatch(repaired.doc_type, exact_case=True, repaired=True)


def _canonical(rest: str, match: TypeMatch | None) -> str:
    """The ký hiệu with its type group in the table's case (``TTR-UBND`` → ``TTr-UBND``)."""
    if match is None or match.doc_type.abbr is None:
        return rest
    first = re.split(r"[-.]", rest, maxsplit=1)[0]
    return match.doc_type.abbr + rest[len(first) :]


def _parse_party(text: str) -> _Parsed | None:
    m = _PARTY.fullmatch(text)
    if m is None:
        return None
    match = _lookup_type(m["type"], Scheme.PARTY)
    groups, _ = _split_groups(m["rest"])
    if match is None or not all(map(_issuer_group_ok, groups)):
        return None
    notation = f"{match.doc_type.abbr}/{m['rest']}"
    return m["number"], notation, NumberKind.PARTY, match, groups, None, match.confidence


def _parse_legal(text: str) -> _Parsed | None:
    m = _LEGAL.fullmatch(text)
    if m is None:
        return None
    year = int(m["year"])
    if not MIN_YEAR <= year <= _max_year():
        return None
    groups, dotted = _split_groups(m["rest"])
    kind = NumberKind.LEGACY if dotted else NumberKind.LEGAL
    match = _lookup_type(groups[0], Scheme.LEGAL)
    if match is not None:
        issuer = groups[1:]
        confidence = match.confidence
    elif len(groups) == 1:
        # "59/2020/QH14", "01/2020/UBTVQH14": Luật, Pháp lệnh or Nghị quyết; the ký hiệu
        # names only the issuer, so the type stays open.
        issuer = groups
        confidence = 0.75
    else:
        return None
    if not issuer or not all(map(_issuer_group_ok, issuer)):
        return None
    if dotted:
        confidence *= 0.9
    return m["number"], _canonical(m["rest"], match), kind, match, issuer, year, confidence


def _parse_state(text: str) -> _Parsed | None:
    m = _STATE.fullmatch(text)
    if m is None:
        return None
    groups, dotted = _split_groups(m["rest"])
    match = _lookup_type(groups[0], Scheme.STATE)
    if match is not None:
        issuer = groups[1:]
        family = match.doc_type.family
        legacy = family in {TypeFamily.LEGACY, TypeFamily.LEGAL}
        kind = NumberKind.LEGACY if legacy or dotted else NumberKind.ADMINISTRATIVE
        # A legal type without the year has not been written since the 1990s.
        confidence = match.confidence * (0.8 if family is TypeFamily.LEGAL else 1.0)
    else:
        # No type in front: an agency-unit công văn number (DOMAIN §5, "12/UBND-VX").
        issuer = groups
        kind = NumberKind.LEGACY if dotted else NumberKind.CONG_VAN
        confidence = 0.9 if len(groups) > 1 else 0.75
    if not issuer or not all(map(_issuer_group_ok, issuer)):
        return None
    if dotted:
        confidence *= 0.9
    return m["number"], _canonical(m["rest"], match), kind, match, issuer, None, confidence


# A candidate in running text: a number, then "/" or "-" and ký hiệu-like material, allowing
# the stray spaces OCR adds around separators. Parsed by trimming groups from the right.
_CANDIDATE: Final = re.compile(
    r"(?<![\w/.\-])[0-9]{1,11}(?:\s?[/\-.]\s?[^\W_][\w&]*)+",
)


def find_numbers(text: str) -> Iterator[tuple[int, int, DocumentNumber]]:
    """Every số/ký hiệu in running text (``Căn cứ Nghị định số 30/2020/NĐ-CP…``), with the
    start and end offsets of its match in ``text``."""
    for m in _CANDIDATE.finditer(text):
        candidate = m.group(0)
        # Longest parse first: "15/QĐ-BNV-ngày" fails as a whole but "15/QĐ-BNV" succeeds.
        cuts = [i for i, c in enumerate(candidate) if c in "/-."] + [len(candidate)]
        for cut in reversed(cuts):
            parsed = parse_number(candidate[:cut])
            if parsed is not None:
                yield m.start(), m.start() + len(candidate[:cut].rstrip()), parsed
                break
