"""Courses and assignments on disk, and the nbgrader API bound to a course."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traitlets.config import Config

from graders.config import load_course_config, relocate, with_limits
from graders.exceptions import CourseNotFoundError
from graders.limits import GradingLimits

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[1]
COURSES_ROOT = REPO_ROOT / "courses"


@dataclass(frozen=True, slots=True)
class Assignment:
    """One assignment: ``source/<name>/`` holds its notebooks, ``py/<name>/`` their twins.

    Attributes:
        course_root: the course folder.
        name: the assignment id (folder name), e.g. ``01-dia-chi-ip``.
    """

    course_root: Path
    name: str

    @property
    def source_dir(self) -> Path:
        return self.course_root / "source" / self.name

    @property
    def release_dir(self) -> Path:
        return self.course_root / "release" / self.name

    @property
    def notebooks(self) -> list[Path]:
        """The source notebooks, sorted by name."""
        return sorted(self.source_dir.glob("*.ipynb"))

    def py_twin(self, notebook: Path) -> Path:
        """Where jupytext keeps the py:percent twin of a source notebook (jupytext.toml)."""
        return self.course_root / "py" / self.name / (notebook.stem + ".py")


@dataclass(frozen=True, slots=True)
class Course:
    """A course folder ``courses/<name>/`` with its ``nbgrader_config.py``.

    Attributes:
        root: the course folder; its name is the nbgrader course id.
    """

    root: Path

    @classmethod
    def find(cls, name_or_path: str | Path, courses_root: Path = COURSES_ROOT) -> Course:
        """The course named ``name_or_path`` under ``courses_root``, or at that path."""
        candidate = Path(name_or_path)
        root = candidate if candidate.is_dir() else courses_root / str(name_or_path)
        if not (root / "nbgrader_config.py").is_file():
            known = ", ".join(c.name for c in all_courses(courses_root)) or "chưa có khóa nào"
            raise CourseNotFoundError(
                f"Không tìm thấy khóa học {str(name_or_path)!r} (cần thư mục có "
                f"nbgrader_config.py). Các khóa hiện có: {known}."
            )
        return cls(root.resolve())

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def assignments(self) -> list[Assignment]:
        source = self.root / "source"
        names = sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []
        return [Assignment(self.root, n) for n in names if not n.startswith(".")]

    def assignment(self, name: str) -> Assignment:
        for assignment in self.assignments:
            if assignment.name == name:
                return assignment
        known = ", ".join(a.name for a in self.assignments) or "chưa có bài nào"
        raise CourseNotFoundError(
            f"Khóa {self.name} không có bài {name!r} trong source/. Các bài hiện có: {known}."
        )

    def config(self, *, root: Path | None = None, limits: GradingLimits | None = None) -> Config:
        """The course's nbgrader config, optionally for a copy at ``root`` or other limits."""
        config = load_course_config(self.root)
        if root is not None:
            config = relocate(config, root)
        if limits is not None:
            config = with_limits(config, limits)
        return config


def all_courses(courses_root: Path = COURSES_ROOT) -> list[Course]:
    """Every course folder (one with an ``nbgrader_config.py``) under ``courses_root``."""
    if not courses_root.is_dir():
        return []
    return [
        Course(p.resolve())
        for p in sorted(courses_root.iterdir())
        if (p / "nbgrader_config.py").is_file()
    ]


def ensure_tools_on_path() -> None:
    """Put this interpreter's ``bin/`` on PATH: nbgrader runs ``alembic`` to create gradebooks.

    Without it, a gradebook cannot be created when the tools run from ``.venv/bin/python``
    without an activated virtual environment (cron, tests, JupyterHub services).
    """
    bindir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([bindir, path]) if path else bindir


def nbgrader_api(config: Config) -> Any:
    """An in-process ``NbGraderAPI`` for ``config`` (much faster than the nbgrader CLI)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    ensure_tools_on_path()

    coursedir = CourseDirectory(config=config)
    # The API probes the exchange on creation and logs a CRITICAL "contact your instructor"
    # when it is not writable; build, autograde and feedback never use the exchange, so that
    # message would only mislead the instructor reading it.
    # (A filter, because the API resets the logger's level as it starts.)
    probe_log = logging.getLogger("traitlets")
    silence = logging.Filter("exchange-probe-silenced")
    probe_log.addFilter(silence)
    try:
        return NbGraderAPI(coursedir=coursedir, config=config)
    finally:
        probe_log.removeFilter(silence)
