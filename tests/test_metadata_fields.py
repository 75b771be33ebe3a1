"""The NĐ 30 Phụ lục VI field table and record validation (DOMAIN.md §1)."""

from __future__ import annotations

import datetime as dt

import pytest

from digitize.metadata.fields import (
    ARCHIVAL_FIELDS,
    DOSSIER_FIELDS,
    INCOMING_FIELDS,
    OUTGOING_FIELDS,
    FieldSpec,
    FieldType,
    ProblemCode,
    RecordKind,
    fields_for,
    fit_lengths,
    normalize_tags,
    validate_record,
)

# Tag → (type, length) exactly as DOMAIN §1 lists them for văn bản đi.
SECTION_1_OUTGOING = {
    "OrganId": ("String", 13),
    "FileCatalog": ("Number", 4),
    "FileNotation": ("String", 20),
    "DocOrdinal": ("Number", 3),
    "TypeName": ("String", 100),
    "CodeNumber": ("String", 11),
    "CodeNotation": ("String", 30),
    "IssuedDate": ("Date", 10),
    "OrganName": ("String", 200),
    "Subject": ("String", 500),
    "Language": ("String", 30),
    "PageAmount": ("Number", 3),
    "Description": ("String", 500),
    "Position": ("String", 100),
    "FullName": ("String", 50),
    "Priority": ("Number", 1),
    "IssuedAmount": ("Number", 3),
    "DueDate": ("Date", 10),
}


def test_outgoing_table_matches_section_1() -> None:
    """DOMAIN §1: every tag, type and length of the văn bản đi table."""
    table = {s.tag: (s.type.value, s.max_length) for s in OUTGOING_FIELDS}
    for tag, expected in SECTION_1_OUTGOING.items():
        assert table[tag] == expected, tag
    assert {"FileCode", "To"} <= table.keys()


def test_incoming_adds_arrival_fields() -> None:
    """DOMAIN §1: ArrivalDate, ArrivalNumber (10), ToPlaces (1000), TraceHeaderList (LongText)."""
    table = {s.tag: s for s in INCOMING_FIELDS}
    assert table["ArrivalNumber"].max_length == 10
    assert table["ToPlaces"].max_length == 1000
    assert table["TraceHeaderList"].type is FieldType.LONG_TEXT
    assert table["ArrivalDate"].type is FieldType.DATE
    assert table["DueDate"].type is FieldType.DATE


def test_dossier_and_archival_tables_match_section_1() -> None:
    """DOMAIN §1: hồ sơ fields and the TT 02/2019 archival extras, with their lengths."""
    dossier = {s.tag: s.max_length for s in DOSSIER_FIELDS}
    for tag, length in {
        "Title": 500,
        "Maintenance": 30,
        "Rights": 30,
        "Creator": 30,
        "Language": 50,
        "DocTotal": 4,
        "PageTotal": 4,
        "Description": 500,
    }.items():
        assert dossier[tag] == length, tag
    assert {"StartDate", "EndDate", "FileCode"} <= dossier.keys()
    archival = {s.tag: s.max_length for s in ARCHIVAL_FIELDS}
    assert archival == {
        "DocCode": 25,
        "Identifier": 13,
        "InforSign": 30,
        "Keyword": 100,
        "Mode": 20,
        "ConfidenceLevel": 30,
        "Autograph": 2000,
        "Format": 50,
    }


def test_every_field_has_a_vietnamese_label() -> None:
    """XLSX headers and messages are in Vietnamese."""
    for kind in RecordKind:
        for spec in fields_for(kind).values():
            assert not spec.label.isascii(), spec


GOOD = {
    "FileCode": "000.06.16.G09.2010.01.TH",
    "OrganId": "000.06.16.G09",
    "FileCatalog": 2010,
    "FileNotation": "01.TH",
    "DocOrdinal": 1,
    "TypeName": "Quyết định",
    "CodeNumber": "15",
    "CodeNotation": "QĐ-UBND",
    "IssuedDate": "2010-10-29",
    "OrganName": "Ủy ban nhân dân tỉnh Quảng Bình",
    "Subject": "Về việc ban hành Quy chế công tác văn thư",
    "Language": "Tiếng Việt",
    "PageAmount": "3",
    "Position": "Chủ tịch",
    "FullName": "Nguyễn Văn A",
    "To": [{"OrganId": "000.00.00.H49", "OrganName": "Bộ Nội vụ"}, {"OrganName": "Lưu: VT"}],
    "Priority": 0,
    "DueDate": dt.date(2010, 11, 30),
    "Keyword": "văn thư",
}


def test_a_good_record_has_no_problems() -> None:
    assert validate_record(GOOD) == []


