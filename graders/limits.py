"""Resource limits for grading kernels, and the launcher that applies them.

nbgrader runs trainee code with the grader's rights. The kernel command is prefixed with
``python -m graders.limits ... --`` (see :mod:`graders.kernel`), which sets POSIX rlimits on
itself and then ``exec``\\ s the real kernel, so the limits bind the kernel process and every
process it spawns, and the kernel keeps its pid (interrupts still reach it).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class GradingLimits:
    """Limits applied while grading one notebook.

    Attributes:
        cell_timeout_s: wall-clock seconds one cell may run before it is interrupted and
            scored zero.
        memory_mb: address-space limit of the kernel (RLIMIT_AS); an allocation beyond it
            raises ``MemoryError`` in that cell instead of exhausting the machine.
        cpu_s: CPU seconds the whole kernel may use (RLIMIT_CPU); a backstop for code that
            ignores interrupts. The kernel is killed when it is exceeded.
        file_size_mb: largest file the kernel may write (RLIMIT_FSIZE).
    """

    cell_timeout_s: int = 20
    memory_mb: int = 2048
    cpu_s: int = 300
    file_size_mb: int = 256

    def __post_init__(self) -> None:
        for name in ("cell_timeout_s", "memory_mb", "cpu_s", "file_size_mb"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")

    def launcher_argv(self, python: str = sys.executable) -> list[str]:
        """The command prefix that applies these limits to the command that follows it."""
        return [
            python,
            "-m",
            "graders.limits",
            f"--memory-mb={self.memory_mb}",
            f"--cpu-s={self.cpu_s}",
            f"--file-size-mb={self.file_size_mb}",
            "--",
        ]


def apply_limits(memory_mb: int, cpu_s: int, file_size_mb: int) -> None:
    """Set rlimits on the current process (inherited by everything it execs or spawns)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MIB, memory_mb * MIB))
    # The soft limit sends SIGXCPU (which kills Python); the hard one is SIGKILL a bit later.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_mb * MIB, file_size_mb * MIB))
    # A crashing kernel must not litter the grading folder with core files.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Apply the limits given on the command line, then exec the command after ``--``."""
    parser = argparse.ArgumentParser(prog="python -m graders.limits")
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--cpu-s", type=int, required=True)
    parser.add_argument("--file-size-mb", type=int, required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = [a for a in args.command if a != "--"] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("missing the command to run after --")
    # glibc reserves 64 MiB of address space per thread arena; the kernel's threads would
    # otherwise spend a large part of RLIMIT_AS before running any trainee code.
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    apply_limits(args.memory_mb, args.cpu_s, args.file_size_mb)
    os.execvp(command[0], command)


if __name__ == "__main__":
    main()
