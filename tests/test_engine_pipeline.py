"""The batch engine end to end with real Tesseract: text, searchable PDFs, catalog, CLI.

Pages are rendered here by one factory (``make_scan``): a few lines of Vietnamese
administrative text in Liberation Serif, 200 dpi, small pages so the suite stays quick.
"""

from __future__ import annotations

import sqlite3
import subprocess
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

import digitize
from digitize.cli import main as digitize_main
from digitize.exceptions import ExitCode
from digitize.models import PageMethod, State
from digitize.ocr.hocr import parse_hocr

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "QUYẾT ĐỊNH về việc ban hành quy chế làm việc",
    "của Ủy ban nhân dân tỉnh Quảng Bình năm 2015",
)
FAST = {"jobs": 2, "preprocess": False}


def page_image(n: int, *, dpi: int = 200, mode: str = "L") -> Image.Image:
    """A small page (A6-ish) with LINES and its page number, at ``dpi``."""
    scale = dpi / 200
    font = ImageFont.truetype(FONT, round(30 * scale))
    image = Image.new("L", (round(1100 * scale), round(520 * scale)), 255)
    draw = ImageDraw.Draw(image)
    for k, line in enumerate((*LINES, f"Trang số {n}")):
        draw.text((round(60 * scale), round((50 + k * 80) * scale)), line, font=font, fill=0)
    return image.convert(mode)


def make_scan(path: Path, kind: str, pages: Sequence[int] = (1,), *, dpi: int = 200) -> Path:
    """Write a scan file of ``kind`` (png, jpeg, tiff, pdf) holding the given page numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    images = [page_image(n, dpi=dpi, mode="RGB" if kind == "jpeg" else "L") for n in pages]
    first, rest = images[0], images[1:]
    if kind == "png":
        first.save(path, format="PNG", dpi=(dpi, dpi))
    elif kind == "jpeg":
        first.save(path, format="JPEG", dpi=(dpi, dpi), quality=92)
    elif kind == "tiff":
        first.save(path, format="TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi))
    elif kind == "pdf":
        first.save(path, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    else:
        raise ValueError(kind)
    return path


def expected_text(n: int) -> str:
    return "\n".join((*LINES, f"Trang số {n}"))


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate on NFC, whitespace-collapsed text."""

    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).split())

    ref, hyp = norm(reference), norm(hypothesis)
    return levenshtein(ref, hyp) / max(1, len(ref))


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
