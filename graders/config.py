"""The nbgrader configuration shared by every course.

Each ``courses/<course>/nbgrader_config.py`` is two lines::

    from graders.config import configure
    configure(get_config(), __file__)

so the nbgrader CLI, the formgrader (JupyterLab started in the course folder) and the
``graders`` tool all read the same settings.
"""

from __future__ import annotations

import copy
import logging
import os
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from graders.limits import GradingLimits
from graders.preprocessors import GradingExecute, HideHiddenTests

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"
CONFIG_FILE = "nbgrader_config.py"
CODE_STUB = "# VIẾT MÃ CỦA BẠN Ở ĐÂY\nraise NotImplementedError()"
TEXT_STUB = "VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY"
# Lets a JupyterHub deployment point every course at its shared exchange without editing files.
EXCHANGE_ENV = "CONGSO_NBGRADER_EXCHANGE"


def configure(c: Config, course_root: str | Path, *, limits: GradingLimits | None = None) -> Config:
    """Fill ``c`` with the suite's nbgrader settings for the course at ``course_root``.

    ``course_root`` may be the course folder or its ``nbgrader_config.py``.
    """
    root = Path(course_root).resolve()
    if root.is_file():
        root = root.parent
    limits = limits or GradingLimits()

    c.CourseDirectory.root = str(root)
    c.CourseDirectory.course_id = root.name
    c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"

    # Trainee code runs in the pinned kernel under rlimits, with a per-cell timeout.
    c.Execute.kernel_name = KERNEL_NAME
    c.Execute.timeout = limits.cell_timeout_s
    c.Execute.interrupt_on_timeout = True
    # After an interrupt, how long the kernel may take to report idle before it is declared
    # stuck and stopped; nbgrader's 4 s misjudges a healthy kernel on a busy grading server.
    c.Execute.iopub_timeout = 10
    c.LimitedKernelManager.memory_limit_mb = limits.memory_mb
    c.LimitedKernelManager.cpu_limit_s = limits.cpu_s
    c.LimitedKernelManager.file_size_limit_mb = limits.file_size_mb
    c.Autograde.autograde_preprocessors = [
        GradingExecute,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]

    # Feedback shows grades and the trainee's work, never hidden tests or their tracebacks.
    c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]

    c.ClearSolutions.code_stub = {"python": CODE_STUB}
    c.ClearSolutions.text_stub = TEXT_STUB

    exchange = os.environ.get(EXCHANGE_ENV)
    if exchange:
        c.Exchange.root = exchange
    return c


def load_course_config(course_root: Path) -> Config:
    """Read ``courses/<course>/nbgrader_config.py`` the way nbgrader's apps do."""
    path = course_root / CONFIG_FILE
    if not path.is_file():
        from graders.exceptions import CourseNotFoundError

        raise CourseNotFoundError(
            f"{course_root} has no {CONFIG_FILE}; create it with two lines: "
            "`from graders.config import configure` and `configure(get_config(), __file__)`"
        )
    loader = PyFileConfigLoader(CONFIG_FILE, path=str(course_root), log=log)
    config: Config = loader.load_config()
    return config


def relocate(config: Config, root: Path) -> Config:
    """A copy of ``config`` that works on a copy of the course at ``root`` (checks, tests)."""
    moved = copy.deepcopy(config)
    exchange = root / "exchange"
    exchange.mkdir(parents=True, exist_ok=True)
    moved.merge(
        Config(
            {
                "CourseDirectory": {
                    "root": str(root),
                    "db_url": f"sqlite:///{root / 'gradebook.db'}",
                },
                # A private exchange: a copy must never touch the machine's shared one.
                "Exchange": {"root": str(exchange)},
            }
        )
    )
    return moved


def with_limits(config: Config, limits: GradingLimits) -> Config:
    """A copy of ``config`` with other grading limits (tests use short timeouts)."""
    changed = copy.deepcopy(config)
    changed.merge(
        Config(
            {
                "Execute": {"timeout": limits.cell_timeout_s},
                "LimitedKernelManager": {
                    "memory_limit_mb": limits.memory_mb,
                    "cpu_limit_s": limits.cpu_s,
                    "file_size_limit_mb": limits.file_size_mb,
                },
            }
        )
    )
    return changed
