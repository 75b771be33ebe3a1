"""The batch engine end to end with real Tesseract: text, searchable PDFs, catalog, CLI.

Pages come from the one factory in ``engine_scans.py``: a few lines of Vietnamese
administrative text, 200 dpi, small pages so the suite stays quick.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pikepdf
import pytest
from engine_scans import FAST, cer, expected_text, make_scan, page_image
from PIL import Image

import digitize
from digitize.cli import build_parser
from digitize.cli import main as digitize_main
from digitize.discover import sniff
from digitize.exceptions import BadArgumentsError, ExitCode
from digitize.models import PageMethod, PageResult, SourceKind, State
from digitize.ocr.hocr import parse_hocr
from digitize.quality import page_flags


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
    umask = os.umask(0)
    os.umask(umask)
    for output in (kho / "documents").iterdir():  # written via temp files, not left 0600
        assert stat.S_IMODE(output.stat().st_mode) == 0o666 & ~umask, output
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


@pytest.mark.tesseract
def test_rotated_and_skewed_pages_are_recovered(tmp_path: Path) -> None:
    """Preprocessing turns 90°/180° pages upright and deskews 7°; the PDF layer stays aligned."""
    src = tmp_path / "src"
    src.mkdir()
    upright = page_image(1)
    upright.rotate(90, expand=True, fillcolor=255).save(src / "xoay90.png", dpi=(200, 200))
    upright.rotate(180, expand=True, fillcolor=255).save(src / "xoay180.png", dpi=(200, 200))
    upright.rotate(7, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC).save(
        src / "nghieng7.png", dpi=(200, 200)
    )
    result = digitize.digitize_archive(src, tmp_path / "kho", {"jobs": 2})
    assert result.ok, result.failures
    for doc in result.documents:
        text = doc.outputs["txt"].read_text("utf-8")
        assert cer(expected_text(1), text) <= 0.02, (doc.relpath, text)
        assert cer(text, pdftotext(doc.outputs["pdf"])) <= 0.01
    with sqlite3.connect(tmp_path / "kho" / "catalog.sqlite") as db:
        turned = dict(
            db.execute(
                "SELECT d.relpath, p.rotation FROM pages p JOIN documents d ON d.id = p.doc_id"
            )
        )
        skew = db.execute(
            "SELECT p.skew FROM pages p JOIN documents d ON d.id = p.doc_id "
            "WHERE d.relpath = 'nghieng7.png'"
        ).fetchone()[0]
    assert turned["xoay180.png"] == 180
    assert turned["xoay90.png"] in (90, 270)
    assert turned["nghieng7.png"] == 0
    assert 6 <= abs(skew) <= 8


@pytest.mark.tesseract
def test_pages_with_a_text_layer_keep_it_unless_ocr_is_forced(
    clean_archive: tuple[Path, digitize.BatchResult], tmp_path: Path
) -> None:
    """A searchable PDF given as input keeps its text; ``existing_text='ocr'`` redoes it."""
    _, first = clean_archive
    searchable = next(d for d in first.documents if d.relpath.endswith(".pdf")).outputs["pdf"]
    src = tmp_path / "src"
    src.mkdir()
    (src / "da-co-chu.pdf").write_bytes(searchable.read_bytes())
    kept = digitize.digitize_archive(src, tmp_path / "kho1", FAST)
    doc = kept.documents[0]
    assert [p.method for p in doc.pages] == [PageMethod.TEXT_LAYER] * 2
    assert all(p.mean_confidence is None and not p.flags for p in doc.pages)
    pages = doc.outputs["txt"].read_text("utf-8").split("\f")
    assert [cer(expected_text(n), t) <= 0.02 for n, t in enumerate(pages, 1)] == [True, True]
    # The original pages are copied, so the output stays searchable.
    assert cer(doc.outputs["txt"].read_text("utf-8"), pdftotext(doc.outputs["pdf"])) <= 0.01

    redone = digitize.digitize_archive(
        src, tmp_path / "kho2", {**FAST, "existing_text": "ocr", "dpi": 200}
    )
    doc = redone.documents[0]
    assert [p.method for p in doc.pages] == [PageMethod.RENDERED] * 2
    assert all(p.words > 30 for p in doc.pages)


@pytest.mark.tesseract
def test_pdfa_output_carries_pdfa_identification_and_output_intent(tmp_path: Path) -> None:
    """``--pdfa`` marks PDF/A-2b (XMP pdfaid, sRGB output intent); qpdf finds no damage."""
    make_scan(tmp_path / "src" / "a.png", "png")
    kho = tmp_path / "kho"
    argv = ["run", str(tmp_path / "src"), "--out", str(kho), "--pdfa", "--no-preprocess"]
    code = digitize_main([*argv, "--no-progress"])
    assert code == ExitCode.OK
    pdf_path = kho / "documents" / "a.pdf"
    subprocess.run(["qpdf", "--check", str(pdf_path)], check=True, capture_output=True)
    with pikepdf.open(pdf_path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert pdf.Root.OutputIntents[0].S == pikepdf.Name.GTS_PDFA1
        assert pdf.pdf_version == "1.7"  # NĐ 30: PDF 1.4 or later; PDF/A-2 is PDF 1.7


@pytest.mark.tesseract
def test_any_concurrent_futures_executor_can_run_the_pages(tmp_path: Path) -> None:
    """The engine accepts a caller's executor (as Dask's ``client.get_executor()`` would be)."""
    make_scan(tmp_path / "src" / "a.tif", "tiff", [1, 2])
    with ThreadPoolExecutor(max_workers=2) as pool:
        result = digitize.digitize_archive(tmp_path / "src", tmp_path / "kho", FAST, executor=pool)
        assert result.ok
        assert result.pages_done == 2
        assert pool.submit(lambda: 1).result() == 1  # a caller's executor is not shut down


def test_file_types_come_from_content_not_extension() -> None:
    assert sniff(b"%PDF-1.7\n") is SourceKind.PDF
    assert sniff(b"junk before %PDF-1.4") is SourceKind.PDF
    assert sniff(b"\xff\xd8\xff\xe0") is SourceKind.JPEG
    assert sniff(b"\x89PNG\r\n\x1a\n....") is SourceKind.PNG
    assert sniff(b"II*\x00") is SourceKind.TIFF
    assert sniff(b"MM\x00*") is SourceKind.TIFF
    assert sniff("Ghi chú".encode()) is SourceKind.UNKNOWN


def test_options_accept_a_dict_and_explain_bad_values_in_vietnamese() -> None:
    assert digitize.DigitizeOptions.resolve({"jobs": 3}).jobs == 3
    assert digitize.DigitizeOptions.resolve(None) == digitize.DigitizeOptions()
    with pytest.raises(BadArgumentsError, match="không tồn tại: jbos"):
        digitize.DigitizeOptions.resolve({"jbos": 3})
    with pytest.raises(BadArgumentsError, match="dpi phải trong khoảng"):
        digitize.DigitizeOptions(dpi=10)
    with pytest.raises(BadArgumentsError):
        digitize.DigitizeOptions(existing_text="xoá")  # type: ignore[arg-type]


def test_every_cli_run_flag_maps_to_an_option_field() -> None:
    run = next(
        a
        for a in build_parser()._subparsers._group_actions[0].choices.items()  # type: ignore[union-attr]
        if a[0] == "run"
    )[1]
    dests = {a.dest for a in run._actions} - {"help", "source", "out", "no_progress"}
    assert dests == set(digitize.DigitizeOptions.__dataclass_fields__)


@pytest.mark.parametrize(
    ("words", "conf", "expected", "dpi", "flagged"),
    [
        (200, 95.0, 210, 300, ()),
        (200, 60.0, 210, 300, ("độ tin cậy",)),
        (12, 95.0, 210, 300, ("mực in",)),  # confident but most text lost
        (200, 95.0, 210, 150, ("150 dpi",)),
        (0, None, 0, 300, ("không nhận dạng",)),
    ],
)
def test_quality_flags_low_confidence_lost_words_and_low_dpi(
    words: int, conf: float | None, expected: int, dpi: int, flagged: tuple[str, ...]
) -> None:
    result = PageResult(
        "0" * 64,
        1,
        ok=True,
        method=PageMethod.IMAGE,
        dpi=dpi,
        words=words,
        mean_confidence=conf,
        expected_words=expected,
    )
    flags = page_flags(result, digitize.DigitizeOptions())
    assert len(flags) == len(flagged)
    for flag, needle in zip(flags, flagged, strict=True):
        assert needle in flag


def test_a_missing_source_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = digitize_main(["run", str(tmp_path / "khong-co"), "--out", str(tmp_path / "kho")])
    assert code == ExitCode.INPUT_FILE
    assert "không tồn tại" in capsys.readouterr().err


def test_a_missing_tesseract_stops_the_run_with_the_install_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_scan(tmp_path / "src" / "a.png", "png")
    argv = ["run", str(tmp_path / "src"), "--out", str(tmp_path / "kho")]
    code = digitize_main([*argv, "--tesseract-cmd", str(tmp_path / "khong-co-tesseract")])
    assert code == ExitCode.MISSING_DEPENDENCY
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in capsys.readouterr().err


@pytest.mark.tesseract
def test_verify_sources_reports_a_changed_or_missing_scan(tmp_path: Path) -> None:
    make_scan(tmp_path / "src" / "a.png", "png", [1])
    make_scan(tmp_path / "src" / "b.png", "png", [2])
    kho = tmp_path / "kho"
    assert digitize.digitize_archive(tmp_path / "src", kho, FAST).ok
    assert digitize.verify_archive(kho, sources=True).ok
    make_scan(tmp_path / "src" / "a.png", "png", [3])  # rescanned over the original
    (tmp_path / "src" / "b.png").unlink()
    assert digitize.verify_archive(kho).ok  # outputs alone are intact
    assert digitize_main(["verify", str(kho), "--sources"]) == ExitCode.ARCHIVE_INVALID
    report = digitize.verify_archive(kho, sources=True)
    assert sorted((Path(i.path).name, i.problem) for i in report.issues) == [
        ("a.png", "source_changed"),
        ("b.png", "source_missing"),
    ]


@pytest.mark.tesseract
def test_untouched_png_pages_go_into_the_pdf_without_recompression(tmp_path: Path) -> None:
    """A PNG's compressed rows are copied into the PDF (lossless, no second compression)."""
    png = make_scan(tmp_path / "src" / "a.png", "png")
    result = digitize.digitize_archive(tmp_path / "src", tmp_path / "kho", FAST)
    with pikepdf.open(result.documents[0].outputs["pdf"]) as pdf:
        (image,) = pdf.pages[0].obj.Resources.XObject.values()
        assert image.DecodeParms.Predictor == 15
        assert pikepdf.PdfImage(image).as_pil_image().tobytes() == Image.open(png).tobytes()
