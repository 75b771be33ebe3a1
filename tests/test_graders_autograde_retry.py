"""A kernel that cannot start (its port taken by another process) is retried, not a zero.

jupyter_client hands each kernel free ports it picked a moment earlier; under parallel grading
another process can take one in between and the kernel dies before answering. These tests make
that happen for real: the kernel is pinned to a port a listening socket holds.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graders.autograde import KERNEL_START_ATTEMPTS, autograde
from graders.course import Course

COURSE = Course.find("egov-systems")
ASSIGNMENT = "01-van-ban-hanh-chinh"
SAMPLES = COURSE.root / "samples" / ASSIGNMENT


@pytest.fixture
def held_port(monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """A listening socket whose port every grading kernel is told to use for its shell."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    plain_config = Course.config

    def config_with_port(self: Course, **kwargs: Any) -> Any:
        config = plain_config(self, **kwargs)
        config.KernelManager.cache_ports = False  # else jupyter_client picks its own ports
        config.KernelManager.shell_port = port
        return config

    monkeypatch.setattr(Course, "config", config_with_port)
    yield holder
    holder.close()


class ReleaseOnRetry(logging.Handler):
    """Frees the port when grading announces its first retry, as a finished kernel would."""

    def __init__(self, holder: socket.socket) -> None:
        super().__init__(logging.WARNING)
        self.holder = holder
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "did not start" in record.getMessage():
            self.retries += 1
            self.holder.close()


@pytest.mark.nbgrader
def test_a_kernel_that_could_not_start_is_graded_again(
    held_port: socket.socket, tmp_path: Path
) -> None:
    handler = ReleaseOnRetry(held_port)
    logger = logging.getLogger("graders.autograde")
    logger.addHandler(handler)
    try:
        (result,) = autograde(
            COURSE, ASSIGNMENT, submissions=SAMPLES, students=["dung"], workdir=tmp_path
        )
    finally:
        logger.removeHandler(handler)
    assert handler.retries == 1
    assert result.success, result.error
    assert result.auto_score == result.max_auto_score > 0


@pytest.mark.nbgrader
def test_a_kernel_that_never_starts_fails_that_submission_after_the_last_attempt(
    held_port: socket.socket, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="graders.autograde")
    (result,) = autograde(
        COURSE, ASSIGNMENT, submissions=SAMPLES, students=["rong"], workdir=tmp_path
    )
    assert not result.success
    retries = [r for r in caplog.records if "did not start" in r.getMessage()]
    assert len(retries) == KERNEL_START_ATTEMPTS - 1
