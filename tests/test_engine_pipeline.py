"""The batch engine end to end with real Tesseract: text, searchable PDFs, catalog, CLI.

Pages come from the one factory in ``engine_scans.py``: a few lines of Vietnamese
administrative text, 200 dpi, small pages so the suite stays quick.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import digitize
from digitize.cli import main as digitize_main
from digitize.exceptions import ExitCode
from digitize.models import PageMethod, State
from digitize.ocr.hocr import parse_hocr

sys.path.insert(0, str(Path(__file__).parent))
from engine_scans import FAST, cer, expected_text, make_scan


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def clean_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, digitize.BatchResult]:
    root = tmp_path_factory.mktemp("clean")
    src = root / "scans"
    make_scan(src / "hs01" / "to-trinh.png", "png", [1])
    make_scan(src / "hs01" / "cong-van.pdf", "pdf", [1, 2])
    make_scan(src / "hs02" / "bien-ban.tif", "tiff", [1, 2])
    make_scan(src / "hs02" / "giay-moi.jpg", "jpeg", [1])
    # The same file twice in two dossiers: processed once, both paths kept.
    (src / "hs02" / "ban-sao.png").write_bytes((src / "hs01" / "to-trinh.png").read_bytes())
    result = digitize.digitize_archive(src, root / "kho", FAST)
    return root / "kho", result


@pytest.mark.tesseract
def test_clean_pages_become_text_matching_the_page(
    clean_archive: tuple[Path, digitize.BatchResult],
) -> None:
    """Every page's text is recognised (CER ≤ 2%), pages are separated by form feeds."""
    _, result = clean_archive
    assert result.ok, result.failures
    assert {d.relpath for d in result.documents} == {
        "hs01/to-trinh.png",
        "hs01/cong-van.pdf",
        "hs02/bien-ban.tif",
        "hs02/giay-moi.jpg",
    }
    for doc in result.documents:
        assert doc.state is State.DONE
        text = doc.outputs["txt"].read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text)
        pages = text.split("\f")
        assert len(pages) == len(doc.pages)
        for n, page_text in enumerate(pages, 1):
            assert cer(expected_text(n), page_text) <= 0.02, (doc.relpath, n, page_text)


@pytest.mark.tesseract
def test_searchable_pdf_text_layer_matches_ocr_text(
    clean_archive: tuple[Path, digitize.BatchResult],
) -> None:
    """pdftotext of each searchable PDF gives the OCR text (CER ≤ 1%), word spaces kept."""
    _, result = clean_archive
    for doc in result.documents:
        ocr_pages = doc.outputs["txt"].read_text("utf-8").split("\f")
        pdf_pages = pdftotext(doc.outputs["pdf"]).split("\f")[: len(ocr_pages)]
        assert len(pdf_pages) == len(ocr_pages)
        for ocr, layer in zip(ocr_pages, pdf_pages, strict=True):
            assert cer(ocr, layer) <= 0.01, (doc.relpath, ocr, layer)
            assert "Độc lập - Tự do - Hạnh phúc" in " ".join(layer.split())


@pytest.mark.tesseract
def test_scanned_pdf_pages_keep_their_image_and_dpi(
    clean_archive: tuple[Path, digitize.BatchResult],
) -> None:
    """A PDF page that is one scan is extracted at its own dpi, not re-rendered."""
    _, result = clean_archive
    doc = next(d for d in result.documents if d.relpath.endswith(".pdf"))
    assert [p.method for p in doc.pages] == [PageMethod.EXTRACTED] * 2
    assert [p.dpi for p in doc.pages] == [200, 200]
    listing = subprocess.run(
        ["pdfimages", "-list", str(doc.outputs["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listing] == [["1100", "520"]] * 2


@pytest.mark.tesseract
def test_hocr_and_alto_hold_every_page_with_words(
    clean_archive: tuple[Path, digitize.BatchResult],
) -> None:
    _, result = clean_archive
    doc = next(d for d in result.documents if d.relpath.endswith(".tif"))
    pages = parse_hocr(doc.outputs["hocr"])
    assert len(pages) == 2
    assert all(len(p.words) >= 30 for p in pages)
    alto = doc.outputs["alto"].read_text("utf-8")
    assert alto.count("<Page ") == 2
    assert 'CONTENT="CỘNG"' in alto


@pytest.mark.tesseract
def test_duplicates_are_processed_once_with_both_paths_kept(
    clean_archive: tuple[Path, digitize.BatchResult],
) -> None:
    _, result = clean_archive
    doc = next(d for d in result.documents if d.relpath == "hs01/to-trinh.png")
    assert doc.duplicates == ("hs02/ban-sao.png",)


@pytest.mark.tesseract
def test_low_dpi_scans_are_flagged_for_review(tmp_path: Path) -> None:
    """NĐ 30 asks for at least 200 dpi: a 150 dpi scan is processed but flagged."""
    make_scan(tmp_path / "src" / "a.png", "png", dpi=150)
    result = digitize.digitize_archive(tmp_path / "src", tmp_path / "kho", FAST)
    assert result.ok
    (page,) = result.documents[0].pages
    assert page.state is State.DONE
    assert any("150 dpi" in flag for flag in page.flags)


@pytest.mark.tesseract
def test_cli_run_status_verify_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """run → 0, status → 0, verify → 0; a changed output makes verify exit ARCHIVE_INVALID."""
    make_scan(tmp_path / "src" / "a.png", "png")
    kho = tmp_path / "kho"
    argv = ["run", str(tmp_path / "src"), "--out", str(kho), "--jobs", "1", "--no-preprocess"]
    assert digitize_main([*argv, "--no-progress"]) == ExitCode.OK
    assert "Hoàn tất" in capsys.readouterr().out
    assert (kho / "digitize.log").read_text("utf-8").count("run 1 finished") == 1
    assert digitize_main(["status", str(kho)]) == ExitCode.OK
    assert "xong 1" in capsys.readouterr().out
    assert digitize_main(["verify", str(kho)]) == ExitCode.OK
    txt = kho / "documents" / "a.txt"
    txt.write_text(txt.read_text("utf-8").replace("Hạnh", "Hanh"), "utf-8")
    (kho / "documents" / "a.alto.xml").unlink()
    assert digitize_main(["verify", str(kho)]) == ExitCode.ARCHIVE_INVALID
    out = capsys.readouterr().out
    assert "documents/a.txt đã bị thay đổi" in out
    assert "Thiếu tệp documents/a.alto.xml" in out
    report = digitize.verify_archive(kho)
    assert {(i.path, i.problem) for i in report.issues} == {
        ("documents/a.txt", "changed"),
        ("documents/a.alto.xml", "missing"),
    }


def test_status_and_verify_refuse_a_folder_that_is_not_an_archive(tmp_path: Path) -> None:
    assert digitize_main(["status", str(tmp_path)]) == ExitCode.ARCHIVE_INVALID
    assert digitize_main(["verify", str(tmp_path)]) == ExitCode.ARCHIVE_INVALID
    assert not (tmp_path / "catalog.sqlite").exists()


@pytest.mark.tesseract
def test_rerun_of_a_finished_archive_does_nothing(
    clean_archive: tuple[Path, digitize.BatchResult],
) -> None:
    """A second identical run finds everything done: no page redone, nothing duplicated."""
    kho, _ = clean_archive
    again = digitize.digitize_archive(kho.parent / "scans", kho, FAST)
    assert again.pages_processed == 0
    assert again.ok
    with sqlite3.connect(kho / "catalog.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 6
        assert db.execute("SELECT COUNT(*) FROM outputs").fetchone()[0] == 16
