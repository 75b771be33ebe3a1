"""``graders feedback``: generate feedback with nbgrader, and refuse any that leaks tests."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import nbformat

from graders.cells import is_answer, significant_lines
from graders.check import Secrets, collect_secrets, find_leaks
from graders.course import Course, nbgrader_api
from graders.exceptions import GradersError, NbgraderStepError

log = logging.getLogger(__name__)


class FeedbackLeakError(GradersError):
    """Generated feedback showed hidden tests; the leaking files were deleted."""


@dataclass(frozen=True, slots=True)
class FeedbackResult:
    """Feedback files written for one assignment.

    Attributes:
        assignment: the assignment id.
        files: the HTML files under ``feedback/<student>/<assignment>/``.
    """

    assignment: str
    files: tuple[Path, ...]


def assignment_secrets(course: Course, assignment: str) -> Secrets:
    """Hidden tests and solutions of the assignment's source notebooks."""
    return collect_secrets(
        nbformat.read(p, as_version=4)  # type: ignore[no-untyped-call]
        for p in course.assignment(assignment).notebooks
    )


def without_own_answers(secrets: Secrets, submission: Path) -> Secrets:
    """``secrets`` minus the lines the trainee wrote in the answer cells of ``submission``.

    A correct answer may repeat a hidden-test line word for word (a dict entry, a call);
    that line in the trainee's feedback is their own work, not a leak, and must not get
    their feedback deleted.
    """
    own: set[str] = set()
    for path in submission.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
        for cell in nb.cells:
            if is_answer(cell):
                own |= significant_lines(cell.source.splitlines())
    return Secrets(secrets.solution, secrets.hidden - own)


def generate_feedback(
    course: Course, assignment: str, student: str | None = None, *, workdir: Path | None = None
) -> FeedbackResult:
    """Generate feedback for one trainee (or all autograded ones) and verify it.

    Feedback is scanned for hidden-test lines and region markers; files that show any are
    deleted and :class:`FeedbackLeakError` is raised, so a leak can never be released.
    A trainee's own code may match the model answer, so solutions are not scanned here.
    ``workdir`` names a copy of the course made by :func:`graders.autograde.autograde`.
    """
    config = course.config(root=workdir / course.name if workdir is not None else None)
    api = nbgrader_api(config)
    outcome = api.generate_feedback(assignment, student)
    if not outcome["success"]:
        raise NbgraderStepError(
            f"nbgrader không tạo được phản hồi cho {assignment}:\n"
            f"{outcome.get('error') or outcome['log']}"
        )
    base = Path(config.CourseDirectory.root) / "feedback"
    pattern = f"{student or '*'}/{assignment}/*.html"
    files = tuple(sorted(base.glob(pattern)))
    secrets = assignment_secrets(course, assignment)
    autograded = Path(config.CourseDirectory.root) / "autograded"
    leaking = [
        p
        for p in files
        if find_leaks(
            [p],
            without_own_answers(secrets, autograded / p.parent.parent.name / assignment),
            solutions=False,
        )
    ]
    if leaking:
        for path in leaking:
            path.unlink()
        raise FeedbackLeakError(
            "Phản hồi lộ kiểm thử ẩn và đã bị xóa: "
            + ", ".join(str(p) for p in leaking)
            + ". Kiểm tra cấu hình GenerateFeedback.preprocessors (cần HideHiddenTests)."
        )
    return FeedbackResult(assignment, files)
