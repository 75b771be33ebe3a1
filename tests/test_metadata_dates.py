"""Date lines and body dates (DOMAIN.md §6): parse leniently, validate strictly, store ISO."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitize.metadata.dates import (
    DateLine,
    find_dates,
    fold_aligned,
    parse_date_line,
    parse_numeric_date,
)

# Shared machines are slow and busy: a per-example deadline would only make tests flaky.
NO_DEADLINE = settings(deadline=None)


@pytest.mark.parametrize(
    ("line", "iso", "place"),
    [
        ("Quảng Bình, ngày 03 tháng 5 năm 2015", "2015-05-03", "Quảng Bình"),
        ("Hà Nội, ngày 29 tháng 02 năm 2016", "2016-02-29", "Hà Nội"),
        ("Hà Nội, ngày 3 tháng 05 năm 2015", "2015-05-03", "Hà Nội"),
        ("Đồng Hới, ngày 15 tháng 12 năm 2020", "2020-12-15", "Đồng Hới"),
        ("Thành phố Hồ Chí Minh, ngày 01 tháng 01 năm 2021", "2021-01-01", "Thành phố Hồ Chí Minh"),
        ("TP. Hồ Chí Minh, ngày 30 tháng 4 năm 2015", "2015-04-30", "TP. Hồ Chí Minh"),
        ("Đà Nẵng, NGÀY 03 THÁNG 5 NĂM 2015", "2015-05-03", "Đà Nẵng"),
        ("Hà Nội, ngày03 tháng5 năm2015", "2015-05-03", "Hà Nội"),
        ("Huế, ngày 03 thảng 5 nărn 2015", "2015-05-03", "Huế"),
        ("Huế, ngay 03 thang 5 nam 2015", "2015-05-03", "Huế"),
        ("Hà Nội, ngày 3/5/1999", "1999-05-03", "Hà Nội"),
        ("Hà Nội, ngày 03-05-1999", "1999-05-03", "Hà Nội"),
        ("Quảng Bình , ngày 03 tháng 5 năm 2015", "2015-05-03", "Quảng Bình"),
        ("Số: 15/QĐ-BNV        Hà Nội, ngày 03 tháng 5 năm 2015", "2015-05-03", "Hà Nội"),
        ("ngày 03 tháng 5 năm 2015", "2015-05-03", None),
        ("Hà Nội, ngày 03 tháng 5\nnăm 2015", "2015-05-03", "Hà Nội"),
        ("Quảng Bình,\nngày 03 tháng 5 năm 2015", "2015-05-03", "Quảng Bình"),
        ("Hà Nội, ngày 2 tháng 9 năm 1945", "1945-09-02", "Hà Nội"),
        ("Hà Tĩnh, ngày: 25 tháng, 01 năm: '2016`", "2016-01-25", "Hà Tĩnh"),
        ("Quảng Bình, ngày 01 tháng.01 năm 2013", "2013-01-01", "Quảng Bình"),
        ("Vinh, ngày 19 thúng 11 năm 2012", "2012-11-19", "Vinh"),
        ("Quảng Bình, ngày 01: tng 01 năm 2013", "2013-01-01", "Quảng Bình"),
    ],
)
def test_date_lines_parse_leniently_to_iso(line: str, iso: str, place: str | None) -> None:
    """DOMAIN §6: real documents break the leading-zero rule; OCR garbles accents and m→rn."""
    found = parse_date_line(line)
    assert found is not None
    assert found.iso == iso
    assert found.place == place


@pytest.mark.parametrize(
    "line",
    [
        "Hà Nội, ngày 31 tháng 4 năm 2015",
        "Hà Nội, ngày 29 tháng 02 năm 2015",
        "Hà Nội, ngày 00 tháng 5 năm 2015",
        "Hà Nội, ngày 12 tháng 13 năm 2015",
        "Hà Nội, ngày 12 tháng 0 năm 2015",
        "Hà Nội, ngày 12 tháng 5 năm 1890",
        "Hà Nội, ngày 12 tháng 5 năm 2999",
        "Hà Nội, ngày    tháng    năm 2020",
        "Hà Nội, ngày 1O tháng 5 năm 2015",  # letter O: never corrected into a digit
        "Hà Nội, ngày 12 tháng 5 năm 2O15",
        "hằngngày 03 tháng 5 năm 2015",
        "Hà Nội, ngày 3 tháng 5",
        "từ ngày 2 đến 5 năm 2019",  # only a garbled "tháng" starting with t is forgiven
        "Quảng Bình, ngày 02 tháng 9 nắm 216.",
        "Hà Tĩnh, ngày 18 tháng Z7 năm 2012",
    ],
)
def test_impossible_or_unreadable_dates_are_rejected(line: str) -> None:
    """DOMAIN §6 validate strictly: real calendar dates in a plausible range only."""
    assert parse_date_line(line) is None


def test_confidence_reflects_each_leniency() -> None:
    """The exact §6 form is certain; each deviation costs a little."""
    exact = parse_date_line("Quảng Bình, ngày 03 tháng 5 năm 2015")
    zeros = parse_date_line("Quảng Bình, ngày 3 tháng 05 năm 2015")
    noisy = parse_date_line("Quảng Bình, ngày 03 thảng 5 nărn 2015")
    bare = parse_date_line("ngày 03 tháng 5 năm 2015")
    assert exact is not None and zeros is not None and noisy is not None and bare is not None
    assert exact.confidence == 1.0
    assert 0.95 <= zeros.confidence < 1.0
    assert noisy.confidence < zeros.confidence
    assert bare.confidence < exact.confidence


def test_max_year_is_configurable() -> None:
    """A catalog of old boxes can refuse dates after the boxes were closed."""
    assert parse_date_line("Hà Nội, ngày 03 tháng 5 năm 2015", max_year=2010) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29.10.2010", dt.date(2010, 10, 29)),
        ("29/10/2010", dt.date(2010, 10, 29)),
        ("29-10-2010", dt.date(2010, 10, 29)),
        ("1/2/2003", dt.date(2003, 2, 1)),
        ("31/02/2010", None),
        ("29.10/2010", None),
        ("10/2010", None),
        ("2010-10-29", None),
    ],
)
def test_numeric_body_dates_are_day_first(text: str, expected: dt.date | None) -> None:
    """DOMAIN §6: bodies cite ``29.10.2010`` or ``29/10/2010``."""
    assert parse_numeric_date(text) == expected


def test_find_dates_in_a_body_skips_numbers_and_keeps_order() -> None:
    """Dates inside a số/ký hiệu or a longer number are not dates."""
    text = (
        "Căn cứ Quyết định số 25/2019/QĐ-UBND ngày 29.10.2010 và Công văn ngày 01/02/2003;"
        " mã 12.05.2003.1 không phải ngày; ký ngày 03 tháng 5 năm 2015."
    )
    assert [d.iso for d in find_dates(text)] == ["2010-10-29", "2003-02-01", "2015-05-03"]


def test_date_line_is_validated() -> None:
    """Frozen data validated in __post_init__ (STYLE §3)."""
    with pytest.raises(ValueError, match="confidence"):
        DateLine(dt.date(2015, 5, 3), confidence=1.5)
    with pytest.raises(ValueError, match="place"):
        DateLine(dt.date(2015, 5, 3), place=" Hà Nội")


def test_fold_aligned_keeps_offsets() -> None:
    """Offsets found in the folded text are offsets in the original."""
    text = "Quảng Bình, ngày 03 tháng 5 năm 2015"
    assert len(fold_aligned(text)) == len(text)
    assert fold_aligned(text) == "quang binh, ngay 03 thang 5 nam 2015"


@NO_DEADLINE
@given(st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2025, 12, 31)))
def test_every_real_date_round_trips_through_the_section_6_format(date: dt.date) -> None:
    """§6 format with its leading-zero rule (days < 10, months 1–2) parses back exactly."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    line = f"Quảng Bình, ngày {date.day:02d} tháng {month} năm {date.year}"
    found = parse_date_line(line)
    assert found is not None
    assert found.date == date
    assert found.confidence == 1.0


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Quảng Bình, ngày 03 tháng 5 năm 20 15", "2015-05-03"),
        ("Quảng Bình, ngày 03 tháng 5 năm 2 015", "2015-05-03"),
        ("Quảng Bình, ngày 1 2 tháng 10 năm 2015", "2015-10-12"),
        ("Quảng Bình, ngày 0 3 tháng 1 2 năm 2015", "2015-12-03"),
    ],
)
def test_a_stray_space_inside_a_number_is_forgiven_and_costs_confidence(
    line: str, iso: str
) -> None:
    """DOMAIN §5/§6: OCR adds stray spaces; parse leniently (one space between two digits of
    a number in its slot), validate strictly, and say it was not read cleanly."""
    found = parse_date_line(line)
    assert found is not None
    assert (found.iso, found.place) == (iso, "Quảng Bình")
    assert found.confidence < 0.95


@pytest.mark.parametrize(
    "line",
    [
        "Quảng Bình, ngày 3 1 tháng 4 năm 2015",  # read together: 31 April does not exist
        "Quảng Bình, ngày 1, 2 tháng 5 năm 2015",  # two days listed: not one date
        "Quảng Bình, ngày 12 tháng 5 năm 20 1",  # three digits are not a year
    ],
)
def test_numbers_joined_across_a_space_are_still_validated(line: str) -> None:
    assert parse_date_line(line) is None
