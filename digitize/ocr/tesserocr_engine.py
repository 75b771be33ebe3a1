"""OCR with tesserocr: the Tesseract library kept loaded in a long-lived child process.

The CLI engine pays for a process start and a model load (≈0.17 s for ``vie``) on every
page; this engine pays for them once per worker. Tesseract still runs in a child process
of its own (``digitize.ocr.tesserocr_server``) rather than in the worker, so it keeps the
CLI engine's protections: the child has its own address-space cap (RLIMIT_AS), is killed
when a page exceeds its timeout (and restarted for the next page), and dies with the worker.
A crash or an out-of-memory abort of Tesseract fails one page, never the worker.

The tesserocr wheel bundles its own libtesseract (5.5 for tesserocr 2.13) and reads the
same ``.traineddata`` files as the system Tesseract (``TESSDATA_PREFIX`` or the usual
Debian/conda locations).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import logging
import multiprocessing.util
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from digitize.exceptions import MissingDependencyError, OcrError
from digitize.ocr.engine import OcrOutputs
from digitize.ocr.tesseract import (
    OUTPUT_EXTENSIONS,
    _child_setup,
    _kill_group,
    _out_of_memory,
    tesseract_env,
)

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install tesserocr (conda: conda install -c conda-forge tesserocr)"
LANG_HINT = (
    "Debian/Ubuntu: sudo apt-get install tesseract-ocr-vie; hoặc đặt TESSDATA_PREFIX là thư "
    "mục chứa các tệp .traineddata"
)
TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)
# Leptonica reports failed allocations this way (Tesseract's own ones say bad_alloc).
_LEPTONICA_OOM = ("malloc fail", "calloc fail")


def find_tessdata() -> list[Path]:
    """Folders that may hold ``.traineddata`` files, most specific first."""
    found: list[Path] = []
    if prefix := os.environ.get("TESSDATA_PREFIX"):
        found.append(Path(prefix))
    if conda := os.environ.get("CONDA_PREFIX"):
        found.append(Path(conda) / "share" / "tessdata")
    found.append(Path(sys.prefix) / "share" / "tessdata")
    found.extend(Path(p) for p in TESSDATA_CANDIDATES)
    return [p for p in found if p.is_dir()]


@functools.cache
def _check(lang: str) -> tuple[str, str]:
    """(libtesseract version, tessdata folder holding every language of ``lang``)."""
    try:
        import tesserocr
    except ImportError as e:
        raise MissingDependencyError(
            f"Chưa cài thư viện tesserocr cho bộ OCR tesserocr. Cài đặt: {INSTALL_HINT}"
        ) from e
    version = tesserocr.tesseract_version().split()[1]
    wanted = lang.split("+")
    for folder in find_tessdata():
        _path, available = tesserocr.get_languages(str(folder))
        if all(code in available for code in wanted):
            return version, str(folder)
    raise MissingDependencyError(
        f"Không tìm thấy dữ liệu ngôn ngữ {lang} cho tesserocr trong "
        f"{', '.join(str(p) for p in find_tessdata()) or 'các thư mục tessdata quen thuộc'}. "
        f"Cài đặt: {LANG_HINT}."
    )


class _Server:
    """One running ``tesserocr_server`` child and its pipes."""

    def __init__(self, tessdata: str, lang: str, memory_mb: int | None) -> None:
        self.key = (tessdata, lang, memory_mb)
        # Append mode: the child writes at the end even after we truncate the file.
        self.stderr: IO[bytes] = tempfile.TemporaryFile(mode="a+b")  # noqa: SIM115 - owned
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "digitize.ocr.tesserocr_server", tessdata, lang],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=tesseract_env(),
            start_new_session=True,
            preexec_fn=_child_setup(memory_mb),  # noqa: PLW1509 - prctl and setrlimit only
        )
        self.ready = False
        self._buffer = b""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
        self.proc.stdin.flush()

    def receive(self, deadline: float) -> dict[str, Any] | None:
        """The next reply, or None when the child closed its end (it died)."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            readable, _, _ = select.select([fd], [], [], left)
            if not readable:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def take_stderr(self) -> str:
        """What the child wrote to stderr since the last call (then forgotten)."""
        self.stderr.seek(0)
        text = self.stderr.read().decode("utf-8", "replace").strip()
        self.stderr.truncate(0)
        return text

    def close(self, *, wait: float = 0.0) -> None:
        """Stop the child: let it exit on end of input within ``wait`` seconds, else kill it."""
        if wait > 0 and self.alive() and self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(wait)
        if self.alive():
            _kill_group(self.proc)
        with _all_lock:
            _all.discard(self)
        for stream in (self.proc.stdin, self.proc.stdout, self.stderr):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()


# One server per thread: a Dask worker may run several page tasks at once.
_local = threading.local()
_all: set[_Server] = set()
_all_lock = threading.Lock()


