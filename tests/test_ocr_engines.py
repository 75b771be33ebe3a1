"""The tesserocr engine behaves like the tesseract CLI engine: same text, hOCR and text-only
PDF from the same pages, one model load per worker, and the same protections (a page over
its timeout or memory cap, or an unreadable page, fails alone and the next page works)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from engine_scans import FAST, cer, dense_page, expected_text, make_scan, page_image

import digitize
from digitize.cli import build_parser
from digitize.exceptions import BadArgumentsError, MissingDependencyError, OcrError
from digitize.ocr import get_engine
from digitize.ocr import tesserocr_engine as te
from digitize.ocr.hocr import parse_hocr
from digitize.options import DigitizeOptions

pytestmark = pytest.mark.tesseract


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(autouse=True)
def _stop_servers() -> object:
    yield
    te.shutdown()


def test_both_engines_read_the_same_text_hocr_and_pdf_layer(tmp_path: Path) -> None:
    """Same pages through both engines: identical text and hOCR words when both run the same
    Tesseract version, else (wheel 5.5 vs Debian 5.3 here) a CER between them ≤ 0.5%; both
    ≤ 1% from the truth, and each text-only PDF gives its text back to pdftotext."""
    pages = {}
    for n in (1, 2, 3):
        pages[n] = tmp_path / f"p{n}.tif"
        page_image(n, dpi=300).save(pages[n], format="TIFF", compression="raw")
    texts: dict[str, dict[int, str]] = {}
    words: dict[str, dict[int, list[str]]] = {}
    versions = {}
    for name in ("tesseract", "tesserocr"):
        engine = get_engine(name, memory_mb=2048)
        versions[name] = engine.check("vie")
        assert versions[name].startswith("5.")
        for n, image in pages.items():
            out = engine.recognize(
                image, tmp_path / f"{name}-{n}", dpi=300, lang="vie", timeout=120
            )
            text = out.txt.read_text("utf-8")
            texts.setdefault(name, {})[n] = text
            (hocr_page,) = parse_hocr(out.hocr)
            assert hocr_page.dpi == 300
            words.setdefault(name, {})[n] = [w.text for w in hocr_page.words]
            assert cer(expected_text(n), text) <= 0.01, (name, n, text)
            assert cer(text, _pdftotext(out.pdf)) <= 0.01, (name, n)
    same_version = versions["tesseract"] == versions["tesserocr"]
    for n in pages:
        if same_version:
            assert texts["tesseract"][n] == texts["tesserocr"][n]
            assert words["tesseract"][n] == words["tesserocr"][n]
        else:
            assert cer(texts["tesseract"][n], texts["tesserocr"][n]) <= 0.005
            assert abs(len(words["tesseract"][n]) - len(words["tesserocr"][n])) <= 1


def test_the_model_stays_loaded_across_pages_in_one_child(tmp_path: Path) -> None:
    image = tmp_path / "p.tif"
    page_image(1, dpi=300).save(image, format="TIFF", compression="raw")
    engine = get_engine("tesserocr", memory_mb=2048)
    engine.recognize(image, tmp_path / "a", dpi=300, lang="vie", timeout=120)
    first = te._current()
    assert first is not None and first.alive()
    # A new engine object (the worker builds one per page) reuses the running child.
    get_engine("tesserocr").recognize(image, tmp_path / "b", dpi=300, lang="vie", timeout=120)
    assert te._current() is not first  # a different memory cap needs a different child
    pid = te._current().proc.pid  # type: ignore[union-attr]
    get_engine("tesserocr").recognize(image, tmp_path / "c", dpi=300, lang="vie", timeout=120)
    assert te._current().proc.pid == pid  # type: ignore[union-attr]
    assert (tmp_path / "b.txt").read_text("utf-8") == (tmp_path / "c.txt").read_text("utf-8")
    # The child is never reaped between pages; its peak memory is read from /proc (the vie
    # model alone is tens of MiB).
    assert te.peak_rss_mb() > 30
    te.shutdown()
    assert te.peak_rss_mb() == 0


def test_a_page_over_its_timeout_is_stopped_and_the_next_page_works(tmp_path: Path) -> None:
    slow = dense_page(tmp_path / "day.tif", 5000, 7000)
    small = tmp_path / "nho.tif"
    page_image(1, dpi=300).save(small, format="TIFF", compression="raw")
    engine = get_engine("tesserocr", memory_mb=2048)
    engine.recognize(small, tmp_path / "warm", dpi=300, lang="vie", timeout=120)
    child = te._current().proc.pid  # type: ignore[union-attr]
    with pytest.raises(OcrError, match="không xong trang sau 1 giây"):
        engine.recognize(slow, tmp_path / "day", dpi=300, lang="vie", timeout=1)
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # the stuck child was killed and reaped, not left behind
    out = engine.recognize(small, tmp_path / "nho", dpi=300, lang="vie", timeout=120)
    assert "Độc lập" in out.txt.read_text("utf-8")


def test_a_page_over_the_memory_cap_fails_with_a_memory_reason(tmp_path: Path) -> None:
    big = dense_page(tmp_path / "to.tif", 9000, 12000)
    small = dense_page(tmp_path / "nho.tif", 1400, 400)
    engine = get_engine("tesserocr", memory_mb=300)
    with pytest.raises(OcrError, match="300 MB bộ nhớ"):
        engine.recognize(big, tmp_path / "to", dpi=300, lang="vie", timeout=120)
    out = engine.recognize(small, tmp_path / "nho", dpi=300, lang="vie", timeout=120)
    assert "Quyết định" in out.txt.read_text("utf-8")


def test_an_unreadable_page_fails_with_the_tesseract_reason(tmp_path: Path) -> None:
    bad = tmp_path / "hong.tif"
    bad.write_bytes(b"II*\x00" + b"\x00" * 64)
    with pytest.raises(OcrError, match=r"Tesseract gặp lỗi.*--retry-failed"):
        get_engine("tesserocr").recognize(bad, tmp_path / "hong", dpi=300, lang="vie", timeout=60)


def test_a_missing_language_names_the_install_command() -> None:
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-vie"):
        get_engine("tesserocr").check("khongco")


def test_pipeline_with_tesserocr_gives_a_searchable_pdf_and_fails_bad_pages_alone(
    tmp_path: Path,
) -> None:
    """A whole run on --engine tesserocr: text and PDF layer as with the CLI engine, and a
    page that exceeds the Tesseract memory cap becomes a failed item with its reason."""
    src = tmp_path / "scans"
    make_scan(src / "hs01" / "cong-van.pdf", "pdf", [1, 2])
    make_scan(src / "hs01" / "to-trinh.png", "png", [1])
    dense_page(src / "hs02" / "qua-lon.png", 9000, 12000)
    result = digitize.digitize_archive(
        src, tmp_path / "kho", {**FAST, "engine": "tesserocr", "tesseract_memory_mb": 300}
    )
    assert [(f.relpath, f.page_no) for f in result.failures] == [("hs02/qua-lon.png", 1)]
    assert "300 MB bộ nhớ" in result.failures[0].reason
    with sqlite3.connect(tmp_path / "kho" / "catalog.sqlite") as db:
        peaks = [
            json.loads(raw)["rss.tesseract_mb"]
            for (raw,) in db.execute("SELECT timings FROM pages WHERE state = 'done'")
        ]
    assert len(peaks) == 3 and min(peaks) > 30, peaks
    done = [d for d in result.documents if d.relpath.startswith("hs01/")]
    assert len(done) == 2
    for doc in done:
        ocr_pages = doc.outputs["txt"].read_text("utf-8").split("\f")
        layer_pages = _pdftotext(doc.outputs["pdf"]).split("\f")[: len(ocr_pages)]
        for n, (ocr, layer) in enumerate(zip(ocr_pages, layer_pages, strict=True), 1):
            assert cer(expected_text(n), ocr) <= 0.02, (doc.relpath, n, ocr)
            assert cer(ocr, layer) <= 0.01, (doc.relpath, ocr, layer)


def test_engine_is_chosen_by_option_and_cli_flag() -> None:
    assert DigitizeOptions().engine == "tesseract"
    assert DigitizeOptions(engine="tesserocr").engine == "tesserocr"
    assert DigitizeOptions(engine="plugins:make").engine == "plugins:make"
    with pytest.raises(BadArgumentsError, match="engine phải là tesseract, tesserocr"):
        DigitizeOptions(engine="tesserocrr")
    args = build_parser().parse_args(["run", "scans", "--out", "kho", "--engine", "tesserocr"])
    assert args.engine == "tesserocr"
