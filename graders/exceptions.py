"""Errors raised by the course tools; each carries the exit code the CLI returns."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``graders`` command."""

    OK = 0
    CHECK_FAILED = 1
    BAD_ARGS = 2
    NOT_FOUND = 3
    NBGRADER_FAILED = 4


class GradersError(Exception):
    """Base error of the course tools; the message says what to do next."""

    exit_code: ExitCode = ExitCode.NBGRADER_FAILED


class CourseNotFoundError(GradersError):
    """A course or assignment folder does not exist or is not a course."""

    exit_code = ExitCode.NOT_FOUND


class NbgraderStepError(GradersError):
    """An nbgrader step (generate, autograde, feedback) reported failure."""

    exit_code = ExitCode.NBGRADER_FAILED
