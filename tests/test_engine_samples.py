"""The engine on the committed synthetic scans (``data/samples``, ground truth alongside).

Two degraded pages (7° skew in a colour JPEG, a bilevel TIFF scanned sideways) and the
150 dpi scan: text recovered against ground truth, searchable PDF aligned, low dpi flagged.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import digitize
from digitize.models import State
from digitize.quality import cer

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
CHOSEN = ("02-skew-jpeg", "04-sideways-tiff", "08-lowres-150dpi-png")


def _truth(dossier: Path) -> list[dict[str, str]]:
    (truth_file,) = dossier.glob("*.truth.json")
    pages: list[dict[str, str]] = json.loads(truth_file.read_text("utf-8"))["pages"]
    return pages


def _page_cer(truth: dict[str, str], text: str) -> float:
    # Tesseract may read the two header columns side by side or one after the other.
    return min(cer(truth["text"], text), cer(truth["text_rows"], text))


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> digitize.BatchResult:
    if not SAMPLES.is_dir():
        pytest.skip("data/samples is missing")
    src = tmp_path_factory.mktemp("samples") / "scans"
    for name in CHOSEN:
        shutil.copytree(SAMPLES / name, src / name, ignore=shutil.ignore_patterns("*.json"))
    return digitize.digitize_archive(src, src.parent / "kho", {"jobs": 2})


@pytest.mark.tesseract
@pytest.mark.slow
def test_degraded_samples_are_read_within_three_percent_cer(
    sample_run: digitize.BatchResult,
) -> None:
    assert sample_run.ok, sample_run.failures
    for doc in sample_run.documents:
        assert doc.state is State.DONE
        truth = _truth(SAMPLES / doc.relpath.split("/")[0])
        pages = doc.outputs["txt"].read_text("utf-8").split("\f")
        assert len(pages) == len(truth)
        for expected, text in zip(truth, pages, strict=True):
            assert _page_cer(expected, text) <= 0.03, (doc.relpath, _page_cer(expected, text))


@pytest.mark.tesseract
@pytest.mark.slow
def test_sample_pdfs_give_back_the_ocr_text(sample_run: digitize.BatchResult) -> None:
    """In content-stream order (``-raw``, as viewers copy) the layer is the OCR text.

    Plain ``pdftotext`` regroups the two header columns, so only the order differs there.
    """
    for doc in sample_run.documents:
        layer = subprocess.run(
            ["pdftotext", "-raw", str(doc.outputs["pdf"]), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert cer(doc.outputs["txt"].read_text("utf-8"), layer) <= 0.01, doc.relpath


@pytest.mark.tesseract
@pytest.mark.slow
def test_only_the_150_dpi_sample_is_flagged_for_its_resolution(
    sample_run: digitize.BatchResult,
) -> None:
    low = {
        d.relpath for d in sample_run.documents for p in d.pages if any("dpi" in f for f in p.flags)
    }
    assert low == {"08-lowres-150dpi-png/vb-08.png"}
