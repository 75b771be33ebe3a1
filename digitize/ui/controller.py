"""State and actions of the archivist notebooks, without ipywidgets (STYLE.md rule 9).

One controller per notebook: :class:`RunController` (01, digitize a batch),
:class:`ReviewController` (02, review flagged pages), :class:`SearchController` (03) and
:class:`ExportController` (04). Views in :mod:`digitize.ui.widgets` only build widgets and
call these; tests drive the controllers directly.

Threading: :meth:`RunController.start` runs ``digitize_archive`` in one daemon worker thread
of the kernel, which is therefore the orchestrating thread; the progress tracker and its
widget listener are called only from it and only assign widget values (ipykernel publishes
comm messages thread-safely, ipykernel PR #149), never display or print, because output
captured from threads is unreliable with ipykernel 7 (ipywidgets issue #4020). The kernel's
main thread stays free, so the notebook does not freeze; :meth:`RunController.wait` joins
the worker for headless runs and the summary cell.

Every error an archivist can cause (missing folder, archive locked by another run, Tesseract
missing, bad query...) becomes a Vietnamese message on the controller, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import html
import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from digitize.exceptions import DigitizeError
from digitize.models import BatchResult, DocumentResult, State
from digitize.options import DigitizeOptions
from digitize.progress import Progress
from digitize.ui.progress import Phase, ProgressTracker, RunSnapshot
from digitize.vntext import nfc

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from digitize.export import ExportResult
    from digitize.records import Record, SearchResult
    from digitize.ui.pages import PageImage

__all__ = [
    "EDITABLE_FIELDS",
    "ExportController",
    "ExportOutcome",
    "HitView",
    "ReviewController",
    "ReviewItem",
    "RunController",
    "SaveOutcome",
    "SearchController",
    "revisions_frame",
    "user_message",
]

log = logging.getLogger(__name__)

Runner = Callable[..., BatchResult]


def user_message(error: BaseException) -> str:
    """The Vietnamese message an archivist sees for ``error``."""
    if isinstance(error, DigitizeError):
        return nfc(str(error))
    log.error("unexpected error", exc_info=error)
    return nfc(
        f"Lỗi không mong đợi ({type(error).__name__}: {error}). Hãy chụp lại thông báo này và "
        "tệp digitize.log trong thư mục kho, gửi cho bộ phận kỹ thuật."
    )


def _archive_locked(archive: Path) -> bool:
    """Whether another run holds the archive's lock (the pipeline's ``flock`` on .lock)."""
    lock = archive / ".lock"
    if not lock.exists():
        return False
    with lock.open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
    return False


# ------------------------------------------------------------------------------ run (01)


class RunController:
    """Start a batch in the background, follow it, summarize it; resumes interrupted runs.

    ``runner`` is :func:`digitize.digitize_archive` unless a test supplies another callable
    with the same signature.
    """

    def __init__(
        self,
        source: str | Path,
        archive: str | Path,
        options: DigitizeOptions | Mapping[str, Any] | None = None,
        *,
        runner: Runner | None = None,
        build_records: bool = True,
    ) -> None:
        self.source = Path(source).expanduser()
        self.archive = Path(archive).expanduser()
        self.options_input = options
        self.tracker = ProgressTracker()
        self.result: BatchResult | None = None
        self.error: str = ""
        self._runner = runner
        self._build_records = build_records
        self._thread: threading.Thread | None = None

    # checks -------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Every reason the batch cannot start now (Vietnamese), all at once."""
        found: list[str] = []
        try:
            options = DigitizeOptions.resolve(self.options_input)
        except DigitizeError as e:
            found.append(user_message(e))
            options = None
        if not self.source.exists():
            found.append(
                f"Không tìm thấy thư mục bản quét {self.source}; hãy kiểm tra lại đường dẫn "
                "(THU_MUC_BAN_QUET)."
            )
        if self.archive.exists() and not self.archive.is_dir():
            found.append(f"{self.archive} đã tồn tại và không phải thư mục; hãy chọn chỗ khác.")
        elif self.source.exists() and self.source.resolve() == self.archive.resolve():
            found.append("Thư mục kho phải khác thư mục bản quét.")
        if self.running or (self.archive.is_dir() and _archive_locked(self.archive)):
            found.append(
                f"Kho {self.archive} đang được một lần chạy khác sử dụng; hãy đợi lần đó xong "
                "(hoặc dừng nó) rồi bấm «Bắt đầu» lại."
            )
        if options is not None and self._runner is None:
            # A substitute runner (tests) brings its own engine; the library's needs Tesseract.
            from digitize.ocr import get_engine

            try:
                get_engine(options.engine, tesseract_cmd=options.tesseract_cmd).check(options.lang)
            except DigitizeError as e:
                found.append(user_message(e))
        return found

    def resume_note(self) -> str:
        """What the archive already holds: a note that a stopped batch will be resumed."""
        from digitize.api import archive_status

        if not (self.archive / "catalog.sqlite").exists():
            return "Kho mới: mọi bản quét sẽ được số hóa."
        try:
            status = archive_status(self.archive)
        except DigitizeError as e:
            return user_message(e)
        done = status.counts.get("pages_done", 0)
        pending = status.pages_pending
        if pending:
            return (
                f"Lần chạy trước chưa xong: còn {pending} trang chưa số hóa ({done} trang đã "
                "xong được giữ nguyên). Bấm «Bắt đầu» để chạy tiếp."
            )
        return (
            f"Kho đã có {len(status.documents)} tài liệu, {done} trang đã số hóa; chỉ các bản "
            "quét mới hoặc chưa xong sẽ được xử lý."
        )

    # running ------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Whether the worker thread is still at work."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def snapshot(self) -> RunSnapshot:
        """Current progress."""
        return self.tracker.snapshot

    def start(self) -> bool:
        """Start the batch in a worker thread; False (with ``error`` set) if it cannot."""
        found = self.problems()
        if found:
            self.error = "\n".join(found)
            if not self.running:
                # A refused second click must not paint the running batch as failed.
                self.tracker.end(Phase.FAILED, self.error)
            return False
        self.error = ""
        self.result = None
        self.tracker.begin("Đang chuẩn bị: tìm bản quét và kiểm tra kho…")
        self._thread = threading.Thread(target=self._work, name="digitize-batch", daemon=True)
        self._thread.start()
        return True

    def run(self) -> BatchResult | None:
        """Start and wait (headless use); None when the batch could not run."""
        if not self.start():
            return None
        return self.wait()

    def wait(self, timeout: float | None = None) -> BatchResult | None:
        """Block until the worker ends (or ``timeout``); the result, or None on error."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.result

    def _work(self) -> None:
        """The orchestrating thread: the tracker is updated here only."""
        from digitize.api import digitize_archive

        runner = self._runner or digitize_archive
        progress: Progress = self.tracker
        try:
            options = DigitizeOptions.resolve(self.options_input)
            result = runner(self.source, self.archive, options, progress=progress)
            message = self._finished_message(result)
            if self._build_records and result.pages_done:
                self.tracker.end(Phase.RUNNING, "Đang lập hồ sơ văn bản để tra cứu…")
                from digitize.records import build_records

                report = build_records(self.archive)
                message += f" Đã lập {report.total} hồ sơ văn bản."
                for group in report.duplicates:
                    message += f"\nCảnh báo: {group.message}"
        except BaseException as e:
            self.error = user_message(e)
            self.tracker.end(Phase.FAILED, self.error)
            if not isinstance(e, Exception):
                raise
            return
        self.result = result
        self.tracker.end(Phase.FINISHED, message)

    @staticmethod
    def _finished_message(result: BatchResult) -> str:
        text = (
            f"Đã xong: {result.pages_done}/{result.pages_total} trang có kết quả, "
            f"{result.pages_flagged} trang cần kiểm tra, {len(result.failures)} lỗi."
        )
        if result.failures:
            text += " Xem bảng lỗi bên dưới; sửa bản quét rồi chạy lại với retry_failed=True."
        return text

    # summary ------------------------------------------------------------------------------
    def documents(self) -> tuple[DocumentResult, ...]:
        """Every document of the archive (from the last result, else from the catalog)."""
        if self.result is not None:
            return self.result.documents
        from digitize.api import archive_status

        return archive_status(self.archive).documents

    def summary_frame(self) -> pd.DataFrame:
        """One row per document, Vietnamese column names."""
        import pandas as pd

        rows = [
            {
                "Tài liệu": d.relpath,
                "Số trang": len(d.pages),
                "Trang xong": sum(1 for p in d.pages if p.state is State.DONE),
                "Trang lỗi": len(d.failed_pages),
                "Trang cần kiểm tra": len(d.flagged_pages),
                "Độ tin cậy TB (%)": (
                    round(d.mean_confidence, 1) if d.mean_confidence is not None else None
                ),
                "Trạng thái": _STATE_LABELS[d.state],
            }
            for d in self.documents()
        ]
        return pd.DataFrame(rows, columns=list(_SUMMARY_COLUMNS))

    def failures_frame(self) -> pd.DataFrame:
        """Every failed file or page with its reason."""
        import pandas as pd

        failures = self.result.failures if self.result is not None else ()
        rows = [{"Tài liệu": f.relpath, "Trang": f.page_no, "Lý do": f.reason} for f in failures]
        return pd.DataFrame(rows, columns=["Tài liệu", "Trang", "Lý do"])

    def quality_figure(self) -> Figure:
        """Two charts: page confidence histogram (with the review threshold) and page states
        per document."""
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator

        documents = self.documents()
        threshold = DigitizeOptions.resolve(self.options_input).review_threshold
        figure = Figure(figsize=(10, 3.6), layout="constrained")
        left, right = figure.subplots(1, 2)
        confidences = [
            p.mean_confidence for d in documents for p in d.pages if p.mean_confidence is not None
        ]
        left.hist(confidences, bins=range(0, 105, 5), color="#3b7dd8", edgecolor="white")
        left.axvline(threshold, color="#d84a3b", linestyle="--", label=f"ngưỡng {threshold:g}")
        left.set_title("Độ tin cậy OCR theo trang")
        left.set_xlabel("Độ tin cậy trung bình (%)")
        left.set_ylabel("Số trang")
        left.legend(loc="upper left")
        names = [Path(d.relpath).name for d in documents]
        ok = [sum(1 for p in d.pages if p.state is State.DONE and not p.flags) for d in documents]
        flagged = [len(d.flagged_pages) for d in documents]
        failed = [len(d.failed_pages) for d in documents]
        right.barh(names, ok, color="#4caf50", label="đạt")
        right.barh(names, flagged, left=ok, color="#ff9800", label="cần kiểm tra")
        right.barh(
            names,
            failed,
            left=[a + b for a, b in zip(ok, flagged, strict=True)],
            color="#d84a3b",
            label="lỗi",
        )
        right.set_title("Trạng thái trang theo tài liệu")
        right.set_xlabel("Số trang")
        right.legend(loc="lower right")
        left.yaxis.set_major_locator(MaxNLocator(integer=True))
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
        return figure


_STATE_LABELS: Final = {State.DONE: "xong", State.FAILED: "lỗi", State.PENDING: "chưa xong"}
_SUMMARY_COLUMNS: Final = (
    "Tài liệu",
    "Số trang",
    "Trang xong",
    "Trang lỗi",
    "Trang cần kiểm tra",
    "Độ tin cậy TB (%)",
    "Trạng thái",
)


# ------------------------------------------------------------------------------ review (02)

#: Metadata the review form edits: tag → Vietnamese label.
EDITABLE_FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("TypeName", "Tên loại văn bản"),
    ("Code", "Số, ký hiệu"),
    ("IssuedDate", "Ngày ban hành"),
    ("OrganName", "Cơ quan ban hành"),
    ("Subject", "Trích yếu"),
    ("Position", "Chức vụ người ký"),
    ("FullName", "Họ tên người ký"),
    ("Description", "Ghi chú"),
)

_ATTRIBUTE: Final = {
    "TypeName": "type_name",
    "IssuedDate": "issued_date",
    "OrganName": "organ_name",
    "Subject": "subject",
    "Position": "position",
    "FullName": "full_name",
    "Description": "description",
}


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One page in the review queue.

    Attributes:
        doc_id: the document.
        relpath: its scan, relative to the source folder.
        page_no: 1-based page.
        flags: Vietnamese reasons the engine flagged it (empty when queued anyway).
        confidence: mean word confidence 0–100, or None.
    """

    doc_id: str
    relpath: str
    page_no: int
    flags: tuple[str, ...]
    confidence: float | None

    @property
    def label(self) -> str:
        """``vb-08.png, trang 1 (độ tin cậy 95,1%)``."""
        conf = (
            f" (độ tin cậy {self.confidence:.1f}%)".replace(".", ",")
            if self.confidence is not None
            else ""
        )
        return f"{self.relpath}, trang {self.page_no}{conf}"


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """What saving a review did.

    Attributes:
        ok: False when validation or storage failed (nothing was stored).
        saved: whether anything was stored.
        messages: Vietnamese validation problems, or warnings and a confirmation.
    """

    ok: bool
    saved: bool
    messages: tuple[str, ...] = field(default_factory=tuple)


