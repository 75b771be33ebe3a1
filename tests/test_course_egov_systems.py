"""The officials' course egov-systems: releasable, in NFC Vietnamese, syllabus up to date."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from graders.check import check_course
from graders.course import Course

ROOT = Path(__file__).resolve().parents[1]
COURSE_ROOT = ROOT / "courses" / "egov-systems"
TEXT_SUFFIXES = {".py", ".ipynb", ".md", ".csv", ".eml", ".txt", ".json"}


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


@pytest.mark.nbgrader
@pytest.mark.slow
def test_graders_check_passes_for_every_assignment(tmp_path: Path) -> None:
    """Sources pass their tests, releases fail them all, nothing leaks (graders check)."""
    report = check_course(Course.find(COURSE_ROOT), workdir=tmp_path)
    assert report.ok, report.format()
    assert len(report.assignments) >= 1