def shutdown(wait: float = 5.0) -> None:
    """Stop every server of this process and reap it (its CPU time then counts as ours).

    Registered at exit: a worker leaving its child to be reparented would hide that child's
    resource usage from the worker's parent.
    """
    with _all_lock:
        servers = list(_all)
    for server in servers:
        server.close(wait=wait)
    _local.server = None


atexit.register(shutdown)
# A pool worker forked by multiprocessing's fork server leaves through os._exit, which skips
# atexit; multiprocessing runs its own finalizers first.
multiprocessing.util.Finalize(None, shutdown, exitpriority=10)


def peak_rss_mb() -> float:
    """Peak resident memory (MiB) of this process's running engine children, 0 if none:
    they live across pages, so the usage of reaped children does not include them."""
    with _all_lock:
        pids = [server.proc.pid for server in _all if server.alive()]
    peak = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def _current() -> _Server | None:
    server: _Server | None = getattr(_local, "server", None)
    return server


def _drop() -> None:
    server = _current()
    if server is not None:
        server.close()
    _local.server = None


class TesserocrEngine:
    """Recognises pages with tesserocr in a per-worker child that keeps the model loaded."""

    name = "tesserocr"

    def __init__(self, *, memory_mb: int | None = None) -> None:
        self.memory_mb = memory_mb

    def check(self, lang: str) -> str:
        """libtesseract version; raises MissingDependencyError without tesserocr or ``lang``."""
        return _check(lang)[0]

    def _server(self, lang: str) -> _Server:
        tessdata = _check(lang)[1]
        server = _current()
        if server is not None and (
            server.key != (tessdata, lang, self.memory_mb) or not server.alive()
        ):
            _drop()
            server = None
        if server is None:
            server = _Server(tessdata, lang, self.memory_mb)
            _local.server = server
            with _all_lock:
                _all.add(server)
        return server

    def recognize(
        self, image: Path, out_base: Path, *, dpi: int, lang: str, timeout: float
    ) -> OcrOutputs:
        """OCR one page image; raises OcrError with a Vietnamese reason on failure."""
        deadline = time.monotonic() + timeout
        server = self._server(lang)
        try:
            if not server.ready:
                ready = server.receive(deadline)
                if ready is None or not ready.get("ready"):
                    self._fail(server, ready)
                server.ready = True
            server.send({"image": str(image), "out_base": str(out_base), "dpi": dpi})
            reply = server.receive(deadline)
        except TimeoutError as e:
            _drop()
            raise OcrError(
                f"Tesseract không xong trang sau {timeout:.0f} giây và đã bị dừng; trang có "
                "thể quá phức tạp hoặc hỏng — hãy xem lại bản quét, hoặc tăng page_timeout."
            ) from e
        except (BrokenPipeError, ConnectionResetError):
            reply = None
        if reply is None or not reply.get("ok"):
            self._fail(server, reply)
        stderr = server.take_stderr()
        if stderr:
            log.debug("tesserocr stderr for %s: %s", image.name, stderr)
        outputs = OcrOutputs(
            *(out_base.with_name(f"{out_base.name}.{ext}") for ext in OUTPUT_EXTENSIONS)
        )
        missing = [p.name for p in (outputs.txt, outputs.hocr, outputs.pdf) if not p.exists()]
        if missing:
            raise OcrError(
                f"Tesseract không tạo ra {', '.join(missing)}; hãy chạy lại với --retry-failed."
            )
        return outputs

    def _fail(self, server: _Server, reply: dict[str, Any] | None) -> None:
        """Raise the OcrError for a failed request; a dead or unhappy child is replaced."""
        if reply is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.proc.wait(5)
        stderr = server.take_stderr()
        code = server.proc.poll()
        _drop()
        detail = (reply or {}).get("error") or ""
        log.debug("tesserocr failed (exit %s, %s): %s", code, detail, stderr)
        memory = bool((reply or {}).get("memory")) or _out_of_memory(stderr)
        memory = memory or any(marker in stderr for marker in _LEPTONICA_OOM)
        if self.memory_mb is not None and memory:
            raise OcrError(
                f"Tesseract cần nhiều hơn {self.memory_mb} MB bộ nhớ cho trang này và đã bị "
                "dừng; hãy kiểm tra bản quét (ảnh quá lớn?) hoặc tăng --tesseract-memory-mb."
            )
        if code is not None and code < 0:
            how = f"bị dừng bởi tín hiệu {-code}"
        elif code is not None:
            how = f"mã lỗi {code}"
        else:
            how = "không đọc được trang"
        tail = stderr.splitlines()[-1] if stderr else detail
        raise OcrError(
            f"Tesseract gặp lỗi ({how}{': ' + tail if tail else ''}); hãy kiểm tra bản "
            "quét của trang này và chạy lại với --retry-failed."
        )