def validate_fields(values: Mapping[str, str]) -> list[str]:
    """Vietnamese problems of the review form: số/ký hiệu shape, date, Phụ lục VI lengths."""
    from digitize.metadata import parse_number, validate_record

    problems: list[str] = []
    checked: dict[str, object] = {}
    for tag, raw in values.items():
        value = nfc(raw).strip()
        if not value:
            continue
        if tag == "Code":
            number = parse_number(value)
            if number is None:
                problems.append(
                    f"Số, ký hiệu «{value}» không đúng dạng; ví dụ đúng: 15/QĐ-BNV, "
                    "25/2019/QĐ-UBND, 36-NQ/TW, 12/UBND-VX."
                )
            else:
                checked["CodeNumber"] = number.number
                checked["CodeNotation"] = number.notation
        elif tag == "IssuedDate":
            day = _parse_day(value)
            if day is None:
                problems.append(
                    f"Ngày ban hành «{value}» không hợp lệ; hãy ghi dạng DD/MM/YYYY (ví dụ "
                    "03/05/2015) hoặc YYYY-MM-DD."
                )
            else:
                checked[tag] = day
        else:
            checked[tag] = value
    problems += [p.message for p in validate_record(checked)]
    return problems


def _parse_day(value: str) -> str | None:
    from digitize.metadata.dates import parse_numeric_date

    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat(value).isoformat()
    day = parse_numeric_date(value)
    return day.isoformat() if day is not None else None


