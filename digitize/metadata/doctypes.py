"""Document types and their ký hiệu abbreviations (DOMAIN.md §4).

Abbreviations are matched in exact case first (``QyĐ``, ``TTr``, ``CTr``, ``TrS``); the table is
free of case-insensitive collisions, so a typist's ``TTR`` still finds ``TTr``, but with a lower
confidence reported by :func:`lookup_abbreviation`.

Beyond §4 (NĐ 30/2020, Phụ lục III) the module knows, each tagged with its family and source:
older administrative abbreviations of Thông tư 01/2011/TT-BNV (Phụ lục I) that NĐ 30 replaced,
legal normative types that appear in year-bearing numbers (Luật Ban hành VBQPPL 2015), and the
Party's own types (Hướng dẫn 36-HD/VPTW, 2018). Those three tables were written from the texts
as remembered, not retrieved; they only widen what is recognized and never override §4.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from digitize.vntext import fold, nfc

__all__ = [
    "ALL_TYPES",
    "CONG_VAN",
    "DOC_TYPES",
    "THU_CONG",
    "DocType",
    "Scheme",
    "TypeFamily",
    "TypeMatch",
    "lookup_abbreviation",
    "lookup_name",
]


class TypeFamily(StrEnum):
    """Where a type (or an abbreviation for it) comes from."""

    ADMINISTRATIVE = "administrative"  # NĐ 30 Phụ lục III, the §4 table
    COPY = "copy"  # bản sao: SY, TrS, SL (§4)
    LEGAL = "legal"  # văn bản quy phạm pháp luật: NĐ, TT, TTLT…
    PARTY = "party"  # văn bản của Đảng: KL, QĐi, TT (thông tri)…
    LEGACY = "legacy"  # before NĐ 30: TT 01/2011 abbreviations, "CV" for công văn
    OTHER = "other"  # in state practice outside Phụ lục III: KL (kết luận thanh tra)


@dataclass(frozen=True, slots=True)
class DocType:
    """One document type.

    Attributes:
        name: Vietnamese name in sentence case, as TypeName is filled (``Quyết định``).
        abbr: abbreviation used in the ký hiệu, exact case; ``None`` for công văn and thư
            công, which have none (§4).
        family: which table the abbreviation belongs to.
        source: the text that defines it, for tests and lessons to cite.
    """

    name: str
    abbr: str | None
    family: TypeFamily
    source: str = "NĐ 30/2020/NĐ-CP, Phụ lục III"

    def __post_init__(self) -> None:
        if not self.name or self.name != nfc(self.name).strip():
            raise ValueError(f"type name must be non-empty trimmed NFC text: {self.name!r}")
        if self.abbr is not None and (not self.abbr.isalpha() or self.abbr != nfc(self.abbr)):
            raise ValueError(f"abbreviation must be NFC letters only: {self.abbr!r}")

    @property
    def heading(self) -> str:
        """The name as printed centred on page 1, in capitals (``QUYẾT ĐỊNH``)."""
        return self.name.upper()


_ADMIN = TypeFamily.ADMINISTRATIVE

#: The §4 table (NĐ 30, Phụ lục III) in its order, copies last.
DOC_TYPES: Final[tuple[DocType, ...]] = (
    DocType("Nghị quyết", "NQ", _ADMIN),
    DocType("Quyết định", "QĐ", _ADMIN),
    DocType("Chỉ thị", "CT", _ADMIN),
    DocType("Quy chế", "QC", _ADMIN),
    DocType("Quy định", "QyĐ", _ADMIN),
    DocType("Thông cáo", "TC", _ADMIN),
    DocType("Thông báo", "TB", _ADMIN),
    DocType("Hướng dẫn", "HD", _ADMIN),
    DocType("Chương trình", "CTr", _ADMIN),
    DocType("Kế hoạch", "KH", _ADMIN),
    DocType("Phương án", "PA", _ADMIN),
    DocType("Đề án", "ĐA", _ADMIN),
    DocType("Dự án", "DA", _ADMIN),
    DocType("Báo cáo", "BC", _ADMIN),
    DocType("Biên bản", "BB", _ADMIN),
    DocType("Tờ trình", "TTr", _ADMIN),
    DocType("Hợp đồng", "HĐ", _ADMIN),
    DocType("Công điện", "CĐ", _ADMIN),
    DocType("Bản ghi nhớ", "BGN", _ADMIN),
    DocType("Bản thỏa thuận", "BTT", _ADMIN),
    DocType("Giấy ủy quyền", "GUQ", _ADMIN),
    DocType("Giấy mời", "GM", _ADMIN),
    DocType("Giấy giới thiệu", "GGT", _ADMIN),
    DocType("Giấy nghỉ phép", "GNP", _ADMIN),
    DocType("Phiếu gửi", "PG", _ADMIN),
    DocType("Phiếu chuyển", "PC", _ADMIN),
    DocType("Phiếu báo", "PB", _ADMIN),
    DocType("Sao y", "SY", TypeFamily.COPY),
    DocType("Trích sao", "TrS", TypeFamily.COPY),
    DocType("Sao lục", "SL", TypeFamily.COPY),
)

#: Công văn: no abbreviation; its ký hiệu is agency-unit (``05/BNV-VP``), §4–5.
CONG_VAN: Final = DocType("Công văn", None, _ADMIN)
#: Thư công: no abbreviation (§4).
THU_CONG: Final = DocType("Thư công", None, _ADMIN)

_TT01 = "Thông tư 01/2011/TT-BNV, Phụ lục I"
_LEGACY = TypeFamily.LEGACY
# Pre-2020 types of §4's last sentence, and the older spellings NĐ 30 replaced.
_LEGACY_TYPES: Final[tuple[DocType, ...]] = (
    DocType("Bản cam kết", "CK", _LEGACY, _TT01),
    DocType("Giấy chứng nhận", "CN", _LEGACY, _TT01),
    DocType("Giấy đi đường", "ĐĐ", _LEGACY, _TT01),
    DocType("Giấy biên nhận hồ sơ", "BN", _LEGACY, _TT01),
    DocType("Bản ghi nhớ", "GN", _LEGACY, _TT01),
    DocType("Bản thỏa thuận", "TTh", _LEGACY, _TT01),
    DocType("Giấy ủy quyền", "UQ", _LEGACY, _TT01),
    DocType("Giấy giới thiệu", "GT", _LEGACY, _TT01),
    DocType("Giấy nghỉ phép", "NP", _LEGACY, _TT01),
    DocType("Trích sao", "TS", _LEGACY, _TT01),
    # "116/CV-BĐH122" (2003): công văn carried "CV" before TT 55/2005 dropped it (DOMAIN §5).
    DocType("Công văn", "CV", _LEGACY, "DOMAIN.md §5 (legacy, before 2005)"),
)

_VBQPPL = "Luật Ban hành văn bản quy phạm pháp luật 2015; NĐ 34/2016/NĐ-CP"
_LEGAL_TYPES: Final[tuple[DocType, ...]] = (
    DocType("Nghị định", "NĐ", TypeFamily.LEGAL, _VBQPPL),
    DocType("Thông tư", "TT", TypeFamily.LEGAL, _VBQPPL),
    DocType("Thông tư liên tịch", "TTLT", TypeFamily.LEGAL, _VBQPPL),
    DocType("Nghị quyết liên tịch", "NQLT", TypeFamily.LEGAL, _VBQPPL),
    DocType("Lệnh", "L", TypeFamily.LEGAL, _VBQPPL),
    DocType("Luật", None, TypeFamily.LEGAL, _VBQPPL),
    DocType("Pháp lệnh", None, TypeFamily.LEGAL, _VBQPPL),
)

# Inspectorates number their conclusions "45/KL-TTCP"; without this entry the number would
# read as a công văn of an agency "KL".
_OTHER_TYPES: Final[tuple[DocType, ...]] = (
    DocType("Kết luận", "KL", TypeFamily.OTHER, "Luật Thanh tra 2022 (kết luận thanh tra)"),
)

_HD36 = "Hướng dẫn 36-HD/VPTW (2018) về thể thức văn bản của Đảng"
_PARTY_TYPES: Final[tuple[DocType, ...]] = (
    DocType("Kết luận", "KL", TypeFamily.PARTY, _HD36),
    DocType("Quy định", "QĐi", TypeFamily.PARTY, _HD36),
    DocType("Thông tri", "TT", TypeFamily.PARTY, _HD36),
    DocType("Công văn", "CV", TypeFamily.PARTY, _HD36),
)

#: Every type known, §4 first.
ALL_TYPES: Final[tuple[DocType, ...]] = (
    *DOC_TYPES,
    CONG_VAN,
    THU_CONG,
    *_LEGACY_TYPES,
    *_OTHER_TYPES,
    *_LEGAL_TYPES,
    *_PARTY_TYPES,
)


class Scheme(StrEnum):
    """Which numbering scheme a ký hiệu was read in; decides which tables apply."""

    STATE = "state"  # 15/QĐ-BNV, 12/UBND-VX
    LEGAL = "legal"  # 25/2019/QĐ-UBND, 30/2020/NĐ-CP
    PARTY = "party"  # 36-NQ/TW


# Tables searched per scheme, most authoritative first; the first hit wins.
_TABLES: Final[dict[Scheme, tuple[tuple[DocType, ...], ...]]] = {
    # Legal abbreviations last: "15/NĐ-CP" without a year is an old Nghị định, not a công văn
    # of an agency "NĐ".
    Scheme.STATE: (DOC_TYPES, _OTHER_TYPES, _LEGACY_TYPES, _LEGAL_TYPES),
    Scheme.LEGAL: (_LEGAL_TYPES, DOC_TYPES, _LEGACY_TYPES),
    Scheme.PARTY: (_PARTY_TYPES, DOC_TYPES),
}


@dataclass(frozen=True, slots=True)
class TypeMatch:
    """Result of looking an abbreviation up.

    Attributes:
        doc_type: the type found.
        exact_case: ``False`` when only a case-insensitive comparison matched (``TTR``).
        repaired: ``True`` when a letter OCR doubled had to be read once (``QĐĐ``).
    """

    doc_type: DocType
    exact_case: bool
    repaired: bool = False

    @property
    def confidence(self) -> float:
        """How sure the lookup is: 1.0 for §4 exact case, less for older, mis-cased or
        repaired forms."""
        family = self.doc_type.family
        value = 1.0 if family not in {TypeFamily.LEGACY, TypeFamily.OTHER} else 0.85
        if not self.exact_case:
            value *= 0.8
        return value * 0.7 if self.repaired else value


def lookup_abbreviation(abbr: str, scheme: Scheme | str = Scheme.STATE) -> TypeMatch | None:
    """The type whose abbreviation is ``abbr`` in the given numbering scheme, or ``None``.

    ``None`` in the state scheme means the group names an agency, so the number is a công văn's
    (DOMAIN §5: ``15/QĐ-BNV`` and ``12/UBND-VX`` have the same shape).
    """
    abbr = nfc(abbr).strip().replace("\u00d0", "Đ")
    tables = _TABLES[Scheme(scheme)]
    for table in tables:
        for doc_type in table:
            if doc_type.abbr == abbr:
                return TypeMatch(doc_type, exact_case=True)
    # Case-insensitive second pass; only letters that are not all lower case, because an
    # agency group is never lower case and "qđ" in running text is a word, not a ký hiệu.
    if abbr.islower():
        return None
    folded = abbr.casefold()
    for table in tables:
        for doc_type in table:
            if doc_type.abbr is not None and doc_type.abbr.casefold() == folded:
                return TypeMatch(doc_type, exact_case=False)
    return None


_BY_HEADING: Final[dict[str, DocType]] = {}
for _t in ALL_TYPES:
    _BY_HEADING.setdefault(fold(_t.name), _t)
# Copies are headed by the full phrase (NĐ 30 Phụ lục I, mẫu bản sao).
_BY_HEADING[fold("Sao y bản chính")] = DOC_TYPES[-3]
_BY_HEADING[fold("Bản sao y")] = DOC_TYPES[-3]
_BY_HEADING[fold("Bản trích sao")] = DOC_TYPES[-2]
_BY_HEADING[fold("Bản sao lục")] = DOC_TYPES[-1]


def lookup_name(name: str) -> DocType | None:
    """The type whose name is ``name`` (any case, accents optional): ``QUYẾT ĐỊNH``,
    ``Tờ trình``, ``quyet dinh``. Returns the §4 entry when several tables share a name."""
    key = " ".join(fold(name).split())
    return _BY_HEADING.get(key)
