"""One typed options object for a digitization run; CLI flags map to its fields 1:1."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from digitize.exceptions import BadArgumentsError


class ExistingText(StrEnum):
    """What to do with a PDF page that already carries a text layer.

    ``KEEP``: keep its text and the page itself (no OCR, no loss of a born-digital layer).
    ``OCR``: rasterize and OCR it like a scan (the old layer is dropped from our output).
    """

    KEEP = "keep"
    OCR = "ocr"


class PdfOutput(StrEnum):
    """Flavour of the searchable PDF written for each document.

    ``PDF``: plain PDF 1.7, fastest. ``PDFA``: PDF/A-2b markers (sRGB output intent, XMP
    identification) for long-term preservation (TCVN 14159 = ISO 19005), see ``assemble``.
    """

    PDF = "pdf"
    PDFA = "pdfa"


def default_jobs() -> int:
    """One worker per core the process may use (Tesseract runs single-threaded)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class DigitizeOptions:
    """Settings of one ``digitize_archive`` run. Every field has a CLI flag of the same name.

    Attributes:
        jobs: worker processes (``--jobs``); ``0`` means one per available core.
        lang: Tesseract language(s), e.g. ``"vie"`` (``--lang``); ``vie+eng`` measured worse.
        dpi: resolution at which PDF pages that are not a single scanned image are rendered
            (``--dpi``); scanned images keep their own resolution.
        default_image_dpi: resolution assumed for images whose file does not say
            (``--default-image-dpi``).
        review_threshold: pages whose mean word confidence (0–100) is below this are flagged
            for review (``--review-threshold``).
        min_word_ratio: pages recognising fewer words than this fraction of what their ink
            suggests are flagged (``--min-word-ratio``); confidence alone misses lost text.
        low_dpi: scans below this resolution are flagged (NĐ 30, Phụ lục I: at least 200 dpi).
        preprocess: orient, deskew and clean pages before OCR (``--no-preprocess`` disables).
        clean: cleaning policy of preprocessing: ``auto`` (only what cheap tests say a page
            needs), ``off`` or ``always`` (``--clean``).
        existing_text: what to do with PDF pages that already have text (``--existing-text``).
        output: ``pdf`` or ``pdfa`` (``--pdfa``).
        page_timeout: seconds Tesseract may spend on one page before it is killed.
        tesseract_memory_mb: address-space cap of each Tesseract process in MiB
            (``--tesseract-memory-mb``; ``0`` disables it). An A4 page at 300 dpi peaks near
            125 MiB; the cap stops one hostile page from exhausting a worker machine.
        max_image_pixels: larger images are refused as decompression bombs.
        retry_failed: on a rerun, also retry pages and files that failed before.
        keep_work: keep per-page intermediate files after a document is assembled.
        engine: OCR engine (``--engine``): ``"tesseract"`` (the CLI, one process per page),
            ``"tesserocr"`` (the library with the model kept loaded in one child process
            per worker, same outputs and protections; see bench/README.md) or
            ``"module:attribute"`` of a factory.
        tesseract_cmd: the Tesseract program to run.
        scheduler: address of a Dask scheduler (``tcp://HOST:PORT``, ``--scheduler``) to run
            the page tasks on instead of the local process pool (``digitize.scaleout``).
    """

    jobs: int = 0
    lang: str = "vie"
    dpi: int = 300
    default_image_dpi: int = 300
    review_threshold: float = 80.0
    min_word_ratio: float = 0.5
    low_dpi: int = 200
    preprocess: bool = True
    clean: str = "auto"
    existing_text: ExistingText = ExistingText.KEEP
    output: PdfOutput = PdfOutput.PDF
    page_timeout: float = 300.0
    tesseract_memory_mb: int = 2048
    max_image_pixels: int = 250_000_000
    retry_failed: bool = False
    keep_work: bool = False
    engine: str = "tesseract"
    tesseract_cmd: str = "tesseract"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        problems = []
        for name, enum in (("existing_text", ExistingText), ("output", PdfOutput)):
            try:
                object.__setattr__(self, name, enum(getattr(self, name)))
            except ValueError:
                allowed = ", ".join(m.value for m in enum)
                problems.append(
                    f"{name} phải là một trong: {allowed} (nhận {getattr(self, name)!r})"
                )
        if self.jobs < 0:
            problems.append(f"jobs phải ≥ 0 (nhận {self.jobs})")
        if not 50 <= self.dpi <= 1200:
            problems.append(f"dpi phải trong khoảng 50–1200 (nhận {self.dpi})")
        if not 50 <= self.default_image_dpi <= 1200:
            problems.append(
                f"default_image_dpi phải trong khoảng 50–1200 (nhận {self.default_image_dpi})"
            )
        if not 0 <= self.review_threshold <= 100:
            problems.append(
                f"review_threshold phải trong khoảng 0–100 (nhận {self.review_threshold})"
            )
        if not 0 <= self.min_word_ratio <= 1:
            problems.append(f"min_word_ratio phải trong khoảng 0–1 (nhận {self.min_word_ratio})")
        if self.page_timeout <= 0:
            problems.append(f"page_timeout phải > 0 (nhận {self.page_timeout})")
        if self.tesseract_memory_mb != 0 and self.tesseract_memory_mb < 256:
            problems.append(
                f"tesseract_memory_mb phải là 0 (không giới hạn) hoặc ≥ 256 "
                f"(nhận {self.tesseract_memory_mb})"
            )
        if self.max_image_pixels < 1_000_000:
            problems.append("max_image_pixels phải ≥ 1 000 000")
        if not self.lang or any(c.isspace() for c in self.lang):
            problems.append(f"lang không hợp lệ: {self.lang!r} (ví dụ: vie)")
        if self.engine not in ("tesseract", "tesserocr") and ":" not in self.engine:
            problems.append(
                f"engine phải là tesseract, tesserocr hoặc module:tên_hàm (nhận {self.engine!r})"
            )
        if self.clean not in ("auto", "off", "always"):
            problems.append(f"clean phải là auto, off hoặc always (nhận {self.clean!r})")
        if problems:
            raise BadArgumentsError("Tùy chọn không hợp lệ: " + "; ".join(problems) + ".")

    @property
    def effective_jobs(self) -> int:
        """Worker count actually used."""
        return self.jobs or default_jobs()

    @classmethod
    def resolve(cls, value: DigitizeOptions | Mapping[str, Any] | None) -> DigitizeOptions:
        """Accept ``None`` (defaults), a dict of field values, or an instance."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            known = {f.name for f in fields(cls)}
            unknown = sorted(set(value) - known)
            if unknown:
                raise BadArgumentsError(
                    f"Tùy chọn không tồn tại: {', '.join(unknown)}. "
                    f"Các tùy chọn hợp lệ: {', '.join(sorted(known))}."
                )
            return cls(**dict(value))
        raise BadArgumentsError(
            f"options phải là DigitizeOptions, dict hoặc None, không phải {type(value).__name__}."
        )

    def with_changes(self, **changes: Any) -> DigitizeOptions:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)
