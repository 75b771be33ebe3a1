"""Every course loads the shared nbgrader config: pinned kernel, limits, clean feedback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graders.config import KERNEL_NAME
from graders.course import Course, all_courses
from graders.kernel import LimitedKernelManager
from graders.limits import GradingLimits
from graders.preprocessors import GradingExecute, HideHiddenTests

ROOT = Path(__file__).resolve().parents[1]


def test_every_course_loads_the_shared_base_config() -> None:
    courses = all_courses()
    assert "network-admin" in [c.name for c in courses]
    for course in courses:
        config = course.config()
        assert config.CourseDirectory.course_id == course.name
        assert config.CourseDirectory.root == str(course.root)
        assert config.CourseDirectory.db_url == f"sqlite:///{course.root / 'gradebook.db'}"
        assert config.Execute.kernel_name == KERNEL_NAME
        assert config.Execute.timeout == GradingLimits().cell_timeout_s
        assert GradingExecute in config.Autograde.autograde_preprocessors
        assert HideHiddenTests in config.GenerateFeedback.preprocessors
        assert (course.root / "README.md").is_file()


def test_a_copy_of_a_course_gets_its_own_gradebook_exchange_and_limits(tmp_path: Path) -> None:
    limits = GradingLimits(cell_timeout_s=3, memory_mb=700, cpu_s=30)
    config = Course.find("network-admin").config(root=tmp_path, limits=limits)
    assert config.CourseDirectory.root == str(tmp_path)
    assert str(tmp_path) in config.CourseDirectory.db_url
    assert config.Exchange.root == str(tmp_path / "exchange")
    assert config.Execute.timeout == 3
    assert config.LimitedKernelManager.memory_limit_mb == 700
    # the course's own config is untouched
    assert Course.find("network-admin").config().Execute.timeout == GradingLimits().cell_timeout_s


def test_grading_kernels_start_through_the_limit_launcher() -> None:
    km = LimitedKernelManager(kernel_name=KERNEL_NAME, memory_limit_mb=900, cpu_limit_s=60)
    cmd = km.format_kernel_cmd()
    assert cmd[:3] == [sys.executable, "-m", "graders.limits"]
    assert "--memory-mb=900" in cmd and "--cpu-s=60" in cmd
    assert cmd[cmd.index("--") + 1 :][1:3] == ["-m", "ipykernel_launcher"]


def test_the_launcher_sets_rlimits_on_the_command_it_runs() -> None:
    probe = "import resource as r; print(r.getrlimit(r.RLIMIT_AS)[0], r.getrlimit(r.RLIMIT_CPU)[0])"
    argv = GradingLimits(memory_mb=512, cpu_s=7).launcher_argv()
    done = subprocess.run(
        [*argv, sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [str(512 * 1024 * 1024), "7"]


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="cell_timeout_s"):
        GradingLimits(cell_timeout_s=0)


def test_every_course_passes_the_static_checks(capsys: pytest.CaptureFixture[str]) -> None:
    """Metadata, hidden tests, jupytext twins and grade_ids of every course, without kernels.

    tests/test_courses_releasable.py runs the full check, course by course.
    """
    from graders.cli import main

    assert main(["check", "--static"]) == 0, capsys.readouterr().out