class ReviewController:
    """The review queue of an archive: flagged pages, their image, text and metadata."""

    def __init__(
        self,
        archive: str | Path,
        *,
        flagged_only: bool = True,
        threshold: float = 80.0,
        author: str = "",
    ) -> None:
        from digitize.api import archive_status
        from digitize.records import build_records

        self.archive = Path(archive).expanduser().resolve()
        self.threshold = threshold
        self.author = author
        self.message = ""
        build_records(self.archive)
        status = archive_status(self.archive)
        self.items: tuple[ReviewItem, ...] = tuple(
            ReviewItem(d.doc_id, d.relpath, p.page_no, p.flags, p.mean_confidence)
            for d in status.documents
            if d.state is State.DONE
            for p in d.pages
            if p.state is State.DONE and (p.flags or not flagged_only)
        )
        self.index = 0
        self.reviewed: set[tuple[str, int]] = set()

    # navigation ---------------------------------------------------------------------------
    @property
    def current(self) -> ReviewItem | None:
        """The page on screen, None when the queue is empty."""
        return self.items[self.index] if self.items else None

    def next(self) -> ReviewItem | None:
        """Move to the next page (stays on the last)."""
        if self.items:
            self.index = min(self.index + 1, len(self.items) - 1)
        return self.current

    def previous(self) -> ReviewItem | None:
        """Move to the previous page (stays on the first)."""
        if self.items:
            self.index = max(self.index - 1, 0)
        return self.current

    def go(self, index: int) -> ReviewItem | None:
        """Jump to position ``index`` of the queue."""
        if self.items:
            self.index = min(max(index, 0), len(self.items) - 1)
        return self.current

    def progress_text(self) -> str:
        """``Đã kiểm tra 1/3 trang · đang xem trang 2/3``."""
        if not self.items:
            return "Không có trang nào cần kiểm tra."
        return (
            f"Đã kiểm tra {len(self.reviewed)}/{len(self.items)} trang · đang xem "
            f"{self.index + 1}/{len(self.items)}"
        )

    # content ------------------------------------------------------------------------------
    def record(self) -> Record:
        """The current page's document record (revisions applied)."""
        from digitize.records import RecordStore

        item = self._need()
        with RecordStore(self.archive) as store:
            return store.record(item.doc_id)

    def field_values(self) -> dict[str, str]:
        """Editable fields of the current document, as the form shows them."""
        record = self.record()
        values = {tag: str(getattr(record, attr) or "") for tag, attr in _ATTRIBUTE.items()}
        values["Code"] = record.code or _format_code(record)
        if values["IssuedDate"]:
            values["IssuedDate"] = dt.date.fromisoformat(values["IssuedDate"]).strftime("%d/%m/%Y")
        return {tag: values[tag] for tag, _ in EDITABLE_FIELDS}

    def page_text(self) -> str:
        """The current page's text: its latest page-text revision, else the OCR text."""
        from digitize.records import RecordStore

        item = self._need()
        with RecordStore(self.archive) as store:
            pages = store.page_texts(item.doc_id)
        return pages[item.page_no - 1] if 1 <= item.page_no <= len(pages) else ""

    def page_image(self, width: int = 900) -> PageImage | None:
        """The current page rendered with its low-confidence words highlighted."""
        item = self._need()
        return _render(self.archive, item.doc_id, item.page_no, self.threshold, width)

    def _need(self) -> ReviewItem:
        item = self.current
        if item is None:
            raise LookupError("the review queue is empty")
        return item

    # saving -------------------------------------------------------------------------------
    def save(self, values: Mapping[str, str], text: str | None = None) -> SaveOutcome:
        """Validate, then store changed fields as revisions and changed text (re-indexed)."""
        from digitize.metadata import parse_number
        from digitize.records import RecordStore

        item = self.current
        if item is None:
            return SaveOutcome(False, False, ("Không có trang nào để lưu.",))
        problems = validate_fields(values)
        if problems:
            self.message = "\n".join(problems)
            return SaveOutcome(False, False, tuple(problems))
        before = self.field_values()
        changes: dict[str, object] = {}
        edited = 0
        for tag, raw in values.items():
            value = nfc(raw).strip()
            if value == before.get(tag, ""):
                continue
            edited += 1
            if tag == "Code":
                number = parse_number(value) if value else None
                changes["Code"] = number.text if number else None
                changes["CodeNumber"] = number.number if number else None
                changes["CodeNotation"] = number.notation if number else None
            elif tag == "IssuedDate":
                changes[tag] = _parse_day(value) if value else None
            else:
                changes[tag] = value or None
        text_changed = text is not None and nfc(text) != self.page_text()
        messages: list[str] = []
        try:
            with RecordStore(self.archive) as store:
                if changes:
                    revised = store.revise(
                        item.doc_id, changes, author=self.author, note="kiểm tra trong sổ tay"
                    )
                    messages += revised.warnings
                if text_changed and text is not None:
                    store.revise_page_text(
                        item.doc_id,
                        item.page_no,
                        text,
                        author=self.author,
                        note="kiểm tra trong sổ tay",
                    )
        except DigitizeError as e:
            self.message = user_message(e)
            return SaveOutcome(False, False, (self.message,))
        self.reviewed.add((item.doc_id, item.page_no))
        if changes or text_changed:
            what = [f"{edited} trường"] if changes else []
            what += ["nội dung trang"] if text_changed else []
            messages.append(f"Đã lưu {' và '.join(what)}; chỉ mục tra cứu đã cập nhật.")
        else:
            messages.append("Không có gì thay đổi; trang được đánh dấu đã kiểm tra.")
        self.message = "\n".join(messages)
        return SaveOutcome(True, bool(changes or text_changed), tuple(messages))


