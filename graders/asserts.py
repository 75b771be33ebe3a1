"""Assertions for nbgrader test cells, with failure messages in Vietnamese.

Every comparison checks the exact type first, at every level of a container, so an answer
object whose ``==`` always returns True (or an ``int`` where a ``float`` is asked, or
``True`` where ``1`` is asked) fails. Messages say what was checked, with which input, what
was expected and what came back, so a trainee can fix the answer without seeing the test.

Use in a test cell::

    from graders.asserts import check_cases, assert_equal
    check_cases(so_host, [((24,), 254), ((30,), 2)], what="số host")
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = [
    "GradingFailure",
    "assert_close",
    "assert_equal",
    "assert_raises",
    "assert_true",
    "assert_type",
    "check_cases",
    "describe_type",
]

_TYPE_NAMES: dict[type, str] = {
    int: "số nguyên (int)",
    float: "số thực (float)",
    str: "chuỗi (str)",
    bool: "giá trị logic (bool)",
    list: "danh sách (list)",
    tuple: "bộ (tuple)",
    dict: "từ điển (dict)",
    set: "tập hợp (set)",
    frozenset: "tập hợp bất biến (frozenset)",
    type(None): "None",
    bytes: "bytes",
}
_MAX_REPR = 200


class GradingFailure(AssertionError):
    """A test-cell check failed; the message explains the failure to the trainee."""


def describe_type(tp: type) -> str:
    """A Vietnamese name for ``tp`` (``int`` → 'số nguyên (int)')."""
    if tp in _TYPE_NAMES:
        return _TYPE_NAMES[tp]
    module = getattr(tp, "__module__", "")
    name = getattr(tp, "__qualname__", repr(tp))
    return name if module in {"builtins", "__main__", ""} else f"{module}.{name}"


def _show(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real failure
        text = f"<{describe_type(type(value))} không hiển thị được>"
    return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 1] + "…"


def _context(what: str, given: str | None) -> str:
    return f"{what} với đầu vào {given}" if given else what


def _at(path: str) -> str:
    return f"tại {path}: " if path else ""


def _difference(actual: object, expected: object, path: str = "") -> str | None:
    """Why ``actual`` differs from ``expected`` (types checked first, recursively), or None."""
    if type(actual) is not type(expected):
        return (
            f"{_at(path)}sai kiểu dữ liệu — cần {describe_type(type(expected))}, "
            f"nhận được {describe_type(type(actual))} ({_show(actual)})"
        )
    if isinstance(expected, list | tuple):
        assert isinstance(actual, list | tuple)
        if len(actual) != len(expected):
            return (
                f"{_at(path)}sai số phần tử — cần {len(expected)}, nhận được {len(actual)} "
                f"({_show(actual)})"
            )
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            if (diff := _difference(a, e, f"{path}[{i}]")) is not None:
                return diff
        return None
    if isinstance(expected, Mapping):
        assert isinstance(actual, Mapping)
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append("thiếu khóa " + ", ".join(_show(k) for k in missing))
            if extra:
                parts.append("thừa khóa " + ", ".join(_show(k) for k in extra))
            return f"{_at(path)}" + "; ".join(parts)
        for key, e in expected.items():
            if (diff := _difference(actual[key], e, f"{path}[{_show(key)}]")) is not None:
                return diff
        return None
    if isinstance(expected, set | frozenset):
        assert isinstance(actual, set | frozenset)
        for item in actual:
            if type(item) not in {type(e) for e in expected} and expected:
                return _difference(
                    item, next(iter(expected)), f"{path} (phần tử)" if path else "phần tử"
                )
        if expected != actual:
            missing_items = sorted(map(_show, expected - actual))
            extra_items = sorted(map(_show, actual - expected))
            parts = []
            if missing_items:
                parts.append("thiếu " + ", ".join(missing_items))
            if extra_items:
                parts.append("thừa " + ", ".join(extra_items))
            return f"{_at(path)}" + "; ".join(parts)
        return None
    if isinstance(expected, float) and math.isnan(expected):
        assert isinstance(actual, float)
        return None if math.isnan(actual) else f"{_at(path)}cần NaN, nhận được {_show(actual)}"
    # Types are identical and trusted (those of the expected value), so == is meaningful;
    # the expected value is on the left so its own __eq__ decides.
    if expected != actual:
        return f"{_at(path)}cần {_show(expected)}, nhận được {_show(actual)}"
    return None


def assert_equal(
    actual: object, expected: object, *, what: str = "kết quả", given: str | None = None
) -> None:
    """Fail unless ``actual`` has exactly the type and value of ``expected``."""
    diff = _difference(actual, expected)
    if diff is not None:
        raise GradingFailure(f"Sai {_context(what, given)}: {diff}.")


def assert_type(
    actual: object, expected_type: type | tuple[type, ...], *, what: str = "kết quả"
) -> None:
    """Fail unless ``type(actual)`` is ``expected_type`` (or one of them); no subclasses."""
    allowed = expected_type if isinstance(expected_type, tuple) else (expected_type,)
    if type(actual) not in allowed:
        wanted = " hoặc ".join(describe_type(t) for t in allowed)
        raise GradingFailure(
            f"Sai kiểu dữ liệu của {what}: cần {wanted}, nhận được "
            f"{describe_type(type(actual))} ({_show(actual)})."
        )


def assert_close(
    actual: object,
    expected: float,
    *,
    rel: float = 1e-9,
    abs_tol: float = 0.0,
    what: str = "kết quả",
    given: str | None = None,
) -> None:
    """Fail unless ``actual`` is a real number (int or float, not bool) close to ``expected``."""
    if type(actual) not in (int, float):
        raise GradingFailure(
            f"Sai kiểu dữ liệu của {_context(what, given)}: cần một số (int hoặc float), "
            f"nhận được {describe_type(type(actual))} ({_show(actual)})."
        )
    assert isinstance(actual, int | float)
    if not math.isclose(actual, expected, rel_tol=rel, abs_tol=abs_tol):
        tolerance = max(rel * abs(expected), abs_tol)
        raise GradingFailure(
            f"Sai {_context(what, given)}: cần {expected!r} (sai số cho phép ±{tolerance:.3g}), "
            f"nhận được {actual!r} (lệch {abs(actual - expected):.3g})."
        )


def assert_true(condition: object, message: str) -> None:
    """Fail with ``message`` unless ``condition`` is exactly ``True``."""
    if condition is not True:
        raise GradingFailure(message)


def assert_raises(
    exception: type[BaseException],
    func: Callable[..., object],
    *args: object,
    what: str | None = None,
) -> None:
    """Fail unless ``func(*args)`` raises ``exception`` (or a subclass of it)."""
    call = f"{getattr(func, '__name__', 'hàm')}({', '.join(map(_show, args))})"
    try:
        result = func(*args)
    except exception:
        return
    except Exception as error:
        raise GradingFailure(
            f"{call} cần báo lỗi {exception.__name__}"
            f"{' ' + what if what else ''}, nhưng lại báo {type(error).__name__}: {error}"
        ) from None
    raise GradingFailure(
        f"{call} cần báo lỗi {exception.__name__}{' ' + what if what else ''}, "
        f"nhưng lại trả về {_show(result)}."
    )


def check_cases(
    func: Callable[..., object],
    cases: Iterable[tuple[tuple[Any, ...], object]],
    *,
    what: str = "kết quả",
    close: bool = False,
    rel: float = 1e-9,
) -> None:
    """Call ``func(*args)`` for each ``(args, expected)``; fail on the first wrong answer.

    The message names the failing input. With ``close=True`` numbers are compared with
    :func:`assert_close` instead of exactly.
    """
    name = getattr(func, "__name__", "hàm")
    for args, expected in cases:
        given = f"{name}({', '.join(map(_show, args))})"
        try:
            actual = func(*args)
        except NotImplementedError:
            raise GradingFailure(f"{name} chưa được viết (vẫn còn NotImplementedError).") from None
        except Exception as error:
            raise GradingFailure(
                f"{given} báo lỗi {type(error).__name__}: {error} — cần trả về {_show(expected)}."
            ) from None
        if close:
            assert isinstance(expected, int | float)
            assert_close(actual, float(expected), rel=rel, what=what, given=given)
        else:
            assert_equal(actual, expected, what=what, given=given)
