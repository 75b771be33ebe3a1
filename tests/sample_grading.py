"""Autograde the courses' sample submissions (``samples/<assignment>/<case>/``) and compare.

``samples/<assignment>/expected.toml`` holds one table per case (``auto_score``, ``failed``
and, optionally, ``error``: an exception name the graded notebook must show) and an optional
``[grading]`` table (``cell_timeout_s``) for assignments whose correct cells need longer than
the short default timeout that keeps the failure cases cheap.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
import tomllib
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graders.autograde import SubmissionResult, autograde
from graders.course import Course
from graders.feedback import generate_feedback
from graders.limits import GradingLimits
from graders.samples import error_names

log = logging.getLogger(__name__)

# Short, because every failure case waits for it at least once; the cells of a correct
# answer finish in a few seconds even on a loaded machine.
DEFAULT_CELL_TIMEOUT_S = 10
MODEL_ANSWERS = "dung"
EMPTY = "rong"
PARTIAL_CASES = ("dung-mot-phan", "sai-thuong-gap")
FAILURE_CASES = ("vong-lap-vo-han", "kernel-chet", "bom-bo-nho", "sua-o-kiem-thu")
# Grading cases that wait for a timeout or restart a kernel take the longest: start them first.
SLOW_CASES = frozenset({"vong-lap-vo-han", "kernel-chet", "bat-ca-ngat"})
GRADING = "grading"
WORKERS_ENV = "CONGSO_SAMPLE_WORKERS"


def expected_of(course_root: Path, assignment: str) -> dict[str, Any]:
    """The assignment's ``expected.toml`` as parsed (cases and the optional ``[grading]``)."""
    path = course_root / "samples" / assignment / "expected.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def expected_cases(expected: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """expected.toml's case tables, without the ``[grading]`` settings."""
    return {case: want for case, want in expected.items() if case != GRADING}


def cell_timeout_of(expected: dict[str, Any]) -> int:
    """The per-cell timeout to grade the samples with (``[grading] cell_timeout_s``)."""
    return int(expected.get(GRADING, {}).get("cell_timeout_s", DEFAULT_CELL_TIMEOUT_S))


def sample_cases(course_root: Path, assignment: str) -> set[str]:
    """The case folders committed under ``samples/<assignment>/``."""
    folder = course_root / "samples" / assignment
    return {p.name for p in folder.iterdir() if p.is_dir()} if folder.is_dir() else set()


def missing_cases(cases: set[str]) -> list[str]:
    """The required cases absent from ``cases``; the partial one may take either name."""
    missing = [c for c in (MODEL_ANSWERS, EMPTY, *FAILURE_CASES) if c not in cases]
    if not cases & set(PARTIAL_CASES):
        missing.append(" hoặc ".join(PARTIAL_CASES))
    return missing


def grade_samples(
    course_root: Path, assignment: str, workdir: Path, cell_timeout_s: int | None = None
) -> tuple[dict[str, SubmissionResult], float]:
    """The samples' results by case, graded for real on ``workdir``, and the seconds taken.

    Without ``cell_timeout_s``, the assignment's own (expected.toml) or the default applies.
    """
    if cell_timeout_s is None:
        expected_path = course_root / "samples" / assignment / "expected.toml"
        cell_timeout_s = (
            cell_timeout_of(expected_of(course_root, assignment))
            if expected_path.is_file()
            else DEFAULT_CELL_TIMEOUT_S
        )
    start = time.perf_counter()
    results = autograde(
        Course.find(course_root),
        assignment,
        submissions=course_root / "samples" / assignment,
        limits=GradingLimits(cell_timeout_s=cell_timeout_s),
        workdir=workdir,
    )
    return {r.student: r for r in results}, time.perf_counter() - start


def mismatches(results: dict[str, SubmissionResult], expected: dict[str, Any]) -> list[str]:
    """How the results differ from expected.toml's ``[case] auto_score, failed``; [] if none."""
    cases = expected_cases(expected)
    out = [] if set(results) == set(cases) else [f"cases {sorted(results)}"]
    for case, want in cases.items():
        got = results.get(case)
        if got is None or not got.success:
            out.append(f"{case}: not graded ({got and got.error})")
        elif (got.auto_score, set(got.failed_tests)) != (want["auto_score"], set(want["failed"])):
            out.append(f"{case}: {got.auto_score} {sorted(got.failed_tests)}")
    return out


@dataclass(frozen=True, slots=True)
class GradedSamples:
    """One assignment's samples, autograded and with feedback generated, on a course copy.

    Attributes:
        course_root: the course graded.
        assignment: the assignment id.
        workdir: where the course copy (``<workdir>/<course>/``) and its gradebook live.
        results: each case's grading result, by case.
        errors: the exception names shown in each case's autograded notebooks.
        feedback: the feedback files generated for every case.
        seconds: wall-clock time of grading and feedback together.
    """

    course_root: Path
    assignment: str
    workdir: Path
    results: dict[str, SubmissionResult]
    errors: dict[str, frozenset[str]]
    feedback: tuple[Path, ...]
    seconds: float


def grade_assignment(course_root: Path, assignment: str, workdir: Path) -> GradedSamples:
    """Autograde one assignment's samples and generate their feedback (one worker's job)."""
    start = time.perf_counter()
    results, _ = grade_samples(course_root, assignment, workdir)
    course = Course.find(course_root)
    feedback = generate_feedback(course, assignment, workdir=workdir).files
    errors = {case: error_names(workdir, course.name, assignment, case) for case in results}
    return GradedSamples(
        course_root,
        assignment,
        workdir,
        results,
        errors,
        feedback,
        time.perf_counter() - start,
    )


# Several test modules grade the same samples (the generic one and course-specific ones); a
# pytest session grades each assignment once and shares the outcome.
_graded: dict[tuple[Path, str], GradedSamples | str] = {}


def _cost(pair: tuple[Path, str]) -> tuple[int, int]:
    cases = sample_cases(*pair)
    return len(cases & SLOW_CASES), len(cases)


def grade_all(
    pairs: Sequence[tuple[Path, str]], workroot: Path, workers: int | None = None
) -> dict[tuple[Path, str], GradedSamples | str]:
    """Every (course root, assignment)'s samples graded, concurrently; a failure is its message.

    Each assignment is graded in its own process and course copy under ``workroot`` (nbgrader's
    in-process API keeps global state, so threads would share it). ``workers`` defaults to
    ``$CONGSO_SAMPLE_WORKERS`` or 2, the cores CI has.
    """
    todo = sorted((p for p in dict.fromkeys(pairs) if p not in _graded), key=_cost, reverse=True)
    workers = workers or int(os.environ.get(WORKERS_ENV, "2"))
    if todo:
        # A forked child would inherit the parent's event loops and sockets; start it clean.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=context) as pool:
            futures: dict[tuple[Path, str], Future[GradedSamples]] = {
                (root, assignment): pool.submit(
                    grade_assignment, root, assignment, workroot / f"{root.name}-{assignment}"
                )
                for root, assignment in todo
            }
            for pair, future in futures.items():
                try:
                    _graded[pair] = future.result()
                except Exception as e:  # one broken assignment must not hide the others
                    log.exception("Grading the samples of %s/%s failed", pair[0].name, pair[1])
                    _graded[pair] = f"{type(e).__name__}: {e}"
    return {pair: _graded[pair] for pair in pairs}
