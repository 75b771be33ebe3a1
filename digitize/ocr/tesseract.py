"""The one wrapper around the ``tesseract`` program: argv, environment, timeout, checks.

One pass per page yields txt + hocr + a text-only PDF (``textonly_pdf=1``): two passes
measured twice the cost. No TSV: hOCR already carries word boxes and confidences, and the
extra renderer measured ~6% more CPU per page. ``OMP_THREAD_LIMIT=1`` because Debian's
OpenMP build was ~3× slower per page and burned ~3.5× the CPU with threads; parallelism
comes from worker processes instead.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from digitize.exceptions import MissingDependencyError, OcrError
from digitize.ocr.engine import OcrOutputs

log = logging.getLogger(__name__)

MIN_VERSION = (4, 1)
INSTALL_HINT = (
    "Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-vie; "
    "conda: conda install -c conda-forge tesseract (kèm vie.traineddata, xem README)"
)
OUTPUT_EXTENSIONS = ("txt", "hocr", "pdf")


def _die_with_parent() -> None:
    """In the child before exec: get SIGKILL when the worker that started us dies (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _child_setup(memory_mb: int | None) -> Callable[[], None]:
    """What the Tesseract child runs before exec: die with its parent, cap its memory.

    The cap is Tesseract's own: a Dask worker's memory limit measures the worker process,
    not this child, and a pool worker has no limit at all (issue 10).
    """

    def setup() -> None:
        if sys.platform.startswith("linux"):
            _die_with_parent()
        if memory_mb is not None:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return setup


def tesseract_env() -> dict[str, str]:
    """Environment for Tesseract: single-threaded, everything else inherited."""
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


class TesseractEngine:
    """Runs the ``tesseract`` CLI once per page."""

    name = "tesseract"

    def __init__(self, cmd: str = "tesseract", *, memory_mb: int | None = None) -> None:
        self.cmd = cmd
        self.memory_mb = memory_mb

    def argv(self, image: Path, out_base: Path, *, dpi: int, lang: str) -> list[str]:
        """The command line for one page: all outputs from one recognition pass."""
        return [
            self.cmd,
            str(image),
            str(out_base),
            "-l",
            lang,
            "--dpi",
            str(dpi),
            "-c",
            "textonly_pdf=1",
            "-c",
            "hocr_font_info=0",
            *OUTPUT_EXTENSIONS,
        ]

    def check(self, lang: str) -> str:
        """Version string; raises MissingDependencyError if Tesseract or a language is missing."""
        return _check(self.cmd, lang)

    def recognize(
        self, image: Path, out_base: Path, *, dpi: int, lang: str, timeout: float
    ) -> OcrOutputs:
        """OCR one page image; raises OcrError with a Vietnamese reason on failure."""
        argv = self.argv(image, out_base, dpi=dpi, lang=lang)
        log.debug("running %s", argv)
        try:
            proc = subprocess.Popen(
                argv,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=tesseract_env(),
                start_new_session=True,
                preexec_fn=_child_setup(self.memory_mb),  # noqa: PLW1509 - prctl and setrlimit only
            )
        except FileNotFoundError as e:
            raise MissingDependencyError(
                f"Không tìm thấy chương trình Tesseract ({self.cmd}). Cài đặt: {INSTALL_HINT}"
            ) from e
        try:
            _out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as e:
            _kill_group(proc)
            raise OcrError(
                f"Tesseract không xong trang sau {timeout:.0f} giây và đã bị dừng; trang có "
                "thể quá phức tạp hoặc hỏng — hãy xem lại bản quét, hoặc tăng page_timeout."
            ) from e
        finally:
            if proc.poll() is None:
                _kill_group(proc)
        stderr = err.decode("utf-8", "replace").strip()
        if stderr:
            log.debug("tesseract stderr for %s: %s", image.name, stderr)
        if proc.returncode != 0:
            how = (
                f"bị dừng bởi tín hiệu {-proc.returncode}"
                if proc.returncode < 0
                else f"mã lỗi {proc.returncode}"
            )
            tail = stderr.splitlines()[-1] if stderr else ""
            if self.memory_mb is not None and _out_of_memory(stderr):
                raise OcrError(
                    f"Tesseract cần nhiều hơn {self.memory_mb} MB bộ nhớ cho trang này và đã bị "
                    "dừng; hãy kiểm tra bản quét (ảnh quá lớn?) hoặc tăng --tesseract-memory-mb."
                )
            raise OcrError(
                f"Tesseract gặp lỗi ({how}{': ' + tail if tail else ''}); hãy kiểm tra bản "
                "quét của trang này và chạy lại với --retry-failed."
            )
        outputs = OcrOutputs(
            txt=out_base.with_name(out_base.name + ".txt"),
            hocr=out_base.with_name(out_base.name + ".hocr"),
            pdf=out_base.with_name(out_base.name + ".pdf"),
        )
        missing = [p.name for p in (outputs.txt, outputs.hocr, outputs.pdf) if not p.exists()]
        if missing:
            raise OcrError(
                f"Tesseract không tạo ra {', '.join(missing)}; hãy chạy lại với --retry-failed."
            )
        return outputs


def _out_of_memory(stderr: str) -> bool:
    """Whether Tesseract's stderr says an allocation failed (what RLIMIT_AS produces)."""
    return bool(re.search(r"bad_alloc|[Oo]ut of memory|[Cc]annot allocate", stderr))


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


@functools.cache
def _check(cmd: str, lang: str) -> str:
    try:
        done = subprocess.run(
            [cmd, "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            env=tesseract_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise MissingDependencyError(
            f"Không chạy được Tesseract ({cmd}): {e}. Cài đặt: {INSTALL_HINT}"
        ) from e
    match = re.search(r"tesseract\s+v?(\d+)\.(\d+)[\w.\-]*", done.stdout + done.stderr)
    if not match:
        raise MissingDependencyError(
            f"Không xác định được phiên bản Tesseract ({cmd}). Cài đặt: {INSTALL_HINT}"
        )
    version = (int(match.group(1)), int(match.group(2)))
    if version < MIN_VERSION:
        raise MissingDependencyError(
            f"Tesseract {match.group(0)} quá cũ; cần từ {MIN_VERSION[0]}.{MIN_VERSION[1]} trở lên. "
            f"Cài đặt: {INSTALL_HINT}"
        )
    langs_run = subprocess.run(
        [cmd, "--list-langs"],
        capture_output=True,
        text=True,
        timeout=30,
        env=tesseract_env(),
        check=False,
    )
    available = {line.strip() for line in langs_run.stdout.splitlines()[1:] if line.strip()}
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        raise MissingDependencyError(
            f"Tesseract thiếu ngôn ngữ {', '.join(missing)}. Cài đặt: "
            + " ".join(f"sudo apt-get install tesseract-ocr-{m}" for m in missing)
            + " (conda: chép tệp .traineddata tương ứng vào $CONDA_PREFIX/share/tessdata)."
        )
    return match.group(0).split()[-1]