def revisions_frame(archive: str | Path) -> pd.DataFrame:
    """Every stored correction of the archive (metadata revisions and page texts), oldest
    first; empty when the archive cannot be read (the view already said why)."""
    import pandas as pd

    from digitize.records import RecordStore

    columns = ["Tài liệu", "Trường", "Giá trị cũ", "Giá trị mới", "Người sửa", "Thời điểm"]
    try:
        with RecordStore(archive) as store:
            paths = {r.doc_id: r.source_path for r in store.records()}
            rows = [
                [paths.get(r.doc_id, r.doc_id[:12]), r.tag, r.previous, r.value, r.author, r.at]
                for r in store.revisions()
            ]
            rows += [
                [
                    paths.get(p.doc_id, p.doc_id[:12]),
                    f"Nội dung trang {p.page_no}",
                    p.previous,
                    p.text,
                    p.author,
                    p.at,
                ]
                for p in store.page_revisions()
            ]
    except DigitizeError as e:
        log.warning("revisions unavailable: %s", e)
        rows = []
    rows.sort(key=lambda row: str(row[5]))
    return pd.DataFrame(rows, columns=columns)


def _format_code(record: Record) -> str:
    from digitize.records.model import format_code

    return format_code(record)


def _render(
    archive: Path, doc_id: str, page_no: int, threshold: float, width: int
) -> PageImage | None:
    from digitize.catalog import Catalog
    from digitize.ui.pages import render_page

    with Catalog(archive, create=False) as catalog:
        outputs = {o.kind: archive / o.path for o in catalog.outputs(doc_id)}
    pdf = outputs.get("pdf")
    if pdf is None or not pdf.exists():
        return None
    return render_page(pdf, page_no, hocr=outputs.get("hocr"), threshold=threshold, width=width)


