"""``graders build``: generate the student releases of a course with nbgrader."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graders.course import Course, nbgrader_api
from graders.exceptions import NbgraderStepError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """One generated release.

    Attributes:
        assignment: the assignment id.
        release_dir: where the student version was written (``release/<assignment>/``).
        notebooks: the student notebooks in it.
    """

    assignment: str
    release_dir: Path
    notebooks: tuple[Path, ...]


def build_course(course: Course, assignments: Sequence[str] | None = None) -> list[BuildResult]:
    """Run nbgrader's generate_assignment for each assignment (all by default).

    Also records the assignments in the course gradebook, which autograding needs.
    Raises :class:`NbgraderStepError` with nbgrader's log when generation fails.
    """
    chosen = [course.assignment(a) for a in assignments] if assignments else course.assignments
    api = nbgrader_api(course.config())
    results = []
    for assignment in chosen:
        log.info("Generating the release of %s/%s", course.name, assignment.name)
        outcome = api.generate_assignment(assignment.name)
        if not outcome["success"]:
            details = outcome.get("error") or outcome["log"]
            raise NbgraderStepError(
                f"nbgrader không tạo được bản phát hành của {assignment.name}; hãy chạy "
                f"`graders check {course.name}` để biết lỗi.\n{details}"
            )
        release = assignment.release_dir
        results.append(
            BuildResult(assignment.name, release, tuple(sorted(release.glob("*.ipynb"))))
        )
    return results
