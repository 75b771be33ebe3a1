"""The per-page task run in worker processes: load → preprocess → OCR → searchable page.

Inputs and outputs are small picklable records (paths and numbers); images stay in the
worker or on disk. Every failure becomes a ``PageResult`` with a Vietnamese reason, so a
bad page never takes the batch down.
"""

from __future__ import annotations

import logging
import os
import resource
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from digitize.assemble import build_page_pdf, write_text_atomic
from digitize.exceptions import DigitizeError
from digitize.models import PageMethod, PageRef, PageResult, SourceKind
from digitize.ocr import get_engine, tesserocr_engine
from digitize.ocr.engine import OcrEngine, OcrOutputs
from digitize.ocr.hocr import parse_hocr
from digitize.options import DigitizeOptions, ExistingText
from digitize.quality import cleaning_doubtful, untouched_is_better
from digitize.split import load_page

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WordStats:
    """Words and mean confidence of a page."""

    words: int
    mean_confidence: float | None


def hocr_stats(path: Path) -> WordStats:
    """Count the recognised words of a one-page hOCR file and average their confidence."""
    words = [w for page in parse_hocr(path) for w in page.words]
    if not words:
        return WordStats(0, None)
    return WordStats(len(words), sum(w.confidence for w in words) / len(words))


def _preprocess(
    image: Image.Image, dpi: int, options: DigitizeOptions
) -> tuple[Image.Image, Image.Image, Any]:
    """(ocr image, display image, prepared page) from ``digitize.preprocess``."""
    from digitize.preprocess import CleanMode, PreprocessSettings, prepare_page

    settings = PreprocessSettings(
        clean=CleanMode(options.clean), osd_timeout_s=min(30.0, options.page_timeout)
    )
    prepared = prepare_page(image, dpi=dpi, settings=settings)
    return prepared.ocr_image, prepared.display_image, prepared


def _save_for_ocr(image: Image.Image, path: Path) -> None:
    # Uncompressed TIFF: ~0.04 s to write an A4 page at 300 dpi where PNG takes 0.1–0.3 s,
    # and Tesseract reads it no slower (measured). The dpi is passed with --dpi.
    # compression is explicit: Pillow would otherwise reuse the source's (e.g. CCITT G4 of a
    # bilevel scan), which cannot encode the grayscale image preprocessing returns.
    image.save(path, format="TIFF", compression="raw")


def _read(
    engine: OcrEngine, image: Image.Image, base: Path, dpi: int, options: DigitizeOptions
) -> tuple[OcrOutputs, WordStats]:
    """OCR one page image written next to ``base``; its outputs and word stats."""
    ocr_input = base.with_name(base.name + ".tif")
    _save_for_ocr(image, ocr_input)
    outputs = engine.recognize(
        ocr_input, base, dpi=dpi, lang=options.lang, timeout=options.page_timeout
    )
    return outputs, hocr_stats(outputs.hocr)


def _check_cleaning(
    engine: OcrEngine,
    untouched: Image.Image,
    cleaned: tuple[OcrOutputs, WordStats],
    *,
    base: Path,
    dpi: int,
    expected: int,
    options: DigitizeOptions,
) -> tuple[OcrOutputs, WordStats, str]:
    """Keep the better of the cleaned and the untouched reading when the cleaned one looks
    doubtful; the third value records the choice (``check:cleaned`` or ``check:untouched``,
    ``""`` when the cleaned reading looked fine and no second pass was made)."""
    outputs, stats = cleaned
    if not cleaning_doubtful(stats.words, stats.mean_confidence, expected):
        return outputs, stats, ""
    other, other_stats = _read(engine, untouched, base, dpi, options)
    log.debug("cleaning check: cleaned %s vs untouched %s", stats, other_stats)
    if untouched_is_better(
        (stats.words, stats.mean_confidence), (other_stats.words, other_stats.mean_confidence)
    ):
        return other, other_stats, "check:untouched"
    return outputs, stats, "check:cleaned"


def process_page(ref: PageRef, options: DigitizeOptions) -> PageResult:
    """Run one page end to end; return its result, successful or not. Never raises."""
    try:
        return _process_page(ref, options)
    except DigitizeError as e:
        reason = getattr(e, "reason", None) or str(e)
        return PageResult(ref.doc_id, ref.page_no, ok=False, error=_name(ref, reason))
    except MemoryError:
        return PageResult(
            ref.doc_id,
            ref.page_no,
            ok=False,
            error=_name(ref, "không đủ bộ nhớ để xử lý trang; hãy chạy lại với ít --jobs hơn."),
        )
    except Exception as e:
        log.exception("page %d of %s failed", ref.page_no, ref.source)
        return PageResult(
            ref.doc_id,
            ref.page_no,
            ok=False,
            error=_name(
                ref,
                f"lỗi không lường trước ({type(e).__name__}: {e}); hãy gửi tệp nhật ký "
                "digitize.log cho bộ phận kỹ thuật.",
            ),
        )


