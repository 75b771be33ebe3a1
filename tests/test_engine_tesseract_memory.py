"""Each Tesseract process runs under its own memory cap (issue 10: Dask's memory limit
measures the worker, not its Tesseract child), and a page that exceeds it fails alone with
a Vietnamese reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_scans import dense_page

from digitize.exceptions import BadArgumentsError, OcrError
from digitize.ocr import get_engine
from digitize.options import DigitizeOptions

pytestmark = pytest.mark.tesseract


def test_a_page_over_the_cap_fails_with_a_memory_reason(tmp_path: Path) -> None:
    big = dense_page(tmp_path / "to.tif", 9000, 12000)
    engine = get_engine("tesseract", memory_mb=300)
    with pytest.raises(OcrError, match="300 MB bộ nhớ"):
        engine.recognize(big, tmp_path / "to", dpi=300, lang="vie", timeout=120)


def test_an_ordinary_page_reads_under_the_same_cap(tmp_path: Path) -> None:
    small = dense_page(tmp_path / "nho.tif", 1400, 400)
    outputs = get_engine("tesseract", memory_mb=300).recognize(
        small, tmp_path / "nho", dpi=300, lang="vie", timeout=120
    )
    assert "Quyết định" in outputs.txt.read_text(encoding="utf-8")


def test_the_cap_is_on_by_default_and_validated() -> None:
    assert DigitizeOptions().tesseract_memory_mb == 2048
    assert DigitizeOptions(tesseract_memory_mb=0).tesseract_memory_mb == 0
    with pytest.raises(BadArgumentsError, match="tesseract_memory_mb"):
        DigitizeOptions(tesseract_memory_mb=100)