# ------------------------------------------------------------------------------ search (03)


@dataclass(frozen=True, slots=True)
class HitView:
    """One search result as the notebook lists it.

    Attributes:
        doc_id: the document.
        title: ``Quyết định 15/QĐ-BNV (2015-05-03)`` or the scan's path.
        source_path: the scan, relative to the source folder.
        page: the page of the snippet (1 when the match is in the metadata).
        pages: every matching page.
        snippet_html: the snippet, HTML-escaped, matches in ``<mark>``.
        pdf: the searchable PDF, or None.
    """

    doc_id: str
    title: str
    source_path: str
    page: int
    pages: tuple[int, ...]
    snippet_html: str
    pdf: Path | None


_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks: never in OCR text, safe to escape


def snippet_html(snippet: str) -> str:
    """Escape a snippet marked with the private-use marks and turn them into ``<mark>``."""
    return html.escape(nfc(snippet)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


class SearchController:
    """Search an archive's records with optional diacritics and filters."""

    def __init__(self, archive: str | Path, *, limit: int = 20) -> None:
        from digitize.records import build_records

        self.archive = Path(archive).expanduser().resolve()
        self.limit = limit
        self.hits: tuple[HitView, ...] = ()
        self.message = ""
        build_records(self.archive)

    def doc_types(self) -> list[str]:
        """Type names present in the archive (for the filter list)."""
        from digitize.records import list_records

        return sorted({r.type_name for r in list_records(self.archive) if r.type_name})

    def search(
        self,
        query: str,
        *,
        accents: bool = False,
        doc_type: str = "",
        agency: str = "",
        date_from: str = "",
        date_to: str = "",
    ) -> tuple[HitView, ...]:
        """Run a search; on a bad query ``message`` says why and no hits are returned."""
        from digitize.records import Mode, search

        filters = {
            "doc_type": doc_type or None,
            "agency": agency or None,
            "date_from": date_from or None,
            "date_to": date_to or None,
        }
        try:
            result: SearchResult = search(
                self.archive,
                query,
                filters,
                mode=Mode.ACCENTS if accents else Mode.FOLDED,
                limit=self.limit,
                highlight=(_OPEN, _CLOSE),
            )
        except DigitizeError as e:
            self.hits = ()
            self.message = user_message(e)
            return self.hits
        pdfs = self._pdfs([h.record.doc_id for h in result.hits])
        self.hits = tuple(
            HitView(
                doc_id=h.record.doc_id,
                title=h.record.title,
                source_path=h.record.source_path,
                page=h.page or 1,
                pages=h.pages,
                snippet_html=snippet_html(h.snippet),
                pdf=pdfs.get(h.record.doc_id),
            )
            for h in result.hits
        )
        notes = list(result.warnings)
        notes.insert(
            0,
            f"Tìm thấy {result.total} văn bản"
            + (f", hiện {len(self.hits)} văn bản đầu" if result.total > len(self.hits) else "")
            + f" ({result.seconds * 1000:.0f} ms).",
        )
        self.message = "\n".join(notes)
        return self.hits

    def _pdfs(self, doc_ids: Sequence[str]) -> dict[str, Path]:
        from digitize.catalog import Catalog

        with Catalog(self.archive, create=False) as catalog:
            return {
                o.doc_id: self.archive / o.path
                for o in catalog.outputs()
                if o.kind == "pdf" and o.doc_id in set(doc_ids)
            }

    def page_image(self, index: int, width: int = 900) -> PageImage | None:
        """The page of hit ``index`` rendered (words below 80% highlighted)."""
        hit = self.hits[index]
        return _render(self.archive, hit.doc_id, hit.page, 80.0, width)

    def pdf_link(self, index: int, notebook_dir: str | Path = ".") -> str:
        """Path of hit ``index``'s PDF relative to the notebook (JupyterLab opens it)."""
        pdf = self.hits[index].pdf
        if pdf is None:
            return ""
        return Path(os.path.relpath(pdf, Path(notebook_dir).resolve())).as_posix()


# ------------------------------------------------------------------------------ export (04)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """An export and its checks.

    Attributes:
        result: what the library wrote.
        manifest: (path relative to the export folder, bytes, SHA-256) of every file.
        verified: True when every checksum matched (bag validation, archive outputs).
        messages: Vietnamese lines: what was written, checks, cuts and problems.
    """

    result: ExportResult
    manifest: tuple[tuple[str, int, str], ...]
    verified: bool
    messages: tuple[str, ...]


SCOPE_ALL: Final = "Toàn bộ kho"


class ExportController:
    """Choose a format and a scope (the whole archive or one hồ sơ), export, verify."""

    FORMATS: Final = ("csv", "xlsx", "json", "xml", "bagit")

    def __init__(self, archive: str | Path, out: str | Path) -> None:
        from digitize.records import build_records

        self.archive = Path(archive).expanduser().resolve()
        self.out = Path(out).expanduser()
        self.outcome: ExportOutcome | None = None
        self.message = ""
        build_records(self.archive)

    def scopes(self) -> list[str]:
        """``Toàn bộ kho`` then every hồ sơ (folder) of the archive."""
        from digitize.records import list_records

        dossiers = sorted({r.dossier for r in list_records(self.archive)})
        return [SCOPE_ALL, *(d or "(thư mục gốc)" for d in dossiers)]

    def export(self, format: str, scope: str = SCOPE_ALL) -> ExportOutcome | None:
        """Export into a fresh sub-folder of ``out``; None (``message`` says why) on error."""
        from digitize.records import export_records

        dossier = None if scope == SCOPE_ALL else ("" if scope == "(thư mục gốc)" else scope)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.out / f"{format}-{stamp}"
        try:
            result = export_records(self.archive, target, format, dossier=dossier)
            manifest, verified, checks = _verify(self.archive, result)
        except DigitizeError as e:
            self.outcome = None
            self.message = user_message(e)
            return None
        messages = [
            f"Đã xuất {result.records} văn bản ({format}) vào {result.out}.",
            *checks,
        ]
        if result.cuts:
            messages.append(f"{len(result.cuts)} giá trị bị cắt theo độ dài NĐ 30 Phụ lục VI:")
            messages += [f"- {path}: {msg}" for path, msg in result.cuts]
        if result.problems:
            messages.append(f"{len(result.problems)} giá trị cần kiểm tra lại:")
            messages += [f"- {path}: {msg}" for path, msg in result.problems]
        self.outcome = ExportOutcome(result, manifest, verified, tuple(messages))
        self.message = "\n".join(messages)
        return self.outcome

    def manifest_frame(self) -> pd.DataFrame:
        """The manifest of the last export as a table."""
        import pandas as pd

        rows = self.outcome.manifest if self.outcome is not None else ()
        return pd.DataFrame(list(rows), columns=["Tệp", "Kích thước (byte)", "SHA-256"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(
    archive: Path, result: ExportResult
) -> tuple[tuple[tuple[str, int, str], ...], bool, list[str]]:
    """Manifest rows, overall verdict and Vietnamese check lines of an export."""
    from digitize.api import verify_archive

    checks: list[str] = []
    verified = True
    bag = next((f for f in result.files if f.is_dir()), None)
    if bag is not None:
        import bagit

        manifest_file = bag / "manifest-sha256.txt"
        rows = []
        for line in manifest_file.read_text("utf-8").splitlines():
            digest, _, rel = line.partition(" ")
            rel = rel.strip()
            rows.append((rel, (bag / rel).stat().st_size, digest))
        try:
            bagit.Bag(str(bag)).validate(processes=1)
            checks.append(f"Túi BagIt hợp lệ: {len(rows)} tệp khớp mã SHA-256 trong manifest.")
        except bagit.BagError as e:
            verified = False
            details = "; ".join(map(str, getattr(e, "details", None) or []))
            checks.append(f"Túi BagIt KHÔNG hợp lệ: {e} {details}".strip())
    else:
        rows = []
        for path in (*result.files, result.report):
            if path.is_file():
                rows.append(
                    (path.relative_to(result.out).as_posix(), path.stat().st_size, _sha256(path))
                )
    report = verify_archive(archive)
    if report.ok:
        checks.append(
            f"Kiểm tra kho: {report.checked} tệp kết quả khớp mã SHA-256 đã ghi trong danh mục."
        )
    else:
        verified = False
        checks.append(f"Kiểm tra kho: {len(report.issues)} tệp thiếu hoặc bị thay đổi:")
        checks += [f"- {i.message}" for i in report.issues]
    return tuple(rows), verified, checks
