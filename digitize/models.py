"""Data passed between the pipeline steps and returned to callers.

Everything here is frozen and picklable: page tasks and their results cross process
boundaries, so they carry paths and small numbers, never images.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class SourceKind(StrEnum):
    """File type, decided from the file's first bytes (never from its extension)."""

    PDF = "pdf"
    TIFF = "tiff"
    JPEG = "jpeg"
    PNG = "png"
    JP2 = "jp2"
    BMP = "bmp"
    GIF = "gif"
    WEBP = "webp"
    UNKNOWN = "unknown"

    @property
    def is_scan(self) -> bool:
        """Whether the pipeline can read this kind."""
        return self is not SourceKind.UNKNOWN


class PageMethod(StrEnum):
    """How a page image was obtained."""

    EXTRACTED = "extracted"  # the one scanned image of a PDF page, lossless, native dpi
    RENDERED = "rendered"  # a PDF page rasterized at the requested dpi
    FRAME = "frame"  # one frame of a (multi-frame) TIFF
    IMAGE = "image"  # a single-image file
    TEXT_LAYER = "text_layer"  # a PDF page whose existing text layer was kept (no OCR)


class State(StrEnum):
    """Life cycle of documents and pages in the catalog."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One distinct scan file found under the source folder.

    Attributes:
        path: absolute path of the first copy found (sorted order).
        relpath: that path relative to the source folder, POSIX style; names the document.
        sha256: hex digest of the content; the document's identity.
        size: bytes.
        kind: type sniffed from the content.
        duplicates: relpaths of other files with identical content (recorded, not processed).
        extension_mismatch: the extension claims another type than the content has.
    """

    path: Path
    relpath: str
    sha256: str
    size: int
    kind: SourceKind
    duplicates: tuple[str, ...] = ()
    extension_mismatch: bool = False

    def __post_init__(self) -> None:
        if len(self.sha256) != 64:
            raise ValueError(f"sha256 must be 64 hex digits, got {self.sha256!r}")


@dataclass(frozen=True, slots=True)
class RejectedFile:
    """A file the batch could not take as a scan.

    Attributes:
        relpath: path relative to the source folder.
        reason: Vietnamese explanation naming the file and what to do.
        failure: True when this counts as a failure of the batch (a file that claims to be a
            scan but is not, an empty file); False for files simply ignored (``Thumbs.db``).
    """

    relpath: str
    reason: str
    failure: bool


@dataclass(frozen=True, slots=True)
class PageRef:
    """Where one page comes from; the unit of work sent to a worker.

    Attributes:
        doc_id: sha256 of the source file.
        page_no: 1-based page number within the document.
        source: absolute path of the source file.
        kind: its sniffed type.
        work_dir: folder in the archive where this page's intermediate files go.
    """

    doc_id: str
    page_no: int
    source: Path
    kind: SourceKind
    work_dir: Path

    def __post_init__(self) -> None:
        if self.page_no < 1:
            raise ValueError(f"page_no is 1-based, got {self.page_no}")

    @property
    def stem(self) -> str:
        """File-name stem of this page's intermediate files."""
        return f"p{self.page_no:05d}"


@dataclass(frozen=True, slots=True)
class PageResult:
    """What a page task produced (or why it failed).

    Attributes:
        doc_id, page_no: the page.
        ok: whether outputs were written.
        error: Vietnamese reason when not ok.
        method: how the page image was obtained.
        dpi: resolution of the page image (native for scans).
        width, height: pixels of the page image.
        words: recognised words.
        mean_confidence: mean Tesseract word confidence 0–100, None if nothing was recognised
            or the page kept its own text layer.
        expected_words: words the page's ink suggests (from preprocessing), None if unknown.
        rotation: degrees the page was turned to be upright (0/90/180/270).
        skew: degrees of deskew applied.
        pdf, text, hocr: paths of the per-page outputs in the work folder.
        preprocessing: corrections applied before OCR, in order (e.g. ``"deskew:-6.9"``,
            ``"despeckle"``), ending with ``"check:cleaned"`` or ``"check:untouched"`` when a
            doubtful reading of the cleaned page was compared with the untouched page.
        timings: seconds per step (rasterize, preprocess, ocr, pdf).
    """

    doc_id: str
    page_no: int
    ok: bool
    error: str = ""
    method: PageMethod | None = None
    dpi: int = 0
    width: int = 0
    height: int = 0
    words: int = 0
    mean_confidence: float | None = None
    expected_words: int | None = None
    rotation: int = 0
    skew: float = 0.0
    pdf: Path | None = None
    text: Path | None = None
    hocr: Path | None = None
    preprocessing: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PageSummary:
    """A page as recorded in the catalog.

    Attributes:
        page_no: 1-based number.
        state: pending, done or failed.
        method: how its image was obtained.
        dpi: resolution.
        words: recognised words.
        mean_confidence: 0–100 or None.
        flags: Vietnamese reasons the page needs review (empty when fine).
        error: why it failed.
    """

    page_no: int
    state: State
    method: PageMethod | None
    dpi: int
    words: int
    mean_confidence: float | None
    flags: tuple[str, ...]
    error: str


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document (= one distinct source file) of the archive.

    Attributes:
        doc_id: sha256 of the source file.
        relpath: the source file relative to the source folder.
        duplicates: other relpaths with the same content.
        state: done when all outputs were written; failed when the file or any page failed.
        error: why the file failed as a whole (unreadable, encrypted...), else empty.
        pages: per-page records.
        outputs: output kind (``pdf``, ``txt``, ``hocr``, ``alto``) → absolute path.
        mean_confidence: mean over OCR'd words of the whole document, or None.
    """

    doc_id: str
    relpath: str
    duplicates: tuple[str, ...]
    state: State
    error: str
    pages: tuple[PageSummary, ...]
    outputs: dict[str, Path]
    mean_confidence: float | None

    @property
    def flagged_pages(self) -> tuple[int, ...]:
        """Numbers of the pages that need review."""
        return tuple(p.page_no for p in self.pages if p.flags)

    @property
    def failed_pages(self) -> tuple[int, ...]:
        """Numbers of the pages that failed."""
        return tuple(p.page_no for p in self.pages if p.state is State.FAILED)


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed item, as shown in summaries.

    Attributes:
        relpath: source file.
        page_no: the page, or None when the whole file failed.
        reason: Vietnamese explanation and what to do.
    """

    relpath: str
    page_no: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    """State of the whole archive after a run (includes documents done in earlier runs).

    Attributes:
        archive: the archive folder.
        documents: every document in the catalog.
        rejected: files that were not taken as scans in this run.
        failures: every failed file or page, with reasons.
        pages_processed: pages OCR'd (or text-kept) during this run.
        seconds: wall time of this run.
    """

    archive: Path
    documents: tuple[DocumentResult, ...]
    rejected: tuple[RejectedFile, ...]
    failures: tuple[Failure, ...]
    pages_processed: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures

    @property
    def pages_total(self) -> int:
        """Pages known in the catalog."""
        return sum(len(d.pages) for d in self.documents)

    @property
    def pages_done(self) -> int:
        """Pages with outputs."""
        return sum(1 for d in self.documents for p in d.pages if p.state is State.DONE)

    @property
    def pages_flagged(self) -> int:
        """Pages that need review."""
        return sum(len(d.flagged_pages) for d in self.documents)

    @property
    def pages_per_minute(self) -> float:
        """Throughput of this run."""
        return 60.0 * self.pages_processed / self.seconds if self.seconds > 0 else 0.0
