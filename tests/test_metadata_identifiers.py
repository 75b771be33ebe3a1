"""Mã định danh cơ quan and mã hồ sơ (DOMAIN.md §3)."""

from __future__ import annotations

import pytest

from digitize.metadata.identifiers import FileCode, is_organ_id, parse_file_code, parse_organ_id


@pytest.mark.parametrize("code", ["000.00.00.H49", "000.06.16.G09", "123.45.67.A00"])
def test_valid_agency_codes(code: str) -> None:
    """DOMAIN §3: ``^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$`` (QCVN 102:2016/BTTTT)."""
    assert is_organ_id(code)
    assert parse_organ_id(f"  {code}\n") == code


@pytest.mark.parametrize(
    "code",
    [
        "",
        "000.00.00.h49",
        "000.00.00.H4",
        "000.00.00.H499",
        "00.00.00.H49",
        "000-00-00-H49",
        "000.00.00H49",
        "000.00.00.Đ49",
        "000.00.00.H49\n",
        "٠٠٠.00.00.H49",  # Arabic-Indic digits are digits to \d, not to QCVN 102
        "000.00.00.H49.2010",
    ],
)
def test_invalid_agency_codes(code: str) -> None:
    """§3: the code is a directory key; anything off the pattern is rejected."""
    assert not is_organ_id(code)
    if code.strip() != "000.00.00.H49":
        assert parse_organ_id(code) is None


@pytest.mark.parametrize(
    ("text", "organ", "year", "notation"),
    [
        ("000.06.16.G09.2010.01.TH", "000.06.16.G09", 2010, "01.TH"),
        ("000.00.00.H49.2020.05", "000.00.00.H49", 2020, "05"),
        ("000.00.00.H49.2020.12-KH", "000.00.00.H49", 2020, "12-KH"),
    ],
)
def test_file_codes_split_into_their_parts(text: str, organ: str, year: int, notation: str) -> None:
    """§3 / §1: mã hồ sơ = OrganId + FileCatalog + FileNotation, dot-separated."""
    parsed = parse_file_code(text)
    assert parsed == FileCode(organ, year, notation)
    assert parsed is not None and parsed.text == text


@pytest.mark.parametrize(
    "text",
    [
        "000.06.16.G09.2010",
        "000.06.16.G09.10.01.TH",
        "000.06.16.g09.2010.01.TH",
        "000.06.16.G09.1800.01.TH",
        "000.06.16.G09.2010.01 TH",
        "000.06.16.G09.2010." + "1" * 21,
        "hồ sơ 01",
    ],
)
def test_bad_file_codes_are_rejected(text: str) -> None:
    """§3: year of 4 digits, FileNotation at most 20 characters (§1), no spaces."""
    assert parse_file_code(text) is None


def test_file_code_validates_in_vietnamese() -> None:
    """Messages users read are Vietnamese."""
    with pytest.raises(ValueError, match="mã định danh cơ quan"):
        FileCode("000.06.16", 2010, "01")
    with pytest.raises(ValueError, match="năm hình thành"):
        FileCode("000.06.16.G09", 1800, "01")
    with pytest.raises(ValueError, match="số và ký hiệu hồ sơ"):
        FileCode("000.06.16.G09", 2010, "")
