"""Static checks of a source notebook's nbgrader metadata and course conventions.

Conventions (docs/instructor-guide.md):
- every nbgrader cell carries ``grade``, ``solution``, ``locked``, ``schema_version: 3`` and a
  kebab-case ``grade_id`` written by hand (never nbgrader's random ``cell-…`` ids), unique in
  the notebook; graded cells carry positive ``points``; no other keys (nbgrader drops them);
- an *exercise* is an answer cell (code, solution, not graded) followed by its autograded test
  cells; at least one of them holds a ``### BEGIN HIDDEN TESTS`` region;
- a test cell with a hidden region holds nothing else but comments and imports, so feedback
  can hide the whole cell's failure without hiding visible checks;
- the notebook runs on the pinned kernel ``python3``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graders.cells import (
    HIDDEN_MARK,
    SOLUTION_MARK,
    RegionError,
    is_answer,
    is_autograded_test,
    nbgrader_meta,
    split_regions,
)
from graders.config import KERNEL_NAME

GRADE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GENERATED_ID = re.compile(r"^cell-[0-9a-f]{8,}$")
REQUIRED_KEYS = frozenset({"grade", "solution", "locked", "schema_version", "grade_id"})
KNOWN_KEYS = REQUIRED_KEYS | {"points", "task", "cell_type", "checksum"}
_QUIET_LINE = re.compile(r"^\s*(#.*|import\s.+|from\s+\S+\s+import\s.+)?$")


def cell_label(index: int, cell: Mapping[str, Any]) -> str:
    """How a problem names a cell: its grade_id when it has one, else its position."""
    grade_id = nbgrader_meta(cell).get("grade_id")
    return f"ô {grade_id!r}" if grade_id else f"ô số {index + 1}"


def metadata_problems(nb: Mapping[str, Any]) -> Iterator[str]:
    """Every problem with the notebook's kernel and cell metadata, as Vietnamese messages."""
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != KERNEL_NAME:
        yield f"kernelspec phải là {KERNEL_NAME!r}, đang là {kernel!r}"
    seen: dict[str, int] = {}
    for index, cell in enumerate(nb.get("cells", [])):
        if "nbgrader" not in cell.get("metadata", {}):
            continue
        meta = nbgrader_meta(cell)
        label = cell_label(index, cell)
        missing = sorted(REQUIRED_KEYS - meta.keys())
        if missing:
            yield f"{label}: thiếu khóa nbgrader {', '.join(missing)}"
        unknown = sorted(meta.keys() - KNOWN_KEYS)
        if unknown:
            yield f"{label}: khóa nbgrader lạ {', '.join(unknown)} (nbgrader sẽ lặng lẽ bỏ đi)"
        for key in ("grade", "solution", "locked"):
            if key in meta and type(meta[key]) is not bool:
                yield f"{label}: {key} phải là true/false, đang là {meta[key]!r}"
        if meta.get("schema_version") != 3:
            yield f"{label}: schema_version phải là 3, đang là {meta.get('schema_version')!r}"
        grade_id = meta.get("grade_id")
        if isinstance(grade_id, str):
            if GENERATED_ID.match(grade_id):
                yield f"{label}: grade_id sinh ngẫu nhiên, hãy đặt tên ổn định dạng kebab-case"
            elif not GRADE_ID.match(grade_id):
                yield f"{label}: grade_id phải viết kebab-case (chữ thường, số, gạch ngang)"
            if grade_id in seen:
                yield f"{label}: grade_id trùng với ô số {seen[grade_id] + 1}"
            seen.setdefault(grade_id, index)
        elif "grade_id" in meta:
            yield f"ô số {index + 1}: grade_id phải là chuỗi, đang là {grade_id!r}"
        if meta.get("grade"):
            points = meta.get("points")
            if type(points) not in (int, float) or not points > 0:  # type: ignore[operator]
                yield f"{label}: ô chấm điểm cần points là số dương, đang là {points!r}"
        elif meta.get("points"):
            yield f"{label}: có points nhưng không phải ô chấm điểm (grade: false)"
        if is_autograded_test(cell) and meta.get("locked") is not True:
            yield f"{label}: ô kiểm thử phải khóa (locked: true)"
        if cell.get("cell_type") == "markdown" and meta.get("grade") and not meta.get("solution"):
            yield f"{label}: ô markdown chấm điểm phải đồng thời là ô trả lời (solution: true)"


def region_problems(nb: Mapping[str, Any]) -> Iterator[str]:
    """Solution and hidden-test regions: well formed, and only where nbgrader handles them."""
    for index, cell in enumerate(nb.get("cells", [])):
        label = cell_label(index, cell)
        source = "".join(cell.get("source", ""))
        meta = nbgrader_meta(cell)
        for marks, kind in ((SOLUTION_MARK, "lời giải"), (HIDDEN_MARK, "kiểm thử ẩn")):
            try:
                split = split_regions(source, marks)
            except RegionError as error:
                yield f"{label}: vùng {kind} sai cú pháp ({error})"
                continue
            if split.regions and marks is SOLUTION_MARK and not meta.get("solution"):
                yield f"{label}: có vùng lời giải nhưng không phải ô trả lời (solution: true)"
            if split.regions and marks is HIDDEN_MARK:
                if not is_autograded_test(cell):
                    yield f"{label}: có vùng kiểm thử ẩn nhưng không phải ô kiểm thử"
                elif any(not _QUIET_LINE.match(line) for line in split.outside):
                    yield (
                        f"{label}: ô có kiểm thử ẩn chỉ được chứa chú thích và lệnh import "
                        "ngoài vùng ẩn; hãy tách kiểm thử công khai sang ô riêng"
                    )


def exercise_problems(nb: Mapping[str, Any]) -> Iterator[str]:
    """Each answer cell is followed by tests, and at least one of them is hidden."""
    cells = list(nb.get("cells", []))
    answers = [i for i, c in enumerate(cells) if is_answer(c)]
    for n, start in enumerate(answers):
        end = answers[n + 1] if n + 1 < len(answers) else len(cells)
        tests = [c for c in cells[start + 1 : end] if is_autograded_test(c)]
        label = cell_label(start, cells[start])
        if not tests:
            yield f"bài tập ở {label} không có ô kiểm thử tự động nào"
            continue
        hidden = 0
        for test in tests:
            try:
                hidden += split_regions("".join(test.get("source", "")), HIDDEN_MARK).regions
            except RegionError:
                continue
        if not hidden:
            yield f"bài tập ở {label} không có kiểm thử ẩn (### BEGIN HIDDEN TESTS)"
