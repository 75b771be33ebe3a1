"""Hồ sơ fields the archivist sets (DOMAIN.md §1, dossier table): Maintenance, Rights,
Creator; checked before they are stored, every problem reported at once."""

from __future__ import annotations

import unicodedata

import pytest

from digitize.metadata.dossier import check_dossier_fields, normalize_maintenance
from digitize.metadata.fields import ProblemCode


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Vĩnh viễn", "Vĩnh viễn"),
        ("vinh vien", "Vĩnh viễn"),  # typed without accents
        ("VĨNH  VIỄN", "Vĩnh viễn"),
        (unicodedata.normalize("NFD", "Vĩnh viễn"), "Vĩnh viễn"),
        ("10", "10 năm"),
        ("10 năm", "10 năm"),
        ("70 nam", "70 năm"),
        ("05năm", "5 năm"),
        ("Lâu dài", "Lâu dài"),  # dossiers made up under the 1975 tables
        ("tam thoi", "Tạm thời"),
    ],
)
def test_retention_periods_are_stored_in_one_wording(typed: str, stored: str) -> None:
    assert normalize_maintenance(typed) == stored


@pytest.mark.parametrize("typed", ["0 năm", "100 năm", "mười năm", "10 tháng", "", "vĩnh", "-5"])
def test_anything_else_is_not_a_retention_period(typed: str) -> None:
    assert normalize_maintenance(typed) is None


def test_values_are_normalized_and_empty_clears() -> None:
    values, problems = check_dossier_fields(
        {
            "Maintenance": " 20 ",
            "Rights": unicodedata.normalize("NFD", "Hạn chế  sử dụng"),
            "Creator": "Trần Thị Lan",
        }
    )
    assert problems == []
    assert values == {
        "Maintenance": "20 năm",
        "Rights": "Hạn chế sử dụng",
        "Creator": "Trần Thị Lan",
    }
    assert check_dossier_fields({"Rights": "", "Creator": None}) == (
        {"Rights": "", "Creator": ""},
        [],
    )


def test_every_problem_is_reported_at_once_in_vietnamese() -> None:
    values, problems = check_dossier_fields(
        {
            "Maintenance": "mãi mãi",
            "Rights": "Công khai " * 4,  # 40 characters: Phụ lục VI allows 30
            "Creator": "12345",
            "Subject": "Về việc …",  # a document field, not a dossier one
            "Title": 7,
        }
    )
    assert values == {}
    by_tag = {p.tag: p for p in problems}
    assert set(by_tag) == {"Maintenance", "Rights", "Creator", "Subject", "Title"}
    assert by_tag["Maintenance"].code is ProblemCode.BAD_FORMAT
    assert (
        "Vĩnh viễn" in by_tag["Maintenance"].message and "10 năm" in by_tag["Maintenance"].message
    )
    assert by_tag["Rights"].code is ProblemCode.TOO_LONG
    assert "vượt quá 30 ký tự" in by_tag["Rights"].message
    assert by_tag["Creator"].code is ProblemCode.BAD_FORMAT
    assert by_tag["Subject"].code is ProblemCode.UNKNOWN_FIELD
    assert "Maintenance (Thời hạn bảo quản)" in by_tag["Subject"].message
    for problem in problems:
        assert unicodedata.is_normalized("NFC", problem.message)


def test_a_value_on_two_lines_is_refused() -> None:
    _, problems = check_dossier_fields({"Creator": "Trần Thị Lan\nVăn thư"})
    assert [p.code for p in problems] == [ProblemCode.BAD_FORMAT]