def _name(ref: PageRef, reason: str) -> str:
    return f"{ref.source.name}, trang {ref.page_no}: {reason}"


def _process_page(ref: PageRef, options: DigitizeOptions) -> PageResult:
    timings: dict[str, float] = {}
    ref.work_dir.mkdir(parents=True, exist_ok=True)
    base = ref.work_dir / ref.stem
    t = time.perf_counter()
    loaded = load_page(
        ref.source,
        ref.kind,
        ref.page_no - 1,
        render_dpi=options.dpi,
        default_dpi=options.default_image_dpi,
        max_pixels=options.max_image_pixels,
        keep_text=options.existing_text is ExistingText.KEEP,
    )
    timings["rasterize"] = time.perf_counter() - t
    if loaded.method is PageMethod.TEXT_LAYER or loaded.image is None:
        text_path = base.with_name(base.name + ".txt")
        write_text_atomic(text_path, unicodedata.normalize("NFC", loaded.text))
        return PageResult(
            ref.doc_id,
            ref.page_no,
            ok=True,
            method=PageMethod.TEXT_LAYER,
            words=len(loaded.text.split()),
            text=text_path,
            timings=timings,
        )

    image = loaded.image
    t = time.perf_counter()
    rotation, skew, expected, steps = 0, 0.0, None, list[str]()
    untouched: Image.Image | None = None
    if options.preprocess:
        ocr_image, display, prepared = _preprocess(image, loaded.dpi, options)
        rotation = int(prepared.rotation)
        skew = float(prepared.skew_degrees)
        expected = prepared.expected_words
        steps = list(prepared.steps)
        untouched = prepared.untouched_image
        for step, seconds in dict(getattr(prepared, "timings", {}) or {}).items():
            timings[f"preprocess.{step}"] = float(seconds)
    else:
        ocr_image = display = image
    timings["preprocess"] = time.perf_counter() - t

    engine = get_engine(
        options.engine,
        tesseract_cmd=options.tesseract_cmd,
        memory_mb=options.tesseract_memory_mb or None,
    )
    tmp_base = ref.work_dir / f".{ref.stem}.{os.getpid()}"
    try:
        t = time.perf_counter()
        outputs, stats = _read(engine, ocr_image, tmp_base, loaded.dpi, options)
        timings["ocr"] = time.perf_counter() - t
        if untouched is not None and expected is not None:
            t = time.perf_counter()
            untouched_base = tmp_base.with_name(tmp_base.name + ".untouched")
            outputs, stats, choice = _check_cleaning(
                engine,
                untouched,
                (outputs, stats),
                base=untouched_base,
                dpi=loaded.dpi,
                expected=expected,
                options=options,
            )
            if choice:
                steps.append(choice)
                timings["ocr.check"] = time.perf_counter() - t

        t = time.perf_counter()
        if image.mode == "1" and display.mode != "1":
            # A bilevel scan stays bilevel in the PDF (8× smaller than grey); turning it
            # upright is lossless, and a deskewed copy is simply thresholded again.
            display = display.convert("L").point(lambda v: 255 if v >= 128 else 0, mode="1")
        # Untouched pixels let an original JPEG go into the PDF byte for byte.
        unchanged = (
            rotation == 0
            and abs(skew) < 1e-3
            and display.size == image.size
            and display.mode == image.mode
        )
        page_pdf = base.with_name(base.name + ".pdf")
        build_page_pdf(
            outputs.pdf,
            display,
            page_pdf,
            jpeg=loaded.jpeg if unchanged else None,
            png=loaded.png if unchanged else None,
            lossy=loaded.jpeg is not None or ref.kind is SourceKind.JPEG,
        )
        finals = {}
        for ext, produced in (("txt", outputs.txt), ("hocr", outputs.hocr)):
            final = base.with_name(f"{base.name}.{ext}")
            produced.replace(final)
            finals[ext] = final
        timings["pdf"] = time.perf_counter() - t
    finally:
        for leftover in ref.work_dir.glob(f"{tmp_base.name}.*"):
            leftover.unlink(missing_ok=True)

    width, height = display.size
    # Peak memory (MiB, Linux reports KiB) of this worker and of its Tesseract runs.
    timings["rss.worker_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timings["rss.tesseract_mb"] = max(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        tesserocr_engine.peak_rss_mb(),
    )
    if steps:
        log.info("%s p.%d preprocessing: %s", ref.source.name, ref.page_no, ",".join(steps))
    return PageResult(
        ref.doc_id,
        ref.page_no,
        ok=True,
        method=loaded.method,
        dpi=loaded.dpi,
        width=width,
        height=height,
        words=stats.words,
        mean_confidence=stats.mean_confidence,
        expected_words=expected,
        rotation=rotation,
        skew=skew,
        pdf=page_pdf,
        text=finals["txt"],
        hocr=finals["hocr"],
        preprocessing=tuple(steps),
        timings=timings,
    )
