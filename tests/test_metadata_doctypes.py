"""The document type table (DOMAIN.md §4, NĐ 30 Phụ lục III)."""

from __future__ import annotations

import unicodedata

import pytest

from digitize.metadata.doctypes import (
    ALL_TYPES,
    CONG_VAN,
    DOC_TYPES,
    THU_CONG,
    DocType,
    Scheme,
    TypeFamily,
    lookup_abbreviation,
    lookup_name,
)

SECTION_4 = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "SY": "Sao y",
    "TrS": "Trích sao",
    "SL": "Sao lục",
}


def test_the_table_is_exactly_section_4() -> None:
    """DOMAIN §4: every abbreviation, exact case, nothing more, nothing less."""
    assert {t.abbr: t.name for t in DOC_TYPES} == SECTION_4
    assert len(DOC_TYPES) == len(SECTION_4)


def test_copies_are_their_own_family() -> None:
    """DOMAIN §4: SY, TrS, SL are copies."""
    assert {t.abbr for t in DOC_TYPES if t.family is TypeFamily.COPY} == {"SY", "TrS", "SL"}


def test_cong_van_and_thu_cong_have_no_abbreviation() -> None:
    """DOMAIN §4: công văn and thư công have no abbreviation."""
    assert CONG_VAN.abbr is None and THU_CONG.abbr is None
    assert lookup_name("CÔNG VĂN") is CONG_VAN


@pytest.mark.parametrize("abbr", sorted(SECTION_4))
def test_exact_case_lookup_is_certain(abbr: str) -> None:
    """DOMAIN §4 exact case: the lookup finds the type with full confidence."""
    match = lookup_abbreviation(abbr)
    assert match is not None
    assert match.doc_type.abbr == abbr and match.exact_case and match.confidence == 1.0


@pytest.mark.parametrize(
    ("typed", "canonical"), [("TTR", "TTr"), ("QYĐ", "QyĐ"), ("CTR", "CTr"), ("TRS", "TrS")]
)
def test_miscased_abbreviations_are_found_with_less_confidence(typed: str, canonical: str) -> None:
    """The §4 table has no case-insensitive collisions, so upper-cased forms are unambiguous."""
    match = lookup_abbreviation(typed)
    assert match is not None
    assert match.doc_type.abbr == canonical
    assert not match.exact_case and match.confidence < 1.0


def test_no_case_insensitive_collisions_in_section_4() -> None:
    """Why the lenient lookup is safe (DOMAIN §4)."""
    folded = [t.abbr.casefold() for t in DOC_TYPES if t.abbr]
    assert len(folded) == len(set(folded))


@pytest.mark.parametrize("agency", ["UBND", "BNV", "SNN", "VP", "TTg", "qđ", "Qd", ""])
def test_agencies_and_words_are_not_types(agency: str) -> None:
    """DOMAIN §5: a first group not in §4 is an agency (công văn); lower case is not a type."""
    assert lookup_abbreviation(agency) is None


def test_scheme_decides_ambiguous_abbreviations() -> None:
    """TT is Thông tư in a legal number and Thông tri in a Party number."""
    legal = lookup_abbreviation("TT", Scheme.LEGAL)
    party = lookup_abbreviation("TT", Scheme.PARTY)
    assert legal is not None and party is not None
    assert legal.doc_type.name == "Thông tư"
    assert party.doc_type.name == "Thông tri"


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("QUYẾT ĐỊNH", "Quyết định"),
        ("TỜ TRÌNH", "Tờ trình"),
        ("Nghị quyết", "Nghị quyết"),
        ("quyet dinh", "Quyết định"),
        ("QUY ĐỊNH", "Quy định"),
        ("GIẤY  MỜI", "Giấy mời"),
        ("BẢN SAO Y", "Sao y"),
        ("GIẤY CHỨNG NHẬN", "Giấy chứng nhận"),
        ("BẢN CAM KẾT", "Bản cam kết"),
        ("GIẤY ĐI ĐƯỜNG", "Giấy đi đường"),
        ("GIẤY BIÊN NHẬN HỒ SƠ", "Giấy biên nhận hồ sơ"),
    ],
)
def test_headings_find_types(heading: str, name: str) -> None:
    """DOMAIN §7: the type name is printed centred in capitals; §4 pre-2020 types too."""
    found = lookup_name(heading)
    assert found is not None and found.name == name


def test_quy_dinh_heading_prefers_the_section_4_entry() -> None:
    """The Party also has a Quy định (QĐi); a heading alone means the §4 one."""
    found = lookup_name("QUY ĐỊNH")
    assert found is not None and found.abbr == "QyĐ"


def test_every_entry_is_nfc() -> None:
    """DOMAIN §8: NFC everywhere."""
    for t in ALL_TYPES:
        assert unicodedata.is_normalized("NFC", t.name)
        assert t.abbr is None or unicodedata.is_normalized("NFC", t.abbr)


@pytest.mark.parametrize(
    ("name", "abbr"), [("", "QĐ"), (" Quyết định", "QĐ"), ("Quyết định", "Q-Đ")]
)
def test_doc_type_validates(name: str, abbr: str) -> None:
    """Frozen data validated in __post_init__ (STYLE §3)."""
    with pytest.raises(ValueError, match=r"name|abbreviation"):
        DocType(name, abbr, TypeFamily.ADMINISTRATIVE)
