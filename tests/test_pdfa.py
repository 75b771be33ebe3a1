"""PDF/A-2b output is checked, not just labelled: ``digitize.pdfa`` decides the structural
requirements of ISO 19005-2 level B on real pipeline outputs, finds each kind of defect
planted into an otherwise good file, and ``verify`` reports a PDF/A output that does not
conform. (No full validator such as veraPDF can be installed here; see ``digitize.pdfa``.)"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from engine_scans import FAST, cer, expected_text, make_scan

import digitize
from digitize.cli import main as digitize_main
from digitize.exceptions import ExitCode
from digitize.pdfa import check_pdfa, claims_pdfa
from digitize.verify import Problem


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def pdfa_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, digitize.BatchResult]:
    """A grey PNG, an RGB JPEG (DeviceRGB image) and a 2-page scanned PDF, output as PDF/A."""
    root = tmp_path_factory.mktemp("pdfa")
    make_scan(root / "scans" / "to-trinh.png", "png", [1])
    make_scan(root / "scans" / "giay-moi.jpg", "jpeg", [1])
    make_scan(root / "scans" / "cong-van.pdf", "pdf", [1, 2])
    result = digitize.digitize_archive(root / "scans", root / "kho", {**FAST, "output": "pdfa"})
    assert result.ok, result.failures
    return root / "kho", result


@pytest.mark.tesseract
def test_pdfa_outputs_meet_every_checked_requirement(
    pdfa_archive: tuple[Path, digitize.BatchResult],
) -> None:
    """Every output passes the checker, qpdf --check and pdffonts (all fonts embedded), and
    still gives its OCR text back to pdftotext."""
    _, result = pdfa_archive
    for doc in result.documents:
        pdf = doc.outputs["pdf"]
        report = check_pdfa(pdf)
        assert report.ok, [str(i) for i in report.issues]
        assert report.claimed == "2B"
        subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
        ocr = doc.outputs["txt"].read_text("utf-8").split("\f")
        layer = _pdftotext(pdf).split("\f")[: len(ocr)]
        for n, (text, layer_text) in enumerate(zip(ocr, layer, strict=True), 1):
            assert cer(expected_text(n), text) <= 0.02
            assert cer(text, layer_text) <= 0.01


@pytest.mark.tesseract
def test_plain_pdf_output_does_not_claim_pdfa(tmp_path: Path) -> None:
    make_scan(tmp_path / "scans" / "a.png", "png")
    result = digitize.digitize_archive(tmp_path / "scans", tmp_path / "kho", FAST)
    pdf = result.documents[0].outputs["pdf"]
    assert not claims_pdfa(pdf)
    report = check_pdfa(pdf)
    assert report.claimed == ""
    assert {i.clause for i in report.issues} >= {"6.6.4", "6.2.3"}
    assert digitize.verify_archive(tmp_path / "kho").ok  # not claimed, so not held to it


def _helvetica(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )


def _add_text(pdf: pikepdf.Pdf, mode: int) -> None:
    page = pdf.pages[0]
    page.obj.Resources.Font.Hv = _helvetica(pdf)
    draw = f"BT /Hv 12 Tf {mode} Tr 10 10 Td (Cong van so 12) Tj ET\n".encode()
    page.contents_add(pikepdf.Stream(pdf, draw))


def _set_part(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "1"


def _mismatch_title(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo.Title = "Tên khác"


def _javascript(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Dictionary(
        Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS="app.alert(1)"
    )


def _interpolate(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Resources.XObject.Scan.Interpolate = True


def _lzw(pdf: pikepdf.Pdf) -> None:
    extra = pikepdf.Stream(pdf, b"")
    lzw = b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"  # "-----A---B"
    extra.write(lzw, filter=pikepdf.Name.LZWDecode)
    pdf.Root.Extra = pdf.make_indirect(extra)


def _no_intent_rgb_and_group(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.OutputIntents
    pdf.pages[0].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency)


def _hidden_annotation(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.Annots = pikepdf.Array(
        [pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, F=2)]
    )


def _bad_blend(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Resources.ExtGState = pikepdf.Dictionary(
        G0=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Magic)
    )


def _scanner_profile(pdf: pikepdf.Pdf) -> None:
    profile = pdf.Root.OutputIntents[0].DestOutputProfile
    icc = bytearray(profile.read_bytes())
    icc[12:16] = b"scnr"  # an input (scanner) profile cannot be a PDF/A output intent
    profile.write(bytes(icc))


DEFECTS: dict[str, tuple[Callable[[pikepdf.Pdf], None], str]] = {
    "visible unembedded font": (lambda pdf: _add_text(pdf, 0), "6.2.11.4.1"),
    "wrong pdfaid part": (_set_part, "6.6.4"),
    "Info title differs from XMP": (_mismatch_title, "6.6.2.1"),
    "JavaScript action": (_javascript, "6.5.1"),
    "interpolated image": (_interpolate, "6.2.8"),
    "LZW stream": (_lzw, "6.1.7.2"),
    "no output intent": (_no_intent_rgb_and_group, "6.2.3"),
    "transparency group without CS, no intent": (_no_intent_rgb_and_group, "6.2.10"),
    "scanner ICC profile as output intent": (_scanner_profile, "6.2.3"),
    "hidden annotation": (_hidden_annotation, "6.3.2"),
    "non-standard blend mode": (_bad_blend, "6.2.10"),
}


@pytest.mark.tesseract
@pytest.mark.parametrize("defect", list(DEFECTS))
def test_each_planted_defect_is_found_with_its_clause(
    pdfa_archive: tuple[Path, digitize.BatchResult], tmp_path: Path, defect: str
) -> None:
    _, result = pdfa_archive
    good = next(d for d in result.documents if d.relpath == "giay-moi.jpg").outputs["pdf"]
    plant, clause = DEFECTS[defect]
    bad = tmp_path / "hong.pdf"
    with pikepdf.open(good) as pdf:
        plant(pdf)
        # qpdf would otherwise re-encode LZW streams with Flate on save.
        pdf.save(bad, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    report = check_pdfa(bad)
    assert clause in {i.clause for i in report.issues}, [str(i) for i in report.issues]


@pytest.mark.tesseract
def test_invisible_text_in_an_unembedded_font_is_allowed(
    pdfa_archive: tuple[Path, digitize.BatchResult], tmp_path: Path
) -> None:
    """Rendering mode 3 paints nothing, so PDF/A (and veraPDF) do not require embedding."""
    _, result = pdfa_archive
    good = result.documents[0].outputs["pdf"]
    hidden = tmp_path / "an.pdf"
    with pikepdf.open(good) as pdf:
        _add_text(pdf, 3)
        pdf.save(hidden)
    assert check_pdfa(hidden).ok


@pytest.mark.tesseract
def test_header_tail_and_encryption_defects_are_found(
    pdfa_archive: tuple[Path, digitize.BatchResult], tmp_path: Path
) -> None:
    _, result = pdfa_archive
    good = result.documents[0].outputs["pdf"]
    tail = tmp_path / "duoi.pdf"
    tail.write_bytes(good.read_bytes() + b"garbage after the end\n")
    assert "6.1.3" in {i.clause for i in check_pdfa(tail).issues}
    locked = tmp_path / "khoa.pdf"
    with pikepdf.open(good) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="chu", user=""))
    assert "6.1.3" in {i.clause for i in check_pdfa(locked).issues}
    secret = tmp_path / "mat.pdf"
    with pikepdf.open(good) as pdf:
        pdf.save(secret, encryption=pikepdf.Encryption(owner="chu", user="ban"))
    assert [i.clause for i in check_pdfa(secret).issues] == ["6.1.3"]


@pytest.mark.tesseract
def test_verify_reports_a_pdfa_output_that_does_not_conform(
    pdfa_archive: tuple[Path, digitize.BatchResult], tmp_path: Path
) -> None:
    """A kept born-digital page whose visible text uses an unembedded font breaks PDF/A:
    ``verify`` says so (with the clause and what to do) and exits ARCHIVE_INVALID."""
    _, result = pdfa_archive
    src = tmp_path / "scans"
    src.mkdir()
    with pikepdf.open(result.documents[0].outputs["pdf"]) as pdf:
        _add_text(pdf, 0)  # a born-digital text layer (Helvetica, not embedded)
        pdf.save(src / "van-ban-so.pdf")
    kho = tmp_path / "kho"
    run = digitize.digitize_archive(src, kho, {**FAST, "output": "pdfa"})
    assert run.ok
    report = digitize.verify_archive(kho)
    (issue,) = report.issues
    assert issue.problem is Problem.PDFA
    assert "6.2.11.4.1" in issue.message and "--existing-text ocr" in issue.message
    assert digitize_main(["verify", str(kho)]) == ExitCode.ARCHIVE_INVALID

    redone = tmp_path / "kho2"
    shutil.rmtree(redone, ignore_errors=True)
    digitize.digitize_archive(src, redone, {**FAST, "output": "pdfa", "existing_text": "ocr"})
    assert digitize.verify_archive(redone).ok
