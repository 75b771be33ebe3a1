"""Số and ký hiệu parsing (DOMAIN.md §5, types looked up in §4)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitize.metadata.doctypes import DOC_TYPES
from digitize.metadata.numbering import (
    DocumentNumber,
    NumberKind,
    clean_number_text,
    find_numbers,
    parse_number,
)

K = NumberKind

# raw, text, number, year, notation, type_abbr, type_name, issuer, kind
CASES = [
    (
        "15/QĐ-BNV",
        "15/QĐ-BNV",
        "15",
        None,
        "QĐ-BNV",
        "QĐ",
        "Quyết định",
        ("BNV",),
        K.ADMINISTRATIVE,
    ),
    ("05/BNV-VP", "05/BNV-VP", "05", None, "BNV-VP", None, "Công văn", ("BNV", "VP"), K.CONG_VAN),
    (
        "12/UBND-VX",
        "12/UBND-VX",
        "12",
        None,
        "UBND-VX",
        None,
        "Công văn",
        ("UBND", "VX"),
        K.CONG_VAN,
    ),
    (
        "25/2019/QĐ-UBND",
        "25/2019/QĐ-UBND",
        "25",
        2019,
        "QĐ-UBND",
        "QĐ",
        "Quyết định",
        ("UBND",),
        K.LEGAL,
    ),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "30", 2020, "NĐ-CP", "NĐ", "Nghị định", ("CP",), K.LEGAL),
    ("36-NQ/TW", "36-NQ/TW", "36", None, "NQ/TW", "NQ", "Nghị quyết", ("TW",), K.PARTY),
    ("22-CT/TU", "22-CT/TU", "22", None, "CT/TU", "CT", "Chỉ thị", ("TU",), K.PARTY),
    (
        "116/CV-BĐH122",
        "116/CV-BĐH122",
        "116",
        None,
        "CV-BĐH122",
        "CV",
        "Công văn",
        ("BĐH122",),
        K.LEGACY,
    ),
    ("01/1999/QĐ.UB", "01/1999/QĐ.UB", "01", 1999, "QĐ.UB", "QĐ", "Quyết định", ("UB",), K.LEGACY),
    (
        "3236/TTr -SNN",
        "3236/TTr-SNN",
        "3236",
        None,
        "TTr-SNN",
        "TTr",
        "Tờ trình",
        ("SNN",),
        K.ADMINISTRATIVE,
    ),
    (
        "15/Q\u00d0-BNV",
        "15/QĐ-BNV",
        "15",
        None,
        "QĐ-BNV",
        "QĐ",
        "Quyết định",
        ("BNV",),
        K.ADMINISTRATIVE,
    ),
    (
        "Số: 07/QyĐ-UBND",
        "07/QyĐ-UBND",
        "07",
        None,
        "QyĐ-UBND",
        "QyĐ",
        "Quy định",
        ("UBND",),
        K.ADMINISTRATIVE,
    ),
    (
        "09/CTr-UBND",
        "09/CTr-UBND",
        "09",
        None,
        "CTr-UBND",
        "CTr",
        "Chương trình",
        ("UBND",),
        K.ADMINISTRATIVE,
    ),
    ("02/TrS-VP", "02/TrS-VP", "02", None, "TrS-VP", "TrS", "Trích sao", ("VP",), K.ADMINISTRATIVE),
    ("14/SY-UBND", "14/SY-UBND", "14", None, "SY-UBND", "SY", "Sao y", ("UBND",), K.ADMINISTRATIVE),
    ("03/SL-VP", "03/SL-VP", "03", None, "SL-VP", "SL", "Sao lục", ("VP",), K.ADMINISTRATIVE),
    (
        "749/QĐ-TTg",
        "749/QĐ-TTg",
        "749",
        None,
        "QĐ-TTg",
        "QĐ",
        "Quyết định",
        ("TTg",),
        K.ADMINISTRATIVE,
    ),
    ("34/2008/CT-TTg", "34/2008/CT-TTg", "34", 2008, "CT-TTg", "CT", "Chỉ thị", ("TTg",), K.LEGAL),
    ("01/2011/TT-BNV", "01/2011/TT-BNV", "01", 2011, "TT-BNV", "TT", "Thông tư", ("BNV",), K.LEGAL),
    ("59/2020/QH14", "59/2020/QH14", "59", 2020, "QH14", None, None, ("QH14",), K.LEGAL),
    (
        "SỐ : 12 / TTR - UBND",
        "12/TTr-UBND",
        "12",
        None,
        "TTr-UBND",
        "TTr",
        "Tờ trình",
        ("UBND",),
        K.ADMINISTRATIVE,
    ),
    ("123/UBND", "123/UBND", "123", None, "UBND", None, "Công văn", ("UBND",), K.CONG_VAN),
    (
        "45/KL-TTCP",
        "45/KL-TTCP",
        "45",
        None,
        "KL-TTCP",
        "KL",
        "Kết luận",
        ("TTCP",),
        K.ADMINISTRATIVE,
    ),
    ("08-QĐi/TW", "08-QĐi/TW", "08", None, "QĐi/TW", "QĐi", "Quy định", ("TW",), K.PARTY),
    ("123-CV/TU", "123-CV/TU", "123", None, "CV/TU", "CV", "Công văn", ("TU",), K.PARTY),
    ("36 – NQ/TW", "36-NQ/TW", "36", None, "NQ/TW", "NQ", "Nghị quyết", ("TW",), K.PARTY),
    ("15/NĐ-CP", "15/NĐ-CP", "15", None, "NĐ-CP", "NĐ", "Nghị định", ("CP",), K.LEGACY),
    (
        "12/GT-UBND",
        "12/GT-UBND",
        "12",
        None,
        "GT-UBND",
        "GT",
        "Giấy giới thiệu",
        ("UBND",),
        K.LEGACY,
    ),
]

# Shared machines are slow and busy: a per-example deadline would only make tests flaky.
NO_DEADLINE = settings(deadline=None)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_number_family_parses(case: tuple[object, ...]) -> None:
    """DOMAIN §5: every family, cleaned (spaces, Ð), its type decided by the §4 table."""
    raw, text, number, year, notation, abbr, name, issuer, kind = case
    assert isinstance(raw, str)
    parsed = parse_number(raw)
    assert parsed is not None
    assert (parsed.text, parsed.number, parsed.year, parsed.notation) == (
        text,
        number,
        year,
        notation,
    )
    assert (parsed.type_abbr, parsed.type_name, parsed.issuer, parsed.kind) == (
        abbr,
        name,
        issuer,
        kind,
    )
    assert 0.5 <= parsed.confidence <= 1.0
    assert parsed.raw == raw


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "abc",
        "15/",
        "/QĐ-BNV",
        "15 QĐ-BNV",
        "29/10/2010",
        "12/2010",
        "15/qđ-bnv",
        "0/QĐ-BNV",
        "00/QĐ-BNV",
        "15/2099/QĐ-UBND",
        "15/1800/QĐ-UBND",
        "15/Quyết-định",
        "36-XYZ/TW",
        "15/QĐ",
        "15/QĐ-",
        "15/QĐ--BNV",
        "15/QĐ-BNV/2019",
        "1/2019/UBND-VX",
        "Số: ",
        "123456789012/QĐ-BNV",
        "15/QĐ-ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF",
        "15/QĐ-BNV extra",
        "ngày 15/5",
    ],
)
def test_garbage_is_rejected_not_guessed(garbage: str) -> None:
    """DOMAIN §5 / issue 5: a field that cannot be found is empty, never guessed."""
    assert parse_number(garbage) is None


def test_types_are_case_exact_and_miscased_types_cost_confidence() -> None:
    """DOMAIN §4 (exact case): ``TTr`` is the type; ``TTR`` is accepted as a typist's variant
    with lower confidence and written back in canonical case."""
    exact = parse_number("12/TTr-UBND")
    typed = parse_number("12/TTR-UBND")
    assert exact is not None and typed is not None
    assert typed.type_abbr == "TTr" and typed.notation == "TTr-UBND"
    assert typed.confidence < exact.confidence


def test_every_section_4_abbreviation_is_recognized_as_a_type() -> None:
    """DOMAIN §4: each abbreviation in front of an agency makes an administrative number."""
    for doc_type in DOC_TYPES:
        parsed = parse_number(f"07/{doc_type.abbr}-UBND")
        assert parsed is not None, doc_type
        assert parsed.type_abbr == doc_type.abbr
        assert parsed.type_name == doc_type.name
        assert parsed.kind is NumberKind.ADMINISTRATIVE


def test_cong_van_is_inferred_only_when_the_first_group_is_no_type() -> None:
    """DOMAIN §5: ``15/QĐ-BNV`` and ``12/UBND-VX`` share a shape; the §4 lookup decides."""
    qd = parse_number("15/QĐ-BNV")
    cv = parse_number("12/UBND-VX")
    assert qd is not None and cv is not None
    assert qd.kind is NumberKind.ADMINISTRATIVE and cv.kind is NumberKind.CONG_VAN
    assert cv.confidence < qd.confidence


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Số: 3236/TTr -SNN", "3236/TTr-SNN"),
        ("Số:15 / QĐ - BNV.", "15/QĐ-BNV"),
        ("So: 15/QĐ-BNV", "15/QĐ-BNV"),
        ("Số 15/Q\u00d0\u2013BNV", "15/QĐ-BNV"),
        ("01/1999/QĐ . UB", "01/1999/QĐ.UB"),
    ],
)
def test_cleaning_follows_section_5(raw: str, cleaned: str) -> None:
    """DOMAIN §5 "Clean first": NFC, Ð → Đ, no spaces around "/" and "-"."""
    assert clean_number_text(raw) == cleaned


def test_stray_spaces_lower_confidence_a_little() -> None:
    """DOMAIN §5: OCR and typists add spaces; still parsed, slightly less sure."""
    clean = parse_number("3236/TTr-SNN")
    spaced = parse_number("3236/TTr -SNN")
    assert clean is not None and spaced is not None
    assert spaced.text == clean.text
    assert 0.9 <= spaced.confidence < clean.confidence


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("617/QĐĐ-SNV", "617/QĐ-SNV"),
        ("617/QĐÐ-SNV", "617/QĐ-SNV"),
        ("5/2013/QĐĐ-UBND", "5/2013/QĐ-UBND"),
    ],
)
def test_a_letter_ocr_doubled_in_the_type_group_is_read_once(raw: str, text: str) -> None:
    """Tesseract reads a bold Đ twice; the repaired type is kept with a confidence of 0.7."""
    parsed = parse_number(raw)
    assert parsed is not None and parsed.text == text and parsed.confidence <= 0.7


def test_doubling_repair_never_turns_an_agency_into_a_type() -> None:
    """``TTTT`` reads once as ``T``, which is no type: still a công văn of agency TTTT."""
    parsed = parse_number("12/TTTT-VP")
    assert parsed is not None and parsed.kind is NumberKind.CONG_VAN


def test_find_numbers_in_running_text() -> None:
    """Bodies cite other documents (Căn cứ …): each citation is found with its span."""
    text = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n"
        "Xét Tờ trình số 3236/TTr -SNN ngày 29.10.2010 và Nghị quyết 36-NQ/TW."
    )
    found = [(text[s:e], n.text) for s, e, n in find_numbers(text)]
    assert found == [
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP"),
        ("3236/TTr -SNN", "3236/TTr-SNN"),
        ("36-NQ/TW", "36-NQ/TW"),
    ]


def test_document_number_is_frozen_and_validated() -> None:
    """Data objects are frozen and check their invariants (STYLE §3)."""
    parsed = parse_number("15/QĐ-BNV")
    assert parsed is not None
    with pytest.raises(FrozenInstanceError):
        parsed.number = "16"  # type: ignore[misc]
    with pytest.raises(ValueError, match="số"):
        DocumentNumber("x", "QĐ-BNV", K.ADMINISTRATIVE, "QĐ", "Quyết định", ("BNV",))
    with pytest.raises(ValueError, match="ký hiệu"):
        DocumentNumber("1", "", K.ADMINISTRATIVE, "QĐ", "Quyết định", ("BNV",))
    with pytest.raises(ValueError, match="agency"):
        DocumentNumber("1", "QĐ", K.ADMINISTRATIVE, "QĐ", "Quyết định", ())
    with pytest.raises(ValueError, match="confidence"):
        DocumentNumber("1", "QĐ-BNV", K.ADMINISTRATIVE, "QĐ", None, ("BNV",), confidence=2)


agencies = st.sampled_from(["BNV", "UBND", "SNN", "VP", "TTg", "BĐH122", "CP", "SGDĐT"])
abbreviations = st.sampled_from([t.abbr for t in DOC_TYPES if t.abbr])


@NO_DEADLINE
@given(
    number=st.integers(1, 99999),
    year=st.one_of(st.none(), st.integers(1945, 2025)),
    abbr=abbreviations,
    issuer=st.lists(agencies, min_size=1, max_size=2),
    spaces=st.sampled_from(["", " ", "  "]),
)
def test_round_trip_with_stray_spaces(
    number: int, year: int | None, abbr: str, issuer: list[str], spaces: str
) -> None:
    """§5: any well-formed number parses back to itself, however spaced around separators."""
    number_text = f"{number:02d}"
    notation = abbr + "-" + "-".join(issuer)
    canonical = f"{number_text}/{year}/{notation}" if year else f"{number_text}/{notation}"
    spaced = canonical.replace("/", f"{spaces}/{spaces}").replace("-", f"{spaces}-")
    parsed = parse_number(spaced)
    assert parsed is not None
    assert parsed.text == canonical
    assert parsed.type_abbr == abbr
    assert parsed.issuer == tuple(issuer)
