"""Test-cell helpers: exact types, Vietnamese messages naming input, expectation and result."""

from __future__ import annotations

import ipaddress
import unicodedata

import pytest

from graders.asserts import (
    GradingFailure,
    assert_close,
    assert_equal,
    assert_raises,
    assert_true,
    assert_type,
    check_cases,
)


class AlwaysEqual:
    """An answer that claims to equal everything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def failure(call: object) -> str:
    assert callable(call)
    with pytest.raises(GradingFailure) as info:
        call()
    message = str(info.value)
    assert unicodedata.normalize("NFC", message) == message
    return message


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (AlwaysEqual(), 254),
        ([AlwaysEqual()], [254]),
        ({"so_host": AlwaysEqual()}, {"so_host": 254}),
        (254.0, 254),
        (True, 1),
        ("254", 254),
        ((1, 2), [1, 2]),
    ],
)
def test_assert_equal_rejects_wrong_types_even_when_eq_says_true(
    actual: object, expected: object
) -> None:
    assert "sai kiểu dữ liệu" in failure(lambda: assert_equal(actual, expected))


def test_assert_equal_accepts_equal_values_of_the_same_types() -> None:
    assert_equal({"mang": "10.0.0.0/24", "so_host": 254}, {"mang": "10.0.0.0/24", "so_host": 254})
    assert_equal(ipaddress.ip_network("10.0.0.0/24"), ipaddress.IPv4Network("10.0.0.0/24"))
    assert_equal([("a", "b")], [("a", "b")])


def test_assert_equal_names_where_a_nested_value_differs() -> None:
    message = failure(
        lambda: assert_equal({"mang": "10.0.0.0/25"}, {"mang": "10.0.0.0/24"}, what="thông tin")
    )
    assert message == "Sai thông tin: tại ['mang']: cần '10.0.0.0/24', nhận được '10.0.0.0/25'."


def test_assert_equal_lists_missing_and_extra_keys() -> None:
    message = failure(lambda: assert_equal({"mang": 1, "x": 2}, {"mang": 1, "quang_ba": 2}))
    assert "thiếu khóa 'quang_ba'" in message and "thừa khóa 'x'" in message


def test_assert_close_reports_tolerance_and_rejects_non_numbers() -> None:
    message = failure(lambda: assert_close(0.5, 0.52, abs_tol=0.01, what="tỉ lệ lãng phí"))
    assert "tỉ lệ lãng phí" in message and "±0.01" in message and "0.5" in message
    assert "cần một số" in failure(lambda: assert_close(True, 1.0))
    assert "cần một số" in failure(lambda: assert_close(AlwaysEqual(), 1.0))
    assert_close(0.1 + 0.2, 0.3)


def test_check_cases_names_the_failing_input() -> None:
    def so_host(p: int) -> int:
        return 2 ** (32 - p)  # forgets network and broadcast

    message = failure(lambda: check_cases(so_host, [((24,), 254)], what="số host"))
    assert message == "Sai số host với đầu vào so_host(24): cần 254, nhận được 256."


def test_check_cases_explains_an_unwritten_or_crashing_answer() -> None:
    def todo(p: int) -> int:
        raise NotImplementedError

    def crash(p: int) -> int:
        raise KeyError("x")

    assert "chưa được viết" in failure(lambda: check_cases(todo, [((1,), 1)]))
    assert "báo lỗi KeyError" in failure(lambda: check_cases(crash, [((1,), 1)]))


def test_assert_raises_reports_a_missing_or_wrong_exception() -> None:
    assert "trả về 33" in failure(lambda: assert_raises(ValueError, int, "33"))
    assert "báo TypeError" in failure(lambda: assert_raises(ValueError, len, 5))
    assert_raises(ValueError, int, "x")


def test_assert_type_and_assert_true_need_exact_values() -> None:
    assert "cần số nguyên (int)" in failure(lambda: assert_type(True, int))
    assert_type(3, (int, float))
    assert failure(lambda: assert_true(1, "phải đúng")) == "phải đúng"
    assert_true(True, "không dùng")
