"""Autograde a course's sample submissions (``samples/<assignment>/<case>/``) and compare."""

from __future__ import annotations

import time
from pathlib import Path

from graders.autograde import SubmissionResult, autograde
from graders.course import Course
from graders.limits import GradingLimits


def grade_samples(
    course_root: Path, assignment: str, workdir: Path
) -> tuple[dict[str, SubmissionResult], float]:
    """The samples' results by case, graded for real on ``workdir``, and the seconds taken."""
    start = time.perf_counter()
    results = autograde(
        Course.find(course_root),
        assignment,
        submissions=course_root / "samples" / assignment,
        limits=GradingLimits(cell_timeout_s=30),
        workdir=workdir,
    )
    return {r.student: r for r in results}, time.perf_counter() - start


def mismatches(results: dict[str, SubmissionResult], expected: dict) -> list[str]:
    """How the results differ from expected.toml's ``[case] auto_score, failed``; [] if none."""
    out = [] if set(results) == set(expected) else [f"cases {sorted(results)}"]
    for case, want in expected.items():
        got = results.get(case)
        if got is None or not got.success:
            out.append(f"{case}: not graded ({got and got.error})")
        elif (got.auto_score, set(got.failed_tests)) != (want["auto_score"], set(want["failed"])):
            out.append(f"{case}: {got.auto_score} {sorted(got.failed_tests)}")
    return out
