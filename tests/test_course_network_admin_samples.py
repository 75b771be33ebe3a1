"""Sample submissions of network-admin 02–07 grade as expected; feedback shows no hidden test.

Each assignment has three samples (courses/network-admin/samples/<assignment>/): the model
answers, typical trainee mistakes and the untouched release. They are autograded for real by
nbgrader on a copy of the course, one run per assignment. Assignment 01 holds the harness
cases (timeouts, a dead kernel, tampered tests) and is graded by test_graders_samples.py.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import nbformat
import pytest

from graders.autograde import SubmissionResult, autograde
from graders.check import collect_secrets, find_leaks
from graders.course import Course
from graders.feedback import generate_feedback
from graders.limits import GradingLimits

COURSE = Course.find("network-admin")
SAMPLES = COURSE.root / "samples"
HARNESS = "01-dia-chi-ip"
ASSIGNMENTS = [a.name for a in COURSE.assignments if a.name != HARNESS]
CASES = {"dung", "sai-thuong-gap", "rong"}

Graded = dict[str, tuple[Path, dict[str, SubmissionResult]]]


def expected(assignment: str) -> dict[str, dict[str, Any]]:
    return tomllib.loads((SAMPLES / assignment / "expected.toml").read_text(encoding="utf-8"))


def test_every_assignment_has_the_three_samples_and_an_expectation_for_each() -> None:
    """Model answers score full marks, typical mistakes part of them, the release 0."""
    assert len(ASSIGNMENTS) >= 6
    for assignment in ASSIGNMENTS:
        want = expected(assignment)
        cases = {p.name for p in (SAMPLES / assignment).iterdir() if p.is_dir()}
        assert cases == set(want) == CASES, assignment
        assert 0 < want["sai-thuong-gap"]["auto_score"] < want["dung"]["auto_score"], assignment
        assert want["dung"]["failed"] == [] and want["rong"]["auto_score"] == 0, assignment


def test_samples_are_committed_without_outputs_and_in_nfc() -> None:
    """Samples are regenerated, never run in place: no outputs, text in NFC like the course."""
    for assignment in ASSIGNMENTS:
        for path in sorted((SAMPLES / assignment).glob("*/*.ipynb")):
            text = path.read_text(encoding="utf-8")
            assert unicodedata.normalize("NFC", text) == text, path
            nb = nbformat.reads(text, as_version=4)
            code = [c for c in nb.cells if c.cell_type == "code"]
            assert all(not c.outputs and c.execution_count is None for c in code), path


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    """Every sample of 02–07, autograded for real under the grading limits."""
    out = {}
    for assignment in ASSIGNMENTS:
        workdir = tmp_path_factory.mktemp(assignment)
        results = autograde(
            COURSE,
            assignment,
            submissions=SAMPLES / assignment,
            limits=GradingLimits(cell_timeout_s=20),
            workdir=workdir,
        )
        out[assignment] = (workdir, {r.student: r for r in results})
    return out


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_samples_score_as_expected(graded: Graded, assignment: str) -> None:
    """Each sample gets exactly its expected score and fails exactly its expected tests."""
    want = expected(assignment)
    results = graded[assignment][1]
    assert set(results) == set(want)
    full = want["dung"]["auto_score"]
    for case, case_want in want.items():
        result = results[case]
        assert result.success, (case, result.error)
        assert result.max_auto_score == full, case
        assert result.auto_score == case_want["auto_score"], (case, result.failed_tests)
        assert set(result.failed_tests) == set(case_want["failed"]), case
    reflection = next(c for c in results["dung"].cells if c.grade_id == "suy-ngam")
    assert not reflection.autograded and reflection.score is None and reflection.max_score == 3


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_reports_hidden_failures_without_hidden_tests(
    graded: Graded, assignment: str
) -> None:
    """Feedback on every sample holds no hidden test code; failed hidden tests are reported."""
    workdir, results = graded[assignment]
    feedback = generate_feedback(COURSE, assignment, workdir=workdir)
    assert {p.parent.parent.name for p in feedback.files} == set(results)
    secrets = collect_secrets(
        nbformat.read(p, as_version=4) for p in COURSE.assignment(assignment).notebooks
    )
    assert secrets.hidden  # the scan has something to look for
    assert find_leaks(feedback.files, secrets, solutions=False) == []
    for case in ("sai-thuong-gap", "rong"):
        path = next(p for p in feedback.files if p.parent.parent.name == case)
        assert "kiểm thử ẩn của bài này" in path.read_text(encoding="utf-8"), case
