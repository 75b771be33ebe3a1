"""The OCR engine protocol: one call per page yields text, word boxes and a text-only PDF."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from digitize.exceptions import BadArgumentsError

ENGINES = ("tesseract", "tesserocr")
"""Built-in engines: the ``tesseract`` CLI per page, or tesserocr with the model kept loaded."""


@dataclass(frozen=True, slots=True)
class OcrOutputs:
    """Files one OCR pass wrote for a page.

    Attributes:
        txt: plain text (UTF-8).
        hocr: hOCR (XHTML).
        pdf: a one-page PDF holding only the invisible text layer, sized like the image at
            the dpi given.
    """

    txt: Path
    hocr: Path
    pdf: Path


@runtime_checkable
class OcrEngine(Protocol):
    """Recognises one page image. Implementations must be cheap to build in each worker."""

    name: str

    def check(self, lang: str) -> str:
        """Verify the engine and ``lang`` are installed; return a version string.

        Raises MissingDependencyError naming the install command otherwise.
        """

    def recognize(
        self, image: Path, out_base: Path, *, dpi: int, lang: str, timeout: float
    ) -> OcrOutputs:
        """OCR ``image`` once, writing ``out_base`` + ``.txt/.hocr/.pdf``.

        Raises OcrError (Vietnamese message) on a crash, a timeout or missing outputs.
        """


def get_engine(
    name: str, *, tesseract_cmd: str = "tesseract", memory_mb: int | None = None
) -> OcrEngine:
    """The engine called ``name``: one of ``ENGINES`` or ``"module:factory"`` (tests, plugins).

    ``memory_mb`` caps the address space of each Tesseract process (``None``: no cap).
    """
    if name == "tesseract":
        from digitize.ocr.tesseract import TesseractEngine

        return TesseractEngine(tesseract_cmd, memory_mb=memory_mb)
    if name == "tesserocr":
        from digitize.ocr.tesserocr_engine import TesserocrEngine

        return TesserocrEngine(memory_mb=memory_mb)
    module_name, _, attr = name.partition(":")
    if not attr:
        raise BadArgumentsError(
            f"Bộ OCR không hợp lệ: {name!r}; dùng {' hoặc '.join(repr(e) for e in ENGINES)} "
            "hoặc 'module:tên_hàm'."
        )
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as e:
        raise BadArgumentsError(f"Không nạp được bộ OCR {name!r}: {e}") from e
    engine = factory()
    if not isinstance(engine, OcrEngine):
        raise BadArgumentsError(f"{name!r} không trả về một bộ OCR hợp lệ.")
    return engine
