"""One small progress protocol shared by the CLI (tqdm) and notebooks (ipywidgets).

The orchestrator is the only caller, always from its own thread, so adapters need no locking.
"""

from __future__ import annotations

from typing import Any, Protocol, TextIO, runtime_checkable

from tqdm import tqdm


@runtime_checkable
class Progress(Protocol):
    """Receives progress of a long job measured in units (pages, notebooks...)."""

    def start(self, total: int, description: str) -> None:
        """A job of ``total`` units begins; ``description`` is shown to the user."""

    def advance(self, done: int = 1, *, failed: int = 0) -> None:
        """``done`` more units finished, of which ``failed`` failed."""

    def finish(self) -> None:
        """The job ended (normally or not); release any display resources."""


class NullProgress:
    """The default: reports nowhere."""

    def start(self, total: int, description: str) -> None:
        pass

    def advance(self, done: int = 1, *, failed: int = 0) -> None:
        pass

    def finish(self) -> None:
        pass


class TqdmProgress:
    """Terminal progress bar with pages per minute, failures and ETA, used by the CLI.

    Archivists think of OCR throughput in pages per minute (a page takes seconds), so the
    rate is shown per minute instead of tqdm's per-second figure.
    """

    BAR_FORMAT = (
        "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]"
    )

    def __init__(
        self, unit: str = "trang", *, disable: bool | None = None, file: TextIO | None = None
    ) -> None:
        self._unit = unit
        self._disable = disable
        self._file = file
        self._bar: tqdm[Any] | None = None
        self._failed = 0

    def start(self, total: int, description: str) -> None:
        self._failed = 0
        self._bar = tqdm(
            total=total,
            desc=description,
            unit=self._unit,
            disable=self._disable,
            file=self._file,
            bar_format=self.BAR_FORMAT,
        )

    def advance(self, done: int = 1, *, failed: int = 0) -> None:
        if self._bar is None:
            return
        self._failed += failed
        elapsed = self._bar.format_dict["elapsed"]
        completed = self._bar.n + done
        parts = []
        if elapsed > 0 and completed:
            parts.append(f"{completed / elapsed * 60:.1f} {self._unit}/phút")
        if self._failed:
            parts.append(f"lỗi: {self._failed}")
        self._bar.set_postfix_str(", ".join(parts), refresh=False)
        self._bar.update(done)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar = None
