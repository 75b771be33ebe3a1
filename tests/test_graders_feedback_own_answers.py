"""A trainee whose correct answer repeats a hidden-test line keeps their feedback."""

from __future__ import annotations

from pathlib import Path

import nbformat

from graders.check import Secrets, find_leaks
from graders.feedback import without_own_answers

SHARED = '"thu-01.eml": "an toàn", "thu-02.eml": "lừa đảo",'
HIDDEN_ONLY = 'assert_equal(phan_loai("thu-07.eml"), "lừa đảo")'


def _submission(folder: Path, answer: str) -> Path:
    nb = nbformat.v4.new_notebook()
    answer_cell = nbformat.v4.new_code_cell(answer)
    answer_cell.metadata["nbgrader"] = {
        "grade": False,
        "solution": True,
        "locked": False,
        "grade_id": "phan-loai",
        "schema_version": 3,
    }
    test_cell = nbformat.v4.new_code_cell(HIDDEN_ONLY)
    test_cell.metadata["nbgrader"] = {
        "grade": True,
        "solution": False,
        "locked": True,
        "points": 2,
        "grade_id": "kiem-tra-phan-loai",
        "schema_version": 3,
    }
    nb.cells = [answer_cell, test_cell]
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "bai.ipynb")
    return folder


def test_lines_the_trainee_wrote_are_not_secrets_in_their_feedback(tmp_path: Path) -> None:
    submission = _submission(tmp_path / "hv01" / "bai-3", "KET_QUA = {\n    " + SHARED + "\n}")
    secrets = Secrets(solution=frozenset(), hidden=frozenset({SHARED, HIDDEN_ONLY}))
    own = without_own_answers(secrets, submission)
    assert own.hidden == {HIDDEN_ONLY}

    feedback = tmp_path / "bai.html"
    feedback.write_text(f"<pre>KET_QUA = {{ {SHARED} }}</pre>", encoding="utf-8")
    assert find_leaks([feedback], secrets, solutions=False), "the unfiltered scan flags it"
    assert find_leaks([feedback], own, solutions=False) == []


def test_a_hidden_line_the_trainee_did_not_write_is_still_a_leak(tmp_path: Path) -> None:
    submission = _submission(tmp_path / "hv02" / "bai-3", "KET_QUA = {}")
    secrets = Secrets(solution=frozenset(), hidden=frozenset({SHARED, HIDDEN_ONLY}))
    feedback = tmp_path / "bai.html"
    feedback.write_text(f"<pre>{HIDDEN_ONLY}</pre>", encoding="utf-8")
    assert find_leaks([feedback], without_own_answers(secrets, submission), solutions=False)
