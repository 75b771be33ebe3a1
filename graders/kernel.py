"""A kernel manager that starts kernels under the grading resource limits."""

from __future__ import annotations

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer

from graders.limits import GradingLimits

_DEFAULTS = GradingLimits()


class LimitedKernelManager(AsyncKernelManager):
    """Starts the kernel through ``python -m graders.limits`` so rlimits bind it."""

    memory_limit_mb = Integer(_DEFAULTS.memory_mb, help="RLIMIT_AS of the kernel, MiB").tag(
        config=True
    )
    cpu_limit_s = Integer(_DEFAULTS.cpu_s, help="RLIMIT_CPU of the kernel, seconds").tag(
        config=True
    )
    file_size_limit_mb = Integer(
        _DEFAULTS.file_size_mb, help="RLIMIT_FSIZE of the kernel, MiB"
    ).tag(config=True)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """The kernelspec's command, prefixed by the limit-applying launcher."""
        cmd: list[str] = super().format_kernel_cmd(extra_arguments)
        limits = GradingLimits(
            memory_mb=int(self.memory_limit_mb),
            cpu_s=int(self.cpu_limit_s),
            file_size_mb=int(self.file_size_limit_mb),
        )
        if any(part.endswith("ipykernel_launcher") for part in cmd):
            # Every grading kernel would otherwise print ipykernel's TCP-without-encryption
            # warning into the instructor's terminal; grading kernels only talk to localhost.
            cmd = [*cmd, "--IPKernelApp.log_level=ERROR"]
        wrapped = [*limits.launcher_argv(), *cmd]
        self.log.debug("Starting a grading kernel with limits: %s", wrapped)
        return wrapped
