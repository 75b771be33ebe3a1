"""``graders autograde``: grade submissions with nbgrader, under the grading limits."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from graders.cells import is_autograded_test, nbgrader_meta
from graders.course import Assignment, Course, nbgrader_api
from graders.exceptions import CourseNotFoundError, NbgraderStepError
from graders.limits import GradingLimits

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CellScore:
    """The grade of one graded cell of one submission.

    Attributes:
        notebook: the notebook name without extension.
        grade_id: the cell's grade_id.
        autograded: True for test cells, False for cells graded by hand.
        score: points given (manual score if any, else the automatic one); None when a
            hand-graded cell still waits for the instructor.
        max_score: the cell's points.
    """

    notebook: str
    grade_id: str
    autograded: bool
    score: float | None
    max_score: float


@dataclass(frozen=True, slots=True)
class SubmissionResult:
    """The outcome of autograding one trainee's submission.

    Attributes:
        student: the trainee id (folder name under ``submitted/``).
        assignment: the assignment id.
        success: whether nbgrader completed the grading run.
        cells: every graded cell's score (empty when the run failed).
        error: nbgrader's error report when it failed.
    """

    student: str
    assignment: str
    success: bool
    cells: tuple[CellScore, ...]
    error: str | None = None

    @property
    def auto_score(self) -> float:
        """Points earned on autograded test cells."""
        return sum(c.score or 0.0 for c in self.cells if c.autograded)

    @property
    def max_auto_score(self) -> float:
        return sum(c.max_score for c in self.cells if c.autograded)

    @property
    def failed_tests(self) -> tuple[str, ...]:
        """grade_ids of test cells that did not earn full points."""
        return tuple(
            c.grade_id for c in self.cells if c.autograded and (c.score or 0.0) < c.max_score
        )


def _test_cell_ids(assignment: Assignment) -> set[tuple[str, str]]:
    found = set()
    for path in assignment.notebooks:
        nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        found |= {
            (path.stem, nbgrader_meta(c)["grade_id"]) for c in nb.cells if is_autograded_test(c)
        }
    return found


def import_submissions(root: Path, assignment: str, submissions: Path) -> list[str]:
    """Copy ``submissions/<student>/[<assignment>/]*.ipynb`` into ``root/submitted/``.

    Returns the students found. A student's earlier submission is replaced.
    """
    if not submissions.is_dir():
        raise CourseNotFoundError(f"Không có thư mục bài nộp {submissions}.")
    students = []
    for folder in sorted(p for p in submissions.iterdir() if p.is_dir()):
        inner = folder / assignment if (folder / assignment).is_dir() else folder
        notebooks = sorted(inner.glob("*.ipynb"))
        if not notebooks:
            log.warning("Skipping %s: no notebook in it", folder)
            continue
        dest = root / "submitted" / folder.name / assignment
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy2(notebook, dest / notebook.name)
        students.append(folder.name)
    return students


def _scores(
    config: Any, course: str, assignment: str, student: str, tests: set[Any]
) -> list[CellScore]:
    from nbgrader.api import Gradebook

    cells = []
    with Gradebook(config.CourseDirectory.db_url, course) as gb:
        submission = gb.find_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                autograded = (notebook.name, grade.name) in tests
                score = grade.score if (autograded or not grade.needs_manual_grade) else None
                cells.append(
                    CellScore(notebook.name, grade.name, autograded, score, float(grade.max_score))
                )
    return cells


# A kernel can die before it answers when another process took one of the ports it was
# handed (jupyter_client picks free ports, then the kernel binds them): nothing to do with the
# submission, so the same submission is graded again.
KERNEL_START_FAILURE = "Kernel died before replying to kernel_info"
KERNEL_START_ATTEMPTS = 3


def _autograde_one(api: Any, assignment: str, student: str) -> dict[str, Any]:
    """nbgrader's autograde of one submission, again when its kernel failed to start."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        outcome: dict[str, Any] = api.autograde(assignment, student)
        if outcome["success"] or KERNEL_START_FAILURE not in outcome.get("log", ""):
            break
        if attempt < KERNEL_START_ATTEMPTS:
            log.warning(
                "The kernel grading %s/%s did not start (attempt %d of %d); grading again",
                student,
                assignment,
                attempt,
                KERNEL_START_ATTEMPTS,
            )
    return outcome


def autograde(
    course: Course,
    assignment_name: str,
    *,
    submissions: Path | None = None,
    students: Sequence[str] | None = None,
    limits: GradingLimits | None = None,
    workdir: Path | None = None,
) -> list[SubmissionResult]:
    """Autograde the submissions of one assignment; one failing submission never stops the run.

    ``submissions`` (``<dir>/<student>/*.ipynb``) are imported into ``submitted/`` first.
    With ``workdir``, grading happens on a copy of the course there (its own gradebook),
    which is how tests and dry runs leave the course untouched.
    """
    from nbgrader.api import Gradebook, MissingEntry

    assignment = course.assignment(assignment_name)
    root = course.root
    if workdir is not None:
        root = workdir / course.name
        shutil.rmtree(root / "source" / assignment.name, ignore_errors=True)
        shutil.copytree(assignment.source_dir, root / "source" / assignment.name)
    config = course.config(root=root if workdir is not None else None, limits=limits)
    api = nbgrader_api(config)

    with Gradebook(config.CourseDirectory.db_url, course.name) as gb:
        try:
            gb.find_assignment(assignment.name)
            known = True
        except MissingEntry:
            known = False
    if not known:
        # Autograding compares against the cells recorded when the release was generated.
        outcome = api.generate_assignment(assignment.name)
        if not outcome["success"]:
            raise NbgraderStepError(
                f"Không tạo được bài {assignment.name} trong sổ điểm:\n"
                f"{outcome.get('error') or outcome['log']}"
            )

    if submissions is not None:
        imported = import_submissions(root, assignment.name, submissions)
        chosen = list(students) if students else imported
    elif students:
        chosen = list(students)
    else:
        chosen = sorted(
            p.parent.name for p in (root / "submitted").glob(f"*/{assignment.name}") if p.is_dir()
        )
    tests = _test_cell_ids(assignment)
    results = []
    for student in chosen:
        log.info("Autograding %s/%s for %s", course.name, assignment.name, student)
        outcome = _autograde_one(api, assignment.name, student)
        if not outcome["success"]:
            log.error("Autograding %s failed", student)
            results.append(
                SubmissionResult(student, assignment.name, False, (), outcome.get("error"))
            )
            continue
        cells = _scores(config, course.name, assignment.name, student, tests)
        results.append(SubmissionResult(student, assignment.name, True, tuple(cells)))
    return results
