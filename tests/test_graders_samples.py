"""The pilot's harness samples pin down the grading limits; failure_cases builds such samples.

Every course's samples are graded and compared with expected.toml by test_course_samples.py;
this module keeps what only network-admin 01 shows (an interrupt-proof loop, hidden inputs
that must stay out of feedback, the time a run with three endless cells takes) and the unit
behaviour of :func:`graders.samples.failure_cases`.
"""

from __future__ import annotations

import nbformat
import pytest
from sample_grading import FAILURE_CASES, GradedSamples, expected_of, grade_all

from graders.cells import nbgrader_meta
from graders.course import Course
from graders.samples import (
    INFINITE_LOOP,
    KERNEL_CRASH,
    MEMORY_BOMB,
    TAMPERED_TEST,
    failure_cases,
    release_and_source,
    solution_of,
)

COURSE = Course.find("network-admin")
ASSIGNMENT = "01-dia-chi-ip"
NOTEBOOK = "dia-chi-ip.ipynb"


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> GradedSamples:
    """The pilot's samples, graded once per session (shared with test_course_samples.py)."""
    outcome = grade_all([(COURSE.root, ASSIGNMENT)], tmp_path_factory.mktemp("samples"))
    samples = outcome[(COURSE.root, ASSIGNMENT)]
    assert isinstance(samples, GradedSamples), samples
    return samples


@pytest.mark.nbgrader
@pytest.mark.slow
def test_a_loop_that_ignores_interrupts_is_killed_at_the_timeout(graded: GradedSamples) -> None:
    """``bat-ca-ngat`` ignores SIGINT: the kernel is killed at the cell timeout (not after the
    CPU limit), the cells before it keep their points and the whole run stays short."""
    expected = expected_of(COURSE.root, ASSIGNMENT)["bat-ca-ngat"]
    result = graded.results["bat-ca-ngat"]
    assert result.success, result.error
    assert result.auto_score == expected["auto_score"] > 0
    assert expected["error"] in graded.errors["bat-ca-ngat"]
    # Three cells never end (one ignoring interrupts); each is cut at the timeout, so grading
    # and feedback take well under a minute on an idle machine (generous bound for a busy one).
    assert graded.seconds < 300


@pytest.mark.nbgrader
@pytest.mark.slow
def test_the_reflection_waits_for_the_instructor(graded: GradedSamples) -> None:
    reflection = next(c for c in graded.results["dung"].cells if c.grade_id == "suy-ngam")
    assert not reflection.autograded and reflection.score is None and reflection.max_score == 3


@pytest.mark.nbgrader
@pytest.mark.slow
def test_feedback_on_the_empty_sample_hides_the_hidden_inputs(graded: GradedSamples) -> None:
    """The empty release fails the hidden tests; their inputs stay out of its feedback."""
    rong = next(p for p in graded.feedback if p.parent.parent.name == "rong")
    text = rong.read_text(encoding="utf-8")
    assert "kiểm thử ẩn của bài này" in text
    assert "65535" not in text and "172.16.5.4" not in text


@pytest.fixture(scope="module")
def pilot() -> tuple[nbformat.NotebookNode, dict[str, nbformat.NotebookNode]]:
    releases, sources = release_and_source(COURSE, ASSIGNMENT)
    return releases[NOTEBOOK], sources[NOTEBOOK]


def _by_id(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {nbgrader_meta(c)["grade_id"]: c for c in nb.cells if nbgrader_meta(c)}


@pytest.mark.nbgrader
def test_failure_cases_break_the_first_middle_and_last_answers(
    pilot: tuple[nbformat.NotebookNode, dict[str, nbformat.NotebookNode]],
) -> None:
    """The loop comes before the first answer, the memory bomb before the middle one, the
    crash before the last; every other answer is the model answer, and the reflection set."""
    release, source = pilot
    cases = failure_cases(release, source, "Suy ngẫm.")
    assert list(cases) == list(FAILURE_CASES)
    answers = [
        nbgrader_meta(c)["grade_id"]
        for c in release.cells
        if nbgrader_meta(c).get("solution") and c.cell_type == "code"
    ]
    broken = {
        "vong-lap-vo-han": (answers[0], INFINITE_LOOP),
        "bom-bo-nho": (answers[len(answers) // 2], MEMORY_BOMB),
        "kernel-chet": (answers[-1], KERNEL_CRASH),
    }
    for case, (grade_id, attack) in broken.items():
        cells = _by_id(cases[case])
        for answer in answers:
            model = solution_of(source[answer])
            want = attack + "\n" + model if answer == grade_id else model
            assert cells[answer].source == want, (case, answer)
        assert cells["suy-ngam"].source == "Suy ngẫm."
        assert all(not c.get("outputs") for c in cases[case].cells if c.cell_type == "code")


@pytest.mark.nbgrader
def test_the_tampered_case_rewrites_the_first_test_and_deletes_the_last(
    pilot: tuple[nbformat.NotebookNode, dict[str, nbformat.NotebookNode]],
) -> None:
    release, source = pilot
    tampered = _by_id(failure_cases(release, source, "")["sua-o-kiem-thu"])
    tests = [
        nbgrader_meta(c)["grade_id"]
        for c in release.cells
        if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
    ]
    assert tampered[tests[0]].source == TAMPERED_TEST
    assert nbgrader_meta(tampered[tests[0]])["points"] == 100
    assert tests[-1] not in tampered
    released = _by_id(release)
    for grade_id, cell in tampered.items():
        if nbgrader_meta(cell).get("solution"):  # answers left as released
            assert cell.source == released[grade_id].source, grade_id


@pytest.mark.nbgrader
def test_failure_cases_refuse_a_notebook_with_fewer_than_two_tests(
    pilot: tuple[nbformat.NotebookNode, dict[str, nbformat.NotebookNode]],
) -> None:
    release, source = pilot
    stripped = nbformat.from_dict(release)
    first_test = next(
        i
        for i, c in enumerate(stripped.cells)
        if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")
    )
    stripped.cells = [
        c
        for i, c in enumerate(stripped.cells)
        if i == first_test or not (nbgrader_meta(c).get("grade") and c.cell_type == "code")
    ]
    with pytest.raises(ValueError, match="two autograded test cells"):
        failure_cases(stripped, source, "")
