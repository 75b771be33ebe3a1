"""The orchestrator: discover → split → page tasks → document assembly → catalog.

Runs in one coordinating process, the only writer of the catalog. Page and assembly tasks
run in an executor; they are idempotent and write their files atomically, and a page is
marked done only after its files exist, so a killed run restarted with the same command
redoes only unfinished pages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import logging
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from digitize.assemble import AssembleResult, AssembleTask, PagePart, assemble_document
from digitize.catalog import Catalog, OutputRecord
from digitize.discover import discover, sha256_of
from digitize.exceptions import (
    ArchiveError,
    BadArgumentsError,
    InputFileError,
    MissingDependencyError,
)
from digitize.executor import Job, TaskRunner, WorkerCrashed, local_pool_factory
from digitize.models import (
    BatchResult,
    PageMethod,
    PageRef,
    PageResult,
    RejectedFile,
    SourceFile,
    SourceKind,
    State,
)
from digitize.ocr import get_engine
from digitize.options import DigitizeOptions
from digitize.progress import NullProgress, Progress
from digitize.quality import page_flags
from digitize.split import count_pages
from digitize.worker import process_page

log = logging.getLogger(__name__)

LOG_NAME = "digitize.log"
WORK_DIR = ".work"
DOCUMENTS_DIR = "documents"


@dataclass(slots=True)
class _DocState:
    """Coordinator bookkeeping for one document during a run."""

    source: SourceFile
    out_stem: Path
    work_dir: Path
    remaining: int


@contextlib.contextmanager
def archive_lock(archive: Path) -> Iterator[None]:
    """Exclusive lock on the archive for the run; the OS drops it if we are killed."""
    archive.mkdir(parents=True, exist_ok=True)
    with (archive / ".lock").open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise ArchiveError(
                f"Kho {archive} đang được một lần chạy khác sử dụng; hãy đợi lần đó xong "
                "(hoặc dừng nó) rồi chạy lại."
            ) from e
        yield


@contextlib.contextmanager
def _archive_log(archive: Path) -> Iterator[Path]:
    """Log the run into ARCHIVE/digitize.log: the archive keeps its own history."""
    path = archive / LOG_NAME
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    handler.setLevel(logging.INFO)
    logger = logging.getLogger("digitize")
    old_level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    try:
        yield path
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        handler.close()


def _preflight(options: DigitizeOptions) -> None:
    engine = get_engine(options.engine, tesseract_cmd=options.tesseract_cmd)
    version = engine.check(options.lang)
    log.info("OCR engine %s %s, language %s", engine.name, version, options.lang)
    if options.preprocess:
        try:
            import digitize.preprocess  # noqa: F401
        except ImportError as e:
            raise MissingDependencyError(
                "Không nạp được bước tiền xử lý ảnh (digitize.preprocess); hãy cài lại gói "
                "(bash tasks.sh setup) hoặc chạy với --no-preprocess."
            ) from e


def _out_stem(catalog: Catalog, sf: SourceFile) -> str:
    rel = PurePosixPath(sf.relpath)
    base = (PurePosixPath(DOCUMENTS_DIR) / rel.parent / rel.stem).as_posix()
    for candidate in (base, f"{base}-{rel.suffix.lstrip('.').lower()}", f"{base}-{sf.sha256[:8]}"):
        if not catalog.out_stem_taken(candidate, sf.sha256):
            return candidate
    return f"{base}-{sf.sha256}"


def _outputs_present(catalog: Catalog, doc_id: str) -> bool:
    outputs = catalog.outputs(doc_id)
    return bool(outputs) and all((catalog.archive / o.path).exists() for o in outputs)


def _crash_reason(relpath: str, page_no: int) -> str:
    return (
        f"{PurePosixPath(relpath).name}, trang {page_no}: tiến trình xử lý trang này bị dừng "
        "đột ngột hai lần (có thể do tệp hỏng hoặc thiếu bộ nhớ); hãy kiểm tra bản quét, "
        "rồi chạy lại với --retry-failed."
    )


class _Run:
    """One call of ``digitize_archive``: coordinator state and callbacks."""

    def __init__(
        self,
        catalog: Catalog,
        options: DigitizeOptions,
        run_id: int,
        progress: Progress,
    ) -> None:
        self.catalog = catalog
        self.options = options
        self.run_id = run_id
        self.progress = progress
        self.docs: dict[str, _DocState] = {}
        self.pages_processed = 0

    # planning ---------------------------------------------------------------------------
    def plan(self, files: tuple[SourceFile, ...]) -> list[Job]:
        """Register every file and return the jobs to run (pages, or assembly if none)."""
        archive = self.catalog.archive
        jobs: list[Job] = []
        for sf in files:
            row = self.catalog.add_document(sf, _out_stem(self.catalog, sf))
            doc_id = sf.sha256
            state = State(row["state"])
            if state is State.DONE and _outputs_present(self.catalog, doc_id):
                continue
            if state is State.FAILED and not self.options.retry_failed:
                continue
            if state is not State.PENDING:
                self.catalog.reopen_document(doc_id, retry_failed=self.options.retry_failed)
            work_dir = archive / WORK_DIR / doc_id[:20]
            if row["page_count"] is None:
                try:
                    count = count_pages(sf.path, sf.kind, self.options.max_image_pixels)
                except InputFileError as e:
                    reason = f"{sf.relpath}: {e.reason}"
                    log.warning("%s", reason)
                    self.catalog.fail_document(doc_id, sf.relpath, reason, self.run_id)
                    continue
                self.catalog.set_page_count(doc_id, count)
            doc = _DocState(sf, archive / row["out_stem"], work_dir, 0)
            self.docs[doc_id] = doc
            for page in self.catalog.pages(doc_id):
                if page["state"] == "done" and not self._page_files_present(page):
                    self.catalog.reset_page(doc_id, page["page_no"])
                elif page["state"] != "pending":
                    continue
                ref = PageRef(doc_id, page["page_no"], sf.path, sf.kind, work_dir)
                jobs.append(
                    Job(("page", doc_id, page["page_no"]), process_page, (ref, self.options))
                )
                doc.remaining += 1
            if doc.remaining == 0:
                jobs.append(self._assembly_job(doc_id))
        return jobs

    def _page_files_present(self, page: Any) -> bool:
        needed = (
            [page["txt"]]
            if page["method"] == PageMethod.TEXT_LAYER.value
            else [
                page["pdf"],
                page["txt"],
                page["hocr"],
            ]
        )
        return all(p is not None and (self.catalog.archive / p).exists() for p in needed)

    def _assembly_job(self, doc_id: str) -> Job:
        doc = self.docs[doc_id]
        parts = []
        for p in self.catalog.pages(doc_id):
            parts.append(
                PagePart(
                    page_no=p["page_no"],
                    state=State(p["state"]),
                    method=PageMethod(p["method"]) if p["method"] else None,
                    pdf=self.catalog.resolve(p["pdf"]),
                    text=self.catalog.resolve(p["txt"]),
                    hocr=self.catalog.resolve(p["hocr"]),
                    width=p["width"],
                    height=p["height"],
                )
            )
        task = AssembleTask(
            doc_id=doc_id,
            source=doc.source.path,
            source_is_pdf=doc.source.kind is SourceKind.PDF,
            title=doc.source.relpath,
            out_stem=doc.out_stem,
            pages=tuple(parts),
            output=self.options.output,
            lang=self.options.lang,
        )
        return Job(("assemble", doc_id), assemble_document, (task,))

    # results ----------------------------------------------------------------------------
    def on_result(self, job: Job, value: Any, error: BaseException | None) -> list[Job]:
        """Record a finished job; return follow-up jobs."""
        if job.key[0] == "page":
            return self._on_page(job, value, error)
        self._on_assembled(job.key[1], value, error)
        return []

    def _on_page(self, job: Job, value: Any, error: BaseException | None) -> list[Job]:
        _, doc_id, page_no = job.key
        doc = self.docs[doc_id]
        if error is not None or not isinstance(value, PageResult):
            reason = (
                _crash_reason(doc.source.relpath, page_no)
                if isinstance(error, WorkerCrashed) or error is None
                else f"{doc.source.relpath}, trang {page_no}: lỗi ({type(error).__name__}: "
                f"{error}); hãy chạy lại với --retry-failed."
            )
            result = PageResult(doc_id, page_no, ok=False, error=reason)
        else:
            result = value
        flags = page_flags(result, self.options)
        stored = self.catalog.record_page(result, flags, doc.source.relpath, self.run_id)
        if not stored:
            log.warning("page %d of %s was already done; result ignored", page_no, doc_id)
        if result.ok:
            log.info(
                "%s p.%d: %s, %d dpi, %d words, conf %s%s",
                doc.source.relpath,
                page_no,
                result.method,
                result.dpi,
                result.words,
                f"{result.mean_confidence:.1f}" if result.mean_confidence is not None else "-",
                f", flagged: {'; '.join(flags)}" if flags else "",
            )
        else:
            log.warning("%s", result.error)
        self.pages_processed += 1
        self.progress.advance(1, failed=0 if result.ok else 1)
        doc.remaining -= 1
        return [self._assembly_job(doc_id)] if doc.remaining == 0 else []

    def _on_assembled(self, doc_id: str, value: Any, error: BaseException | None) -> None:
        doc = self.docs[doc_id]
        if error is not None or not isinstance(value, AssembleResult) or value.error:
            reason = (
                value.error
                if isinstance(value, AssembleResult) and value.error
                else f"{doc.source.relpath}: không ghép được kết quả ({error}); hãy chạy lại."
            )
            log.warning("%s", reason)
            self.catalog.fail_document(doc_id, doc.source.relpath, reason, self.run_id)
            return
        records = []
        for kind, path in value.outputs.items():
            records.append(
                OutputRecord(
                    path=path.relative_to(self.catalog.archive).as_posix(),
                    doc_id=doc_id,
                    kind=kind,
                    sha256=sha256_of(path),
                    size=path.stat().st_size,
                )
            )
        failed_pages = [p["page_no"] for p in self.catalog.pages(doc_id) if p["state"] == "failed"]
        state = State.FAILED if failed_pages else State.DONE
        self.catalog.record_outputs(doc_id, records, state, "", value.seconds)
        log.info("%s: %s → %s", doc.source.relpath, state, doc.out_stem)
        if state is State.DONE and not self.options.keep_work:
            shutil.rmtree(doc.work_dir, ignore_errors=True)


def digitize_archive(
    source: str | Path,
    archive: str | Path,
    options: DigitizeOptions | dict[str, Any] | None = None,
    *,
    progress: Progress | None = None,
    executor: Executor | Callable[[], Executor] | None = None,
) -> BatchResult:
    """Digitize every scan under ``source`` into the archive folder ``archive``.

    Re-running with the same arguments resumes: only unfinished pages are processed.
    Returns the state of the whole archive; ``result.ok`` is False when any file or page
    failed (reasons in ``result.failures`` and the catalog). Raises ``DigitizeError``
    subclasses only for problems that stop the batch as a whole (missing Tesseract,
    unusable archive, bad options).

    Args:
        source: folder of scans (nested folders = dossiers) or a single file.
        archive: output folder; holds the catalog, outputs, work files and ``digitize.log``.
        options: ``DigitizeOptions``, a dict of its fields, or None for defaults.
        progress: receives page progress (``digitize.progress``); silent by default.
        executor: any ``concurrent.futures.Executor`` (e.g. Dask's ``client.get_executor()``)
            or a factory of one; default a local process pool of ``options.jobs`` workers.
    """
    opts = DigitizeOptions.resolve(options)
    src = Path(source).expanduser().resolve()
    dest = Path(archive).expanduser().resolve()
    if src == dest:
        raise BadArgumentsError("Thư mục kết quả phải khác thư mục bản quét.")
    if not src.exists():
        raise InputFileError(src, "không tồn tại; hãy kiểm tra lại đường dẫn thư mục bản quét.")
    if dest.exists() and not dest.is_dir():
        raise BadArgumentsError(f"{dest} đã tồn tại và không phải thư mục.")
    progress = progress or NullProgress()
    started = time.perf_counter()
    with archive_lock(dest), _archive_log(dest) as log_path, Catalog(dest) as catalog:
        _preflight(opts)
        run_id = catalog.begin_run(src, dataclasses.asdict(opts))
        log.info("run %d: %s → %s with %s", run_id, src, dest, opts)
        run = _Run(catalog, opts, run_id, progress)
        status = "failed"
        try:
            found = discover(src, exclude=dest)
            catalog.replace_rejected(
                [(r.relpath, r.reason, r.failure) for r in found.rejected], run_id
            )
            for r in found.rejected:
                (log.warning if r.failure else log.info)("%s", r.reason)
            jobs = run.plan(found.files)
            pages = sum(1 for j in jobs if j.key[0] == "page")
            progress.start(pages, "Số hóa")
            try:
                if executor is None and opts.scheduler and jobs:
                    # dask is an optional extra; the runner closes the connection it opens
                    from digitize.scaleout import executor_for_run

                    executor = executor_for_run(opts, src, dest)
                runner = TaskRunner(
                    executor
                    if executor is not None
                    else local_pool_factory(opts.effective_jobs, log_path=log_path),
                    getattr(executor, "slots", opts.effective_jobs),
                )
                runner.run(jobs, run.on_result)
            finally:
                progress.finish()
            status = "finished"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            catalog.finish_run(run_id, status, run.pages_processed)
            log.info("run %d %s: %d pages", run_id, status, run.pages_processed)
        failures = tuple(catalog.failures())
        result = BatchResult(
            archive=dest,
            documents=tuple(catalog.document_results()),
            rejected=tuple(RejectedFile(r.relpath, r.reason, r.failure) for r in found.rejected),
            failures=failures,
            pages_processed=run.pages_processed,
            seconds=time.perf_counter() - started,
        )
    return result
