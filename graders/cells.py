"""Reading nbgrader cells: delimited regions (solutions, hidden tests) and cell roles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SOLUTION_BEGIN = "### BEGIN SOLUTION"
SOLUTION_END = "### END SOLUTION"
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
# nbgrader matches delimiters as substrings; these are the markers it looks for.
SOLUTION_MARK = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN_MARK = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


class RegionError(ValueError):
    """A delimited region is nested or not closed."""


@dataclass(frozen=True, slots=True)
class Split:
    """A cell source split by one kind of delimited region.

    Attributes:
        outside: the lines outside every region (delimiter lines excluded).
        inside: the lines inside the regions (delimiter lines excluded).
        regions: how many regions were found.
    """

    outside: tuple[str, ...]
    inside: tuple[str, ...]
    regions: int


def split_regions(source: str, marks: tuple[str, str] = HIDDEN_MARK) -> Split:
    """Split ``source`` into the lines outside and inside the regions delimited by ``marks``."""
    begin, end = marks
    outside: list[str] = []
    inside: list[str] = []
    regions = 0
    in_region = False
    for line in source.split("\n"):
        if begin in line:
            if in_region:
                raise RegionError(f"nested {begin!r}")
            in_region = True
            regions += 1
        elif end in line:
            if not in_region:
                raise RegionError(f"{end!r} without {begin!r}")
            in_region = False
        elif in_region:
            inside.append(line)
        else:
            outside.append(line)
    if in_region:
        raise RegionError(f"{begin!r} is never closed by {end!r}")
    return Split(tuple(outside), tuple(inside), regions)


def nbgrader_meta(cell: Mapping[str, Any]) -> dict[str, Any]:
    """The cell's ``nbgrader`` metadata, or an empty dict."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return dict(meta) if isinstance(meta, Mapping) else {}


def is_autograded_test(cell: Mapping[str, Any]) -> bool:
    """A code cell graded by running it (nbgrader 'Autograder tests')."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_answer(cell: Mapping[str, Any]) -> bool:
    """A code cell where the trainee writes an answer that tests then check."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("solution")) and not meta.get("grade")


def is_manual(cell: Mapping[str, Any]) -> bool:
    """A cell graded by hand (an answer that is also a grade cell)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and bool(meta.get("solution"))


def significant_lines(lines: tuple[str, ...] | list[str], min_chars: int = 20) -> set[str]:
    """Lines long enough to be evidence of a leak, whitespace-collapsed, comments excluded."""
    found = set()
    for line in lines:
        text = " ".join(line.split())
        if len(text.replace(" ", "")) >= min_chars and not text.startswith("#"):
            found.add(text)
    return found
