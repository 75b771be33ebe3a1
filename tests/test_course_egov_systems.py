"""The officials' course egov-systems: releasable, in NFC Vietnamese, syllabus up to date."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

from graders.course import Course

ROOT = Path(__file__).resolve().parents[1]
COURSE_ROOT = ROOT / "courses" / "egov-systems"
SAMPLES = COURSE_ROOT / "samples"
TEXT_SUFFIXES = {".py", ".ipynb", ".md", ".csv", ".eml", ".txt", ".json", ".toml"}
ASSIGNMENTS = sorted(p.name for p in (COURSE_ROOT / "source").iterdir() if p.is_dir())


def course_text_files() -> list[Path]:
    return sorted(
        p
        for p in COURSE_ROOT.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES and "release" not in p.parts
    )


def test_every_text_file_of_the_course_is_utf8_nfc() -> None:
    """Lesson text, twins and data are NFC (DOMAIN.md §8), so search and tests agree."""
    offenders = []
    for path in course_text_files():
        text = path.read_text(encoding="utf-8")
        if unicodedata.normalize("NFC", text) != text:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"normalize to NFC: {offenders}"


def test_the_syllabus_lists_every_assignment() -> None:
    """The README's syllabus names each assignment folder of source/."""
    readme = (COURSE_ROOT / "README.md").read_text(encoding="utf-8")
    course = Course.find(COURSE_ROOT)
    assert course.assignments, "the course has no assignment"
    missing = [a.name for a in course.assignments if f"`{a.name}`" not in readme]
    assert not missing, f"add these assignments to README.md's syllabus: {missing}"


def test_every_assignment_has_its_py_twin_outside_source() -> None:
    """Twins live in py/, never in source/ (a twin in source/ would leak solutions)."""
    course = Course.find(COURSE_ROOT)
    assert not list((COURSE_ROOT / "source").rglob("*.py"))
    for assignment in course.assignments:
        for notebook in assignment.notebooks:
            assert assignment.py_twin(notebook).is_file(), notebook


def test_the_course_has_at_least_five_assignments() -> None:
    """Issue 7 asks for at least five graded assignments (the full check is run for every
    course by tests/test_courses_releasable.py)."""
    assert len(Course.find(COURSE_ROOT).assignments) == len(ASSIGNMENTS) >= 5


def test_the_samples_readme_gives_the_expected_scores() -> None:
    """samples/README.md's tables show the scores expected.toml holds for every case."""
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    columns = {
        3: ("dung", "dung-mot-phan"),
        5: ("vong-lap-vo-han", "kernel-chet", "bom-bo-nho", "sua-o-kiem-thu"),
    }
    for assignment in ASSIGNMENTS:
        expected = tomllib.loads((SAMPLES / assignment / "expected.toml").read_text("utf-8"))
        rows = [
            [cell.strip() for cell in line.strip("|").split("|")[1:]]
            for line in readme.splitlines()
            if line.startswith(f"| `{assignment}` |")
        ]
        assert sorted(len(row) for row in rows) == [2, 4], assignment
        for row in rows:
            cases = columns[len(row) + 1]
            shown = [int(re.match(r"\d+", cell).group()) for cell in row]
            assert shown == [expected[case]["auto_score"] for case in cases], assignment


def test_a_tampered_test_cell_scores_like_the_empty_release() -> None:
    """nbgrader restores the tampered and the deleted test cell, so tampering earns nothing."""
    for assignment in ASSIGNMENTS:
        expected = tomllib.loads((SAMPLES / assignment / "expected.toml").read_text("utf-8"))
        assert expected["sua-o-kiem-thu"] == expected["rong"], assignment
