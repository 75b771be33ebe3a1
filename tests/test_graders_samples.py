"""Sample submissions grade as expected under the real limits; feedback shows no hidden test.

The committed samples (courses/<course>/samples/<assignment>/<case>/) are autograded for real
by nbgrader on a copy of the course, once per module, with a short per-cell timeout.
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import nbformat
import pytest

from graders.autograde import SubmissionResult, autograde
from graders.check import collect_secrets, find_leaks
from graders.course import Course
from graders.feedback import generate_feedback
from graders.limits import GradingLimits

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

COURSE = Course.find("network-admin")
ASSIGNMENT = "01-dia-chi-ip"
SAMPLES = COURSE.root / "samples" / ASSIGNMENT
EXPECTED = tomllib.loads((SAMPLES / "expected.toml").read_text(encoding="utf-8"))
TIMEOUT_S = 5


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, SubmissionResult]]:
    workdir = tmp_path_factory.mktemp("samples")
    started = time.monotonic()
    results = autograde(
        COURSE,
        ASSIGNMENT,
        submissions=SAMPLES,
        limits=GradingLimits(cell_timeout_s=TIMEOUT_S),
        workdir=workdir,
    )
    # Three cells loop forever (one ignoring interrupts); each is cut at the timeout, so the
    # run ends in well under a minute on an idle machine (generous bound for a loaded one).
    assert time.monotonic() - started < 300
    return workdir, {r.student: r for r in results}


def test_every_sample_has_an_expectation_and_every_expectation_a_sample() -> None:
    cases = {p.name for p in SAMPLES.iterdir() if p.is_dir()}
    assert cases == set(EXPECTED)
    assert {
        "dung",
        "dung-mot-phan",
        "vong-lap-vo-han",
        "kernel-chet",
        "bom-bo-nho",
        "rong",
    } <= cases


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_sample_scores_as_expected(
    graded: tuple[Path, dict[str, SubmissionResult]], case: str
) -> None:
    workdir, results = graded
    result = results[case]
    assert result.success, result.error
    assert result.max_auto_score == 18
    assert result.auto_score == EXPECTED[case]["auto_score"], result.failed_tests
    assert set(result.failed_tests) == set(EXPECTED[case]["failed"])
    if "error" in EXPECTED[case]:
        path = workdir / COURSE.name / "autograded" / case / ASSIGNMENT / "dia-chi-ip.ipynb"
        nb = nbformat.read(path, as_version=4)
        errors = {
            o.ename for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"
        }
        assert EXPECTED[case]["error"] in errors


def test_the_reflection_waits_for_the_instructor(
    graded: tuple[Path, dict[str, SubmissionResult]],
) -> None:
    reflection = next(c for c in graded[1]["dung"].cells if c.grade_id == "suy-ngam")
    assert not reflection.autograded and reflection.score is None and reflection.max_score == 3


def test_feedback_contains_no_hidden_test_or_traceback_of_one(
    graded: tuple[Path, dict[str, SubmissionResult]],
) -> None:
    workdir, results = graded
    feedback = generate_feedback(COURSE, ASSIGNMENT, workdir=workdir)
    assert {p.parent.parent.name for p in feedback.files} == set(results)
    secrets = collect_secrets(
        nbformat.read(p, as_version=4) for p in COURSE.assignment(ASSIGNMENT).notebooks
    )
    assert secrets.hidden  # the scan has something to look for
    assert find_leaks(feedback.files, secrets, solutions=False) == []
    rong = next(p for p in feedback.files if p.parent.parent.name == "rong").read_text(
        encoding="utf-8"
    )
    assert "kiểm thử ẩn của bài này" in rong  # failures are reported, without the test code
    assert "65535" not in rong and "172.16.5.4" not in rong  # hidden inputs