def test_every_problem_is_reported_at_once_in_vietnamese() -> None:
    """bagit-style: one pass lists all problems; messages say what is allowed (Vietnamese)."""
    bad = {
        **GOOD,
        "OrganName": "x" * 201,
        "IssuedDate": "2010-02-30",
        "PageAmount": 1000,
        "OrganId": "000.06.16.g09",
        "Priority": "cao",
        "Unknown": "?",
        "To": [{"OrganId": "H49"}, "Bộ Nội vụ", {}],
        "Subject": 12,
        "DueDate": dt.datetime(2010, 11, 30, 8, 0),
    }
    problems = validate_record(bad, required=["TypeName", "Description"])
    codes = {(p.tag, p.code) for p in problems}
    assert codes >= {
        ("OrganName", ProblemCode.TOO_LONG),
        ("IssuedDate", ProblemCode.BAD_DATE),
        ("PageAmount", ProblemCode.TOO_LONG),
        ("OrganId", ProblemCode.BAD_FORMAT),
        ("OrganId", ProblemCode.INCONSISTENT),
        ("Priority", ProblemCode.WRONG_TYPE),
        ("Unknown", ProblemCode.UNKNOWN_FIELD),
        ("To[1].OrganId", ProblemCode.BAD_FORMAT),
        ("To[2]", ProblemCode.WRONG_TYPE),
        ("To[3]", ProblemCode.MISSING),
        ("Subject", ProblemCode.WRONG_TYPE),
        ("DueDate", ProblemCode.BAD_DATE),
        ("Description", ProblemCode.MISSING),
    }
    unknown = next(p for p in problems if p.code is ProblemCode.UNKNOWN_FIELD)
    assert "văn bản đi" in unknown.message
    too_long = next(p for p in problems if p.code is ProblemCode.TOO_LONG and p.tag == "OrganName")
    assert "201 ký tự" in too_long.message and "200" in too_long.message
    assert all(not p.message.isascii() for p in problems)


def test_organld_alias_is_accepted_on_import() -> None:
    """DOMAIN §1: the official docx spells the tag "Organld" (lower-case L)."""
    record = {k: v for k, v in GOOD.items() if k != "OrganId"} | {"Organld": "000.06.16.G09"}
    record["To"] = [{"Organld": "000.00.00.H49", "OrganName": "Bộ Nội vụ"}]
    assert validate_record(record) == []
    normalized, problems = normalize_tags(record)
    assert normalized["OrganId"] == "000.06.16.G09" and "Organld" not in normalized
    assert normalized["To"] == [{"OrganId": "000.00.00.H49", "OrganName": "Bộ Nội vụ"}]
    assert problems == []


def test_conflicting_alias_and_tag_are_reported() -> None:
    _, problems = normalize_tags({"Organld": "000.00.00.H49", "OrganId": "000.06.16.G09"})
    assert [p.code for p in problems] == [ProblemCode.ALIAS_CONFLICT]


def test_file_code_must_agree_with_its_parts() -> None:
    """§1: FileCode = OrganId + FileCatalog + FileNotation."""
    problems = validate_record({**GOOD, "FileCatalog": 2011, "FileNotation": "02.TH"})
    assert {p.tag for p in problems if p.code is ProblemCode.INCONSISTENT} == {
        "FileCatalog",
        "FileNotation",
    }
    assert validate_record({**GOOD, "FileCode": "01.TH"})[0].code is ProblemCode.BAD_FORMAT


def test_kinds_have_their_own_fields() -> None:
    """ArrivalNumber belongs to văn bản đến; Title to hồ sơ."""
    assert validate_record({"ArrivalNumber": "125"}, RecordKind.INCOMING) == []
    assert validate_record({"ArrivalNumber": "125"})[0].code is ProblemCode.UNKNOWN_FIELD
    assert validate_record({"Title": "Hồ sơ"}, "dossier") == []
    assert validate_record({"Keyword": "x"}, archival=False)[0].code is ProblemCode.UNKNOWN_FIELD


def test_fit_lengths_cuts_text_and_says_what_was_cut() -> None:
    """Issue 5: field lengths are enforced with a clear report of what was cut."""
    subject = "Về việc " + "ban hành quy chế " * 40
    record = {**GOOD, "Subject": subject, "CodeNotation": "X" * 31}
    fitted, report = fit_lengths(record)
    assert isinstance(fitted["Subject"], str)
    assert len(fitted["Subject"]) <= 500 and subject.startswith(fitted["Subject"])
    assert not fitted["Subject"].endswith(" ")
    assert [p.tag for p in report] == ["Subject"]
    assert "Đã cắt" in report[0].message and "500" in report[0].message
    # a key is never cut: it stays wrong and validation says so
    assert fitted["CodeNotation"] == "X" * 31
    assert validate_record(fitted)[0].tag == "CodeNotation"


@pytest.mark.parametrize(
    "table", [OUTGOING_FIELDS, INCOMING_FIELDS, DOSSIER_FIELDS, ARCHIVAL_FIELDS]
)
def test_tags_are_unique_in_each_table(table: tuple[FieldSpec, ...]) -> None:
    tags = [spec.tag for spec in table]
    assert len(tags) == len(set(tags))
