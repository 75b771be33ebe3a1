"""Every assignment of every course has sample submissions that grade exactly as expected.

For each ``courses/<course>/samples/<assignment>/``: the model answers, typical mistakes, the
empty release and the four cases that attack the grading itself (an infinite loop, a dead
kernel, a memory bomb, a tampered test cell) are committed clean, autograded for real by
nbgrader under the grading limits (two assignments at a time, each in its own process and
course copy), compared with ``expected.toml``, and their feedback is scanned for hidden tests.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import nbformat
import pytest
from sample_grading import (
    EMPTY,
    MODEL_ANSWERS,
    PARTIAL_CASES,
    GradedSamples,
    expected_cases,
    expected_of,
    grade_all,
    mismatches,
    missing_cases,
    sample_cases,
)

from graders.check import collect_secrets, find_leaks
from graders.course import Course, all_courses
from graders.preprocessors import HIDDEN_FAILED

PAIRS = [(c.root, a.name) for c in all_courses() for a in c.assignments]
IDS = [f"{root.name}/{assignment}" for root, assignment in PAIRS]
# Each breaks a single answer cell: the other exercises keep their points.
COSTS_ONE_CELL = ("vong-lap-vo-han", "kernel-chet", "bom-bo-nho")
# The feedback preprocessor's first sentence in place of a failed hidden test.
HIDDEN_FAILURE_NOTE = HIDDEN_FAILED.split(".")[0]

Graded = dict[tuple[Path, str], GradedSamples | str]


def expected_or_fail(root: Path, assignment: str) -> dict[str, Any]:
    """The assignment's expected.toml; a missing one fails the test with what to do."""
    if not (root / "samples" / assignment / "expected.toml").is_file():
        pytest.fail(
            f"courses/{root.name}/samples/{assignment}/expected.toml is missing: grade the "
            "samples for real and record each case's auto_score, failed and error"
        )
    return expected_of(root, assignment)


def test_every_course_and_assignment_is_covered() -> None:
    """The parametrization sees the three courses and all their assignments."""
    assert {root.name for root, _ in PAIRS} >= {"network-admin", "egov-systems", "digitization"}
    assert len(PAIRS) >= 16


@pytest.mark.parametrize(("root", "assignment"), PAIRS, ids=IDS)
def test_the_required_cases_are_committed(root: Path, assignment: str) -> None:
    """Model answers, a partial case, the empty release and the four failure cases."""
    missing = missing_cases(sample_cases(root, assignment))
    assert not missing, (
        f"courses/{root.name}/samples/{assignment}/ lacks {missing}: add them to "
        f"courses/{root.name}/samples/make_samples.py (graders.samples.failure_cases builds "
        "the failure cases), regenerate, grade and record them in expected.toml"
    )


@pytest.mark.parametrize(("root", "assignment"), PAIRS, ids=IDS)
def test_every_case_has_an_expectation_and_the_assignments_notebooks(
    root: Path, assignment: str
) -> None:
    """Each case folder holds exactly the release's notebooks and has an expected score."""
    cases = expected_cases(expected_or_fail(root, assignment))
    assert sample_cases(root, assignment) == set(cases)
    notebooks = sorted(p.name for p in Course(root).assignment(assignment).notebooks)
    for case in cases:
        found = sorted(p.name for p in (root / "samples" / assignment / case).glob("*.ipynb"))
        assert found == notebooks, case


