"""The digitization course's sample submissions: layout, expectations and real grading."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import nbformat
import pytest
from sample_grading import grade_samples, mismatches

from graders.autograde import SubmissionResult
from graders.check import collect_secrets, find_leaks
from graders.course import Course
from graders.feedback import generate_feedback

ROOT = Path(__file__).resolve().parents[1]
COURSE_ROOT = ROOT / "courses" / "digitization"
SAMPLES = COURSE_ROOT / "samples"
ASSIGNMENTS = sorted(p.name for p in (COURSE_ROOT / "source").iterdir() if p.is_dir())
CASES = {"dung", "dung-mot-phan", "rong"}
# Issue 8: grading a sample submission takes under a minute.
SECONDS_PER_SUBMISSION = 60


def expected_of(assignment: str) -> dict:
    return tomllib.loads((SAMPLES / assignment / "expected.toml").read_text(encoding="utf-8"))


def test_every_assignment_has_sample_submissions_with_expectations() -> None:
    """samples/<assignment>/ has the three cases, each with the assignment's notebooks, and an
    expected score for each case: full marks, partial, zero."""
    course = Course.find(COURSE_ROOT)
    assert sorted(a.name for a in course.assignments) == ASSIGNMENTS
    for assignment in course.assignments:
        folder = SAMPLES / assignment.name
        expected = expected_of(assignment.name)
        cases = {p.name for p in folder.iterdir() if p.is_dir()}
        assert cases == set(expected) == CASES, assignment.name
        names = sorted(p.name for p in assignment.notebooks)
        for case in CASES:
            assert sorted(p.name for p in (folder / case).glob("*.ipynb")) == names
        full = expected["dung"]["auto_score"]
        assert expected["dung"]["failed"] == [] and full > 0, assignment.name
        assert 0 < expected["dung-mot-phan"]["auto_score"] < full, assignment.name
        assert expected["rong"]["auto_score"] == 0, assignment.name


def test_samples_are_nfc_and_have_no_outputs() -> None:
    """Samples are committed clean: NFC text, no outputs or execution counts."""
    for path in sorted(SAMPLES.rglob("*")):
        if path.suffix not in {".ipynb", ".toml", ".md", ".py"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path
        if path.suffix == ".ipynb":
            for cell in nbformat.reads(text, as_version=4).cells:
                if cell.cell_type == "code":
                    assert not cell.outputs and cell.execution_count is None, path


@pytest.fixture(scope="module")
def graded(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, dict[str, SubmissionResult], float]]:
    """Every sample of every assignment, autograded for real under the grading limits."""
    out = {}
    for assignment in ASSIGNMENTS:
        workdir = tmp_path_factory.mktemp(assignment)
        results, seconds = grade_samples(COURSE_ROOT, assignment, workdir)
        out[assignment] = (workdir, results, seconds)
    return out


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_sample_submissions_score_as_expected(
    graded: dict[str, tuple[Path, dict[str, SubmissionResult], float]], assignment: str
) -> None:
    """Model answers get every point, typical mistakes lose exactly their tests, empty gets 0;
    the reflection waits for the instructor."""
    results = graded[assignment][1]
    expected = expected_of(assignment)
    assert mismatches(results, expected) == []
    full = expected["dung"]["auto_score"]
    assert all(r.max_auto_score == full for r in results.values())
    reflection = next(c for c in results["dung"].cells if c.grade_id == "suy-ngam")
    assert not reflection.autograded and reflection.score is None and reflection.max_score == 3


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grading_a_sample_takes_under_a_minute(
    graded: dict[str, tuple[Path, dict[str, SubmissionResult], float]], assignment: str
) -> None:
    """Issue 8: the whole run (import, grading, gradebook) per submission stays under 60 s."""
    _, results, seconds = graded[assignment]
    assert seconds / len(results) < SECONDS_PER_SUBMISSION, seconds


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_sample_feedback_shows_no_hidden_test(
    graded: dict[str, tuple[Path, dict[str, SubmissionResult], float]], assignment: str
) -> None:
    """Feedback on the samples reports hidden failures without the hidden tests' code."""
    course = Course.find(COURSE_ROOT)
    feedback = generate_feedback(course, assignment, workdir=graded[assignment][0])
    secrets = collect_secrets(
        nbformat.read(p, as_version=4) for p in course.assignment(assignment).notebooks
    )
    assert secrets.hidden
    assert feedback.files
    assert find_leaks(feedback.files, secrets, solutions=False) == []
