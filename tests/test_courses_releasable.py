"""Every course in courses/ passes the full `graders check` (issue 4): metadata, hidden tests,
jupytext twins, stable grade_ids, sources pass, releases fail every autograded test, and no
solution or hidden test reaches a release or feedback."""

from __future__ import annotations

from pathlib import Path

import pytest

from graders.check import check_course
from graders.course import Course

ROOT = Path(__file__).resolve().parents[1]
COURSES = sorted(p.parent.name for p in (ROOT / "courses").glob("*/nbgrader_config.py"))


def test_the_suite_ships_courses() -> None:
    assert {"network-admin", "egov-systems", "digitization"} <= set(COURSES)


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("course", COURSES)
def test_course_passes_graders_check(course: str, tmp_path: Path) -> None:
    report = check_course(Course.find(ROOT / "courses" / course), workdir=tmp_path)
    assert report.assignments, f"{course} has no assignment"
    assert report.ok, report.format()