@pytest.mark.parametrize(("root", "assignment"), PAIRS, ids=IDS)
def test_the_expected_scores_tell_the_cases_apart(root: Path, assignment: str) -> None:
    """Full marks for the model answers, part of them for mistakes and failures, 0 if empty."""
    cases = expected_cases(expected_or_fail(root, assignment))
    full = cases[MODEL_ANSWERS]["auto_score"]
    assert full > 0 and cases[MODEL_ANSWERS]["failed"] == []
    assert cases[EMPTY]["auto_score"] == 0 and cases[EMPTY]["failed"]
    for case in PARTIAL_CASES:
        if case in cases:
            assert 0 < cases[case]["auto_score"] < full, case
    for case in COSTS_ONE_CELL:
        if case in cases:
            assert 0 < cases[case]["auto_score"] < full, case
            assert "error" in cases[case], f"{case}: record the error the graded cell shows"
    if "sua-o-kiem-thu" in cases:
        # nbgrader restores the tests, so the tampering earns nothing.
        assert cases["sua-o-kiem-thu"]["auto_score"] < full


@pytest.mark.parametrize("root", sorted({root for root, _ in PAIRS}), ids=lambda r: r.name)
def test_samples_are_committed_without_outputs_and_in_nfc(root: Path) -> None:
    """Samples are regenerated, never run in place: no outputs, text in NFC like the course."""
    for path in sorted((root / "samples").rglob("*")):
        if path.suffix not in {".ipynb", ".toml", ".md", ".py"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path
        if path.suffix == ".ipynb":
            for cell in nbformat.reads(text, as_version=4).cells:
                if cell.cell_type == "code":
                    assert not cell.outputs and cell.execution_count is None, path


@pytest.fixture(scope="module")
def graded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Graded:
    """The selected assignments that have samples, autograded for real, two at a time.

    Only the assignments whose tests were selected (``-k egov-systems``) are graded.
    """
    selected = {
        (item.callspec.params["root"], item.callspec.params["assignment"])
        for item in request.session.items
        if isinstance(item, pytest.Function)
        and item.module is request.module
        and "graded" in item.fixturenames
    }
    gradable = [
        (r, a)
        for r, a in PAIRS
        if (r, a) in selected and (r / "samples" / a / "expected.toml").is_file()
    ]
    return grade_all(gradable, tmp_path_factory.mktemp("samples"))


def graded_one(graded: Graded, root: Path, assignment: str) -> GradedSamples:
    outcome = graded.get((root, assignment), "no samples/expected.toml to grade")
    assert isinstance(outcome, GradedSamples), outcome
    return outcome


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize(("root", "assignment"), PAIRS, ids=IDS)
def test_samples_score_as_expected(graded: Graded, root: Path, assignment: str) -> None:
    """Each case gets exactly its expected score, fails exactly its expected tests and shows
    its expected error; tampered points do not count; reflections wait for the instructor."""
    samples = graded_one(graded, root, assignment)
    expected = expected_of(root, assignment)
    assert mismatches(samples.results, expected) == []
    full = expected_cases(expected)[MODEL_ANSWERS]["auto_score"]
    assert {r.max_auto_score for r in samples.results.values()} == {full}
    for case, want in expected_cases(expected).items():
        if "error" in want:
            assert want["error"] in samples.errors[case], (case, sorted(samples.errors[case]))
    by_hand = [c for c in samples.results[MODEL_ANSWERS].cells if not c.autograded]
    assert by_hand and all(c.score is None for c in by_hand)


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize(("root", "assignment"), PAIRS, ids=IDS)
def test_feedback_reports_hidden_failures_without_hidden_tests(
    graded: Graded, root: Path, assignment: str
) -> None:
    """Feedback on every case holds no hidden test code; the empty case's hidden failures are
    reported to the trainee all the same."""
    samples = graded_one(graded, root, assignment)
    assert {p.parent.parent.name for p in samples.feedback} == set(samples.results)
    secrets = collect_secrets(
        nbformat.read(p, as_version=4) for p in Course(root).assignment(assignment).notebooks
    )
    assert secrets.hidden  # the scan has something to look for
    assert find_leaks(samples.feedback, secrets, solutions=False) == []
    empty = [p for p in samples.feedback if p.parent.parent.name == EMPTY]
    assert empty and all(HIDDEN_FAILURE_NOTE in p.read_text(encoding="utf-8") for p in empty)
