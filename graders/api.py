"""Public entry points of the course tools; the CLI and notebooks call these and nothing deeper."""

from __future__ import annotations

from graders.autograde import CellScore, SubmissionResult, autograde
from graders.build import BuildResult, build_course
from graders.check import AssignmentReport, Check, CourseReport, Problem, check_course
from graders.config import configure
from graders.course import Assignment, Course, all_courses
from graders.feedback import FeedbackLeakError, FeedbackResult, generate_feedback
from graders.limits import GradingLimits
from graders.report import build_report

__all__ = [
    "Assignment",
    "AssignmentReport",
    "BuildResult",
    "CellScore",
    "Check",
    "Course",
    "CourseReport",
    "FeedbackLeakError",
    "FeedbackResult",
    "GradingLimits",
    "Problem",
    "SubmissionResult",
    "all_courses",
    "autograde",
    "build_course",
    "build_report",
    "check_course",
    "configure",
    "generate_feedback",
]
